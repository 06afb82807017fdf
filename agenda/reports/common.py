"""Small helpers the reports share: unit names, unit order, metric labels."""

from __future__ import annotations

from collections.abc import Iterable

from agenda.metrics import Metric
from agenda.periods import Period
from agenda.reports.labels import MONTHS_EN
from agenda.talking import chinese_number
from agenda.units import Unit


class UnitNames:
    """A unit's name by id (a unit since deleted shows its id), and the units' order."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._units = {unit.id: unit for unit in units}

    def __call__(self, unit_id: str) -> str:
        unit = self._units.get(unit_id)
        return unit.name if unit else unit_id

    def order(self, unit_id: str) -> tuple[int, str]:
        unit = self._units.get(unit_id)
        return (unit.order, unit.name) if unit else (10**9, unit_id)


def metric_heading(metric: Metric, lang: str) -> str:
    """签约金额（亿元） / Amount signed (亿元)."""
    if lang == "zh":
        return f"{metric.label_zh}（{metric.measure}）"
    return f"{metric.label_en} ({metric.measure})"


def period_words(period: Period, lang: str) -> str:
    if lang == "zh":
        return f"{period.year}年{period.month}月"
    return f"{MONTHS_EN[period.month - 1]} {period.year}"


def numbered(index: int, text: str, lang: str) -> str:
    """一、回头看 / 1. Review: the way a Chinese document numbers its parts (十一、 after 十、)."""
    if lang == "zh" and index < 99:
        return f"{chinese_number(index + 1)}、{text}"
    return f"{index + 1}. {text}"
