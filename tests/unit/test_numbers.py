"""Figures shown the way a Chinese office writes them; a missing one is a plain '-'."""

from __future__ import annotations

import pytest

from agenda.numbers import (
    MISSING,
    fmt_change,
    fmt_chinese_amount,
    fmt_fixed,
    fmt_measure,
    fmt_number,
    fmt_percent,
    fmt_points,
    measure_digits,
    round_sum,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (412.63, "412.63"),
        (12.0, "12"),
        (12.5, "12.5"),
        (1234567.891, "1,234,567.89"),
        (-0.001, "0"),
        (0, "0"),
        (None, "-"),
    ],
)
def test_fmt_number(value: float | None, expected: str) -> None:
    assert fmt_number(value) == expected


def test_fmt_percent_points_and_change() -> None:
    assert fmt_percent(412.63 / 358 * 100) == "115.26%"
    assert fmt_percent(50.0) == "50.00%"
    assert fmt_points(115.2598 - 250 / 3) == "+31.9"
    assert fmt_points(-8.3333) == "-8.3"
    assert fmt_points(0.0) == "+0.0"
    assert fmt_change(10.1) == "+10.1%"
    assert fmt_change(-4.0) == "-4.0%"


def test_missing_figures_are_a_single_cell_wide() -> None:
    assert MISSING == "-"
    for fmt in (fmt_number, fmt_percent, fmt_points, fmt_change, fmt_chinese_amount):
        assert fmt(None) == "-"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(123456789, "1.23亿"), (45600, "4.56万"), (9999, "9,999"), (-250000, "-25万"), (1e8, "1亿")],
)
def test_fmt_chinese_amount_groups_by_wan_and_yi(value: float, expected: str) -> None:
    assert fmt_chinese_amount(value) == expected


@pytest.mark.parametrize(
    ("measure", "digits"),
    [("个", 0), ("家", 0), ("亿元", 2), ("万元", 2), ("万美元", 2), ("平方米", 2), ("%", 2)],
)
def test_decimals_by_measure(measure: str, digits: int) -> None:
    assert measure_digits(measure) == digits


def test_percentages_take_the_districts_places() -> None:
    assert measure_digits("%", percent_digits=1) == 1
    assert fmt_measure(81.63, "%", percent_digits=1) == "81.6"


def test_one_column_one_number_of_places() -> None:
    # Not 1,161 / 1,393.3 / 6,313.95 in one column.
    assert [fmt_measure(v, "万美元") for v in (1161, 1393.3, 6313.95)] == [
        "1,161.00",
        "1,393.30",
        "6,313.95",
    ]
    assert [fmt_measure(v, "个") for v in (325.0, 12.0)] == ["325", "12"]


def test_rounding_is_half_up_as_an_office_rounds() -> None:
    assert fmt_fixed(1.25, 1) == "1.3"  # Python's round() says 1.2
    assert fmt_fixed(2.675, 2) == "2.68"
    assert fmt_fixed(-0.004, 2) == "0.00"
    assert fmt_points(-0.04) == "+0.0"


def test_sums_carry_no_float_noise() -> None:
    sixties = [6.6] * 60
    assert sum(sixties) != 396  # what adding them up naively leaves
    assert round_sum(sixties) == 396.0
    assert repr(round_sum([0.1, 0.2])) == "0.3"
    assert round_sum([None, None]) is None
    assert round_sum([1.0, None]) == 1.0
