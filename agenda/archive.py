"""What a store says of an archived month without reading it (a `MonthBrief`), so that a
report reads only the months that can hold what it shows.

A brief is derived from the month's records (`month_brief`) and says, for its
commitments: the span of their dates in force, the meetings that made or acted on them,
the units they belong to, the day the last of them was settled (none when one may still
be open: its record reads open from some day on), and the most times one of them was
carried over; and its meetings, with what makes one count for 督办 (regular, closed).
Each question asked of it (`may_be_judged_at`, `may_be_supervised`) answers True whenever
a commitment of the month could matter, so reading only those months gives exactly the
answer of reading them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting
from agenda.periods import Period


@dataclass(frozen=True)
class HeldMeeting:
    """A meeting as a brief names it: enough to know whether it counts for 督办."""

    id: str
    date: date
    special: bool  # a 专题调度会 (it has a topic)
    closed: bool

    @property
    def is_special(self) -> bool:
        return self.special

    @property
    def is_closed(self) -> bool:
        return self.closed


@dataclass(frozen=True)
class MonthBrief:
    period: Period
    meetings: tuple[HeldMeeting, ...]  # the month's own meetings, by date then id
    first_due: date | None  # of its commitments' dates in force (None: it has none)
    last_due: date | None
    acted: frozenset[str]  # meetings that made its commitments or recorded anything on them
    units: frozenset[str]  # the units its commitments belong to
    # The latest day an outcome of its commitments was recorded on; None when one of them
    # may read open after any day (open now, or no outcome, or reopened last).
    settled_by: date | None
    most_carried: int  # the most times one of its commitments was carried over (0: none)

    def may_be_judged_at(self, meeting_id: str, previous: date, day: date) -> bool:
        """Whether one of its commitments may be missed or kept at a counted meeting held on
        `day`, the counted meeting before it held on `previous` (see
        `agenda.escalation`: acted on there, first due since the previous one, or due by
        then and still open or changed later)."""
        if meeting_id in self.acted:
            return True
        if self.first_due is None or self.last_due is None or self.first_due > day:
            return False
        # Due by `previous` and not acted on there: judged only while it still reads open
        # (on the day it was settled, it reads settled: nothing to judge).
        return self.last_due > previous or self.settled_by is None or day < self.settled_by

    def may_be_supervised(self, supervise_after: int, on: date) -> bool:
        """Whether one of its commitments may be open on `on` and carried over
        `supervise_after` times or more (挂牌督办)."""
        if self.first_due is None or self.most_carried < supervise_after:
            return False
        return self.settled_by is None or on < self.settled_by


def acted_on_at(commitment: Commitment) -> set[str]:
    """The meetings a commitment was made at or acted on at (an outcome, an extension)."""
    found = {commitment.meeting_id}
    found |= {change.meeting_id for change in commitment.history}
    found |= {extension.meeting_id for extension in commitment.extensions}
    return {meeting for meeting in found if meeting is not None}


def settled_by(commitment: Commitment) -> date | None:
    """The day from which its record reads settled for good, or None if it may read open
    after any day (see `agenda.escalation.status_at`: the last entry dated on or before
    a day, open when there is none)."""
    history = commitment.history
    if commitment.is_open or not history or history[-1].status is Status.OPEN:
        return None
    return max(change.on for change in history)


def month_brief(
    period: Period, meetings: Iterable[Meeting], commitments: list[Commitment]
) -> MonthBrief:
    dues = sorted(commitment.effective_due for commitment in commitments)
    acted: set[str] = set()
    settled: list[date] = []
    for commitment in commitments:
        acted |= acted_on_at(commitment)
        day = settled_by(commitment)
        if day is not None:
            settled.append(day)
    return MonthBrief(
        period=period,
        meetings=tuple(
            HeldMeeting(m.id, m.date, m.is_special, m.is_closed)
            for m in sorted(meetings, key=lambda m: (m.date, m.id))
        ),
        first_due=dues[0] if dues else None,
        last_due=dues[-1] if dues else None,
        acted=frozenset(acted),
        units=frozenset(commitment.unit_id for commitment in commitments),
        settled_by=max(settled) if settled and len(settled) == len(commitments) else None,
        most_carried=max((c.carried_times for c in commitments), default=0),
    )
