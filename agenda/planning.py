"""Which meeting comes next: the unfinished one, or a new one for the month to discuss."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from agenda.meetings import Meeting
from agenda.periods import Period


@dataclass(frozen=True)
class NextMeeting:
    unfinished: Meeting | None  # planned or in progress: resume it
    period: Period  # the month whose figures a new meeting would discuss
    closed_already: Meeting | None  # that month's meeting, if it has been held


def next_meeting(
    meetings: Iterable[Meeting], latest_readings: Period | None, today: date
) -> NextMeeting:
    """This month's meeting discusses the last month with figures (or last month)."""
    meetings = sorted(meetings, key=lambda m: (m.date, m.id))
    unfinished = next((m for m in reversed(meetings) if not m.is_closed), None)
    period = latest_readings or Period.of(today).previous()
    closed = next((m for m in reversed(meetings) if m.period == period and m.is_closed), None)
    return NextMeeting(unfinished, period, closed)
