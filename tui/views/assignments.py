"""安排部署: the secretary logs this meeting's commitments, fast, and can take any back.

Every save goes straight to the store. Each change (add, edit, delete) is pushed on an
undo stack as (before, after), so `u` puts the last one back the way it was.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label
from textual.widgets.data_table import RowDoesNotExist

from agenda.commitments import Commitment, new_commitment
from agenda.meetings import period_of_id
from agenda.numbers import MISSING, fmt_number
from agenda.templates import Item, Section
from agenda.units import Unit
from tui.context import Context
from tui.text import plain
from tui.views._cells import clipped
from tui.views._commitment_form import CommitmentForm, Draft
from tui.views.base import SectionView
from tui.widgets.tables import cursor_row_key


@dataclass(frozen=True)
class Change:
    """One undoable change: None before means added, None after means deleted."""

    before: Commitment | None
    after: Commitment | None


class AssignmentsView(SectionView):
    DEFAULT_CSS = """
    AssignmentsView {
        layout: vertical;
        height: 1fr;
    }
    AssignmentsView > CommitmentForm {
        dock: top;
    }
    AssignmentsView #list-title {
        padding: 0 1;
        margin-top: 1;
        text-style: bold;
        width: 1fr;
    }
    AssignmentsView #list-hint {
        padding: 0 1;
        color: $text-muted;
    }
    AssignmentsView #commitment-list {
        height: 1fr;
        min-height: 4;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "assignments.key_save", priority=True),
        Binding("x,delete", "delete", "assignments.key_delete"),
        Binding("u", "undo", "assignments.key_undo"),
        Binding("c", "clear", "assignments.key_clear"),
    ]

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.undo_stack: list[Change] = []
        self._read_store()

    def _read_store(self) -> None:
        store = self.ctx.store
        self.meeting = self.ctx.meeting(self.meeting_id)
        self.units: dict[str, Unit] = {unit.id: unit for unit in store.units()}
        self.metrics = store.metrics()
        mine = [c for c in store.commitments() if c.meeting_id == self.meeting_id]
        self.commitments = sorted(mine, key=lambda c: (period_of_id(c.id), _number(c.id)))

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The list comes first in the DOM and the form is docked on top: leaving a field
        # (Escape) lands on the list, where x, u and Enter act.
        yield Label(id="list-title")
        yield Label(self.ctx.t("assignments.list_hint"), id="list-hint")
        yield DataTable(id="commitment-list", cursor_type="row", zebra_stripes=True)
        yield CommitmentForm(self.ctx, list(self.units.values()), self.metrics)

    def on_mount(self) -> None:
        t = self.ctx.t
        table = self.query_one(DataTable)
        for key in ("id", "unit", "text", "owner", "due", "metric", "quantity"):
            table.add_column(t(f"assignments.col_{key}"), key=key)
        self.show_list()
        self.form.focus_first()

    def focus_first(self) -> None:
        """Where the meeting screen puts the cursor on arrival: the unit field."""
        self.form.focus_first()

    def has_unsaved_typing(self) -> bool:
        """Text or a quantity typed and not saved (unit, owner and due are kept on purpose)."""
        return bool(self.form.value_of("text").strip() or self.form.value_of("quantity").strip())

    @property
    def form(self) -> CommitmentForm:
        return self.query_one(CommitmentForm)

    def reload(self) -> None:
        """Another window saved: show the list again; the form keeps what is typed."""
        self._read_store()
        if self.is_mounted:
            self.form.set_units(list(self.units.values()))
            self.show_list()

    # --- the list ------------------------------------------------------------------------
    def show_list(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        keep = select or self.cursor_commitment()
        table.clear()
        labels = {metric.key: metric.label(self.ctx.lang) for metric in self.metrics}
        for c in self.commitments:
            unit = self.units.get(c.unit_id)
            text = clipped(c.text, 40)
            if c.carried_from:
                text.append(self.ctx.t("assignments.carried"), "italic")
            table.add_row(
                Text(c.id),
                plain(unit.name if unit else c.unit_id),
                text,
                plain(c.owner),
                Text(c.effective_due.isoformat()),
                Text(labels.get(c.metric or "", c.metric or MISSING)),
                Text(MISSING if c.quantity is None else fmt_number(c.quantity), justify="right"),
                key=c.id,
            )
        title = self.query_one("#list-title", Label)
        title.update(self.ctx.t("assignments.list_title", count=len(self.commitments)))
        if keep is not None:
            with suppress(RowDoesNotExist):  # deleted: the cursor stays where it was
                table.move_cursor(row=table.get_row_index(keep), animate=False)

    def cursor_commitment(self) -> str | None:
        return cursor_row_key(self.query_one(DataTable))

    def _commitment(self, commitment_id: str) -> Commitment | None:
        return next((c for c in self.commitments if c.id == commitment_id), None)

    @on(CommitmentForm.EditingChanged)
    def _editing_changed(self, event: CommitmentForm.EditingChanged) -> None:
        event.stop()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#commitment-list")
    def _edit(self, event: DataTable.RowSelected) -> None:
        """Enter on a listed commitment loads it into the form."""
        event.stop()
        chosen = self.ctx.store.commitment(str(event.row_key.value))
        if chosen is not None:
            self.form.load(chosen)

    # --- saving --------------------------------------------------------------------------
    @on(CommitmentForm.SaveRequested)
    def _enter_on_last_field(self, event: CommitmentForm.SaveRequested) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        draft = self.form.read()
        if draft is None:
            return
        editing = self.form.editing
        if editing is not None and self.ctx.store.commitment(editing.id) is None:
            # Deleted in the other window meanwhile: keep what is typed, as a new one.
            self.form.editing = None
            self.form.show_title()
            self.notify(self.ctx.t("assignments.gone", id=editing.id), severity="warning")
            return
        if editing is None:
            saved = self._add(draft)
            message = self.ctx.t("assignments.saved", id=saved.id, unit=draft.unit.name)
            self.undo_stack.append(Change(None, saved))
        else:
            before = self.ctx.store.commitment(editing.id) or editing
            saved = self.ctx.store.update_commitment(editing.id, lambda c: _apply(c, draft))
            message = self.ctx.t("assignments.updated", id=saved.id)
            self.undo_stack.append(Change(before, saved))
        self.form.clear_after_save()
        self._read_store()
        self.show_list(select=saved.id)
        self.notify(message, markup=False)

    def _add(self, draft: Draft) -> Commitment:
        return self.ctx.store.add_commitment(
            self.meeting.period,
            lambda new_id: new_commitment(
                id=new_id,
                unit_id=draft.unit.id,
                text=draft.text,
                owner=draft.owner,
                due=draft.due,
                today=self.ctx.today(),
                meeting_id=self.meeting_id,
                metric=draft.metric,
                quantity=draft.quantity,
            ),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`c` (stop editing) is offered only while a saved commitment is in the form."""
        if action == "clear":
            return self.is_mounted and self.form.editing is not None
        return True

    def action_clear(self) -> None:
        """Stop editing: the form is for a new commitment again (asks if edits are typed)."""
        from tui.dialogs import ConfirmPrompt

        form = self.form
        if form.editing is None:
            return
        if not form.changed_since_loaded():
            form.clear_after_save()
            return

        def answer(discard: bool | None) -> None:
            if discard:
                form.clear_after_save()

        question = self.ctx.t("assignments.discard_edit", id=form.editing.id)
        self.app.push_screen(ConfirmPrompt(self.ctx, question), answer)

    # --- deleting and undoing ------------------------------------------------------------
    def action_delete(self) -> None:
        from tui.dialogs import ConfirmPrompt

        commitment_id = self.cursor_commitment()
        chosen = self._commitment(commitment_id) if commitment_id else None
        if chosen is None:
            return
        t = self.ctx.t
        if chosen.carried_from:
            # Its predecessor points here; deleting would leave the link dangling.
            message = t("assignments.carried_not_deleted", id=chosen.id, source=chosen.carried_from)
            self.notify(message, severity="warning", markup=False)
            return
        unit = self.units.get(chosen.unit_id)
        question = t(
            "assignments.delete_question",
            id=chosen.id,
            unit=unit.name if unit else chosen.unit_id,
            text=chosen.text,
        )

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            self.ctx.store.delete_commitment(chosen.id)
            self.undo_stack.append(Change(chosen, None))
            if self.form.editing is not None and self.form.editing.id == chosen.id:
                self.form.clear_after_save()
            self._read_store()
            self.show_list()
            self.notify(t("assignments.deleted", id=chosen.id), markup=False)

        self.app.push_screen(ConfirmPrompt(self.ctx, question), answer)

    def action_undo(self) -> None:
        t = self.ctx.t
        if not self.undo_stack:
            self.notify(t("assignments.nothing_to_undo"), severity="warning")
            return
        change = self.undo_stack.pop()
        store = self.ctx.store
        if change.after is not None and store.commitment(change.after.id) != change.after:
            # Reviewed or edited in the other window since: undoing would lose that.
            self.notify(t("assignments.changed_elsewhere", id=change.after.id), severity="warning")
            return
        select: str | None
        if change.before is None and change.after is not None:  # an add: take it away
            store.delete_commitment(change.after.id)
            message, select = t("assignments.undone_add", id=change.after.id), None
        elif change.before is not None and change.after is not None:  # an edit: put it back
            store.save_commitment(change.before)
            message, select = t("assignments.undone_edit", id=change.before.id), change.before.id
        elif change.before is not None:  # a delete: bring it back
            restored = self._restore(change.before)
            select = restored.id
            message = t(
                "assignments.undone_delete"
                if restored.id == change.before.id
                else "assignments.restored_as",
                id=restored.id,
            )
        else:
            return
        self._read_store()
        self.show_list(select=select)
        self.notify(message, markup=False)

    def _restore(self, deleted: Commitment) -> Commitment:
        """Save a deleted commitment again; under a new number if its own was reused."""
        store = self.ctx.store
        if store.commitment(deleted.id) is None:
            store.save_commitment(deleted)
            return deleted
        return store.add_commitment(
            period_of_id(deleted.id), lambda new_id: replace(deleted, id=new_id)
        )


def _apply(current: Commitment, draft: Draft) -> Commitment:
    return replace(
        current,
        unit_id=draft.unit.id,
        text=draft.text,
        owner=draft.owner,
        due=draft.due,
        metric=draft.metric,
        quantity=draft.quantity,
    )


def _number(commitment_id: str) -> int:
    return int(commitment_id.rsplit(".", 1)[1])
