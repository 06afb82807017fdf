"""Who is named: the units leading and lagging each group, and the share at target.

A 通报 names a few units, and a name must mean something:

- **位居前列** (leading): the top `count` of a group (the `top_n` setting, 3 by default),
  never a unit with nothing (no figure, or 0 where more is better), never one behind pace
  or short of its target, never one that handed in a blank month (白卷);
- **排名靠后** (lagging): the bottom `count` of those behind pace or short of target,
  the worst first;
- a tie is named whole or not at all: when the units tied at the edge would make the list
  longer than `count`, none of them is named (so "位居前列" never lists 53 units);
- never the whole group: a list names fewer units than the group has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import groupby

from agenda.figures import Figures
from agenda.groups import BY_KIND, Grouping
from agenda.metrics import Metric
from agenda.periods import Period
from agenda.scorecard import GroupCard, Row, Scorecard, Share, reached_by_unit
from agenda.units import Unit


def leading(rows: Sequence[Row], count: int, *, higher_is_better: bool = True) -> list[Row]:
    """位居前列 of one group's ranked rows, best first."""
    ranked = [row for row in rows if row.rank is not None]

    def deserves(row: Row) -> bool:
        return row.has_figure(higher_is_better) and not row.lagging and not row.blank

    return _whole_ties(ranked, min(count, len(ranked) - 1), deserves)


def trailing(rows: Sequence[Row], count: int) -> list[Row]:
    """排名靠后 of one group's ranked rows, worst first."""
    ranked = [row for row in rows if row.rank is not None]
    return _whole_ties(list(reversed(ranked)), min(count, len(ranked) - 1), _deserves_warning)


def _deserves_warning(row: Row) -> bool:
    return row.lagging


def _whole_ties(ordered: list[Row], limit: int, deserves: Callable[[Row], bool]) -> list[Row]:
    """Take rank blocks from the front while every unit in them deserves it and the list
    stays within `limit`."""
    taken: list[Row] = []
    for _, block in groupby(ordered, key=lambda row: row.rank):
        members = list(block)
        if not all(deserves(row) for row in members) or len(taken) + len(members) > limit:
            break
        taken += members
    return taken


def named(card: Scorecard, count: int) -> list[tuple[GroupCard, list[Row], list[Row]]]:
    """Each group with its leading and lagging units."""
    better = card.metric.higher_is_better
    return [
        (group, leading(group.rows, count, higher_is_better=better), trailing(group.rows, count))
        for group in card.groups
    ]


def overall_share(cards: Iterable[Scorecard]) -> Share | None:
    """Units that have reached the target of every metric they carry one on, of the
    units carrying any; None when no unit carries a target."""
    return _share((row.unit_id, row.reached) for card in cards for row in card.rows)


def overall_share_of(
    metrics: Iterable[Metric],
    units: Iterable[Unit],
    figures: Figures,
    period: Period,
    *,
    grouping: Grouping = BY_KIND,
) -> Share | None:
    """`overall_share` of the amounts' scorecards, worked out without building them."""
    units = list(units)
    return _share(
        verdict
        for metric in metrics
        if metric.summable
        for verdict in reached_by_unit(metric, units, figures, period, grouping=grouping)
    )


def _share(rows: Iterable[tuple[str, bool | None]]) -> Share | None:
    verdicts: dict[str, list[bool]] = {}
    for unit_id, reached in rows:
        if reached is not None:
            verdicts.setdefault(unit_id, []).append(reached)
    if not verdicts:
        return None
    return Share(sum(1 for done in verdicts.values() if all(done)), len(verdicts))


def laggards(card: Scorecard, order: Sequence[str]) -> list[tuple[Row, bool]]:
    """认清差距: the units behind pace (a rate: short of its target), furthest behind first,
    then the other 白卷 units in the district's order; each with whether it is 白卷."""
    sign = 1.0 if card.metric.higher_is_better else -1.0

    def shortfall(row: Row) -> float:
        gap = row.pace_gap if row.pace_gap is not None else row.target_gap
        return sign * (gap or 0.0)

    behind = sorted(card.lagging(), key=shortfall)
    listed = {row.unit_id for row in behind}
    blank_set = {row.unit_id for row in card.blanks()}
    rest = [card.row(unit_id) for unit_id in order if unit_id in blank_set - listed]
    rows = [(row, row.unit_id in blank_set) for row in behind]
    return rows + [(row, True) for row in rest if row is not None]


def furthest_behind_pace(card: Scorecard) -> list[Row]:
    """The units behind 序时进度, furthest behind first (for a ceiling, furthest over it)."""
    sign = 1.0 if card.metric.higher_is_better else -1.0
    return sorted(card.behind_pace(), key=lambda row: sign * (row.pace_gap or 0.0))
