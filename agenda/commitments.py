"""Commitments (任务/承诺): what a unit promised, who answers for it, by when, how much.

Besides the responsible unit (责任单位) and its 责任人, a commitment may name a lead
leader (牵头领导/包保领导, free text) and supporting units (配合单位). Its record keeps
three kinds of entry: outcomes (`history`), extensions (延期) and progress notes
(推进情况, `progress`). Only outcomes and extensions move what 履约率 and the outcome
counts see: a progress note never does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from agenda.errors import RuleError
from agenda.texts import Line, one_line


class Status(StrEnum):
    OPEN = "open"
    DONE = "done"
    PARTIAL = "partial"
    MISSED = "missed"
    DROPPED = "dropped"

    @property
    def closed(self) -> bool:
        return self is not Status.OPEN


@dataclass(frozen=True)
class StatusChange:
    status: Status
    on: date
    meeting_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Extension:
    """延期: a new due date asked for before the deadline, with its reason on record."""

    new_due: date
    reason: str
    on: date
    meeting_id: str | None = None


@dataclass(frozen=True)
class Progress:
    """推进情况: how a commitment not settled yet is getting on, as reported on a day
    (at a meeting's review, or between meetings), with a share done if one is said."""

    on: date
    note: str
    percent: float | None = None  # 0-100
    meeting_id: str | None = None


@dataclass(frozen=True)
class Commitment:
    id: str  # "2026-05.12": filed under the period of the meeting that made it
    unit_id: str
    text: str
    owner: str  # 责任人
    due: date  # the original due date: never changes
    meeting_id: str | None = None
    metric: str | None = None
    quantity: float | None = None
    status: Status = Status.OPEN
    history: tuple[StatusChange, ...] = field(default_factory=tuple)
    extensions: tuple[Extension, ...] = field(default_factory=tuple)
    carried_from: str | None = None
    carried_to: str | None = None
    created: date | None = None
    # How many times the record has been saved (see `Meeting.revision`).
    revision: int = 0
    lead: str = ""  # 牵头领导/包保领导: the leader who answers for it above the unit
    supporting: tuple[str, ...] = ()  # 配合单位: unit ids, never the responsible unit
    # 第N项: its number among the commitments of its meeting (given by the store, never
    # changed; None for one made outside a meeting).
    nth_in_meeting: int | None = None
    carried_times: int = 0  # how many times it has been carried over to get here
    progress: tuple[Progress, ...] = field(default_factory=tuple)

    @property
    def effective_due(self) -> date:
        """The due date in force: the last granted extension, else the original."""
        return self.extensions[-1].new_due if self.extensions else self.due

    @property
    def is_open(self) -> bool:
        return self.status is Status.OPEN

    @property
    def closed_on(self) -> date | None:
        return self.history[-1].on if self.history and self.status.closed else None

    def done_on_time(self) -> bool:
        closed_on = self.closed_on
        return (
            self.status is Status.DONE
            and closed_on is not None
            and (closed_on <= self.effective_due)
        )

    def is_overdue(self, today: date) -> bool:
        return self.is_open and today > self.effective_due

    def mark(
        self, status: Status, on: date, *, meeting_id: str | None = None, note: str = ""
    ) -> Commitment:
        """Record an outcome (or reopen with OPEN); the history keeps every change.

        A commitment carried over lives on in the new one: its outcome is recorded there.
        """
        if self.carried_to:
            raise RuleError("commitment.mark_carried", id=self.carried_to)
        change = StatusChange(status, on, meeting_id, note)
        return replace(self, status=status, history=(*self.history, change))

    def extend(
        self, new_due: date, reason: str, on: date, *, meeting_id: str | None = None
    ) -> Commitment:
        """延期: allowed before the deadline only, with a reason; the original date stays."""
        refusal = self.extension_refusal(on, new_due)
        if refusal is not None:
            raise refusal
        if not reason.strip():
            raise RuleError("commitment.extend_no_reason")
        extension = Extension(new_due, reason.strip(), on, meeting_id)
        return replace(self, extensions=(*self.extensions, extension))

    def note_progress(
        self,
        note: str,
        on: date,
        *,
        percent: float | None = None,
        meeting_id: str | None = None,
    ) -> Commitment:
        """推进情况: a progress note (kept exactly as typed), with a share done if given.
        Only an open commitment takes one; its outcome, due date and 履约率 do not change."""
        if self.carried_to:
            raise RuleError("commitment.mark_carried", id=self.carried_to)
        if not self.is_open:
            raise RuleError("commitment.progress_settled", status=self.status)
        if not note.strip():
            raise RuleError("commitment.progress_empty")
        if percent is not None and not 0 <= percent <= 100:
            raise RuleError("commitment.progress_percent", percent=percent)
        entry = Progress(on, note, percent, meeting_id)
        return replace(self, progress=(*self.progress, entry))

    @property
    def latest_progress(self) -> Progress | None:
        return self.progress[-1] if self.progress else None

    def extension_refusal(self, on: date, new_due: date | None = None) -> RuleError | None:
        """Why this commitment may not be extended on `on` (to `new_due`), or None.

        Asked before the date is (a client need not ask for a date it will refuse), and
        again with it by `extend`.
        """
        if not self.is_open:
            return RuleError("commitment.extend_settled", status=self.status)
        if on > self.effective_due:
            return RuleError("commitment.extend_overdue", due=self.effective_due)
        if new_due is not None and new_due <= self.effective_due:
            return RuleError("commitment.extend_not_later", due=self.effective_due)
        return None

    def carry_over_refusal(self) -> RuleError | None:
        """Why this commitment may not be carried over, or None."""
        if self.status in (Status.DONE, Status.DROPPED):
            return RuleError("commitment.carry_settled", status=self.status)
        if self.carried_to:
            return RuleError("commitment.carry_twice", id=self.carried_to)
        return None


def validate(
    text: str,
    owner: str,
    due: date,
    today: date,
    quantity: float | None,
    *,
    unit_id: str | None = None,
    lead: str = "",
    supporting: Iterable[str] = (),
    units: Iterable[str] | None = None,
) -> dict[str, str]:
    """What is wrong with a new commitment: the error code per field; empty when it may be
    saved. A form shows each under its field (`say(code, lang)`).

    `supporting` (配合单位) are unit ids: each one of `units` (the district's unit ids,
    when given), none of them the responsible `unit_id`, none twice. `lead` (牵头领导) is
    one line of at most 60 characters.
    """
    refusals = _refusals(text, owner, due, today, quantity, unit_id, lead, supporting, units)
    return {name: refusal.code for name, refusal in refusals.items()}


def _refusals(
    text: str,
    owner: str,
    due: date,
    today: date,
    quantity: float | None,
    unit_id: str | None,
    lead: str,
    supporting: Iterable[str],
    units: Iterable[str] | None,
) -> dict[str, RuleError]:
    refusals: dict[str, RuleError] = {}
    if not text.strip():
        refusals["text"] = RuleError("commitment.text_empty")
    if not owner.strip():
        refusals["owner"] = RuleError("commitment.owner_empty")
    if due < today:
        refusals["due"] = RuleError("commitment.due_past", due=due)
    if quantity is not None and quantity < 0:
        refusals["quantity"] = RuleError("commitment.quantity_negative")
    try:
        one_line(lead, Line.LEAD)
    except RuleError as error:
        refusals["lead"] = error
    problem = supporting_refusal(unit_id, supporting, units)
    if problem is not None:
        refusals["supporting"] = problem
    return refusals


def supporting_refusal(
    unit_id: str | None, supporting: Iterable[str], units: Iterable[str] | None = None
) -> RuleError | None:
    """Why these 配合单位 may not support a commitment of `unit_id`, or None."""
    known = None if units is None else set(units)
    seen: set[str] = set()
    for supporter in supporting:
        if known is not None and supporter not in known:
            return RuleError("commitment.supporting_unknown", unit=supporter)
        if supporter == unit_id:
            return RuleError("commitment.supporting_responsible", unit=supporter)
        if supporter in seen:
            return RuleError("commitment.supporting_twice", unit=supporter)
        seen.add(supporter)
    return None


def new_commitment(
    *,
    id: str,
    unit_id: str,
    text: str,
    owner: str,
    due: date,
    today: date,
    meeting_id: str | None = None,
    metric: str | None = None,
    quantity: float | None = None,
    lead: str = "",
    supporting: Iterable[str] = (),
    units: Iterable[str] | None = None,
) -> Commitment:
    """A commitment as the form made it, checked by `validate` (the first problem is
    raised; `units` the district's unit ids, to check the 配合单位 against)."""
    supporting = tuple(supporting)
    refusals = _refusals(text, owner, due, today, quantity, unit_id, lead, supporting, units)
    if refusals:
        raise next(iter(refusals.values()))
    return Commitment(
        id=id,
        unit_id=unit_id,
        text=text.strip(),
        owner=owner.strip(),
        due=due,
        meeting_id=meeting_id,
        metric=metric,
        quantity=quantity,
        created=today,
        lead=lead.strip(),
        supporting=supporting,
    )


def carry_over(
    old: Commitment, new_id: str, new_due: date, on: date, *, meeting_id: str | None = None
) -> tuple[Commitment, Commitment]:
    """Carry an unfinished commitment into a new one linked to it.

    The old one keeps its outcome (an open one is marked missed) and points to the new;
    the new one has the same unit, text, owner, target, lead leader and supporting units,
    a new due date, the link back, and one more carry-over on its count (挂牌督办 counts
    them). The store gives it its number in the meeting it is carried into.
    """
    refusal = old.carry_over_refusal()
    if refusal is not None:
        raise refusal
    if new_due < on:
        raise RuleError("commitment.carry_past", due=new_due)
    closed = old.mark(Status.MISSED, on, meeting_id=meeting_id) if old.is_open else old
    closed = replace(closed, carried_to=new_id)
    new = Commitment(
        id=new_id,
        unit_id=old.unit_id,
        text=old.text,
        owner=old.owner,
        due=new_due,
        meeting_id=meeting_id,
        metric=old.metric,
        quantity=old.quantity,
        carried_from=old.id,
        created=on,
        lead=old.lead,
        supporting=old.supporting,
        carried_times=old.carried_times + 1,
    )
    return closed, new
