"""A change too small to show reads +0.0, never -0.0 (区市场监管局's 环比 did)."""

from __future__ import annotations

from agenda.numbers import fmt_change, fmt_points


def test_no_negative_zero() -> None:
    assert fmt_change(-0.0001) == "+0.0%"
    assert fmt_points(-0.04) == "+0.0"
    assert fmt_change(-0.06) == "-0.1%"
    assert fmt_points(-3.0) == "-3.0"
