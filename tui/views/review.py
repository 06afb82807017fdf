"""回头看: the chair calls out every commitment due, the secretary records each answer.

One row per commitment, grouped under its unit (with the unit's 履约率 and misses in a
row); the selected commitment's record below. Every key saves at once through the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from agenda.commitments import Commitment, Status
from agenda.errors import DiaoduError
from agenda.meetings import Meeting
from agenda.periods import end_of_month
from agenda.templates import Item, Section
from agenda.usecases.review import ReviewData, UnitGroup, load_review
from tui.context import Context
from tui.dialogs import DatePrompt, TextPrompt
from tui.saving import saved
from tui.text import plain
from tui.theme import Palette
from tui.views._review_cells import (
    COLUMNS,
    commitment_cells,
    header_cells,
    history_lines,
    rate_text,
    status_label,
    unit_header,
)
from tui.views.base import SectionView
from tui.widgets.tables import cursor_row_key

UNIT_ROW = "unit:"  # row keys of unit header rows; commitment rows are keyed by their id


class ReviewView(SectionView):
    BINDINGS = [
        Binding("d", "mark('done')", "review.key_done", id="review.done"),
        Binding("b", "mark('partial')", "review.key_partial", id="review.partial"),
        Binding("x", "mark('missed')", "review.key_missed", id="review.missed"),
        Binding("r", "mark('dropped')", "review.key_dropped", id="review.dropped"),
        Binding("m", "note", "review.key_note", id="review.note"),
        Binding("c", "carry_over", "review.key_carry", id="review.carry"),
        Binding("e", "extend", "review.key_extend", id="review.extend"),
    ]

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.data: ReviewData | None = None
        self._last_row = 0  # which way the cursor moves decides where a unit row sends it

    def compose(self) -> ComposeResult:
        yield Static(id="review-summary")
        yield Static(id="review-flash")
        table: DataTable[object] = DataTable(id="review-table", cursor_type="row")
        table.add_columns(*(self.ctx.t(f"review.{column}") for column in COLUMNS))
        yield table
        yield VerticalScroll(Static(id="review-history-text"), id="review-history")
        yield Static(id="review-empty")

    def on_mount(self) -> None:
        self._fill()

    def reload(self) -> None:
        """The store changed: show it, keeping the selected row."""
        self._fill()

    # --- reading -------------------------------------------------------------------------
    @property
    def meeting(self) -> Meeting:
        return self.ctx.meeting(self.meeting_id)

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        kept = self._selected_key()
        self.seen = self.ctx.generation
        data = load_review(self.ctx.district, self.meeting)
        self.data = data
        palette = Palette.of(self)
        table.clear()
        for group in data.groups:
            table.add_row(*header_cells(self.ctx, group, palette), key=UNIT_ROW + group.unit_id)
            for commitment in group.commitments:
                table.add_row(*commitment_cells(self.ctx, commitment, palette), key=commitment.id)
        self._show_summary(data)
        empty = self.query_one("#review-empty", Static)
        empty.update(f"{self.ctx.t('review.empty')}\n{self.ctx.t('review.empty_hint')}")
        empty.display = data.empty
        table.display = not data.empty
        self.query_one("#review-history").display = not data.empty
        if data.empty:
            return
        keys = [UNIT_ROW + g.unit_id for g in data.groups] + [c.id for c in data.commitments]
        if kept in keys:
            table.move_cursor(row=table.get_row_index(kept), animate=False)
        else:
            table.move_cursor(row=1, animate=False)  # the first commitment, under its unit
        self._show_history()

    def _show_summary(self, data: ReviewData) -> None:
        counts = data.counts
        self.query_one("#review-summary", Static).update(
            self.ctx.t(
                "review.summary",
                total=sum(counts.values()),
                done=counts[Status.DONE],
                partial=counts[Status.PARTIAL],
                missed=counts[Status.MISSED],
                dropped=counts[Status.DROPPED],
                open=counts[Status.OPEN],
                rate=rate_text(self.ctx, data.overall, 1),
                on_time=data.overall.on_time,
                due=data.overall.due,
            )
        )

    def _selected_key(self) -> str | None:
        return cursor_row_key(self.query_one(DataTable))

    def _selected(self) -> Commitment | None:
        key = self._selected_key()
        if key is None or key.startswith(UNIT_ROW) or self.data is None:
            return None
        return next((c for c in self.data.commitments if c.id == key), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        row = event.cursor_row
        if row != event.data_table.cursor_row:
            return  # stale: the table was refilled and the cursor put back since
        if str(event.row_key.value).startswith(UNIT_ROW):
            # A unit row is a heading, not something to mark: step over it, the way the
            # cursor was going, so every key press lands on a commitment.
            going_up = row < self._last_row
            target = row - 1 if going_up and row > 0 else row + 1
            if target < event.data_table.row_count:
                self._last_row = row
                event.data_table.move_cursor(row=target, animate=False)
                return
        self._last_row = row
        self._show_history()

    def _group_of(self, commitment: Commitment) -> UnitGroup | None:
        groups = self.data.groups if self.data else ()
        return next((g for g in groups if g.unit_id == commitment.unit_id), None)

    def _show_history(self) -> None:
        """The unit's line, then the selected commitment's record."""
        target = self.query_one("#review-history-text", Static)
        commitment = self._selected()
        if commitment is None or self.data is None:
            target.update("")
            return
        lines = history_lines(self.ctx, commitment, self.data.by_id)
        group = self._group_of(commitment)
        if group is not None:
            lines.insert(0, plain(unit_header(self.ctx, group), style="bold"))
        target.update(Text("\n").join(lines))

    # --- saying what happened -----------------------------------------------------------
    def _flash(self, message: str, *, error: bool = False) -> None:
        flash = self.query_one("#review-flash", Static)
        flash.update(plain(message))
        flash.set_class(error, "-error")

    def _picked(self) -> Commitment | None:
        commitment = self._selected()
        if commitment is None:
            self._flash(self.ctx.t("review.pick_commitment"), error=True)
        return commitment

    def _save(
        self,
        commitment: Commitment,
        change: Callable[[Commitment], Commitment],
        *,
        expected_revision: int | None = None,
    ) -> bool:
        """Apply a rule of the domain and save; a refusal or a failed write is said in the
        UI language, never a crash."""
        store = self.ctx.store
        try:
            saved(
                self.ctx,
                lambda: store.update_commitment(
                    commitment.id, change, expected_revision=expected_revision
                ),
            )
        except (DiaoduError, OSError) as error:
            self._refused(error)
            return False
        return True

    def _refused(self, error: DiaoduError | OSError) -> None:
        if isinstance(error, DiaoduError):
            self._flash(self.ctx.t.error(error), error=True)
        else:
            self._flash(
                self.ctx.t("common.save_failed", reason=error.strerror or error), error=True
            )

    # --- actions -------------------------------------------------------------------------
    def action_mark(self, status_value: str) -> None:
        commitment = self._picked()
        if commitment is None:
            return
        status = Status(status_value)
        meeting_id, today = self.meeting_id, self.ctx.today()
        if self._save(commitment, lambda c: c.mark(status, today, meeting_id=meeting_id)):
            label = status_label(self.ctx, status)
            self._flash(self.ctx.t("review.marked", status=label, text=commitment.text))
            self._fill()

    @work(exclusive=True, group="dialog")
    async def action_note(self) -> None:
        """M: a note on the selected commitment. Saved over the commitment as shown here:
        if the other window saved it meanwhile, the review shows it as it is now and asks
        again, with what was typed."""
        commitment = self._picked()
        text: str | None = None
        while commitment is not None:
            last = commitment.history[-1] if commitment.history else None
            # A note belongs to the last change when it was made here or closed the
            # commitment (unless at a meeting since closed: what was recorded there stays
            # as it was); otherwise it is an entry of its own that leaves the status be.
            on_last = last is not None and (
                last.meeting_id == self.meeting_id
                or (commitment.status.closed and not self._closed_meeting(last.meeting_id))
            )
            if text is None:
                text = last.note if on_last and last is not None else ""
            prompt = TextPrompt(self.ctx.t("review.note_title"), text)
            typed = await self.app.push_screen_wait(prompt)
            if typed is None or (not on_last and not typed.strip()):
                return
            change = partial(
                _with_note,
                note=typed.strip(),
                on_last=on_last,
                today=self.ctx.today(),
                meeting_id=self.meeting_id,
            )
            done = self._save(commitment, change, expected_revision=commitment.revision)
            self._fill()
            if done:
                self._flash(self.ctx.t("review.note_saved"))
                return
            again = self._selected()
            commitment = again if again is not None and again.id == commitment.id else None
            text = typed

    def _closed_meeting(self, meeting_id: str | None) -> bool:
        meeting = self.ctx.store.meeting(meeting_id) if meeting_id else None
        return meeting is not None and meeting.is_closed

    @work(exclusive=True, group="dialog")
    async def action_carry_over(self) -> None:
        """C: carried over into a new commitment of this meeting, with a new date."""
        commitment = self._picked()
        if commitment is None:
            return
        refusal = commitment.carry_over_refusal()
        if refusal is not None:
            self._refused(refusal)
            return
        default = end_of_month(self.ctx.today(), 1)
        prompt = DatePrompt(self.ctx, self.ctx.t("review.carry_title"), default=default)
        new_due = await self.app.push_screen_wait(prompt)
        if new_due is None:
            return
        meeting, store = self.meeting, self.ctx.store
        # As saved now (the store carries what is on record): another window may have
        # marked it while the date was asked.
        current = store.commitment(commitment.id) or commitment
        try:
            _, new = saved(
                self.ctx,
                lambda: store.carry_over(
                    current,
                    new_due,
                    self.ctx.today(),
                    period=meeting.period,
                    meeting_id=meeting.id,
                ),
            )
        except (DiaoduError, OSError) as error:
            self._refused(error)
            return
        self._flash(self.ctx.t("review.carried", id=new.id, due=new.due.isoformat()))
        self._fill()

    @work(exclusive=True, group="dialog")
    async def action_extend(self) -> None:
        """E: a new date and its reason; Escape on the reason goes back to the date, as
        chosen. The original date stays on record."""
        commitment = self._picked()
        if commitment is None:
            return
        today = self.ctx.today()
        refusal = commitment.extension_refusal(today)
        if refusal is not None:
            self._refused(refusal)
            return
        default = end_of_month(commitment.effective_due, 1)
        while True:
            prompt = DatePrompt(self.ctx, self.ctx.t("review.extend_title"), default=default)
            new_due = await self.app.push_screen_wait(prompt)
            if new_due is None:
                return
            refusal = commitment.extension_refusal(today, new_due)
            if refusal is not None:
                self._refused(refusal)
                return
            reason = await self.app.push_screen_wait(
                TextPrompt(
                    self.ctx.t("review.extend_reason_title"),
                    validate=lambda text: (
                        None if text.strip() else self.ctx.t("commitment.extend_no_reason")
                    ),
                )
            )
            if reason is not None:
                break
            default = new_due  # back to the date, as chosen
        meeting_id = self.meeting_id
        if self._save(
            commitment, lambda c: c.extend(new_due, reason, today, meeting_id=meeting_id)
        ):
            self._flash(
                self.ctx.t(
                    "review.extended",
                    due=new_due.isoformat(),
                    original=commitment.due.isoformat(),
                )
            )
            self._fill()


def _with_note(
    commitment: Commitment, note: str, on_last: bool, today: date, meeting_id: str
) -> Commitment:
    """Put the note on the last change, or add a note-only entry keeping the status."""
    if on_last and commitment.history:
        last = replace(commitment.history[-1], note=note)
        return replace(commitment, history=(*commitment.history[:-1], last))
    return commitment.mark(commitment.status, today, meeting_id=meeting_id, note=note)
