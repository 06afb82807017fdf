"""讲话要点: the chair's talking points drafted from the figures, in exact words."""

from __future__ import annotations

import io
import unicodedata

import docx
import pytest

from agenda.meetings import Meeting
from agenda.periods import Period
from agenda.scorecard import build_scorecard
from agenda.usecases import exporting, reports
from agenda.usecases.district import District
from store import Store
from store.opening import district_of
from tests.conftest import NOW, TODAY


def october(store: Store) -> tuple[District, Meeting]:
    """This month's meeting on October's figures, a good practice noted, nothing assigned."""
    meeting = store.create_meeting(Period(2026, 10), TODAY, "zhaoshang", chair="张立新")
    meeting = store.save_meeting(
        meeting.with_unit_note("achievements", "u015", "以商招商，成效明显")
    )
    return district_of(store, lambda: NOW), meeting


ACHIEVEMENTS_ZH = (
    "2026年1-10月，全区签约项目数329个，完成年度任务的81.84%，落后序时进度1.5个百分点，"
    "同比增长24.6%；签约金额789.31亿元，完成年度任务的79.73%，落后序时进度3.6个百分点，"
    "同比增长19.0%；在谈项目501个，完成年度任务的75.91%，落后序时进度7.4个百分点，"
    "同比增长17.6%；开工项目213个，完成年度任务的82.56%，落后序时进度0.8个百分点，"
    "同比增长26.0%；到位资金340.55亿元，完成年度任务的86.00%，超序时进度2.7个百分点，"
    "同比增长33.5%；实际使用外资39455.57万美元，完成年度任务的79.71%，落后序时进度3.6个"
    "百分点，同比增长16.7%；开工率64.74%，高于目标4.7个百分点，同比提高0.7个百分点；"
    "资金到位率43.15%，低于目标1.9个百分点，同比提高4.7个百分点。"
)


def test_the_talking_points_of_octobers_meeting(demo_store: Store) -> None:
    district, meeting = october(demo_store)
    text = reports.talking_points(district, meeting.id, "zh").text()
    assert text == (
        "在2026年第11次招商引资调度会上的讲话要点\n"
        "\n"
        "一、肯定成绩\n"
        f"{ACHIEVEMENTS_ZH}\n"
        "全区承担任务的36个单位中，暂无各项指标均完成年度任务的单位。从签约项目数完成情况看，"
        "乡镇（街道）中青石镇位居前列，完成年度任务的100.00%；园区中经济开发区位居前列，"
        "完成年度任务的120.00%。\n"
        "会上肯定了经济开发区的做法：以商招商，成效明显。\n"
        "\n"
        "二、认清差距\n"
        "从进度看，签约项目数有23个单位落后序时进度。乡镇（街道）中，河口乡完成率仅30.77%，"
        "落后序时进度52.6个百分点，排名末位，与前一名杨庄镇相差38.5个百分点；区直部门中，"
        "区科技局完成率仅57.14%，落后序时进度26.2个百分点，排名末位，与前一名区行政审批局相差"
        "14.3个百分点，区农业农村局、区财政局也排名靠后。\n"
        "10月份，马集镇各项指标当月均无新增，交了白卷。\n"
        "从任务落实看，截至10月31日，全区到期任务16项，按时完成11项，履约率68.75%。"
        "河口乡有承诺事项未按期完成。河口乡连续3次会议未完成承诺事项，列入约谈。"
        "河口乡对接在谈企业落实投资协议任务已结转2次，挂牌督办。\n"
        "\n"
        "三、下步安排\n"
        "本次会议尚未部署新任务。\n"
    )


def test_every_number_is_the_scorecards(demo_store: Store) -> None:
    district, meeting = october(demo_store)
    metric = next(m for m in demo_store.metrics() if m.key == "signed_projects")
    card = build_scorecard(
        metric, demo_store.units(), demo_store.figures(Period(2026, 10)), Period(2026, 10)
    )
    text = reports.talking_points(district, meeting.id, "zh").text()
    laggard = next(row for row in card.rows if row.unit_id == "u014")  # 河口乡
    assert (card.total.value, round(card.total.completion or 0, 2)) == (329, 81.84)
    assert f"全区签约项目数{card.total.value:.0f}个，完成年度任务的81.84%" in text
    assert round(laggard.completion or 0, 2) == 30.77 and round(-(laggard.pace_gap or 0), 1) == 52.6
    assert "河口乡完成率仅30.77%，落后序时进度52.6个百分点" in text


