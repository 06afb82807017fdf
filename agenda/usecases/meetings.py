"""The next meeting (plan, start) and a meeting's life (close, reopen, find)."""

from __future__ import annotations

from agenda.errors import DiaoduError, RuleError
from agenda.meetings import Meeting, period_of_id
from agenda.planning import NextMeeting, next_meeting
from agenda.usecases.district import District

LAST = "last"  # the latest meeting, where a meeting's id is asked for


def plan(district: District) -> NextMeeting:
    """The meeting to resume, or the month a new one would discuss."""
    store = district.store
    meetings = store.meetings(include_archive=1)
    return next_meeting(meetings, store.latest_reading_period(), district.today())


def start_meeting(district: District, planned: NextMeeting) -> Meeting:
    """A new meeting, held today on the planned month's figures, with the district's
    agenda; the chair and secretary of the last meeting (the same people, most months)."""
    store = district.store
    last = store.latest_meetings(1)
    return store.create_meeting(
        planned.period,
        district.today(),
        district.settings_or_defaults().template,
        chair=last[-1].chair if last else "",
        secretary=last[-1].secretary if last else "",
    )


def close_meeting(district: District, meeting_id: str, by: str) -> Meeting:
    """Closed for good: nothing of it changes unless it is reopened (on its record)."""
    now = district.now()
    return district.store.update_meeting(meeting_id, lambda m: m.close(now, by))


def reopen_meeting(district: District, meeting_id: str, by: str) -> Meeting:
    """A closed meeting in progress again; its record says who reopened it, and when."""
    now = district.now()
    return district.store.update_meeting(meeting_id, lambda m: m.reopen(now, by))


def find_meeting(district: District, meeting_id: str) -> Meeting:
    """A meeting by its id ("2026-09.1"), or the latest (`last`)."""
    store = district.store
    if meeting_id == LAST:
        latest = store.latest_meetings(1)
        if not latest:
            raise RuleError("report.no_meeting_yet")
        return latest[0]
    try:
        period_of_id(meeting_id)
    except DiaoduError:
        found = None  # not an id at all: said as any id not on record
    else:
        found = store.meeting(meeting_id)
    if found is None:
        known = ", ".join(m.id for m in store.latest_meetings(5)) or "-"
        raise RuleError("report.no_such_meeting", id=meeting_id, latest=known)
    return found
