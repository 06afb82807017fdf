"""回头看: which commitments a meeting reviews, fulfilment (履约率), misses and warnings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting
from agenda.periods import Period

DEFAULT_WARN_DAYS = 3


class Warning(StrEnum):
    NONE = "none"
    YELLOW = "yellow"  # due within a few days
    RED = "red"  # overdue


def warning(commitment: Commitment, today: date, warn_days: int = DEFAULT_WARN_DAYS) -> Warning:
    if not commitment.is_open:
        return Warning.NONE
    days_left = (commitment.effective_due - today).days
    if days_left < 0:
        return Warning.RED
    if days_left <= warn_days:
        return Warning.YELLOW
    return Warning.NONE


def due_for_review(commitments: Iterable[Commitment], on: date) -> list[Commitment]:
    """Open commitments due by `on`: what a meeting held that day must call out.

    Carried-over commitments are ordinary open ones with a link back, so they come too.
    """
    due = [c for c in commitments if c.is_open and c.effective_due <= on]
    return sorted(due, key=lambda c: (c.effective_due, c.id))


def review_list(commitments: Iterable[Commitment], meeting: Meeting) -> list[Commitment]:
    """What the meeting's review shows: what is due, plus what it has already settled.

    A commitment marked done in the review must stay on the screen (with its new status),
    not vanish from the list the chair is walking.
    """
    touched = []
    due = []
    for commitment in commitments:
        if commitment.meeting_id == meeting.id:
            continue  # made at this meeting (or carried into it): that is the assignments
        acted_here = any(change.meeting_id == meeting.id for change in commitment.history) or any(
            extension.meeting_id == meeting.id for extension in commitment.extensions
        )
        if acted_here:
            touched.append(commitment)
        elif commitment.is_open and commitment.effective_due <= meeting.date:
            due.append(commitment)
    return sorted(touched + due, key=lambda c: (c.unit_id, c.due, c.id))


@dataclass(frozen=True)
class ReviewLine:
    """One commitment in the whole review, and why it is there."""

    commitment: Commitment
    due: bool  # due by the meeting's date: called out first, for an outcome
    acted_here: bool  # an outcome, extension or progress note was recorded at this meeting


def acted_at(commitment: Commitment, meeting_id: str) -> bool:
    """Whether anything was recorded for the commitment at this meeting."""
    return (
        any(change.meeting_id == meeting_id for change in commitment.history)
        or any(extension.meeting_id == meeting_id for extension in commitment.extensions)
        or any(note.meeting_id == meeting_id for note in commitment.progress)
    )


def _due_before(commitment: Commitment, meeting_id: str) -> date:
    """The due date in force when the meeting began: an extension granted at it does not
    move the commitment from one part of the review to the other."""
    earlier = [e for e in commitment.extensions if e.meeting_id != meeting_id]
    return earlier[-1].new_due if earlier else commitment.due


def whole_review(
    commitments: Iterable[Commitment],
    meeting: Meeting,
    *,
    unit_order: Callable[[str], Any] | None = None,
) -> list[ReviewLine]:
    """The whole 回头看: every commitment of earlier meetings still open, the ones due by
    the meeting's date first, then the rest (for a progress note 推进情况); and those
    settled at this meeting, where they were, so that marking one does not move it.

    Within each part, unit by unit (`unit_order(unit_id)`, e.g. the units' sort order;
    else by id), then by due date. Commitments made at this meeting (or carried into it)
    are the assignments', not the review's; so are those made after its date.
    """
    order = unit_order or (lambda unit_id: unit_id)
    lines = []
    for commitment in commitments:
        if commitment.meeting_id == meeting.id:
            continue
        if commitment.created is not None and commitment.created > meeting.date:
            continue
        here = acted_at(commitment, meeting.id)
        if not (commitment.is_open or here):
            continue
        due = _due_before(commitment, meeting.id) <= meeting.date
        lines.append(ReviewLine(commitment, due, here))
    lines.sort(
        key=lambda line: (
            not line.due,
            order(line.commitment.unit_id),
            _due_before(line.commitment, meeting.id),
            line.commitment.id,
        )
    )
    return lines


@dataclass(frozen=True)
class Fulfilment:
    due: int
    on_time: int

    @property
    def rate(self) -> float | None:
        """履约率 in percent: done on time ÷ due; None when nothing was due."""
        return self.on_time / self.due * 100 if self.due else None


def _fulfilment(commitments: Iterable[Commitment], as_of: date, since: date | None) -> Fulfilment:
    due = on_time = 0
    for commitment in commitments:
        deadline = commitment.effective_due
        if commitment.status is Status.DROPPED or deadline > as_of:
            continue
        if since is not None and deadline < since:
            continue
        due += 1
        closed_on = commitment.closed_on
        if commitment.done_on_time() and closed_on is not None and closed_on <= as_of:
            on_time += 1
    return Fulfilment(due, on_time)


def fulfilment(
    commitments: Iterable[Commitment], as_of: date, *, since: date | None = None
) -> Fulfilment:
    """Overall 履约率 of the commitments due by `as_of` (and, if given, not before `since`).

    Dropped commitments are not counted as due. An extension granted before the deadline
    moves the date that counts; an overdue commitment cannot be extended.
    """
    return _fulfilment(commitments, as_of, since)


def fulfilment_by_unit(
    commitments: Iterable[Commitment], as_of: date, *, since: date | None = None
) -> dict[str, Fulfilment]:
    by_unit: dict[str, list[Commitment]] = defaultdict(list)
    for commitment in commitments:
        by_unit[commitment.unit_id].append(commitment)
    return {unit: _fulfilment(items, as_of, since) for unit, items in by_unit.items()}


def cutoff(period: Period, today: date) -> date:
    """The 履约率 cut-off of a month's bulletin: the month's last day (its figures are
    year to date at month end), or today if the month is not over. "截至10月31日"."""
    return min(period.last_day(), today)


class FulfilmentBook:
    """履约率 as the scorecard reads it: per unit, for the commitments of the period's
    year due by the period's cut-off. Each period is worked out once."""

    def __init__(self, commitments: Iterable[Commitment], today: date) -> None:
        self.commitments = tuple(commitments)
        self.today = today
        self._by_period: dict[Period, dict[str, Fulfilment]] = {}

    def cutoff(self, period: Period) -> date:
        return cutoff(period, self.today)

    def by_unit(self, period: Period) -> dict[str, Fulfilment]:
        if period not in self._by_period:
            since = date(period.year, 1, 1)
            self._by_period[period] = fulfilment_by_unit(
                self.commitments, self.cutoff(period), since=since
            )
        return self._by_period[period]

    def of(self, unit_id: str, period: Period) -> Fulfilment | None:
        return self.by_unit(period).get(unit_id)


def consecutive_misses(commitments: Iterable[Commitment], unit_id: str, today: date) -> int:
    """How many of the unit's latest settled-or-overdue commitments were missed in a row
    (commitments, not meetings: who is called in, 约谈, is agenda/escalation.py's rule).

    Ordered by the date that counted; an open commitment past its date counts as a miss,
    since that is what the next review will find. Dropped ones are passed over.
    """
    judged = [
        c
        for c in commitments
        if c.unit_id == unit_id
        and c.status is not Status.DROPPED
        and (c.status.closed or c.is_overdue(today))
    ]
    judged.sort(key=lambda c: (c.effective_due, c.id))
    count = 0
    for commitment in reversed(judged):
        if commitment.status is Status.MISSED or commitment.is_overdue(today):
            count += 1
        else:
            break
    return count


def outcome_counts(commitments: Iterable[Commitment]) -> dict[Status, int]:
    counts = dict.fromkeys(Status, 0)
    for commitment in commitments:
        counts[commitment.status] += 1
    return counts
