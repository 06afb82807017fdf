"""The scorecard: each unit's figure against its annual target, pace, rank, gaps and growth.

Pure functions over readings and targets. Percentages are kept unrounded; round only when
showing them (412.63 against 358 is 115.2598…%, shown as 115.26%).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from agenda.figures import Figures
from agenda.metrics import Metric
from agenda.periods import Period
from agenda.units import Unit


class RankBy(StrEnum):
    COMPLETION = "completion"  # 完成年度任务 %: fair across units of different size
    VALUE = "value"  # the figure itself ("签约项目数全市第3")


@dataclass(frozen=True)
class Row:
    unit_id: str
    value: float | None  # year to date
    target: float | None  # annual
    completion: float | None  # % of the annual target
    pace_gap: float | None  # points ahead (+) of or behind (−) 序时进度
    month_value: float | None  # added in the month itself
    mom: float | None  # 环比: % change of the month's value (points for a rate)
    yoy: float | None  # 同比: % change of YTD against the same month last year (points)
    average: float | None  # 项目均额: value ÷ the count metric's value
    rank: int | None = None
    gap_to_leader: float | None = None  # in the ranking's quantity
    gap_to_ahead: float | None = None
    lead_over_behind: float | None = None

    @property
    def blank(self) -> bool:
        """白卷: nothing at all added this month."""
        return not self.month_value

    @property
    def behind_pace(self) -> bool:
        return self.pace_gap is not None and self.pace_gap < 0


@dataclass(frozen=True)
class Scorecard:
    metric: Metric
    period: Period
    rank_by: RankBy
    rows: tuple[Row, ...]  # in rank order; unranked (no reading) last
    total: Row  # the district: amounts summed; a rate is never summed

    @property
    def time_progress(self) -> float:
        return self.period.time_progress

    def row(self, unit_id: str) -> Row | None:
        return next((row for row in self.rows if row.unit_id == unit_id), None)

    def leaders(self, count: int = 3) -> list[Row]:
        return [row for row in self.rows if row.rank is not None and row.rank <= count]

    def behind_pace(self) -> list[Row]:
        return [row for row in self.rows if row.behind_pace]

    def blanks(self) -> list[Row]:
        return [row for row in self.rows if row.blank]

    def share_on_pace(self) -> float | None:
        """Share (%) of units with a target whose completion has reached 序时进度."""
        judged = [row for row in self.rows if row.pace_gap is not None]
        if not judged:
            return None
        on_pace = [row for row in judged if row.pace_gap is not None and row.pace_gap >= 0]
        return len(on_pace) / len(judged) * 100

    def share_at_target(self) -> float | None:
        """Share (%) of units with a target that have completed all of it."""
        judged = [row for row in self.rows if row.completion is not None]
        if not judged:
            return None
        done = [row for row in judged if row.completion is not None and row.completion >= 100]
        return len(done) / len(judged) * 100


def percent(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return value / base * 100


def change(current: float | None, before: float | None, *, rate: bool) -> float | None:
    """Growth in % for an amount; for a rate, the change in points."""
    if current is None or before is None:
        return None
    if rate:
        return current - before
    if before == 0:
        return None
    return (current - before) / abs(before) * 100


def _row(
    figures: Figures,
    metric: Metric,
    period: Period,
    unit_id: str,
    per: Metric | None,
) -> Row:
    value = figures.ytd(unit_id, metric.key, period)
    target = figures.target(unit_id, metric.key, period.year)
    completion = percent(value, target)
    rate = not metric.summable
    month = None if rate else figures.month_value(unit_id, metric.key, period)
    before = None if rate else figures.month_value(unit_id, metric.key, period.previous())
    mom = (
        change(value, figures.ytd(unit_id, metric.key, period.previous()), rate=True)
        if rate
        else change(month, before, rate=False)
    )
    count = figures.ytd(unit_id, per.key, period) if per else None
    return Row(
        unit_id=unit_id,
        value=value,
        target=target,
        completion=completion,
        pace_gap=None if completion is None else completion - period.time_progress,
        month_value=month if not rate else value,
        mom=mom,
        yoy=change(value, figures.ytd(unit_id, metric.key, period.year_ago()), rate=rate),
        average=value / count if value is not None and count else None,
    )


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
            Row(
                **{
                    **row.__dict__,
                    "rank": rank,
                    "gap_to_leader": abs(leader - mine),
                    "gap_to_ahead": None if ahead is None else abs(ahead - mine),
                    "lead_over_behind": None if behind is None else abs(mine - behind),
                }
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
) -> Scorecard:
    """Every active unit's row for one metric at the end of `period`, ranked."""
    per = next((m for m in metrics if m.key == metric.per), None) if metric.per else None
    unit_ids = [unit.id for unit in units if unit.active]
    rows = [_row(figures, metric, period, unit_id, per) for unit_id in unit_ids]
    if rank_by is None:
        has_targets = any(row.target for row in rows)
        rank_by = RankBy.COMPLETION if has_targets else RankBy.VALUE
    return Scorecard(
        metric=metric,
        period=period,
        rank_by=rank_by,
        rows=tuple(_ranked(rows, rank_by, metric.higher_is_better)),
        total=_total(rows, metric, figures, period, unit_ids, per),
    )


def _sum(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


def _total(
    rows: list[Row],
    metric: Metric,
    figures: Figures,
    period: Period,
    unit_ids: list[str],
    per: Metric | None,
) -> Row:
    if not metric.summable:
        return Row("", None, None, None, None, None, None, None, None)
    value = _sum(row.value for row in rows)
    target = _sum(row.target for row in rows)
    completion = percent(value, target)

    def total_ytd(at: Period) -> float | None:
        return _sum(figures.ytd(unit_id, metric.key, at) for unit_id in unit_ids)

    def total_month(at: Period) -> float | None:
        return _sum(figures.month_value(unit_id, metric.key, at) for unit_id in unit_ids)

    count = _sum(figures.ytd(unit_id, per.key, period) for unit_id in unit_ids) if per else None
    month = total_month(period)
    return Row(
        unit_id="",
        value=value,
        target=target,
        completion=completion,
        pace_gap=None if completion is None else completion - period.time_progress,
        month_value=month,
        mom=change(month, total_month(period.previous()), rate=False),
        yoy=change(value, total_ytd(period.year_ago()), rate=False),
        average=value / count if value is not None and count else None,
    )


def blank_units(
    units: Iterable[Unit], figures: Figures, metrics: Iterable[Metric], period: Period
) -> list[str]:
    """白卷: active units that added nothing this month on any cumulative metric."""
    amounts = [metric for metric in metrics if metric.summable]
    return [
        unit.id
        for unit in units
        if unit.active
        and not any(figures.month_value(unit.id, metric.key, period) for metric in amounts)
    ]
