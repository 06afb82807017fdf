"""What may change once a meeting is closed: written once, here, and asked by the store
under its lock for every save, whichever window or command makes it.

A closed meeting's record changes only by being reopened (`Meeting.reopen`, kept in its
events). The commitments made at it keep what was agreed (unit, text, owner, due, figure):
none is added, edited or deleted. An outcome, an extension or a progress note recorded
*at* a closed meeting stays as recorded. Marking last month's commitments at this month's
(open) meeting is what the review is for, and stays allowed although they were made at a
closed one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from agenda.commitments import Commitment, Extension, Progress, StatusChange
from agenda.errors import RuleError
from agenda.meetings import Meeting, MeetingEventKind

MeetingOf = Callable[[str], Meeting | None]


def check_meeting_change(before: Meeting | None, after: Meeting) -> None:
    """Refuse a change to a closed meeting, other than reopening it."""
    if before is None or not before.is_closed:
        return
    if _same(before, after):
        return
    added = after.events[len(before.events) :]
    if len(added) == 1 and added[0].kind is MeetingEventKind.REOPENED:
        event = added[0]
        if _same(before.reopen(event.at, event.by), after):
            return
    raise RuleError("meeting.closed_change", id=before.id)


def check_commitment_change(
    before: Commitment | None, after: Commitment | None, meeting_of: MeetingOf
) -> None:
    """Refuse adding, editing or deleting a commitment made at a closed meeting, and any
    outcome or extension recorded at a closed meeting being added, changed or taken away.

    `before` is the record as saved (None: it is being added), `after` as it would be
    saved (None: it is being deleted); `meeting_of` finds a meeting by id.
    """

    def closed(meeting_id: str | None) -> bool:
        meeting = meeting_of(meeting_id) if meeting_id else None
        return meeting is not None and meeting.is_closed

    if after is None and before is None:
        return
    if before is None:
        assert after is not None
        if closed(after.meeting_id):
            raise RuleError("meeting.closed_add", meeting=after.meeting_id)
    elif after is None:
        if closed(before.meeting_id):
            raise RuleError("meeting.closed_delete", id=before.id, meeting=before.meeting_id)
    elif _agreed(before) != _agreed(after):
        for meeting_id in (before.meeting_id, after.meeting_id):
            if closed(meeting_id):
                raise RuleError("meeting.closed_edit", id=before.id, meeting=meeting_id)
    record = after if after is not None else before
    assert record is not None
    for entry in _changed_entries(before, after):
        if closed(entry.meeting_id):
            raise RuleError("meeting.closed_outcome", id=record.id, meeting=entry.meeting_id)


def _same(a: Meeting, b: Meeting) -> bool:
    return replace(a, revision=b.revision) == b


def _agreed(c: Commitment) -> tuple[object, ...]:
    """What the meeting agreed: fixed once the meeting that made it is closed."""
    return (
        *(c.unit_id, c.text, c.owner, c.due, c.meeting_id, c.metric, c.quantity, c.created),
        *(c.lead, c.supporting, c.nth_in_meeting, c.carried_times),
    )


Entry = StatusChange | Extension | Progress


def _entries(c: Commitment | None) -> tuple[Entry, ...]:
    return (*c.history, *c.extensions, *c.progress) if c is not None else ()


def _changed_entries(before: Commitment | None, after: Commitment | None) -> list[Entry]:
    """Outcomes, extensions and progress notes one side has and the other has not: added,
    removed or changed (counted, as the same entry may be there twice)."""
    old = Counter[Entry](_entries(before))
    new = Counter[Entry](_entries(after))
    return list(((old - new) + (new - old)).elements())