def test_in_english(demo_store: Store) -> None:
    district, meeting = october(demo_store)
    text = reports.talking_points(district, meeting.id, "en").text()
    assert text.startswith(
        "Talking points for the Investment promotion dispatch meeting, No. 11 of 2026\n\n"
        "1. Achievements\n"
        "From January to October 2026, across the district: projects signed 329, 81.84% of "
        "the annual target, 1.5 points behind pace, up 24.6% year on year; "
    )
    assert (
        "Of the 36 units carrying targets, none has yet reached every one. On projects "
        "signed, towns and sub-districts: leading 青石镇, at 100.00% of its target; parks: "
        "leading 经济开发区, at 120.00% of its target.\n"
        "Good practice noted at the meeting: 经济开发区, 以商招商，成效明显.\n"
        "\n"
        "2. Gaps\n"
        "On projects signed, 23 units are behind pace. Towns and sub-districts: 河口乡 stands "
        "at 30.77%, 52.6 points behind pace, ranked last, 38.5 points behind 杨庄镇; District "
        "departments: 区科技局 stands at 57.14%, 26.2 points behind pace, ranked last, 14.3 "
        "points behind 区行政审批局; 区农业农村局 and 区财政局 also lag.\n"
        "In October, 马集镇 added nothing on any figure: a blank month.\n"
        "On commitments: by October 31, 16 were due across the district and 11 done on time, "
        "68.75%. 河口乡 did not keep commitments on time. 河口乡 missed commitments at 3 "
        "meetings running and is called in for a talk. 河口乡's commitment to "
        "对接在谈企业落实投资协议 has been carried over 2 times and is put under supervision.\n"
        "\n"
        "3. Next steps\n"
        "No commitments have been made at this meeting yet.\n"
    ) in text


def test_the_next_steps_are_the_commitments_made(demo_store: Store) -> None:
    district = district_of(demo_store, lambda: NOW)
    points = reports.talking_points(district, "last", "zh")
    steps = points.parts[-1]
    assert steps.title == "三、下步安排"
    assert steps.paragraphs[:4] == (
        "下步，要重点抓好本次会议部署的24项任务：",
        "一是河口乡对接在谈企业落实投资协议，责任人王明亮，11月16日前完成。",
        "二是城关镇实际使用外资到位500万美元，责任人刘晓东，11月13日前完成。",
        "三是东城街道到位资金1.5亿元，按月报送进度，责任人何春梅，11月20日前完成，"
        "牵头领导王建国副区长，西城街道配合。",
    )
    assert (
        steps.paragraphs[-1] == "二十四是马集镇确保11月份有签约项目，责任人刘国平，11月18日前完成。"
    )
    english = reports.talking_points(district, "last", "en").parts[-1].paragraphs
    assert english[3] == (
        "Third, 东城街道 to 到位资金1.5亿元，按月报送进度; owner 何春梅, due November 20; "
        "lead: 王建国副区长; supported by 西城街道."
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_app_can_show_it_without_ambiguous_width_characters(
    demo_store: Store, lang: str
) -> None:
    district, meeting = october(demo_store)
    text = reports.talking_points(district, meeting.id, lang).text()
    ambiguous = {c for c in text if unicodedata.east_asian_width(c) == "A"}
    assert not ambiguous


def test_as_a_word_file(demo_store: Store) -> None:
    district, meeting = october(demo_store)
    points = reports.talking_points(district, meeting.id, "zh")
    word = docx.Document(io.BytesIO(exporting.render_talking_points(points, "docx", "zh").data))
    # Too long for one line of 2号: broken where it reads on, the lines near even.
    assert word.paragraphs[0].text == "在2026年第11次\n招商引资调度会上的讲话要点"
    headings = [p.text for p in word.paragraphs if p.style and p.style.name == "Heading 1"]
    assert headings == ["一、肯定成绩", "二、认清差距", "三、下步安排"]
    assert ACHIEVEMENTS_ZH in [p.text for p in word.paragraphs]
