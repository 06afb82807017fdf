"""Which meeting comes next: what home proposes when the chair presses start.

The unfinished meeting, if there is one, is resumed. Otherwise a new one is proposed on
the month of the latest figures (or last month, before any figures come in), never a
month still to come, held today, with the number it would take in the year (第N次). The
chair may choose another month (`periods_to_choose`: a make-up meeting for an earlier
month of the last year, an early one on this month's) and a topic for a 专题调度会; a
month that has had its meeting already may have another (`held`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from agenda.meetings import MONTHS_BACK, Meeting
from agenda.periods import Period, typed_day


@dataclass(frozen=True)
class NextMeeting:
    unfinished: Meeting | None  # planned or in progress: resume it
    period: Period  # the month whose figures a new meeting would discuss
    closed_already: Meeting | None  # that month's latest closed meeting, if it has been held
    held: tuple[Meeting, ...] = ()  # every meeting on that month's figures, in order held


def next_meeting(
    meetings: Iterable[Meeting],
    latest_readings: Period | None,
    today: date,
) -> NextMeeting:
    """This month's meeting discusses the last month with figures (or last month), never
    a month after this one. The number a new meeting would take (第N次) is not asked
    here: it needs the whole year's meetings (usecases.meetings.new_meeting reads them
    when a meeting is about to be started), and home, which asks here, does not show it."""
    meetings = sorted(meetings, key=lambda m: (m.date, m.id))
    unfinished = next((m for m in reversed(meetings) if not m.is_closed), None)
    period = min(latest_readings or Period.of(today).previous(), Period.of(today))
    held = tuple(m for m in meetings if m.period == period)
    closed = next((m for m in reversed(held) if m.is_closed), None)
    return NextMeeting(unfinished, period, closed, held)


def periods_to_choose(today: date) -> list[Period]:
    """The months a meeting held today may discuss, newest first: this month (an early
    meeting) back to twelve months before (a make-up meeting)."""
    periods = [Period.of(today)]
    for _ in range(MONTHS_BACK):
        periods.append(periods[-1].previous())
    return periods


def parse_meeting_day(text: str, today: date) -> date:
    """The day a meeting is held, as typed: a full date (2026-11-20, 2026年11月20日) or a
    month and day of this year (11-20, 11月20日). Not a due date: "11-20" typed on the
    22nd is two days ago, not next year."""
    return typed_day(text, today.year)[0]


def meetings_on(period: Period, meetings_by_year: Iterable[Meeting]) -> list[Meeting]:
    """The meetings held on `period`'s figures among `meetings_by_year` (those dated in
    its year and the next: a meeting looks back at most twelve months), in order held."""
    held = [m for m in meetings_by_year if m.period == period]
    return sorted(held, key=lambda m: (m.date, m.nth_in_year or 0, m.id))
