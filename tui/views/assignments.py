"""安排部署: the secretary logs this meeting's commitments, fast, and can take any back.

Every save goes straight to the store. Each change (add, edit, delete) is pushed on an
undo stack as (before, after), so `u` puts the last one back the way it was.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Label
from textual.widgets.data_table import RowDoesNotExist

from agenda.commitments import Commitment, new_commitment
from agenda.errors import DiaoduError, StaleError
from agenda.meetings import period_of_id
from agenda.numbers import MISSING, fmt_number
from agenda.sayings import commitment_number
from agenda.templates import Item, Section
from agenda.units import Unit
from agenda.usecases.templates import template
from tui.conflicts import ConflictPrompt, commitment_conflicts, on_top
from tui.context import Context
from tui.saving import report, saved, try_save
from tui.text import plain
from tui.views._cells import clipped
from tui.views._commitment_form import CommitmentForm, Draft
from tui.views.base import SectionView, unless_removed
from tui.widgets.tables import Table, cursor_row_key

WIDE = 100  # columns from which the list shows more of each commitment's text


@dataclass(frozen=True)
class Change:
    """One undoable change: None before means added, None after means deleted."""

    before: Commitment | None
    after: Commitment | None


class AssignmentsView(SectionView):
    BINDINGS = [
        Binding("ctrl+s", "save", "assignments.key_save", priority=True),
        Binding("x,delete", "delete", "assignments.key_delete"),
        Binding("u", "undo", "assignments.key_undo"),
        Binding("c", "clear", "assignments.key_clear"),
        # From a field of the form (one whose Down picks nothing) to the list: Enter there
        # edits the commitment under the cursor, Up from its first row comes back.
        Binding("down", "to_list", "assignments.key_to_list", show=False),
    ]

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.undo_stack: list[Change] = []
        self._read_store()

    def _read_store(self) -> None:
        self.seen = self.ctx.generation
        store = self.ctx.store
        self.meeting = self.ctx.meeting(self.meeting_id)
        self.units: dict[str, Unit] = {unit.id: unit for unit in store.units()}
        self.metrics = store.metrics()
        mine = [c for c in store.commitments() if c.meeting_id == self.meeting_id]
        self.commitments = sorted(
            mine, key=lambda c: (c.nth_in_meeting or 10**6, period_of_id(c.id), _number(c.id))
        )

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The list comes first in the DOM and the form is docked on top: leaving a field
        # (Escape) lands on the list, where x, u and Enter act.
        yield Label(id="list-title")
        yield Label(self.ctx.t("assignments.list_hint"), id="list-hint")
        yield Table(id="commitment-list", cursor_type="row", zebra_stripes=True)
        walked = template(self.ctx.district, self.meeting.template)
        yield CommitmentForm(self.ctx, list(self.units.values()), self.metrics, walked)

    @unless_removed
    def on_mount(self) -> None:
        t = self.ctx.t
        table = self.query_one(DataTable)
        for key in ("id", "unit", "text", "owner", "due", "people", "metric", "quantity"):
            table.add_column(t(f"assignments.col_{key}"), key=key)
        if self.stale:  # the store changed since it was read, as the view was built
            self._read_store()
            self.form.set_units(list(self.units.values()))
        self.show_list()

    def focus_first(self) -> None:
        """Where the meeting screen puts the cursor on arrival: the unit field."""
        self.form.focus_first()

    def has_unsaved_typing(self) -> bool:
        """A change typed over a loaded commitment, or a new one's text or quantity (unit,
        owner and due are kept on purpose for the next)."""
        if not self.is_mounted:
            return False
        if self.form.editing is not None:
            return self.form.changed_since_loaded()
        return bool(self.form.value_of("text").strip() or self.form.value_of("quantity").strip())

    @property
    def form(self) -> CommitmentForm:
        return self.query_one(CommitmentForm)

    def reload(self) -> None:
        """Another window saved: show the list again; the form keeps what is typed."""
        self._read_store()
        if self.is_mounted and self.form.is_mounted:
            self.form.set_units(list(self.units.values()))
            self.show_list()

    # --- the list ------------------------------------------------------------------------
    def show_list(self, select: str | None = None) -> None:
        table = self.query_one(Table)
        keep = select or self.cursor_commitment()
        labels = {metric.key: metric.label(self.ctx.lang) for metric in self.metrics}
        narrow = self.app.size.width < WIDE
        rows: list[tuple[str, list[Text]]] = []
        for c in self.commitments:
            unit = self.units.get(c.unit_id)
            text = clipped(c.text, 16 if narrow else 40)  # the form shows it whole
            if c.carried_from:
                text.append(self.ctx.t("assignments.carried"), "italic")
            cells = [
                Text(self._number_of(c)),
                plain(unit.name if unit else c.unit_id),
                text,
                plain(c.owner),
                Text(c.effective_due.isoformat()),
                plain(self._people(c)),
                Text(labels.get(c.metric or "", c.metric or MISSING)),
                Text(MISSING if c.quantity is None else fmt_number(c.quantity), justify="right"),
            ]
            rows.append((c.id, cells))
        table.fill(rows)
        title = self.query_one("#list-title", Label)
        title.update(self.ctx.t("assignments.list_title", count=len(self.commitments)))
        if keep is not None:
            with suppress(RowDoesNotExist):  # deleted: the cursor stays where it was
                table.move_cursor(row=table.get_row_index(keep), animate=False)

    def _number_of(self, commitment: Commitment) -> str:
        """第3项: how a commitment of this meeting is named on screen."""
        return commitment_number(commitment, self.ctx.lang)

    def _people(self, commitment: Commitment) -> str:
        """牵头领导；配合单位 (either or both), or a dash."""
        parts = [commitment.lead] if commitment.lead else []
        if commitment.supporting:
            parts.append(self.form.supporting_names(commitment.supporting))
        return self.ctx.t("review.people_separator").join(parts) or MISSING

    def action_to_list(self) -> None:
        """Down from a field of the form: to the list, on the last commitment (the one
        just saved, most often)."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        if self.form.editing is None and table.cursor_row == 0:
            table.move_cursor(row=table.row_count - 1, animate=False)
        table.focus()

    def on_key(self, event: events.Key) -> None:
        """Up on the list's first row: back to the form."""
        table = self.query_one(DataTable)
        if event.key == "up" and table.has_focus and table.cursor_row == 0:
            event.stop()
            self.form.query_one("#text", Input).focus()

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
        """Enter on a listed commitment loads it into the form (asking first if what is
        typed there would be lost)."""
        event.stop()
        chosen = self.ctx.store.commitment(str(event.row_key.value))
        if chosen is None:
            return
        if not self.has_unsaved_typing():
            self.form.load(chosen)
            return
        question = self.ctx.t("assignments.replace_typed", id=self._number_of(chosen))
        self._if_confirmed(question, lambda: self.form.load(chosen))

    @work(exclusive=True, group="dialog")
    async def _if_confirmed(self, question: str, then: Callable[[], object]) -> None:
        """Ask; on yes, `then()`. Every question here would throw something away."""
        from tui.dialogs import ConfirmPrompt

        if await self.app.push_screen_wait(ConfirmPrompt(self.ctx, question)):
            then()

    # --- saving ------------------------------------------------------------------------
    @on(CommitmentForm.SaveRequested)
    def _enter_on_last_field(self, event: CommitmentForm.SaveRequested) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Save what the form holds: a new commitment, or the change to the one loaded.
        If the save does not happen the form keeps everything typed."""
        draft = self.form.read()
        if draft is None:
            return
        editing = self.form.editing
        if editing is None:
            added = try_save(self.ctx, self, lambda: self._add(draft))
            if added is not None:
                message = self.ctx.t(
                    "assignments.saved", id=self._number_of(added), unit=draft.unit.name
                )
                self._done(Change(None, added), message, select=added.id, clear=True)
            return
        self._save_edit(editing, _apply(editing, draft), before=editing)

    def _save_edit(self, base: Commitment, mine: Commitment, *, before: Commitment) -> None:
        """My change (`mine`, typed over `base`) saved over the record if it is still
        `before` on disk; otherwise theirs and mine are shown and the user chooses."""
        store = self.ctx.store
        try:
            saved_now = saved(
                self.ctx,
                lambda: store.update_commitment(
                    base.id, lambda c: on_top(c, base, mine), expected_revision=before.revision
                ),
            )
        except StaleError as stale:
            if stale.current is None:  # deleted in the other window: keep it as a new one
                self.form.editing = None
                self.form.show_title()
                self.notify(
                    self.ctx.t("assignments.gone", id=self._number_of(base)), severity="warning"
                )
                return
            title = self.ctx.t("conflicts.commitment_title", id=base.id)
            self._choose(title, base, stale.current, mine, self._retry_edit(base, mine))
            return
        except (DiaoduError, OSError) as error:
            report(self.ctx, self, error)
            return
        message = self.ctx.t("assignments.updated", id=self._number_of(saved_now))
        self._done(Change(before, saved_now), message, select=saved_now.id, clear=True)

    def _retry_edit(self, base: Commitment, mine: Commitment) -> Callable[[Commitment], None]:
        return lambda theirs: self._save_edit(base, mine, before=theirs)

    @work(group="conflict")
    async def _choose(
        self,
        title: str,
        base: Commitment,
        theirs: Commitment,
        mine: Commitment,
        on_top_of: Callable[[Commitment], None],
        later: Callable[[], None] | None = None,
    ) -> None:
        """Theirs and mine, field by field: M runs `on_top_of(theirs)`; T shows theirs (in
        the form, if it was being edited); Esc leaves everything as it is (`later`)."""
        rows = commitment_conflicts(self.ctx, base, theirs, mine, self._say)
        choice = await self.app.push_screen_wait(ConflictPrompt(self.ctx, title, rows))
        if choice == "mine":
            on_top_of(theirs)
        elif choice is None and later is not None:
            later()
        elif choice == "theirs":
            if self.form.editing is not None and self.form.editing.id == theirs.id:
                self.form.load(theirs)
            self._read_store()
            self.show_list(select=theirs.id)

    def _say(self, field: str, value: object) -> str:
        """A field's value as the conflict shows it."""
        if value is None or value == "":
            return self.ctx.t("conflicts.none")
        if field == "unit_id":
            unit = self.units.get(str(value))
            return unit.name if unit else str(value)
        if field == "metric":
            labels = {metric.key: metric.label(self.ctx.lang) for metric in self.metrics}
            return labels.get(str(value), str(value))
        if field == "quantity" and isinstance(value, float):
            return fmt_number(value)
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def _done(
        self, change: Change | None, message: str, *, select: str | None, clear: bool = False
    ) -> None:
        """After a save: on the undo stack, the form ready for the next, the list again."""
        if change is not None:
            self.undo_stack.append(change)
        if clear:
            self.form.clear_after_save()
        self._read_store()
        self.show_list(select=select)
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
                lead=draft.lead,
                supporting=draft.supporting,
                units=self.units,
            ),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`c` (stop editing) is offered only while a saved commitment is in the form."""
        if action == "clear":
            return self.is_mounted and self.form.editing is not None
        return True

    def action_clear(self) -> None:
        """Stop editing: the form is for a new commitment again (asks if edits are typed)."""
        form = self.form
        if form.editing is None:
            return
        if not form.changed_since_loaded():
            form.clear_after_save()
            return
        question = self.ctx.t("assignments.discard_edit", id=self._number_of(form.editing))
        self._if_confirmed(question, form.clear_after_save)

    # --- deleting and undoing ------------------------------------------------------------
    def action_delete(self) -> None:
        commitment_id = self.cursor_commitment()
        chosen = self._commitment(commitment_id) if commitment_id else None
        if chosen is None:
            return
        t = self.ctx.t
        if chosen.carried_from:
            # Its predecessor points here; deleting would leave the link dangling.
            message = t(
                "assignments.carried_not_deleted",
                id=self._number_of(chosen),
                source=chosen.carried_from,
            )
            self.notify(message, severity="warning", markup=False)
            return
        unit = self.units.get(chosen.unit_id)
        question = t(
            "assignments.delete_question",
            id=self._number_of(chosen),
            unit=unit.name if unit else chosen.unit_id,
            text=chosen.text,
        )
        self._if_confirmed(question, lambda: self._delete(chosen, chosen))

    def _delete(self, shown: Commitment, before: Commitment, undone: Change | None = None) -> None:
        """Delete the commitment if it is still `before` on disk (a delete, or the undo of
        an add: `undone`); if it changed meanwhile, theirs is shown and the user chooses."""
        t = self.ctx.t
        keep = self._keep(undone)
        try:
            store = self.ctx.store
            saved(
                self.ctx,
                lambda: store.delete_commitment(shown.id, expected_revision=before.revision),
            )
        except StaleError as stale:
            if stale.current is None:  # gone already
                self._done(None, t("assignments.deleted", id=self._number_of(shown)), select=None)
                return
            title = t("conflicts.delete_title", id=shown.id)
            retry = lambda theirs: self._delete(shown, theirs, undone)  # noqa: E731
            self._choose(title, shown, stale.current, shown, retry, keep)
            return
        except (DiaoduError, OSError) as error:
            report(self.ctx, self, error)
            keep()
            return
        if self.form.editing is not None and self.form.editing.id == shown.id:
            self.form.clear_after_save()
        if undone is not None:
            self._done(None, t("assignments.undone_add", id=self._number_of(shown)), select=None)
        else:
            self._done(
                Change(before, None),
                t("assignments.deleted", id=self._number_of(shown)),
                select=None,
            )

    def action_undo(self) -> None:
        """U: take back the last add, edit or delete of this window, if what it saved is
        still what is on disk (one conditional save); otherwise theirs is shown first."""
        t = self.ctx.t
        if not self.undo_stack:
            self.notify(t("assignments.nothing_to_undo"), severity="warning")
            return
        change = self.undo_stack.pop()
        if change.before is None and change.after is not None:  # an add: take it away
            self._delete(change.after, change.after, change)
        elif change.before is not None and change.after is not None:  # an edit: put it back
            self._undo_edit(change)
        elif change.before is not None:  # a delete: bring it back
            deleted = change.before
            restored = try_save(self.ctx, self, lambda: self._restore(deleted))
            if restored is None:
                self._keep(change)()
                return
            self._rebase(restored)
            key = "assignments.undone_delete"
            if restored.id != change.before.id:
                key = "assignments.restored_as"
            self._done(None, t(key, id=self._number_of(restored)), select=restored.id)

    def _keep(self, undone: Change | None) -> Callable[[], None]:
        """Put an undo that did not happen back on the stack, to try again."""
        return lambda: None if undone is None else self.undo_stack.append(undone)

    def _undo_edit(self, change: Change) -> None:
        """The record as it was before my edit, if nobody changed it since (the whole
        record, saved on my edit's revision); else only my edit's fields, if I choose."""
        t, keep = self.ctx.t, self._keep(change)
        before, after = change.before, change.after
        assert before is not None and after is not None
        try:
            store = self.ctx.store
            back = saved(
                self.ctx, lambda: store.save_commitment(replace(before, revision=after.revision))
            )
        except StaleError as stale:
            if stale.current is None:
                self.notify(
                    t("assignments.gone_not_undone", id=self._number_of(after)), severity="warning"
                )
                return
            mine = on_top(after, after, before)  # my edit taken back, on its own
            title = t("conflicts.undo_title", id=after.id)
            retry = self._retry_undo(after, mine, keep)
            self._choose(title, after, stale.current, mine, retry, keep)
            return
        except (DiaoduError, OSError) as error:
            report(self.ctx, self, error)
            keep()
            return
        self._rebase(back)
        self._done(None, t("assignments.undone_edit", id=self._number_of(back)), select=back.id)

    def _rebase(self, record: Commitment) -> None:
        """An undo put `record` back as an earlier change of mine had left it, under a new
        revision: that change's undo builds on this revision now, not on the old one."""
        for index, change in enumerate(self.undo_stack):
            after = change.after
            if after is not None and replace(after, revision=record.revision) == record:
                self.undo_stack[index] = Change(change.before, record)

    def _retry_undo(
        self, after: Commitment, mine: Commitment, keep: Callable[[], None]
    ) -> Callable[[Commitment], None]:
        def on_top_of(theirs: Commitment) -> None:
            saved = try_save(
                self.ctx,
                self,
                lambda: self.ctx.store.update_commitment(
                    after.id, lambda c: on_top(c, after, mine), expected_revision=theirs.revision
                ),
            )
            if saved is None:
                keep()
                return
            message = self.ctx.t("assignments.undone_edit", id=self._number_of(saved))
            self._done(None, message, select=saved.id)

        return on_top_of

    def _restore(self, deleted: Commitment) -> Commitment:
        """Save a deleted commitment again (as new: revision 0); under a new number if its
        own was taken meanwhile."""
        store = self.ctx.store
        try:
            return store.save_commitment(replace(deleted, revision=0))
        except StaleError:  # its number is taken
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
        lead=draft.lead,
        supporting=draft.supporting,
    )


def _number(commitment_id: str) -> int:
    return int(commitment_id.rsplit(".", 1)[1])
