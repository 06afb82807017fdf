"""Another window saved the same thing first: theirs and mine, field by field, and a choice.

`M` puts my change on top of theirs (only what I changed; the rest stays as they saved it),
`T` drops mine and shows what is saved now, `Esc` decides later (nothing saved, nothing
typed lost).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from agenda.commitments import Commitment
from tui.context import Context
from tui.keys import translate_bindings
from tui.text import plain

Choice = Literal["mine", "theirs"]
# The fields of a commitment the form edits, each with its label in the catalog.
FORM_FIELDS = {
    "unit_id": "assignments.field_unit",
    "text": "assignments.field_text",
    "owner": "assignments.field_owner",
    "due": "assignments.field_due",
    "metric": "assignments.field_metric",
    "quantity": "assignments.field_quantity",
}


@dataclass(frozen=True)
class Conflict:
    """One field: what the other window saved, and what I have (in words)."""

    label: str
    theirs: str
    mine: str


class ConflictPrompt(ModalScreen[Choice | None]):
    BINDINGS = [
        Binding("m", "answer('mine')", "conflicts.key_mine"),
        Binding("t", "answer('theirs')", "conflicts.key_theirs"),
        Binding("escape", "answer(None)", "conflicts.key_later"),
    ]

    def __init__(self, ctx: Context, title: str, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.ctx = ctx
        self.prompt_title = title
        self.conflicts = conflicts
        translate_bindings(self, ctx.t)

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        with Vertical(id="conflict"):
            yield Label(plain(self.prompt_title), classes="title")
            with VerticalScroll(id="fields"):
                for conflict in self.conflicts:
                    yield Static(self._field(conflict), classes="field")
            yield Label(t("conflicts.hint"), classes="hint")

    def _field(self, conflict: Conflict) -> Text:
        t = self.ctx.t
        return Text.assemble(
            plain(conflict.label, "bold"),
            "\n  ",
            (t("conflicts.theirs"), "bold"),
            plain(conflict.theirs),
            "\n  ",
            (t("conflicts.mine"), "bold"),
            plain(conflict.mine),
        )

    def action_answer(self, answer: Choice | None) -> None:
        self.dismiss(answer)


def commitment_conflicts(
    ctx: Context,
    base: Commitment,
    theirs: Commitment,
    mine: Commitment,
    say: Callable[[str, object], str],
) -> list[Conflict]:
    """Every form field that either window changed from `base`, and the status if they
    recorded an outcome; `say(field, value)` puts a value in words."""
    unchanged = ctx.t("conflicts.unchanged")
    rows = []
    for field, label in FORM_FIELDS.items():
        was, their, my = (getattr(c, field) for c in (base, theirs, mine))
        if their == was and my == was:
            continue
        rows.append(
            Conflict(
                ctx.t(label),
                say(field, their) + (unchanged if their == was else ""),
                say(field, my) + (unchanged if my == was else ""),
            )
        )
    if theirs.status is not base.status or theirs.history != base.history:
        rows.append(
            Conflict(
                ctx.t("conflicts.status"),
                ctx.t(f"review.status_{theirs.status.value}"),
                ctx.t(f"review.status_{base.status.value}") + unchanged,
            )
        )
    return rows


def on_top(current: Commitment, base: Commitment, mine: Commitment) -> Commitment:
    """My change on top of the record as it is now: only the fields I changed."""
    changed = {
        field: getattr(mine, field)
        for field in FORM_FIELDS
        if getattr(mine, field) != getattr(base, field)
    }
    return replace(current, **changed)
