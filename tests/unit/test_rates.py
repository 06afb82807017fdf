"""Rates are not amounts: worked out from sums, compared with their target in points."""

from __future__ import annotations

from datetime import date

import pytest

from agenda import phrases
from agenda.commitments import Commitment, Status
from agenda.figures import Figures
from agenda.metrics import Metric, MetricKind, RateSource, Reading, Target
from agenda.periods import Period
from agenda.review import FulfilmentBook, cutoff
from agenda.scorecard import RankBy, blank_units, build_scorecard
from agenda.units import Unit, UnitKind

OCT, SEP, LAST_OCT = Period(2026, 10), Period(2026, 9), Period(2025, 10)
SIGNED = Metric("signed", "签约项目数", "Projects signed", "个")
STARTED = Metric("started", "开工项目", "Projects started", "个")
START_RATE = Metric(
    "start_rate",
    "开工率",
    "Start rate",
    "%",
    kind=MetricKind.RATE,
    source=RateSource.RATIO,
    numerator="started",
    denominator="signed",
)
SATISFACTION = Metric("satisfaction", "满意度", "Satisfaction", "%", kind=MetricKind.RATE)
FULFILMENT = Metric(
    "fulfilment", "履约率", "Fulfilment", "%", kind=MetricKind.RATE, source=RateSource.REVIEW
)
METRICS = [SIGNED, STARTED, START_RATE, SATISFACTION, FULFILMENT]
UNITS = [
    Unit("u001", "城关镇", UnitKind.TOWN, order=1),
    Unit("u002", "河口乡", UnitKind.TOWN, order=2),
    Unit("u003", "区商务局", UnitKind.DEPARTMENT, order=3),
]


def figures() -> Figures:
    table = {
        ("u001", "signed", SEP): 8.0,
        ("u001", "signed", OCT): 10.0,
        ("u001", "started", SEP): 6.0,
        ("u001", "started", OCT): 9.0,  # 90.0%
        ("u002", "signed", SEP): 40.0,
        ("u002", "signed", OCT): 40.0,
        ("u002", "started", OCT): 1.0,  # 2.5%
        ("u003", "signed", OCT): 0.0,
        ("u003", "started", OCT): 0.0,  # 0 ÷ 0: no rate
        ("u001", "signed", LAST_OCT): 5.0,
        ("u001", "started", LAST_OCT): 2.0,  # 40.0% a year ago
        ("u003", "satisfaction", OCT): 96.5,
    }
    readings = [Reading(u, m, p, v) for (u, m, p), v in table.items()]
    targets = [Target(unit.id, "start_rate", 2026, 95.0) for unit in UNITS]
    return Figures(readings, targets)


def card_of(metric: Metric, **kwargs):
    return build_scorecard(metric, UNITS, figures(), OCT, metrics=METRICS, **kwargs)


def test_a_unit_rate_is_its_numerator_over_its_denominator() -> None:
    card = card_of(START_RATE)
    assert card.row("u001").value == pytest.approx(90.0)
    assert (card.row("u001").numerator, card.row("u001").denominator) == (9.0, 10.0)
    assert card.row("u002").value == pytest.approx(2.5)
    assert card.row("u003").value is None  # nothing signed: no rate, not 0 %


def test_the_district_rate_is_the_sum_over_the_sum_never_an_average() -> None:
    card = card_of(START_RATE)
    # (9 + 1 + 0) ÷ (10 + 40 + 0) = 20 %; the average of 90 % and 2.5 % would be 46.25 %.
    assert (card.total.numerator, card.total.denominator) == (10.0, 50.0)
    assert card.total.value == pytest.approx(20.0)
    towns = card.groups[0]
    assert towns.subtotal.value == pytest.approx(20.0)  # both are towns
    assert card.groups[1].subtotal.value is None  # 区商务局 signed nothing


def test_a_rate_is_compared_with_its_target_in_points_never_with_pace() -> None:
    card = card_of(START_RATE)
    row = card.row("u001")
    assert row.completion is None and row.pace_gap is None
    assert row.target == 95.0
    assert row.target_gap == pytest.approx(-5.0)
    assert row.lagging and not row.behind_pace
    assert phrases.against_target(row.target_gap, "zh") == "低于目标5.0个百分点"
    assert phrases.against_target(row.target_gap, "en") == "5.0 points below target"
    # The district shares its units' target.
    assert card.total.target == 95.0
    assert card.total.target_gap == pytest.approx(-75.0)
    assert card.rank_by is RankBy.VALUE
    assert [row.unit_id for row in card.lagging()] == ["u001", "u002"]


def test_a_rate_changes_by_points() -> None:
    row = card_of(START_RATE).row("u001")
    assert row.mom == pytest.approx(90.0 - 75.0)  # September: 6 of 8
    assert row.yoy == pytest.approx(90.0 - 40.0)
    assert phrases.growth(row.yoy, "zh", points=True) == "同比提高50.0个百分点"
    assert phrases.growth(row.mom, "zh", over="month", points=True) == "环比提高15.0个百分点"


def test_a_reported_percentage_forms_no_district_figure() -> None:
    card = card_of(SATISFACTION)
    assert card.row("u003").value == 96.5
    assert not card.has_total
    assert card.total.value is None and card.total.numerator is None


def test_a_unit_reporting_only_rates_is_not_blank() -> None:
    reporter = Unit("u009", "区政务服务中心", UnitKind.DEPARTMENT)
    only_rates = Figures([Reading("u009", "satisfaction", OCT, 98.0)])
    assert blank_units([reporter], only_rates, METRICS, OCT) == []
    card = build_scorecard(SATISFACTION, [reporter], only_rates, OCT, metrics=METRICS)
    assert not card.row("u009").blank


def commitment(number: int, unit: str, due: date, done: date | None, status=Status.DONE):
    item = Commitment(f"2026-09.{number}", unit, "签约", "张三", due)
    return item.mark(status, done) if done else item


def test_fulfilment_is_done_on_time_over_due_up_to_the_months_end() -> None:
    commitments = [
        commitment(1, "u001", date(2026, 10, 10), date(2026, 10, 9)),  # on time
        commitment(2, "u001", date(2026, 10, 20), date(2026, 10, 25)),  # late
        commitment(3, "u001", date(2026, 11, 15), None),  # due after October: not counted
        commitment(4, "u002", date(2026, 10, 31), date(2026, 10, 30)),  # on time
        commitment(5, "u002", date(2026, 10, 5), date(2026, 10, 5), Status.MISSED),
    ]
    book = FulfilmentBook(commitments, today=date(2026, 11, 22))
    assert book.cutoff(OCT) == date(2026, 10, 31)
    card = card_of(FULFILMENT, review=book)
    assert card.row("u001").value == pytest.approx(50.0)
    assert (card.total.numerator, card.total.denominator) == (2.0, 4.0)
    assert card.total.value == pytest.approx(50.0)
    assert card.row("u003").value is None  # nothing due: not ranked, not 0 %
    assert card.row("u003").reached is None


def test_the_cut_off_of_a_month_not_over_is_today() -> None:
    assert cutoff(Period(2026, 11), date(2026, 11, 22)) == date(2026, 11, 22)
    assert cutoff(OCT, date(2026, 11, 22)) == date(2026, 10, 31)
