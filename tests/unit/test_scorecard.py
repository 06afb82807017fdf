"""The scorecard's figures, checked against numbers worked out by hand."""

from __future__ import annotations

import pytest

from agenda.figures import Figures
from agenda.metrics import Metric, MetricKind, Reading, Target
from agenda.numbers import fmt_percent, fmt_points
from agenda.periods import Period
from agenda.scorecard import MomGap, RankBy, Share, blank_units, build_scorecard
from agenda.units import Unit

OCT = Period(2026, 10)
SEP = Period(2026, 9)
AUG = Period(2026, 8)
LAST_OCT = Period(2025, 10)

PROJECTS = Metric("signed_projects", "签约项目数", "Projects signed", "个")
AMOUNT = Metric("signed_amount", "签约金额", "Amount signed", "亿元", per="signed_projects")
START_RATE = Metric("start_rate", "开工率", "Start rate", "%", kind=MetricKind.RATE)
METRICS = [PROJECTS, AMOUNT, START_RATE]

UNITS = [
    Unit("u001", "城关镇", order=1),
    Unit("u002", "新华街道", order=2),
    Unit("u003", "区商务局", order=3),
    Unit("u004", "经开区", order=4),
    Unit("u005", "旧城镇", order=5, active=False),  # retired: never on the scorecard
    Unit("u006", "区发改局", order=6),  # active, but reported nothing
]


def _readings() -> list[Reading]:
    table = {
        # unit, metric, period: year-to-date value
        ("u001", "signed_amount", LAST_OCT): 300.0,
        ("u001", "signed_amount", AUG): 350.0,
        ("u001", "signed_amount", SEP): 380.0,
        ("u001", "signed_amount", OCT): 412.63,
        ("u001", "signed_projects", OCT): 5.0,
        ("u002", "signed_amount", AUG): 140.0,
        ("u002", "signed_amount", SEP): 150.0,
        ("u002", "signed_amount", OCT): 150.0,  # nothing added in October: 白卷
        ("u003", "signed_amount", SEP): 60.0,
        ("u003", "signed_amount", OCT): 75.0,
        ("u004", "signed_amount", SEP): 20.0,
        ("u004", "signed_amount", OCT): 50.0,
        ("u005", "signed_amount", OCT): 999.0,
        ("u001", "start_rate", LAST_OCT): 50.0,
        ("u001", "start_rate", SEP): 55.0,
        ("u001", "start_rate", OCT): 60.0,
        ("u002", "start_rate", OCT): 70.0,
    }
    return [Reading(unit, metric, period, value) for (unit, metric, period), value in table.items()]


def _targets() -> list[Target]:
    table = {"u001": 358.0, "u002": 200.0, "u003": 100.0, "u004": 100.0, "u005": 10.0}
    return [Target(unit, "signed_amount", 2026, value) for unit, value in table.items()]


@pytest.fixture
def figures() -> Figures:
    return Figures(_readings(), _targets())


@pytest.fixture
def card(figures: Figures):
    return build_scorecard(AMOUNT, UNITS, figures, OCT, metrics=METRICS)


def test_completion_of_the_annual_target_is_shown_to_two_decimals(card) -> None:
    row = card.row("u001")
    assert row.value == 412.63
    assert row.target == 358.0
    assert row.completion == pytest.approx(412.63 / 358 * 100)
    assert fmt_percent(row.completion) == "115.26%"


def test_time_progress_in_october_is_ten_twelfths(card) -> None:
    assert card.time_progress == pytest.approx(83.3333333)
    assert fmt_percent(card.time_progress) == "83.33%"
    assert fmt_percent(Period(2026, 6).time_progress) == "50.00%"


def test_points_ahead_and_behind_pace(card) -> None:
    leader = card.row("u001")
    assert leader.pace_gap == pytest.approx(115.2598 - 83.3333, abs=1e-3)
    assert fmt_points(leader.pace_gap) == "+31.9"
    assert not leader.behind_pace
    laggard = card.row("u004")
    assert laggard.pace_gap == pytest.approx(50 - 250 / 3)
    assert fmt_points(laggard.pace_gap) == "-33.3"
    assert [row.unit_id for row in card.behind_pace()] == ["u002", "u003", "u004"]


def test_competition_ranking_shares_a_rank_on_ties(card) -> None:
    assert [(row.unit_id, row.rank) for row in card.rows] == [
        ("u001", 1),
        ("u002", 2),  # 75 %
        ("u003", 2),  # 75 % too
        ("u004", 4),  # not 3: two units share the second place
        ("u006", None),  # nothing reported: unranked, last
    ]
    assert card.rank_by is RankBy.COMPLETION


def test_retired_units_are_left_off(card) -> None:
    assert card.row("u005") is None
    assert card.total.value == pytest.approx(412.63 + 150 + 75 + 50)


def test_gaps_to_leader_to_the_unit_ahead_and_lead_over_the_one_behind(card) -> None:
    leader_completion = 412.63 / 358 * 100
    first, second, third, fourth, unranked = card.rows
    assert first.gap_to_leader == 0
    assert first.gap_to_ahead is None
    assert first.lead_over_behind == pytest.approx(leader_completion - 75)
    assert second.gap_to_leader == pytest.approx(leader_completion - 75)
    assert second.gap_to_ahead == pytest.approx(leader_completion - 75)
    assert second.lead_over_behind == 0
    assert third.gap_to_ahead == 0
    assert third.lead_over_behind == pytest.approx(25)
    assert fourth.gap_to_leader == pytest.approx(leader_completion - 50)
    assert fourth.gap_to_ahead == pytest.approx(25)
    assert fourth.lead_over_behind is None
    assert unranked.gap_to_leader is None


