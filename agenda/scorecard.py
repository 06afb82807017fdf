"""The scorecard: each unit's figure against its annual target, pace, rank, gaps and growth.

Pure functions over readings and targets. Percentages are kept unrounded; round only when
showing them (412.63 against 358 is 115.2598…%, shown as 115.26%). Sums are rounded to
drop float noise (`numbers.round_sum`).

- An **amount** is compared with 序时进度 (month ÷ 12): completion minus time progress, in
  points. For a ceiling (`higher_is_better: false`), being under the time's share of it is
  good: the same difference, judged the other way.
- A **rate** has no 序时进度: it is compared with its own target, in points. A group's and
  the district's rate come from the sums of its numerator and denominator (`agenda.rates`).
- Units are ranked **within their group** (by default their kind: towns, parks,
  departments); each group has a subtotal, and the district a total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from agenda.figures import Figures
from agenda.groups import BY_KIND, Group, Grouping
from agenda.metrics import Metric
from agenda.numbers import round_sum, rounded
from agenda.periods import Period
from agenda.rates import RateReader
from agenda.review import FulfilmentBook
from agenda.units import Unit

JUDGE_DIGITS = 1  # a gap that rounds to 0.0 points is level: neither behind nor ahead


class RankBy(StrEnum):
    COMPLETION = "completion"  # 完成年度任务 %: fair across units of different size
    VALUE = "value"  # the figure itself ("签约项目数全市第3"); a rate always


class MomGap(StrEnum):
    """Why an amount has no 环比 although it has a figure this month."""

    NOT_PREVIOUS = "not_previous"  # no report last month: this month's figure spans months
    PREVIOUS_SPANS = "previous_spans"  # last month's figure includes months not reported
    FROM_ZERO = "from_zero"  # nothing was added last month: no growth from zero


@dataclass(frozen=True)
class Row:
    """One unit's line (or a group's subtotal, or the total: `unit_id` empty)."""

    unit_id: str
    value: float | None = None  # an amount year to date; a rate in percent
    target: float | None = None  # annual; a rate's in percent
    completion: float | None = None  # an amount: % of the annual target
    pace_gap: float | None = None  # an amount: completion minus 序时进度, points (a fact)
    target_gap: float | None = None  # a rate: value minus target, points (a fact)
    month_value: float | None = None  # an amount: added in the month itself
    mom: float | None = None  # 环比: % change of the month's addition; a rate: points
    mom_gap: MomGap | None = None  # why an amount's 环比 is not given
    yoy: float | None = None  # 同比: % change of the year to date; a rate: points
    average: float | None = None  # 项目均额: value ÷ the count metric's value
    numerator: float | None = None  # a formed rate: the two sums it comes from
    denominator: float | None = None
    lagging: bool = False  # behind pace, or a rate short of its target (direction judged)
    reached: bool | None = None  # at its annual target (within it, for a ceiling); None: no target
    blank: bool = False  # 白卷: added nothing on any amount metric this month
    rank: int | None = None  # within the unit's group
    gap_to_leader: float | None = None  # in the ranking's quantity
    gap_to_ahead: float | None = None
    lead_over_behind: float | None = None

    @property
    def behind_pace(self) -> bool:
        return self.lagging and self.pace_gap is not None

    def has_figure(self, higher_is_better: bool = True) -> bool:
        """Something to praise: a figure that is neither missing nor zero (for a ceiling,
        zero is the best there is)."""
        if self.value is None:
            return False
        return bool(self.value) or not higher_is_better


@dataclass(frozen=True)
class Share:
    """Of `judged` units carrying a target, `reached` have reached it."""

    reached: int
    judged: int

    @property
    def percent(self) -> float:
        return self.reached / self.judged * 100 if self.judged else 0.0


@dataclass(frozen=True)
class GroupCard:
    group: Group
    rows: tuple[Row, ...]  # ranked within the group; unranked (no figure) last
    subtotal: Row


@dataclass(frozen=True)
class Scorecard:
    metric: Metric
    period: Period
    rank_by: RankBy
    groups: tuple[GroupCard, ...]
    total: Row  # the district: amounts summed; a formed rate from its sums

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def time_progress(self) -> float:
        return self.period.time_progress

    @property
    def has_total(self) -> bool:
        """A reported rate has no district figure: nothing forms one from percentages."""
        return self.metric.summable or self.metric.formed

    def row(self, unit_id: str) -> Row | None:
        return next((row for row in self.rows if row.unit_id == unit_id), None)

    def group_of(self, unit_id: str) -> GroupCard | None:
        return next((g for g in self.groups if any(r.unit_id == unit_id for r in g.rows)), None)

    def behind_pace(self) -> list[Row]:
        return [row for row in self.rows if row.behind_pace]

    def lagging(self) -> list[Row]:
        """Behind pace (an amount) or short of its target (a rate)."""
        return [row for row in self.rows if row.lagging]

    def blanks(self) -> list[Row]:
        return [row for row in self.rows if row.blank]

    def share_at_target(self, rows: Iterable[Row] | None = None) -> Share | None:
        """Of the units carrying a target, how many have reached it; None if none carries one."""
        judged = [row for row in (self.rows if rows is None else rows) if row.reached is not None]
        if not judged:
            return None
        return Share(sum(1 for row in judged if row.reached), len(judged))


def percent(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return value / base * 100


def change(current: float | None, before: float | None, *, rate: bool = False) -> float | None:
    """Growth in % for an amount; for a rate, the change in points."""
    if current is None or before is None:
        return None
    if rate:
        return current - before
    if before == 0:
        return None
    return (current - before) / abs(before) * 100


def difference(value: float | None, base: float | None) -> float | None:
    return None if value is None or base is None else value - base


def _short(gap: float | None, higher_is_better: bool) -> bool:
    """Behind: under pace or target when higher is better, over it for a ceiling."""
    if gap is None:
        return False
    shown = rounded(gap, JUDGE_DIGITS)
    return shown < 0 if higher_is_better else shown > 0


def _reached(
    value: float | None, target: float | None, higher_is_better: bool, *, rate: bool = False
) -> bool | None:
    """At target; None when there is no target to judge by. An amount not reported has
    not reached its target; a rate without a figure (nothing due, nothing signed) is not
    judged at all."""
    if not target:
        return None
    if value is None:
        return None if rate else False
    # A hair's float residue must not keep 13 of 13 from counting as done.
    return value >= target - 1e-9 if higher_is_better else value <= target + 1e-9


# --- an amount -------------------------------------------------------------------------------
class _Amounts:
    def __init__(self, metric: Metric, figures: Figures, period: Period, per: Metric | None):
        self.metric, self.figures, self.period, self.per = metric, figures, period, per

    def month_on_month(self, unit_id: str) -> tuple[float | None, MomGap | None]:
        """The month's addition against last month's, when both are one month's own."""
        figures, key, period = self.figures, self.metric.key, self.period
        month = figures.month_value(unit_id, key, period)
        if month is None:
            return None, None
        previous = period.previous()
        before = figures.month_value(unit_id, key, previous)
        if figures.month_span(unit_id, key, period) != 1 or before is None:
            return None, MomGap.NOT_PREVIOUS
        if figures.month_span(unit_id, key, previous) != 1:
            return None, MomGap.PREVIOUS_SPANS
        if before == 0:
            return None, MomGap.FROM_ZERO
        return change(month, before), None

    def row(self, unit_id: str) -> Row:
        figures, metric, period = self.figures, self.metric, self.period
        value = figures.ytd(unit_id, metric.key, period)
        target = figures.target(unit_id, metric.key, period.year)
        completion = percent(value, target)
        pace_gap = difference(completion, period.time_progress)
        mom, mom_gap = self.month_on_month(unit_id)
        count = figures.ytd(unit_id, self.per.key, period) if self.per else None
        return Row(
            unit_id=unit_id,
            value=value,
            target=target,
            completion=completion,
            pace_gap=pace_gap,
            month_value=figures.month_value(unit_id, metric.key, period),
            mom=mom,
            mom_gap=mom_gap,
            yoy=change(value, figures.ytd(unit_id, metric.key, period.year_ago())),
            average=value / count if value is not None and count else None,
            lagging=_short(pace_gap, metric.higher_is_better),
            reached=_reached(value, target, metric.higher_is_better),
        )

    def total(self, rows: list[Row]) -> Row:
        """Sums over the rows' units. 环比 and 同比 compare like with like: only units
        with a figure in both months (or both years) count on either side."""
        figures, key, period = self.figures, self.metric.key, self.period
        value = round_sum(row.value for row in rows)
        target = round_sum(row.target for row in rows)
        completion = percent(value, target)
        pace_gap = difference(completion, period.time_progress)
        both_months = [r for r in rows if r.mom is not None or r.mom_gap is MomGap.FROM_ZERO]
        month_before = round_sum(
            figures.month_value(r.unit_id, key, period.previous()) for r in both_months
        )
        ago = {r.unit_id: figures.ytd(r.unit_id, key, period.year_ago()) for r in rows}
        both_years = [r for r in rows if r.value is not None and ago[r.unit_id] is not None]
        count = (
            round_sum(figures.ytd(r.unit_id, self.per.key, period) for r in rows)
            if self.per
            else None
        )
        return Row(
            unit_id="",
            value=value,
            target=target,
            completion=completion,
            pace_gap=pace_gap,
            month_value=round_sum(row.month_value for row in rows),
            mom=change(round_sum(r.month_value for r in both_months), month_before),
            yoy=change(
                round_sum(r.value for r in both_years),
                round_sum(ago[r.unit_id] for r in both_years),
            ),
            average=value / count if value is not None and count else None,
            lagging=_short(pace_gap, self.metric.higher_is_better),
            reached=_reached(value, target, self.metric.higher_is_better),
        )


