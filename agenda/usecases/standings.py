"""A month's standings as the meeting reads them: the scorecard of any metric (肯定成绩), the
units behind (认清差距), and home's list of who is furthest behind pace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from agenda.figures import Figures
from agenda.metrics import Metric, RateSource, active_metrics
from agenda.periods import Period
from agenda.review import FulfilmentBook, cutoff
from agenda.scorecard import Row, Scorecard, Share, build_scorecard
from agenda.settings import Settings
from agenda.standing import furthest_behind_pace, laggards, overall_share_of
from agenda.units import Unit, sorted_units
from agenda.usecases.district import District


def fulfilment_book(district: District, period: Period) -> FulfilmentBook:
    """履约率 of `period`: the commitments of its year due by its cut-off, and no others."""
    today = district.today()
    due = district.store.commitments_due(date(period.year, 1, 1), cutoff(period, today))
    return FulfilmentBook(due, today)


@dataclass
class Standings:
    """What the achievements and gaps sections show of a month, read once."""

    district: District
    period: Period
    units: dict[str, Unit]
    order: list[str]  # the district's order of its active units
    metrics: list[Metric]  # the active ones
    figures: Figures
    settings: Settings
    _review: FulfilmentBook | None = field(default=None, repr=False)
    _overall: tuple[bool, Share | None] = field(default=(False, None), repr=False)

    def review(self) -> FulfilmentBook:
        """The commitments, for 履约率: read only when a metric formed from them is shown."""
        if self._review is None:
            self._review = fulfilment_book(self.district, self.period)
        return self._review

    def card(self, metric: Metric) -> Scorecard:
        return build_scorecard(
            metric,
            self.units.values(),
            self.figures,
            self.period,
            metrics=self.metrics,
            grouping=self.settings.groups,
            review=self.review() if metric.source is RateSource.REVIEW else None,
        )

    def laggards(self, card: Scorecard) -> list[tuple[Row, bool]]:
        return laggards(card, self.order)

    def overall_share(self) -> Share | None:
        """Units that reached the annual target of every amount they carry one on: the
        same whatever metric is shown, so worked out once."""
        if not self._overall[0]:
            share = overall_share_of(
                self.metrics,
                self.units.values(),
                self.figures,
                self.period,
                grouping=self.settings.groups,
            )
            self._overall = (True, share)
        return self._overall[1]


def load_standings(district: District, period: Period) -> Standings:
    store = district.store
    units = store.units()
    return Standings(
        district=district,
        period=period,
        units={unit.id: unit for unit in units},
        order=[unit.id for unit in sorted_units(units)],
        metrics=active_metrics(store.metrics()),
        figures=store.figures(period),
        settings=district.settings_or_defaults(),
    )


@dataclass(frozen=True)
class BehindPace:
    metric: Metric
    rows: list[Row]  # furthest behind first


def behind_pace(district: District, period: Period | None) -> BehindPace | None:
    """Home's list: the units furthest behind pace on the first amount with targets (a rate
    has no 序时进度 to be behind); None when there is no such metric or no figures."""
    if period is None:
        return None
    store = district.store
    metrics = active_metrics(store.metrics())
    targeted = {target.metric for target in store.targets(period.year)}
    metric = next((m for m in metrics if m.summable and m.key in targeted), None)
    if metric is None:
        return None
    card = build_scorecard(
        metric,
        sorted_units(store.units()),
        store.figures(period),
        period,
        metrics=metrics,
        grouping=district.settings_or_defaults().groups,
    )
    return BehindPace(metric, furthest_behind_pace(card))
