"""Ranks within groups, subtotals, and who is named as leading or lagging."""

from __future__ import annotations

from dataclasses import replace

import pytest

from agenda.figures import Figures
from agenda.groups import BY_KIND, ONE_GROUP, Grouping
from agenda.metrics import Metric, Reading, Target
from agenda.periods import Period
from agenda.scorecard import Row, blank_units, build_scorecard
from agenda.standing import leading, overall_share, overall_share_of, trailing
from agenda.units import Unit, UnitKind

OCT = Period(2026, 10)
SIGNED = Metric("signed", "签约项目数", "Projects signed", "个")
UNITS = [
    Unit("t1", "城关镇", UnitKind.TOWN, order=1),
    Unit("t2", "北山镇", UnitKind.TOWN, order=2),
    Unit("t3", "河口乡", UnitKind.TOWN, order=3),
    Unit("d1", "区商务局", UnitKind.DEPARTMENT, order=4),
    Unit("d2", "区发改局", UnitKind.DEPARTMENT, order=5),
    Unit("p1", "经济开发区", UnitKind.PARK, order=6),
]
# unit: (October year to date, annual target)
FIGURES = {"t1": (12, 12), "t2": (9, 12), "t3": (2, 12), "d1": (3, 4), "d2": (4, 4), "p1": (30, 40)}


def scorecard(grouping: Grouping = BY_KIND):
    readings = [Reading(unit, "signed", OCT, float(v)) for unit, (v, _) in FIGURES.items()]
    targets = [Target(unit, "signed", 2026, float(t)) for unit, (_, t) in FIGURES.items()]
    return build_scorecard(SIGNED, UNITS, Figures(readings, targets), OCT, grouping=grouping)


def test_units_are_ranked_within_their_kind() -> None:
    card = scorecard()
    ranks = [(g.group.name("zh"), [(r.unit_id, r.rank) for r in g.rows]) for g in card.groups]
    assert ranks == [
        ("乡镇（街道）", [("t1", 1), ("t2", 2), ("t3", 3)]),
        ("园区", [("p1", 1)]),
        ("区直部门", [("d2", 1), ("d1", 2)]),
    ]
    # The gap to the unit ahead is within the group: 河口乡 to 北山镇, 75 − 16.67 points.
    assert card.row("t3").gap_to_ahead == pytest.approx(75 - 2 / 12 * 100)


def test_each_group_has_its_subtotal_and_the_district_its_total() -> None:
    card = scorecard()
    towns, park, departments = card.groups
    assert (towns.subtotal.value, towns.subtotal.target) == (23.0, 36.0)
    assert towns.subtotal.completion == pytest.approx(23 / 36 * 100)
    assert (park.subtotal.value, departments.subtotal.value) == (30.0, 7.0)
    assert (card.total.value, card.total.target) == (60.0, 84.0)


def test_groups_can_be_merged_or_dropped() -> None:
    merged = scorecard(Grouping.parse("town+park,department"))
    assert [g.group.name("zh") for g in merged.groups] == ["乡镇（街道）、园区", "区直部门"]
    ranked = [(r.unit_id, r.rank) for r in merged.groups[0].rows]
    assert ranked == [("t1", 1), ("t2", 2), ("p1", 2), ("t3", 4)]  # 北山镇 and the park: 75 %
    one = scorecard(ONE_GROUP)
    assert len(one.groups) == 1
    assert [r.rank for r in one.rows] == [1, 1, 3, 3, 3, 6]  # 100 %, 100 %, then three at 75 %


def row(
    rank: int | None, value: float = 10.0, *, lagging: bool = False, blank: bool = False
) -> Row:
    return Row(f"u{rank}-{value}", value=value, rank=rank, lagging=lagging, blank=blank)


def test_the_top_n_of_a_group_are_named() -> None:
    rows = [row(1), row(2), row(3), row(4), row(5)]
    assert leading(rows, 3) == rows[:3]
    assert leading(rows, 1) == rows[:1]


def test_a_tie_across_the_last_place_is_named_whole_or_not_at_all() -> None:
    rows = [row(1), row(2), row(3), row(3), row(5)]
    assert leading(rows, 3) == rows[:2]  # two share third place: neither is named
    assert leading(rows, 4) == rows[:4]
    # 53 units sharing first place: nobody stands out, nobody is named.
    tied = [Row(f"u{i}", value=100.0, rank=1) for i in range(53)]
    assert leading(tied, 3) == []


def test_a_unit_with_nothing_is_never_named_leading() -> None:
    rows = [row(1, 0.0), row(1, 0.0), row(3, 0.0)]
    assert leading(rows, 3) == []
    rows = [row(1, 5.0), row(2, 0.0), row(3, 0.0)]
    assert leading(rows, 3) == rows[:1]
    assert leading([row(1), row(None, None)], 3) == []  # type: ignore[arg-type]


def test_a_lagging_or_blank_unit_is_never_named_leading() -> None:
    rows = [row(1, lagging=True), row(2), row(3), row(4)]
    assert leading(rows, 3) == []  # the top of the group is behind pace: no praise
    rows = [row(1), row(2, blank=True), row(3), row(4)]
    assert leading(rows, 3) == rows[:1]


