"""Archived months briefed on the server (agenda/archive.py): worked out by the server from
the indexed columns and the jsonb docs, a few rows a month, instead of sending every
commitment of a year over the socket to pick the few months 督办 must read. The folder
keeps them in archived.json; here nothing is kept, so nothing can go stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from agenda.archive import HeldMeeting, MonthBrief
from agenda.meetings import MeetingState
from agenda.periods import Period

Query = Callable[[str, Iterable[Any]], list[tuple[Any, ...]]]

MEETINGS = (
    "SELECT period, id, meeting_date, coalesce(doc->>'topic', '') <> '', state"
    " FROM {meetings} WHERE period = ANY(%s)"
)
# Per month: the span of dates in force, the units, whether one may read open after any
# day (open now, no outcome, or reopened last), the latest outcome's day, the most carried.
COMMITMENTS = (
    "SELECT c.period, min(c.effective_due), max(c.effective_due), array_agg(DISTINCT c.unit_id),"
    " bool_or(c.status = 'open' OR jsonb_array_length(c.doc->'history') = 0"
    "  OR c.doc->'history'->-1->>'status' = 'open'),"
    " max(h.last), max(coalesce((c.doc->>'carried_times')::integer, 0))"
    " FROM {commitments} c LEFT JOIN LATERAL (SELECT max((e->>'on')::date) AS last"
    "  FROM jsonb_array_elements(c.doc->'history') e) h ON true"
    " WHERE c.period = ANY(%s) GROUP BY c.period"
)
# The meetings that made a month's commitments or recorded an outcome or extension on one.
ACTED = (
    "SELECT period, meeting_id FROM {commitments}"
    " WHERE period = ANY(%s) AND meeting_id IS NOT NULL"
    " UNION SELECT c.period, e->>'meeting' FROM {commitments} c,"
    "  jsonb_array_elements(c.doc->'history') e"
    "  WHERE c.period = ANY(%s) AND e->>'meeting' IS NOT NULL"
    " UNION SELECT c.period, e->>'meeting' FROM {commitments} c,"
    "  jsonb_array_elements(c.doc->'extensions') e"
    "  WHERE c.period = ANY(%s) AND e->>'meeting' IS NOT NULL"
)


def archive_briefs(query: Query, periods: list[Period]) -> list[MonthBrief]:
    """The briefs of `periods` (archived months), in their order."""
    if not periods:
        return []
    names = [str(period) for period in periods]
    meetings: dict[str, list[HeldMeeting]] = {name: [] for name in names}
    for period, meeting_id, day, special, state in query(MEETINGS, (names,)):
        closed = state == MeetingState.CLOSED.value
        meetings[period].append(HeldMeeting(meeting_id, day, bool(special), closed))
    acted: dict[str, set[str]] = {name: set() for name in names}
    for period, meeting_id in query(ACTED, (names, names, names)):
        acted[period].add(meeting_id)
    found: dict[str, tuple[Any, ...]] = {row[0]: row[1:] for row in query(COMMITMENTS, (names,))}
    briefs = []
    for period, name in zip(periods, names, strict=True):
        first: date | None = None
        last: date | None = None
        units: frozenset[str] = frozenset()
        settled: date | None = None
        carried = 0
        if name in found:
            first, last, unit_ids, maybe_open, latest, carried = found[name]
            units = frozenset(unit_ids)
            settled = None if maybe_open else latest
        briefs.append(
            MonthBrief(
                period=period,
                meetings=tuple(sorted(meetings[name], key=lambda m: (m.date, m.id))),
                first_due=first,
                last_due=last,
                acted=frozenset(acted[name]),
                units=units,
                settled_by=settled,
                most_carried=int(carried),
            )
        )
    return briefs