# --- a rate ----------------------------------------------------------------------------------
class _Rates:
    def __init__(self, metric: Metric, figures: Figures, period: Period, reader: RateReader):
        self.metric, self.figures, self.period, self.reader = metric, figures, period, reader

    def row(self, unit_id: str) -> Row:
        reader, period, metric = self.reader, self.period, self.metric
        value = reader.value(unit_id, period)
        target = self.figures.target(unit_id, metric.key, period.year)
        pair = reader.pair(unit_id, period)
        gap = difference(value, target)
        return Row(
            unit_id=unit_id,
            value=value,
            target=target,
            target_gap=gap,
            mom=difference(value, reader.value(unit_id, period.previous())),
            yoy=difference(value, reader.value(unit_id, period.year_ago())),
            numerator=pair[0] if pair else None,
            denominator=pair[1] if pair else None,
            lagging=_short(gap, metric.higher_is_better),
            reached=_reached(value, target, metric.higher_is_better, rate=True),
        )

    def total(self, rows: list[Row]) -> Row:
        """Σnumerator ÷ Σdenominator; the target is the one the units share, if they do."""
        if not self.metric.formed:
            return Row("")
        reader, period = self.reader, self.period
        unit_ids = [row.unit_id for row in rows]
        top, bottom, value = reader.pooled(unit_ids, period)
        targets = {row.target for row in rows if row.target is not None}
        target = targets.pop() if len(targets) == 1 else None
        gap = difference(value, target)
        return Row(
            unit_id="",
            value=value,
            target=target,
            target_gap=gap,
            mom=difference(value, reader.pooled(unit_ids, period.previous())[2]),
            yoy=difference(value, reader.pooled(unit_ids, period.year_ago())[2]),
            numerator=top,
            denominator=bottom,
            lagging=_short(gap, self.metric.higher_is_better),
            reached=_reached(value, target, self.metric.higher_is_better, rate=True),
        )