def test_never_the_whole_group() -> None:
    two = [row(1), row(2)]
    assert leading(two, 3) == two[:1]
    assert leading([row(1)], 3) == []
    assert trailing([row(1, lagging=True)], 3) == []


def test_the_bottom_n_of_those_lagging_are_named_worst_first() -> None:
    rows = [row(1), row(2), row(3, lagging=True), row(4, lagging=True), row(5, 0.0, lagging=True)]
    assert trailing(rows, 3) == [rows[4], rows[3], rows[2]]
    assert trailing(rows, 2) == [rows[4], rows[3]]
    tied = [row(1), row(2), row(3, lagging=True), row(3, lagging=True), row(5, 0.0, lagging=True)]
    assert trailing(tied, 2) == [tied[4]]  # the two tied fourth-from-bottom: neither
    assert trailing([row(1), row(2), row(3)], 3) == []  # nobody behind: nobody named


def test_named_in_a_real_scorecard() -> None:
    card = scorecard()
    towns, park, _departments = card.groups
    assert [r.unit_id for r in leading(towns.rows, 3)] == ["t1"]  # 北山镇 is behind pace
    assert [r.unit_id for r in trailing(towns.rows, 3)] == ["t3", "t2"]
    assert leading(park.rows, 3) == []  # a group of one names nobody


def test_share_at_target_per_metric_and_overall() -> None:
    card = scorecard()
    share = card.share_at_target()
    assert (share.reached, share.judged) == (2, 6)
    assert f"{share.percent:.1f}%" == "33.3%"
    towns = card.share_at_target(card.groups[0].rows)
    assert (towns.reached, towns.judged) == (1, 3)
    other = Metric("funds", "到位资金", "Funds", "亿元")
    funds = build_scorecard(
        other,
        UNITS,
        Figures(
            [Reading("t1", "funds", OCT, 1.0)],
            [Target("t1", "funds", 2026, 2.0), Target("t2", "funds", 2026, 1.0)],
        ),
        OCT,
    )
    # t1 reached 签约项目数 but not 到位资金; 区发改局 reached the only one it carries.
    overall = overall_share([card, funds])
    assert (overall.reached, overall.judged) == (1, 6)
    assert overall_share([]) is None


def test_for_a_ceiling_zero_is_the_best_and_adding_to_it_is_no_work() -> None:
    # 停缓建项目: lower is better. No stalled project is worth naming.
    best = [row(1, 0.0), row(2, 1.0), row(3, 2.0), row(4, 5.0)]
    assert leading(best, 2, higher_is_better=False) == best[:2]
    stalled = Metric("stalled", "停缓建项目", "Stalled", "个", higher_is_better=False)
    readings = [
        Reading("t1", "stalled", Period(2026, 9), 1.0),
        Reading("t1", "stalled", OCT, 2.0),  # more stalled projects: not a month's work
    ]
    carries = Figures(readings, [Target("t1", "signed", 2026, 12.0)])
    assert blank_units(UNITS[:1], carries, [SIGNED, stalled], OCT) == ["t1"]
    card = build_scorecard(
        stalled, UNITS[:3], Figures(readings, [Target("t1", "stalled", 2026, 2.0)]), OCT
    )
    row_ = card.row("t1")
    # 2 of a ceiling of 2 = 100 % of it by October (83.33 %): over pace, not at target yet
    # judged within it (2 ≤ 2).
    assert row_.pace_gap == pytest.approx(100 - 250 / 3)
    assert row_.lagging and row_.reached


@pytest.mark.parametrize("grouping", [BY_KIND, ONE_GROUP])
def test_share_at_target_without_scorecards_is_the_share_of_the_scorecards(
    grouping: Grouping,
) -> None:
    """The achievements heading's share, worked out from the figures alone, is what the
    scorecards of every amount give: the demo's months, its units with one laid off, a
    ceiling and a rate among its metrics (a rate never counts)."""
    from datetime import date

    from agenda.demo import build_demo

    demo = build_demo(date(2026, 11, 22))
    units = [*demo.units[:-1], replace(demo.units[-1], active=False)]
    figures = Figures(demo.readings, demo.targets)
    stalled = Metric("stalled", "停缓建项目", "Stalled", "个", higher_is_better=False)
    ceiling = [Target(u.id, "stalled", 2026, 1.0) for u in units[::2]]
    ceiling_figures = Figures(
        [
            *demo.readings,
            *(Reading(u.id, "stalled", OCT, float(n % 3)) for n, u in enumerate(units)),
        ],
        [*demo.targets, *ceiling],
    )
    assert any(not m.summable for m in demo.metrics)
    checked = 0
    for metrics, known in ((demo.metrics, figures), ([*demo.metrics, stalled], ceiling_figures)):
        for period in (demo.latest, demo.latest.previous(), OCT, Period(2026, 1)):
            cards = [
                build_scorecard(m, units, known, period, metrics=metrics, grouping=grouping)
                for m in metrics
                if m.summable
            ]
            expected = overall_share(cards)
            got = overall_share_of(metrics, units, known, period, grouping=grouping)
            assert got == expected
            checked += expected is not None
    assert checked  # some month where units carry targets
