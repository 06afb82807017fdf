"""What the review (回头看) shows, read from the store in one go.

The rows the chair walks are `review_list` (what is due at this meeting, plus what it has
already settled) and, so the yellow warning is seen before it turns red, the open
commitments coming due within the warning days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting
from agenda.review import (
    Fulfilment,
    consecutive_misses,
    fulfilment,
    fulfilment_by_unit,
    outcome_counts,
    review_list,
)
from agenda.units import Unit
from agenda.usecases.district import District

# 履约率 is judged over the last year: the archive holds settled months, so read this many.
FULFILMENT_MONTHS = 12


@dataclass(frozen=True)
class UnitGroup:
    unit_id: str
    name: str
    fulfilment: Fulfilment
    misses: int
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class ReviewData:
    groups: tuple[UnitGroup, ...]
    overall: Fulfilment
    counts: dict[Status, int]
    # Every commitment read, by id: a link (carried from / to) shows the other end's due date.
    by_id: dict[str, Commitment]

    @property
    def commitments(self) -> list[Commitment]:
        return [c for group in self.groups for c in group.commitments]

    @property
    def empty(self) -> bool:
        return not self.groups


def coming_due(
    commitments: list[Commitment], meeting: Meeting, today: date, warn_days: int
) -> list[Commitment]:
    """Open commitments of earlier meetings falling due within `warn_days` (the yellow ones)."""
    horizon = max(meeting.date, today) + timedelta(days=warn_days)
    return [
        c
        for c in commitments
        if c.is_open and c.meeting_id != meeting.id and meeting.date < c.effective_due <= horizon
    ]


def load_review(district: District, meeting: Meeting) -> ReviewData:
    store, today = district.store, district.today()
    warn_days = district.settings_or_defaults().warn_days
    everything = store.commitments(include_archive=FULFILMENT_MONTHS)
    since = today - timedelta(days=365)
    listed = review_list(everything, meeting)
    seen = {c.id for c in listed}
    listed += [c for c in coming_due(everything, meeting, today, warn_days) if c.id not in seen]
    units: dict[str, Unit] = {unit.id: unit for unit in store.units()}
    by_unit_rate = fulfilment_by_unit(everything, today, since=since)
    grouped: dict[str, list[Commitment]] = {}
    for commitment in listed:
        grouped.setdefault(commitment.unit_id, []).append(commitment)

    def unit_order(unit_id: str) -> tuple[int, str]:
        unit = units.get(unit_id)
        return (unit.order, unit.name) if unit else (10**6, unit_id)

    groups = tuple(
        UnitGroup(
            unit_id=unit_id,
            name=units[unit_id].name if unit_id in units else unit_id,
            fulfilment=by_unit_rate.get(unit_id, Fulfilment(0, 0)),
            misses=consecutive_misses(everything, unit_id, today),
            commitments=tuple(sorted(items, key=lambda c: (c.effective_due, c.id))),
        )
        for unit_id, items in sorted(grouped.items(), key=lambda kv: unit_order(kv[0]))
    )
    return ReviewData(
        groups=groups,
        overall=fulfilment(everything, today, since=since),
        counts=outcome_counts(listed),
        by_id={c.id: c for c in everything},
    )