# --- ranking ---------------------------------------------------------------------------------
def _ranked(rows: list[Row], rank_by: RankBy, higher_is_better: bool) -> list[Row]:
    def quantity(row: Row) -> float | None:
        return row.completion if rank_by is RankBy.COMPLETION else row.value

    judged = [row for row in rows if quantity(row) is not None]
    unjudged = [row for row in rows if quantity(row) is None]
    sign = -1.0 if higher_is_better else 1.0
    judged.sort(key=lambda row: sign * quantity(row))  # type: ignore[operator]
    ranked: list[Row] = []
    leader = quantity(judged[0]) if judged else None
    for index, row in enumerate(judged):
        mine = quantity(row)
        assert mine is not None and leader is not None
        # Competition ranking: equal figures share a rank (1, 2, 2, 4).
        rank = index + 1
        if index and quantity(judged[index - 1]) == mine:
            rank = ranked[-1].rank or rank
        ahead = quantity(judged[index - 1]) if index else None
        behind = quantity(judged[index + 1]) if index + 1 < len(judged) else None
        ranked.append(
            replace(
                row,
                rank=rank,
                gap_to_leader=abs(leader - mine),
                gap_to_ahead=None if ahead is None else abs(ahead - mine),
                lead_over_behind=None if behind is None else abs(mine - behind),
            )
        )
    return ranked + unjudged


