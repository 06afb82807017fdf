"""Look up year-to-date readings and targets quickly, and derive monthly values."""

from __future__ import annotations

from collections.abc import Iterable

from agenda.metrics import Reading, Target
from agenda.periods import Period


class Figures:
    """Readings and targets indexed by (unit, metric, period / year)."""

    def __init__(self, readings: Iterable[Reading] = (), targets: Iterable[Target] = ()) -> None:
        self._readings = {(r.unit_id, r.metric, r.period): r.value for r in readings}
        self._targets = {(t.unit_id, t.metric, t.year): t.value for t in targets}

    def ytd(self, unit_id: str, metric: str, period: Period) -> float | None:
        """The year-to-date value reported at the end of `period`, if any."""
        return self._readings.get((unit_id, metric, period))

    def target(self, unit_id: str, metric: str, year: int) -> float | None:
        return self._targets.get((unit_id, metric, year))

    def month_value(self, unit_id: str, metric: str, period: Period) -> float | None:
        """What was added in the month itself: this month's YTD less last month's.

        January's YTD is January's own value. A missing reading this month is None. A
        month the unit did not report is bridged by its latest earlier reading of the
        year: a catch-up report counts only what is new since (not the whole year to
        date); with no earlier reading this year, everything so far is new.
        """
        current = self.ytd(unit_id, metric, period)
        if current is None:
            return None
        before = self._last_before(unit_id, metric, period)
        return current - (before or 0.0)

    def month_span(self, unit_id: str, metric: str, period: Period) -> int | None:
        """How many months `month_value` covers: 1 for a month's own addition; more for a
        catch-up report (the months since the last reading) or a first report after
        January (every month so far). None when there is no reading this month."""
        if self.ytd(unit_id, metric, period) is None:
            return None
        at = period
        while at.month > 1:
            at = at.previous()
            if self.ytd(unit_id, metric, at) is not None:
                return period.month - at.month
        return period.month

    def _last_before(self, unit_id: str, metric: str, period: Period) -> float | None:
        at = period
        while at.month > 1:
            at = at.previous()
            value = self.ytd(unit_id, metric, at)
            if value is not None:
                return value
        return None

    def latest_period(self) -> Period | None:
        periods = [key[2] for key in self._readings]
        return max(periods) if periods else None

    def has_readings(self, period: Period) -> bool:
        return any(key[2] == period for key in self._readings)
