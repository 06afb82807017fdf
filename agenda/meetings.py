"""Meetings: a period's dispatch meeting, its attendance, notes and the walk of its agenda."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from agenda.errors import RuleError
from agenda.periods import Period


class MeetingState(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class Attendance(StrEnum):
    PRESENT = "present"  # 出席
    EXCUSED = "excused"  # 请假
    DEPUTY = "deputy"  # 代会: sent a deputy
    ABSENT = "absent"  # 缺席


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
    secretary: str = ""
    state: MeetingState = MeetingState.PLANNED
    started_at: datetime | None = None
    ended_at: datetime | None = None
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

    # --- what was said -----------------------------------------------------------------
    def with_attendance(self, unit_id: str, status: Attendance) -> Meeting:
        return replace(self, attendance=_frozen({**self.attendance, unit_id: status}))

    def with_note(self, item_key: str, text: str) -> Meeting:
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


def meeting_id(period: Period, number: int) -> str:
    return f"{period}.{number}"


def period_of_id(record_id: str) -> Period:
    """Meetings and commitments are filed by period: the id starts with it."""
    return Period.parse(record_id.split(".")[0])
