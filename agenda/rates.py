"""Reading a rate: a unit's and a group's, always from the sums of its two parts.

开工率 of a unit is its 开工项目 ÷ its 签约项目数; of a group or the district, Σ开工项目 ÷
Σ签约项目数 over the same units: never a sum or an average of the units' rates (a unit of 1
signed project would weigh as much as one of 40). 履约率 is the review's own count, done on
time ÷ due. A reported percentage has no parts, so no group figure can be formed from it.
"""

from __future__ import annotations

from collections.abc import Iterable

from agenda.figures import Figures
from agenda.metrics import Metric, RateSource
from agenda.numbers import round_sum
from agenda.periods import Period
from agenda.review import FulfilmentBook

Pair = tuple[float, float]  # numerator, denominator


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator ÷ denominator in percent; None when the denominator is missing or zero."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator * 100


class RateReader:
    """The figures of one rate metric, for any unit or set of units and any month."""

    def __init__(self, metric: Metric, figures: Figures, review: FulfilmentBook | None) -> None:
        self.metric = metric
        self.figures = figures
        self.review = review

    def pair(self, unit_id: str, period: Period) -> Pair | None:
        """The unit's numerator and denominator, both known; None for a reported rate."""
        metric = self.metric
        if metric.source is RateSource.RATIO:
            assert metric.numerator is not None and metric.denominator is not None
            top = self.figures.ytd(unit_id, metric.numerator, period)
            bottom = self.figures.ytd(unit_id, metric.denominator, period)
            return None if top is None or bottom is None else (top, bottom)
        if metric.source is RateSource.REVIEW and self.review is not None:
            counts = self.review.of(unit_id, period)
            return (float(counts.on_time), float(counts.due)) if counts and counts.due else None
        return None

    def value(self, unit_id: str, period: Period) -> float | None:
        """The unit's rate in percent."""
        if not self.metric.formed:
            return self.figures.ytd(unit_id, self.metric.key, period)
        pair = self.pair(unit_id, period)
        return ratio(*pair) if pair else None

    def pooled(
        self, unit_ids: Iterable[str], period: Period
    ) -> tuple[float | None, float | None, float | None]:
        """Σnumerator, Σdenominator and their ratio over the units that have both; for a
        reported rate, nothing (a sum or an average of percentages means nothing)."""
        if not self.metric.formed:
            return None, None, None
        pairs = [pair for unit_id in unit_ids if (pair := self.pair(unit_id, period))]
        top = round_sum(pair[0] for pair in pairs)
        bottom = round_sum(pair[1] for pair in pairs)
        return top, bottom, ratio(top, bottom)