def build_scorecard(
    metric: Metric,
    units: Iterable[Unit],
    figures: Figures,
    period: Period,
    *,
    metrics: Iterable[Metric] = (),
    rank_by: RankBy | None = None,
    grouping: Grouping = BY_KIND,
    review: FulfilmentBook | None = None,
) -> Scorecard:
    """Every active unit's row for one metric at the end of `period`, ranked in its group.

    `metrics`: the district's whole set (for 项目均额 and 白卷); `review`: the commitments,
    for a rate worked out from the review (履约率).
    """
    metrics = list(metrics)
    active = [unit for unit in units if unit.active]
    per = next((m for m in metrics if m.key == metric.per), None) if metric.per else None
    maker: _Amounts | _Rates
    if metric.summable:
        maker = _Amounts(metric, figures, period, per)
    else:
        maker = _Rates(metric, figures, period, RateReader(metric, figures, review))
    blanks = set(blank_units(active, figures, metrics or [metric], period))
    rows = {unit.id: replace(maker.row(unit.id), blank=unit.id in blanks) for unit in active}
    if not metric.summable:
        rank_by = RankBy.VALUE  # a rate is its own measure of completion
    elif rank_by is None:
        has_targets = any(row.target for row in rows.values())
        rank_by = RankBy.COMPLETION if has_targets else RankBy.VALUE
    groups = []
    for group, members in grouping.split(active):
        mine = [rows[unit.id] for unit in members]
        groups.append(
            GroupCard(
                group,
                tuple(_ranked(mine, rank_by, metric.higher_is_better)),
                maker.total(mine),
            )
        )
    return Scorecard(
        metric=metric,
        period=period,
        rank_by=rank_by,
        groups=tuple(groups),
        total=maker.total(list(rows.values())),
    )


def reached_by_unit(
    metric: Metric,
    units: Iterable[Unit],
    figures: Figures,
    period: Period,
    *,
    grouping: Grouping = BY_KIND,
) -> list[tuple[str, bool | None]]:
    """Each row's `reached` in an amount's scorecard, in the card's order, without building
    the card: the share of units at target asks it of every amount, and needs nothing else
    of their rows (a section switch would build a dozen scorecards for one line)."""
    assert metric.summable, metric.key
    key, year, higher = metric.key, period.year, metric.higher_is_better
    active = [unit for unit in units if unit.active]
    return [
        (
            unit.id,
            _reached(figures.ytd(unit.id, key, period), figures.target(unit.id, key, year), higher),
        )
        for _, members in grouping.split(active)
        for unit in members
    ]


def blank_units(
    units: Iterable[Unit], figures: Figures, metrics: Iterable[Metric], period: Period
) -> list[str]:
    """白卷: active units that carry amounts (a target or a reading this year on one) and
    added nothing on any of them this month. A unit that reports only rates is not judged:
    a rate is not something one adds to. Nor is a ceiling (停缓建项目: lower is better):
    adding to it is no work handed in."""
    amounts = [
        metric
        for metric in metrics
        if metric.summable and metric.active and metric.higher_is_better
    ]
    return [
        unit.id
        for unit in units
        if unit.active
        and _carries_amounts(unit.id, figures, amounts, period)
        and not any(figures.month_value(unit.id, metric.key, period) for metric in amounts)
    ]


def _carries_amounts(unit_id: str, figures: Figures, amounts: list[Metric], period: Period) -> bool:
    months = [Period(period.year, month) for month in range(1, period.month + 1)]
    return any(
        figures.target(unit_id, metric.key, period.year)
        or any(figures.ytd(unit_id, metric.key, month) is not None for month in months)
        for metric in amounts
    )
