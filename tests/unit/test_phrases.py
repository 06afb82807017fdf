"""How a 通报 says a figure, word for word, in both languages."""

from __future__ import annotations

import pytest

from agenda import phrases


@pytest.mark.parametrize(
    ("difference", "zh", "en"),
    [
        (-2.5, "落后序时进度2.5个百分点", "2.5 points behind pace"),
        (9.2, "超序时进度9.2个百分点", "9.2 points ahead of pace"),
        (36.6667, "超序时进度36.7个百分点", "36.7 points ahead of pace"),
        (0.0, "与序时进度持平", "on pace"),
        (-0.04, "与序时进度持平", "on pace"),  # rounds to nothing: never "-0.0"
    ],
)
def test_pace(difference: float, zh: str, en: str) -> None:
    assert phrases.pace(difference, "zh") == zh
    assert phrases.pace(difference, "en") == en


def test_pace_of_a_ceiling_is_said_as_a_fact() -> None:
    # Lower is better: over the time's share of a ceiling is bad, and "超" would praise it.
    assert phrases.pace(8.3, "zh", higher_is_better=False) == "高于序时进度8.3个百分点"
    assert phrases.pace(-41.7, "zh", higher_is_better=False) == "低于序时进度41.7个百分点"
    assert phrases.pace(-41.7, "en", higher_is_better=False) == "41.7 points below pace"
    assert phrases.pace(None, "zh") == ""


@pytest.mark.parametrize(
    ("change", "over", "points", "zh", "en"),
    [
        (43.75, "year", False, "同比增长43.8%", "up 43.8% year on year"),
        (-4.0, "year", False, "同比下降4.0%", "down 4.0% year on year"),
        (0.01, "year", False, "与上年同期持平", "level with a year earlier"),
        (-33.33, "month", False, "环比下降33.3%", "down 33.3% on the month before"),
        (0.0, "month", False, "与上月持平", "level with the month before"),
        (2.0, "year", True, "同比提高2.0个百分点", "up 2.0 points year on year"),
        (-1.25, "month", True, "环比降低1.3个百分点", "down 1.3 points on the month before"),
        (0.0, "month", True, "与上月持平", "level with the month before"),
    ],
)
def test_growth(change: float, over: str, points: bool, zh: str, en: str) -> None:
    assert phrases.growth(change, "zh", over=over, points=points) == zh  # type: ignore[arg-type]
    assert phrases.growth(change, "en", over=over, points=points) == en  # type: ignore[arg-type]
    assert phrases.growth(None, "zh") == ""


def test_against_target() -> None:
    assert phrases.against_target(-5.0, "zh") == "低于目标5.0个百分点"
    assert phrases.against_target(4.74, "zh") == "高于目标4.7个百分点"
    assert phrases.against_target(0.02, "zh") == "与目标持平"
    assert phrases.against_target(4.74, "en") == "4.7 points above target"


@pytest.mark.parametrize(
    ("value", "measure", "zh", "en"),
    [
        (325.0, "个", "325个", "325"),
        (792.55, "亿元", "792.55亿元", "792.55 100M yuan"),
        (396.0, "亿元", "396.00亿元", "396.00 100M yuan"),
        (1393.3, "万美元", "1393.30万美元", "1,393.30 10k USD"),
        (6313.95, "万元", "6313.95万元", "6,313.95 10k yuan"),
        (48.0, "%", "48.00%", "48.00%"),
        (12.0, "平方米", "12.00平方米", "12.00 sq m"),
        (None, "个", "-个", "-"),
    ],
)
def test_quantity_has_its_measures_decimals(value: float, measure: str, zh: str, en: str) -> None:
    assert phrases.quantity(value, measure, "zh") == zh
    assert phrases.quantity(value, measure, "en") == en


def test_percentages_as_the_district_writes_them() -> None:
    assert phrases.quantity(48.0, "%", "zh", percent_digits=1) == "48.0%"
    assert phrases.percent(80.8458, 2) == "80.85%"
    assert phrases.percent(80.8458, 1) == "80.8%"
    assert phrases.percent(None) == "-"


def test_why_no_month_on_month() -> None:
    assert phrases.why_no_mom("not_previous", "zh") == "上月未报送"
    assert phrases.why_no_mom("previous_spans", "zh") == "上月数据含此前未报月份"
    assert phrases.why_no_mom("from_zero", "en") == "nothing added the month before"
