"""The minutes (会议纪要): what they say, as Markdown and as a Word document."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import pytest

from agenda.commitments import Commitment
from agenda.meetings import Attendance, Meeting
from agenda.reports.document import Document
from agenda.reports.markdown import render_markdown
from agenda.reports.minutes import build_minutes
from agenda.reports.word import render_docx
from agenda.templates import builtin_template
from store import Store

LAST = "2026-09.1"  # the demo's last meeting, held 2026-10-25


def minutes_of(store: Store, meeting_id: str, lang: str | None = None) -> Document:
    meeting = store.meeting(meeting_id)
    assert meeting is not None
    return build_minutes(
        meeting,
        builtin_template(meeting.template),
        store.units(),
        store.commitments(include_archive=True),
        store.metrics(),
        lang=lang,
    )


def test_markdown_minutes_carry_the_facts_attendance_review_and_new_commitments(
    demo_store: Store,
) -> None:
    text = render_markdown(minutes_of(demo_store, LAST))

    assert text.startswith("# 2026年9月招商引资调度会会议纪要\n\n会议日期：2026-10-25\n")
    assert "会议时间：09:00–09:58" in text
    assert "主持人：张立新" in text and "记录人：李晓东" in text
    assert "- 请假（1）：区水利局" in text
    assert "- 缺席（1）：区应急局" in text
    assert "出席（34）：城关镇、东城街道" in text
    # The review as recorded at this meeting: 10 items, the laggard's missed and carried.
    assert "共10项：已完成7项，部分完成2项，未完成1项；结转1项。" in text
    assert (
        "| 河口乡 | 对接在谈企业落实投资协议 | 王明亮 | 2026-10-20 | 未完成 | "
        "项目方暂缓；结转至2026-09.1（2026-11-16） |"
    ) in text
    # The gaps section's note, and the new commitments with quantity and metric.
    assert "## 三、认清差距\n\n河口乡连续两月进度滞后，会后约谈。" in text
    assert (
        "| 2026-09.2 | 城关镇 | 实际使用外资到位500万美元 | 刘晓东 | 2026-11-13 | 500 "
        "| 实际使用外资（万美元） |  |"
    ) in text
    assert "| 2026-09.1 | 河口乡 | 对接在谈企业落实投资协议 | 王明亮 | 2026-11-16 | 1 |" in text
    assert "结转自2026-08.9" in text
    assert "## 二、肯定成绩\n\n（无记录）" in text


def test_word_minutes_have_headings_and_tables(demo_store: Store) -> None:
    word = docx.Document(io.BytesIO(render_docx(minutes_of(demo_store, LAST))))

    styled = [(p.style.name, p.text) for p in word.paragraphs if p.style is not None]
    assert ("Title", "2026年9月招商引资调度会会议纪要") in styled
    assert [text for style, text in styled if style == "Heading 1"] == [
        "出席情况",
        "一、回头看",
        "二、肯定成绩",
        "三、认清差距",
        "四、安排部署",
    ]
    review, assignments = word.tables
    assert [c.text for c in review.rows[0].cells] == [
        "单位",
        "任务",
        "责任人",
        "完成时限",
        "落实情况",
        "说明",
    ]
    assert len(review.rows) == 1 + 10
    laggard = next(row for row in review.rows if row.cells[0].text == "河口乡")
    assert laggard.cells[4].text == "未完成"
    assert len(assignments.rows) == 1 + 24
    assert [c.text for c in assignments.rows[1].cells][:6] == [
        "2026-09.2",
        "城关镇",
        "实际使用外资到位500万美元",
        "刘晓东",
        "2026-11-13",
        "500",
    ]


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
            demo_store.metrics(),
        )
    )
    assert text.startswith("# Minutes: Monthly review meeting, September 2026\n")
    assert "Chair: 张立新" in text
    assert "- Excused (1): 区水利局" in text
    assert "## 1. Action items from last month" in text
    assert "10 items: 7 done, 2 partly done, 1 missed; 1 carried over." in text
    assert "## 3. Gaps and problems\n\nTwo behind." in text


def test_user_text_cannot_break_the_markdown_table(demo_store: Store) -> None:
    meeting = demo_store.meeting(LAST)
    assert meeting is not None
    tricky = Commitment(
        id="2026-09.99",
        unit_id="u001",
        text="签约 | 开工\n[/oops] **粗**",
        owner="王 | 五",
        due=date(2026, 12, 1),
        meeting_id=meeting.id,
    )
    document = build_minutes(
        meeting, builtin_template("zhaoshang"), demo_store.units(), [tricky], []
    )
    line = next(x for x in render_markdown(document).splitlines() if "2026-09.99" in x)
    assert line == (
        "| 2026-09.99 | 城关镇 | 签约 \\| 开工 [/oops] **粗** | 王 \\| 五 | 2026-12-01 | — |  |  |"
    )


def test_problems_and_unit_notes_are_in_their_section(demo_store: Store) -> None:
    meeting = demo_store.meeting(LAST)
    assert meeting is not None
    noted: Meeting = (
        meeting.with_problems("u014", ("思想不够主动", "项目质量不高"))
        .with_unit_note("achievements", "u015", "以商招商，成效明显")
        .with_attendance("u014", Attendance.ABSENT)
    )
    document = build_minutes(noted, builtin_template("zhaoshang"), demo_store.units(), [], [])
    text = render_markdown(document)
    assert "### 单位情况\n\n- 经济开发区：以商招商，成效明显" in text
    assert "### 存在问题\n\n- 河口乡：思想不够主动、项目质量不高" in text
    assert "- 缺席（2）：河口乡、区应急局" in text
    assert "本次会议无到期任务。" in text and "本次会议未部署新任务。" in text
    english = render_markdown(
        build_minutes(noted, builtin_template("zhaoshang"), demo_store.units(), [], [], lang="en")
    )
    assert "- 河口乡: Not proactive enough, Low project quality" in english


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_meeting_with_no_times_or_people_still_makes_minutes(lang: str) -> None:
    from agenda.periods import Period

    bare = Meeting("2026-10.1", Period(2026, 10), date(2026, 11, 20), "zhaoshang")
    text = render_markdown(
        build_minutes(bare, builtin_template("zhaoshang"), [], [], [], lang=lang)
    )
    assert ("会议日期：2026-11-20" if lang == "zh" else "Date: 2026-11-20") in text
    assert "主持人" not in text and "Chair" not in text
    # Not closed yet: the minutes say they are a draft, right under the title.
    draft = "（草稿：会议尚未结束）" if lang == "zh" else "(Draft: the meeting is not closed yet)"
    assert text.splitlines()[2] == draft


def test_the_achievements_say_how_many_units_reached_their_targets(demo_store: Store) -> None:
    from agenda.periods import Period
    from agenda.settings import Settings

    meeting = demo_store.meeting(LAST)
    assert meeting is not None and meeting.period == Period(2026, 9)
    document = build_minutes(
        meeting,
        builtin_template(meeting.template),
        demo_store.units(),
        demo_store.commitments(include_archive=True),
        demo_store.metrics(),
        figures=demo_store.figures(meeting.period),
        settings=Settings(level="县"),
    )
    text = render_markdown(document)
    assert (
        "## 二、肯定成绩\n\n### 目标完成情况\n\n"
        "- 全县承担任务的36个单位中，暂无各项指标均完成年度任务的单位。\n"
        "- 签约项目数：承担任务的36个单位中，1个已完成年度任务，占2.8%；26个落后序时进度。\n"
    ) in text
    assert "- 在谈项目：承担任务的36个单位均未完成年度任务；32个落后序时进度。" in text
    assert "- 开工率：36个单位中，20个达到目标，占55.6%；16个未达到目标。" in text
    assert "（无记录）" not in text.split("## 三、")[0].split("## 二、")[1]


def test_the_chairs_remarks_are_kept_as_paragraphs(demo_store: Store) -> None:
    meeting = demo_store.meeting(LAST)
    assert meeting is not None
    remarks = "一、要素保障是前提。\n\n\u3000\u3000二、联合办公。\r\n三、跟踪问效。\n"
    noted = meeting.with_note("closing-remarks", remarks)
    text = render_markdown(
        build_minutes(noted, builtin_template("zhaoshang"), demo_store.units(), [], [])
    )
    assert (
        "### 主要领导讲话\n\n一、要素保障是前提。\n\n二、联合办公。\n\n三、跟踪问效。\n\n"
    ) in text
