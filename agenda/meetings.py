"""Meetings: a period's dispatch meeting, who was in the room, notes and the walk of its
agenda.

A meeting discusses one month's figures (its period) and is held on a date: usually the
month after, but a chair also holds make-up meetings for an earlier month, early ones,
and 专题调度会 on one subject (`topic`), more than one in a month if need be. Each is
numbered in the year of its date (第N次, `nth_in_year`), in the order held: the store gives
the number when the meeting is created, and it never changes (`new_meeting_refusal`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from agenda.errors import RuleError
from agenda.periods import Period
from agenda.texts import Line, one_line

# How far back a meeting may look: a make-up meeting for a month of the last year.
MONTHS_BACK = 12


class MeetingState(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class Attendance(StrEnum):
    PRESENT = "present"  # 出席
    EXCUSED = "excused"  # 请假
    DEPUTY = "deputy"  # 代会: sent a deputy
    ABSENT = "absent"  # 缺席


@dataclass(frozen=True)
class Presence:
    """A unit at the roll call: its status, and for 代会 who came in the head's place (name
    and post), for 请假 (or 缺席) the reason. Build one with `presence()`: it checks them."""

    status: Attendance = Attendance.PRESENT
    name: str = ""  # the deputy's name (代会 only)
    post: str = ""  # the deputy's post, e.g. 副镇长 (代会 only)
    reason: str = ""  # why the head is away (请假, 缺席 only)

    @property
    def details(self) -> bool:
        return bool(self.name or self.post or self.reason)


NO_DETAILS = Presence()
# Which details each status may carry.
_DEPUTY_DETAILS = (Attendance.DEPUTY,)
_REASON_DETAILS = (Attendance.EXCUSED, Attendance.ABSENT)


def presence(status: Attendance, *, name: str = "", post: str = "", reason: str = "") -> Presence:
    """A unit's roll call entry, its texts trimmed and checked: a deputy's name and post
    only for 代会, a reason only for 请假 or 缺席, each one line of at most 60 characters.
    A deputy's name may be left for later (`roll_call_gaps` says what is still missing)."""
    name = one_line(name, Line.DEPUTY_NAME)
    post = one_line(post, Line.DEPUTY_POST)
    reason = one_line(reason, Line.REASON)
    if (name or post) and status not in _DEPUTY_DETAILS:
        raise RuleError("meeting.deputy_details_only", status=status)
    if reason and status not in _REASON_DETAILS:
        raise RuleError("meeting.reason_only", status=status)
    return Presence(status, name, post, reason)


@dataclass(frozen=True)
class Observer:
    """列席: someone attending without a vote, e.g. a department's leader or the press."""

    name: str
    post: str = ""  # post or unit, e.g. 区融媒体中心记者


def observer(name: str, post: str = "") -> Observer:
    name = one_line(name, Line.OBSERVER_NAME)
    if not name:
        raise RuleError("meeting.observer_no_name")
    return Observer(name, one_line(post, Line.OBSERVER_POST))


class MeetingEventKind(StrEnum):
    CLOSED = "closed"
    REOPENED = "reopened"


@dataclass(frozen=True)
class MeetingEvent:
    """A closing or a reopening, kept in the meeting's record: a closed meeting changes
    only by being reopened, and the record says by whom and when."""

    kind: MeetingEventKind
    at: datetime
    by: str = ""  # the window's role and name ("chair 张立新"), or "cli" and the OS user


