"""Figures shown the way a Chinese office writes them; a missing one is a plain '-'."""

from __future__ import annotations

import pytest

from agenda.numbers import (
    MISSING,
    fmt_change,
    fmt_chinese_amount,
    fmt_number,
    fmt_percent,
    fmt_points,
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
