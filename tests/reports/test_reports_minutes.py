"""The minutes (会议纪要): prose the office sends as it is, in the demo's exact words."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import pytest

from agenda.commitments import Commitment
from agenda.meetings import Attendance, Meeting
from agenda.periods import Period
from agenda.reports.markdown import render_markdown
from agenda.reports.minutes import build_minutes
from agenda.reports.word import render_docx
from agenda.templates import builtin_template
from agenda.usecases import reports
from agenda.usecases.district import District
from store import Store
from store.opening import district_of
from tests.conftest import NOW

LAST = "2026-09.1"  # the demo's last meeting, held 2026-10-25: 2026年第10次
OLDER = "2026-08.1"  # 第9次: a deputy named, 河口乡 missed and carried over
SPECIAL = "2026-07.2"  # 第8次: the 专题调度会 on 要素保障, with the chair's remarks


def office(store: Store, **settings: object) -> District:
    store.save_settings(district="楼区", issuer="楼区招商引资工作领导小组办公室", **settings)
    return district_of(store, lambda: NOW)


def minutes_text(store: Store, meeting_id: str, lang: str | None = None) -> str:
    return render_markdown(reports.minutes(office(store), meeting_id, lang))


def test_the_minutes_say_who_was_there_in_the_offices_words(demo_store: Store) -> None:
    text = minutes_text(demo_store, LAST)
    assert text.startswith(
        "# 楼区2026年第10次招商引资调度会会议纪要\n\n"
        "**时间：**2026年10月25日 9:00-9:58\n\n"
        "**地点：**区政府三楼会议室\n\n"
        "**主持人：**张立新\n\n"
        "**出席：**城关镇、东城街道、西城街道、南湖街道、新安街道、北山镇、青石镇、柳林镇、白沙镇、"
        "金桥镇、龙泉镇、杨庄镇、马集镇、河口乡、经济开发区、高新技术产业园、区发改局、区商务局、"
        "区工信局、区财政局、区自然资源局、区住建局、区农业农村局、区文旅局、区科技局、"
        "区市场监管局、区人社局、区交通运输局、区生态环境局、区卫健局、区教体局、区城管局、"
        "区投促中心、区行政审批局\n\n"
        "**列席：**周春梅（区委督查室副主任）、孙明亮（区融媒体中心记者）\n\n"
        "**请假：**区水利局（参加市水利工作会议）\n\n"
        "**缺席：**区应急局\n\n"
        "**记录：**李晓东\n\n"
        "2026年10月25日，张立新同志在区政府三楼会议室主持召开2026年第10次招商引资调度会。"
        "现将会议议定事项纪要如下：\n\n"
    )
    older = minutes_text(demo_store, OLDER)
    assert "河口乡（副乡长刘振华代）" in older


def test_the_minutes_heard_noted_and_required_in_prose(demo_store: Store) -> None:
    text = minutes_text(demo_store, LAST)
    assert (
        "**会议听取了**城关镇、西城街道、新安街道、青石镇、白沙镇、龙泉镇、马集镇、河口乡、"
        "经济开发区、区商务局关于前期部署任务落实情况的汇报。\n\n"
        "上述任务共10项，其中已完成7项（城关镇、西城街道、新安街道、白沙镇、龙泉镇、马集镇、"
        "区商务局），部分完成2项（青石镇、经济开发区），未完成1项（河口乡）；"
        "结转1项：河口乡（完成时限延至2026年11月16日）。\n\n"
        "**会议指出，**2026年1-9月，全区签约项目数299个，完成年度任务的74.38%，"
        "落后序时进度0.6个百分点，同比增长26.2%；签约金额713.46亿元，"
    ) in text
    assert (
        "全区承担任务的36个单位中，暂无各项指标均完成年度任务的单位。从签约项目数完成情况看，"
        "乡镇（街道）中青石镇、南湖街道位居前列，青石镇完成年度任务的92.31%；"
        "园区中经济开发区位居前列，完成年度任务的115.00%。\n\n"
        "**会议同时指出，**从进度看，签约项目数有26个单位落后序时进度。乡镇（街道）中，"
        "河口乡完成率仅23.08%，落后序时进度51.9个百分点，排名末位，与前一名杨庄镇相差"
        "30.8个百分点，杨庄镇、金桥镇也排名靠后。\n\n"
        "从任务落实看，截至9月30日，全区到期任务6项，按时完成4项，履约率66.67%。"
        "河口乡有承诺事项未按期完成。河口乡连续2次会议未完成承诺事项，列入约谈。"
        "河口乡对接在谈企业落实投资协议任务已结转2次，挂牌督办。\n\n"
        "河口乡连续两月进度滞后，会后约谈。\n\n"
        "**会议要求，**各责任单位对照以下任务抓好落实，按时限办结：\n\n"
        "1．对接在谈企业落实投资协议（前期任务结转）。责任单位：河口乡；责任人：王明亮；"
        "完成时限：2026年11月16日。\n\n"
        "2．实际使用外资到位500万美元。责任单位：城关镇；责任人：刘晓东；"
        "完成时限：2026年11月13日。\n\n"
        "3．到位资金1.5亿元，按月报送进度。责任单位：东城街道；责任人：何春梅；"
        "完成时限：2026年11月20日；牵头领导：王建国副区长；配合单位：西城街道。\n\n"
    ) in text
    assert text.rstrip().endswith("楼区招商引资工作领导小组办公室\n\n2026年10月25日")


def test_no_internal_ids_and_nothing_empty(demo_store: Store) -> None:
    text = minutes_text(demo_store, LAST)
    ids = {c.id for c in demo_store.commitments(include_archive=True)}
    ids |= {m.id for m in demo_store.meetings(include_archive=True)}
    assert not [i for i in ids if i in text]
    assert "（无记录）" not in text and "u0" not in text
    # A meeting with nothing recorded says who was there and nothing else.
    bare = Meeting("2026-10.1", Period(2026, 10), date(2026, 11, 20), "zhaoshang", nth_in_year=11)
    empty = render_markdown(build_minutes(bare, builtin_template("zhaoshang"), [], []))
    assert "会议听取了" not in empty and "会议要求" not in empty and "会议指出" not in empty
    assert "主持人" not in empty and "地点" not in empty


def test_the_special_meetings_minutes(demo_store: Store) -> None:
    text = minutes_text(demo_store, SPECIAL)
    assert text.startswith("# 楼区2026年第8次重点项目要素保障专题调度会会议纪要\n\n")
    assert (
        "**出席：**经济开发区、高新技术产业园、区自然资源局、区住建局、区行政审批局\n\n"
    ) in text
    assert (
        "1．完成重点项目用地报批。责任单位：区自然资源局；责任人：何红军；完成时限："
        "2026年9月18日；牵头领导：王建国副区长；配合单位：区住建局、区行政审批局。\n\n"
    ) in text
    # The chair's remarks: each paragraph of the note a paragraph of the minutes.
    assert (
        "**会议强调：**\n\n"
        "一、要素保障是项目落地的前提。各责任单位要对照清单逐项销号，不能等、不能拖。\n\n"
        "二、自然资源、住建、行政审批部门要联合办公，一周一碰头，问题不过夜。\n\n"
        "三、区委督查室要跟踪问效，对推进不力的单位按程序约谈。\n\n"
    ) in text


def test_the_chairs_remarks_are_kept_as_paragraphs(demo_store: Store) -> None:
    meeting = demo_store.meeting(LAST)
    assert meeting is not None
    remarks = "一、要素保障是前提。\n\n\u3000\u3000二、联合办公。\r\n三、跟踪问效。\n"
    noted = meeting.with_note("closing-remarks", remarks)
    text = render_markdown(
        build_minutes(noted, builtin_template("zhaoshang"), demo_store.units(), [])
    )
    assert ("**会议强调：**\n\n一、要素保障是前提。\n\n二、联合办公。\n\n三、跟踪问效。\n") in text


def test_problems_unit_notes_and_absences(demo_store: Store) -> None:
    meeting = demo_store.meeting(LAST)
    assert meeting is not None
    noted: Meeting = (
        meeting.with_problems("u014", ("思想不够主动", "项目质量不高"))
        .with_unit_note("gaps", "u013", "马集镇：本月无新增，已约谈")
        .with_attendance("u014", Attendance.ABSENT)
    )
    text = render_markdown(
        build_minutes(noted, builtin_template("zhaoshang"), demo_store.units(), [])
    )
    assert "**会议同时指出，**存在的主要问题：河口乡（思想不够主动、项目质量不高）。" in text
    assert "马集镇：马集镇：本月无新增，已约谈。" in text
    assert "**缺席：**河口乡、区应急局\n\n" in text
    english = render_markdown(
        build_minutes(noted, builtin_template("zhaoshang"), demo_store.units(), [], lang="en")
    )
    assert "Problems named: 河口乡 (Not proactive enough, Low project quality)." in english


def test_minutes_follow_an_english_template(demo_store: Store) -> None:
    meeting = demo_store.meeting(LAST)
    assert meeting is not None
    english = replace(meeting, template="monthly-review", notes={"gaps-table": "Two behind."})
    text = render_markdown(
        build_minutes(
            english,
            builtin_template("monthly-review"),
            demo_store.units(),
            demo_store.commitments(include_archive=True),
        )
    )
    assert text.startswith("# Minutes of the Monthly review meeting, No. 10 of 2026\n\n")
    assert "**Chair:** 张立新" in text
    assert "**Excused:** 区水利局 (参加市水利工作会议)" in text
    assert (
        "Of these 10 commitments, 7 done (城关镇, 西城街道, 新安街道, 白沙镇, 龙泉镇, 马集镇, "
        "区商务局); 2 partly done (青石镇, 经济开发区); 1 missed (河口乡); 1 carried over: "
        "河口乡 (now due 16 November 2026)."
    ) in text
    assert "**The meeting also noted:** Two behind." in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_meeting_not_closed_is_a_draft(lang: str) -> None:
    bare = Meeting("2026-10.1", Period(2026, 10), date(2026, 11, 20), "zhaoshang")
    text = render_markdown(build_minutes(bare, builtin_template("zhaoshang"), [], [], lang=lang))
    draft = "（草稿：会议尚未结束）" if lang == "zh" else "(Draft: the meeting is not closed yet)"
    assert text.splitlines()[2] == draft
    assert ("**时间：**2026年11月20日" if lang == "zh" else "**Time:** 20 November 2026") in text


def test_typed_text_stays_one_paragraph(demo_store: Store) -> None:
    meeting = demo_store.meeting(LAST)
    assert meeting is not None
    tricky = Commitment(
        id="2026-09.99",
        unit_id="u001",
        text="签约 | 开工\n[/oops] **粗**",
        owner="王 | 五",
        due=date(2026, 12, 1),
        meeting_id=meeting.id,
        nth_in_meeting=25,
    )
    text = render_markdown(
        build_minutes(meeting, builtin_template("zhaoshang"), demo_store.units(), [tricky])
    )
    assert (
        "25．签约 | 开工 [/oops] **粗**。责任单位：城关镇；责任人：王 | 五；"
        "完成时限：2026年12月1日。\n"
    ) in text


def test_word_minutes_are_prose_with_leads_in_heiti(demo_store: Store) -> None:
    document = reports.minutes(office(demo_store), LAST)
    word = docx.Document(io.BytesIO(render_docx(document)))
    assert word.paragraphs[0].text == "楼区2026年第10次招商引资调度会会议纪要"
    assert word.paragraphs[0].style is not None and word.paragraphs[0].style.name == "Title"
    assert not word.tables
    led = next(p for p in word.paragraphs if p.text.startswith("会议指出，"))
    lead = led.runs[0]
    assert lead.text == "会议指出，"
    fonts = lead._r.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        "黑体"
    )
