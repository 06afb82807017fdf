"""The next meeting (plan, start) and a meeting's life (close, reopen, find)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agenda.errors import DiaoduError, RuleError
from agenda.meetings import Meeting, new_meeting_refusal, next_nth_in_year, period_of_id
from agenda.periods import Period
from agenda.planning import NextMeeting, meetings_on, next_meeting
from agenda.usecases.district import District

LAST = "last"  # the latest meeting, where a meeting's id is asked for


def plan(district: District) -> NextMeeting:
    """The meeting to resume, or the month a new one would discuss."""
    store = district.store
    meetings = store.meetings(include_archive=1)
    today = district.today()
    return next_meeting(meetings, store.latest_reading_period(), today)


@dataclass(frozen=True)
class NewMeeting:
    """What a meeting on `period` held on `day` would be: its number in the year (第N次),
    the meetings held on that month already (this one would be another), or why it may
    not be held (`new_meeting_refusal`)."""

    period: Period
    day: date
    nth_in_year: int
    held: tuple[Meeting, ...]
    refusal: RuleError | None


def new_meeting(district: District, period: Period, day: date) -> NewMeeting:
    store = district.store
    in_year = store.meetings_in_year(day.year)
    around = store.meetings_in_year(period.year)
    if period.year != day.year:
        around += in_year
    else:
        around += store.meetings_in_year(period.year + 1)
    return NewMeeting(
        period,
        day,
        next_nth_in_year(in_year, day.year),
        tuple(meetings_on(period, around)),
        new_meeting_refusal(period, day, district.today(), in_year),
    )


def start_meeting(
    district: District, period: Period, day: date, template: str, *, topic: str = ""
) -> Meeting:
    """A new meeting on `period`'s figures, held on `day`, walking `template` (a 专题调度会
    with its `topic`); the chair and secretary of the last meeting (the same people, most
    months). Refused as `new_meeting_refusal` says, and for a template there is not."""
    from agenda.usecases.templates import template as find

    store = district.store
    find(district, template)  # refused, naming those there are, before anything is made
    last = store.latest_meetings(1)
    return store.create_meeting(
        period,
        day,
        template,
        chair=last[-1].chair if last else "",
        secretary=last[-1].secretary if last else "",
        topic=topic,
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