def _frozen(mapping: dict[str, Any] | None = None) -> MappingProxyType[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Meeting:
    id: str  # "2026-05.1": the period, then the meeting's number within it
    period: Period  # the month whose figures the meeting discusses
    date: date
    template: str
    chair: str = ""
    secretary: str = ""  # 记录
    state: MeetingState = MeetingState.PLANNED
    started_at: datetime | None = None
    ended_at: datetime | None = None
    # Each unit's status at the roll call; the deputy's name and post, or the reason for
    # being away, in `attendance_details` (read both through `presence(unit_id)`).
    attendance: MappingProxyType[str, Attendance] = field(default_factory=_frozen)
    # Free notes per agenda item key.
    notes: MappingProxyType[str, str] = field(default_factory=_frozen)
    # Notes per section key, per unit id (good practice named, problems said).
    unit_notes: MappingProxyType[str, MappingProxyType[str, str]] = field(default_factory=_frozen)
    # Problem categories ticked per unit id in the gaps section.
    problems: MappingProxyType[str, tuple[str, ...]] = field(default_factory=_frozen)
    current_item: str | None = None
    # Seconds spent on each item, and when the current one was entered.
    item_seconds: MappingProxyType[str, float] = field(default_factory=_frozen)
    item_entered_at: datetime | None = None
    events: tuple[MeetingEvent, ...] = ()
    # How many times the record has been saved: the store refuses a save built on an
    # older revision than the one on disk (another window saved meanwhile).
    revision: int = 0
    topic: str = ""  # 专题: the one subject of a 专题调度会; empty for the regular meeting
    place: str = ""  # 地点
    nth_in_year: int | None = None  # 第N次: given by the store at creation, never changed
    attendance_details: MappingProxyType[str, Presence] = field(default_factory=_frozen)
    observers: tuple[Observer, ...] = ()  # 列席

    # --- the walk ----------------------------------------------------------------------
    def start(self, at: datetime, first_item: str) -> Meeting:
        if self.state is MeetingState.CLOSED:
            raise RuleError("meeting.closed", id=self.id)
        if self.state is MeetingState.IN_PROGRESS:
            return self
        return replace(
            self,
            state=MeetingState.IN_PROGRESS,
            started_at=at,
            current_item=first_item,
            item_entered_at=at,
        )

    def move_to(self, item_key: str, at: datetime) -> Meeting:
        """Leave the current item (adding its time) and enter another."""
        seconds = dict(self.item_seconds)
        if self.current_item is not None and self.item_entered_at is not None:
            spent = max(0.0, (at - self.item_entered_at).total_seconds())
            seconds[self.current_item] = seconds.get(self.current_item, 0.0) + spent
        return replace(
            self,
            current_item=item_key,
            item_entered_at=at,
            item_seconds=_frozen(seconds),
        )

    def seconds_on(self, item_key: str, now: datetime) -> float:
        spent = self.item_seconds.get(item_key, 0.0)
        if item_key == self.current_item and self.item_entered_at is not None:
            spent += max(0.0, (now - self.item_entered_at).total_seconds())
        return spent

    def close(self, at: datetime, by: str = "") -> Meeting:
        if self.state is MeetingState.CLOSED:
            return self
        walked = self.move_to(self.current_item or "", at) if self.current_item else self
        return replace(
            walked,
            state=MeetingState.CLOSED,
            ended_at=at,
            current_item=None,
            item_entered_at=None,
            started_at=self.started_at or at,
            events=(*self.events, MeetingEvent(MeetingEventKind.CLOSED, at, by)),
        )

    def reopen(self, at: datetime, by: str) -> Meeting:
        """Open a closed meeting again, on record: the only change a closed meeting takes."""
        if self.state is not MeetingState.CLOSED:
            raise RuleError("meeting.reopen_not_closed", id=self.id)
        return replace(
            self,
            state=MeetingState.IN_PROGRESS,
            ended_at=None,
            events=(*self.events, MeetingEvent(MeetingEventKind.REOPENED, at, by)),
        )

    # --- who was in the room ------------------------------------------------------------
    def presence(self, unit_id: str) -> Presence:
        """The unit's roll call entry: present unless marked otherwise."""
        status = self.attendance.get(unit_id, Attendance.PRESENT)
        details = self.attendance_details.get(unit_id, NO_DETAILS)
        return replace(details, status=status)

    def with_presence(self, unit_id: str, entry: Presence) -> Meeting:
        """Mark a unit with its details (build `entry` with `presence()`)."""
        checked = presence(entry.status, name=entry.name, post=entry.post, reason=entry.reason)
        details = {**self.attendance_details, unit_id: checked}
        if not checked.details:
            del details[unit_id]
        return replace(
            self,
            attendance=_frozen({**self.attendance, unit_id: checked.status}),
            attendance_details=_frozen(details),
        )

    def with_attendance(self, unit_id: str, status: Attendance) -> Meeting:
        """Mark a unit's status only; the details it had stay if they fit the new status
        (a deputy's name while 代会, a reason while 请假 or 缺席)."""
        kept = self.attendance_details.get(unit_id, NO_DETAILS)
        if status not in _DEPUTY_DETAILS:
            kept = replace(kept, name="", post="")
        if status not in _REASON_DETAILS:
            kept = replace(kept, reason="")
        return self.with_presence(unit_id, replace(kept, status=status))

    def with_observers(self, observers: Iterable[Observer]) -> Meeting:
        """列席, in the order given; each checked as `observer()` checks it."""
        checked = tuple(observer(o.name, o.post) for o in observers)
        return replace(self, observers=checked)

    def with_place(self, place: str) -> Meeting:
        return replace(self, place=one_line(place, Line.PLACE))

    def with_topic(self, topic: str) -> Meeting:
        return replace(self, topic=one_line(topic, Line.TOPIC))

    # --- what was said -----------------------------------------------------------------

    def with_note(self, item_key: str, text: str) -> Meeting:
        """A note is kept exactly as typed, paragraphs and blank lines included; one of
        only spaces and line breaks removes it."""
        notes = {**self.notes, item_key: text}
        if not text.strip():
            del notes[item_key]
        return replace(self, notes=_frozen(notes))

    def with_unit_note(self, section_key: str, unit_id: str, text: str) -> Meeting:
        section = dict(self.unit_notes.get(section_key, {}))
        if text.strip():
            section[unit_id] = text
        else:
            section.pop(unit_id, None)
        return replace(self, unit_notes=_frozen({**self.unit_notes, section_key: _frozen(section)}))

    def with_problems(self, unit_id: str, categories: tuple[str, ...]) -> Meeting:
        problems = {**self.problems, unit_id: tuple(categories)}
        if not categories:
            del problems[unit_id]
        return replace(self, problems=_frozen(problems))

    @property
    def is_closed(self) -> bool:
        return self.state is MeetingState.CLOSED

    @property
    def is_special(self) -> bool:
        """A 专题调度会 (on one subject), not the regular meeting."""
        return bool(self.topic)


def meeting_id(period: Period, number: int) -> str:
    return f"{period}.{number}"


def roll_call_gaps(meeting: Meeting) -> list[tuple[str, str]]:
    """What the roll call has not said yet, per unit: a deputy without a name
    ("meeting.deputy_unnamed"), an absence without its reason ("meeting.reason_missing").
    Not refusals: the close screen may point at them before the minutes go out."""
    gaps = []
    for unit_id in meeting.attendance:
        entry = meeting.presence(unit_id)
        if entry.status is Attendance.DEPUTY and not entry.name:
            gaps.append((unit_id, "meeting.deputy_unnamed"))
        elif entry.status is Attendance.EXCUSED and not entry.reason:
            gaps.append((unit_id, "meeting.reason_missing"))
    return gaps


# --- a new meeting: its period, its date, its number in the year ---------------------------
def months_between(earlier: Period, later: Period) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def new_meeting_refusal(
    period: Period, day: date, today: date, year_meetings: Iterable[Meeting] = ()
) -> RuleError | None:
    """Why a meeting on `period`'s figures may not be held on `day`, or None.

    - The period has begun: a month still to come has no figures ("period 2026-12 is in
      the future"). The current month may be chosen (an early meeting).
    - The date is not after today: a meeting is started when it is held; one held on an
      earlier day may be recorded afterwards (a make-up entry).
    - The date is not before the period's first day, and the period at most 12 months
      before the date's month (a make-up meeting for a month of the last year).
    - Meetings are numbered in the order held: the date is not before the latest meeting
      already numbered in its year (`year_meetings`: the meetings dated in that year).
    """
    if period > Period.of(today):
        return RuleError("meeting.period_future", period=period)
    if day > today:
        return RuleError("meeting.date_future", day=day)
    if day < period.first_day():
        return RuleError("meeting.date_before_period", day=day, period=period)
    if months_between(period, Period.of(day)) > MONTHS_BACK:
        return RuleError("meeting.period_too_old", period=period, months=MONTHS_BACK)
    numbered = [m for m in year_meetings if m.date.year == day.year and m.nth_in_year]
    if numbered:
        last = max(numbered, key=lambda m: (m.nth_in_year or 0, m.date))
        if day < last.date:
            return RuleError(
                "meeting.date_before_numbered", year=day.year, nth=last.nth_in_year, day=last.date
            )
    return None


def new_meeting(
    number: int,
    period: Period,
    day: date,
    template: str,
    *,
    today: date,
    year_meetings: Iterable[Meeting],
    chair: str = "",
    secretary: str = "",
    topic: str = "",
    place: str = "",
) -> Meeting:
    """A meeting about to be created (the store's `create_meeting`, under its lock): the
    `number`-th of its period, numbered 第N次 after `year_meetings` (those dated in the
    year of `day`). Raises what `new_meeting_refusal` says, and a topic or place that is
    not one line."""
    year_meetings = list(year_meetings)
    refusal = new_meeting_refusal(period, day, today, year_meetings)
    if refusal is not None:
        raise refusal
    return Meeting(
        id=meeting_id(period, number),
        period=period,
        date=day,
        template=template,
        chair=chair,
        secretary=secretary,
        topic=one_line(topic, Line.TOPIC),
        place=one_line(place, Line.PLACE),
        nth_in_year=next_nth_in_year(year_meetings, day.year),
    )


def next_nth_in_year(year_meetings: Iterable[Meeting], year: int) -> int:
    """第N次: one more than the highest number given in `year`. Meetings without one (put
    on record unnumbered) count too, so that the number is never one already held."""
    dated = [m for m in year_meetings if m.date.year == year]
    return max(max((m.nth_in_year or 0 for m in dated), default=0), len(dated)) + 1


def year_periods(year: int) -> list[Period]:
    """The periods whose meetings may be dated in `year` (at most 12 months back)."""
    first = Period(year - 1, 1)
    periods = []
    period = first
    while period <= Period(year, 12):
        periods.append(period)
        period = period.next()
    return periods


def period_of_id(record_id: str) -> Period:
    """Meetings and commitments are filed by period: the id starts with it."""
    return Period.parse(record_id.split(".")[0])