def test_month_on_month_compares_the_months_own_values(card) -> None:
    row = card.row("u001")
    # October added 412.63 − 380 = 32.63; September added 380 − 350 = 30.
    assert row.month_value == pytest.approx(32.63)
    assert row.mom == pytest.approx((32.63 - 30) / 30 * 100)
    assert row.mom_gap is None
    # u003 first reported in September: its September figure is January to September's.
    assert card.row("u003").month_value == pytest.approx(15.0)
    assert card.row("u004").month_value == pytest.approx(30.0)
    # So October is not compared with nine months' worth: no 环比, and the reason why.
    assert (card.row("u003").mom, card.row("u003").mom_gap) == (None, MomGap.PREVIOUS_SPANS)


def test_year_on_year_compares_year_to_date(card) -> None:
    assert card.row("u001").yoy == pytest.approx((412.63 - 300) / 300 * 100)
    assert card.row("u002").yoy is None  # no reading a year ago


def test_average_project_size(card) -> None:
    assert card.row("u001").average == pytest.approx(412.63 / 5)
    assert card.row("u002").average is None  # no project count reported


def test_total_sums_amounts(card) -> None:
    total = card.total
    assert total.value == pytest.approx(687.63)
    assert total.target == pytest.approx(758.0)
    assert total.completion == pytest.approx(687.63 / 758 * 100)
    assert fmt_percent(total.completion) == "90.72%"
    assert total.pace_gap == pytest.approx(687.63 / 758 * 100 - 250 / 3)
    assert total.month_value == pytest.approx(32.63 + 0 + 15 + 30)
    # 环比 over the units whose both months are one month's own: u001 and u002 (u003 and
    # u004 first reported in September, so their September is nine months' worth).
    assert total.mom == pytest.approx((32.63 + 0 - (30 + 10)) / (30 + 10) * 100)
    # 同比 over the units reported in both years: only u001.
    assert total.yoy == pytest.approx((412.63 - 300) / 300 * 100)
    assert total.average == pytest.approx(687.63 / 5)


def test_a_rate_is_never_summed(figures: Figures) -> None:
    card = build_scorecard(START_RATE, UNITS, figures, OCT, metrics=METRICS)
    assert card.total.value is None
    assert card.total.completion is None
    row = card.row("u001")
    assert row.value == 60.0
    assert row.mom == pytest.approx(5.0)  # points, not percent
    assert row.yoy == pytest.approx(10.0)
    # No targets on the rate: ranked by the figure itself.
    assert card.rank_by is RankBy.VALUE
    assert [row.unit_id for row in card.rows[:2]] == ["u002", "u001"]


def test_blank_units_added_nothing_this_month(card, figures: Figures) -> None:
    assert [row.unit_id for row in card.blanks()] == ["u002"]
    assert card.row("u002").blank
    assert not card.row("u001").blank
    # u002 added nothing on any amount. u006 carries no amount at all (no target, no
    # reading this year): it is not judged.
    assert blank_units(UNITS, figures, METRICS, OCT) == ["u002"]
    # Once it carries a target, a month with nothing is a blank month.
    with_target = Figures(_readings(), [*_targets(), Target("u006", "signed_amount", 2026, 9.0)])
    assert blank_units(UNITS, with_target, METRICS, OCT) == ["u002", "u006"]


def test_share_of_units_at_target(card) -> None:
    # Four units carry a target; only 城关镇 has reached all of it.
    share = card.share_at_target()
    assert share == Share(reached=1, judged=4)
    assert fmt_percent(share.percent, 1) == "25.0%"


def test_shares_without_any_target_are_unknown(figures: Figures) -> None:
    card = build_scorecard(PROJECTS, UNITS, figures, OCT, metrics=METRICS)
    assert card.share_at_target() is None


def test_lower_is_better_ranks_the_smallest_first() -> None:
    metric = Metric("vacancy", "空置面积", "Vacant area", "平方米", higher_is_better=False)
    readings = [
        Reading("u001", "vacancy", OCT, 300.0),
        Reading("u002", "vacancy", OCT, 100.0),
        Reading("u003", "vacancy", OCT, 200.0),
    ]
    card = build_scorecard(metric, UNITS[:3], Figures(readings), OCT)
    assert [(row.unit_id, row.rank) for row in card.rows] == [
        ("u002", 1),
        ("u003", 2),
        ("u001", 3),
    ]
    assert card.row("u001").gap_to_leader == pytest.approx(200.0)


def test_rank_by_value_when_asked(figures: Figures) -> None:
    card = build_scorecard(AMOUNT, UNITS, figures, OCT, metrics=METRICS, rank_by=RankBy.VALUE)
    assert [row.unit_id for row in card.rows[:4]] == ["u001", "u002", "u003", "u004"]
    assert card.row("u002").gap_to_leader == pytest.approx(262.63)


def test_january_month_value_is_its_own_year_to_date() -> None:
    jan = Period(2026, 1)
    figures = Figures(
        [
            Reading("u001", "signed_amount", Period(2025, 12), 900.0),
            Reading("u001", "signed_amount", jan, 12.5),
        ]
    )
    assert figures.month_value("u001", "signed_amount", jan) == 12.5


def test_a_month_not_reported_is_bridged_by_the_last_reading() -> None:
    figures = Figures(
        [
            Reading("u001", "signed_amount", AUG, 100.0),
            # September not reported; October's year-to-date brings it up to date.
            Reading("u001", "signed_amount", OCT, 150.0),
        ]
    )
    assert figures.month_value("u001", "signed_amount", SEP) is None
    assert figures.month_value("u001", "signed_amount", OCT) == 50.0  # not 150
    # Nothing reported earlier this year: all of it is new.
    assert figures.month_value("u001", "signed_amount", AUG) == 100.0
