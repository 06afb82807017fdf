"""Commitments (任务/承诺): what a unit promised, who answers for it, by when, how much."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from agenda.errors import RuleError


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
    text: str, owner: str, due: date, today: date, quantity: float | None
) -> dict[str, str]:
    """What is wrong with a new commitment: the error code per field; empty when it may be
    saved. A form shows each under its field (`say(code, lang)`)."""
    problems: dict[str, str] = {}
    if not text.strip():
        problems["text"] = "commitment.text_empty"
    if not owner.strip():
        problems["owner"] = "commitment.owner_empty"
    if due < today:
        problems["due"] = "commitment.due_past"
    if quantity is not None and quantity < 0:
        problems["quantity"] = "commitment.quantity_negative"
    return problems


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
) -> Commitment:
    problems = validate(text, owner, due, today, quantity)
    if problems:
        raise RuleError(next(iter(problems.values())), due=due)
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
    )


def carry_over(
    old: Commitment, new_id: str, new_due: date, on: date, *, meeting_id: str | None = None
) -> tuple[Commitment, Commitment]:
    """Carry an unfinished commitment into a new one linked to it.

    The old one keeps its outcome (an open one is marked missed) and points to the new;
    the new one has the same unit, text, owner and target, a new due date and the link back.
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
    )
    return closed, new
