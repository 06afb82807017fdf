"""回头看: the chair calls out every commitment due, the secretary records each answer.

One row per commitment, grouped under its unit (with the unit's 履约率 and misses in a
row); the selected commitment's record below. Every key saves at once through the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from agenda.commitments import Commitment, Status
from agenda.errors import DiaoduError
from agenda.meetings import Meeting
from agenda.periods import end_of_month
from agenda.templates import Item, Section
from tui.context import Context
from tui.dialogs import DatePrompt, TextPrompt
from tui.text import plain
from tui.views._review_cells import (
    COLUMNS,
    Palette,
    commitment_cells,
    header_cells,
    history_lines,
    rate_text,
    status_label,
    unit_header,
)
from tui.views._review_data import ReviewData, UnitGroup, load_review
from tui.views.base import SectionView
from tui.widgets.tables import cursor_row_key

UNIT_ROW = "unit:"  # row keys of unit header rows; commitment rows are keyed by their id


class ReviewView(SectionView):
    DEFAULT_CSS = """
    ReviewView { height: 1fr; layout: vertical; }
    ReviewView #review-summary { height: auto; padding: 0 1; text-style: bold; }
    ReviewView #review-flash { height: auto; padding: 0 1; color: $success; }
    ReviewView #review-flash.-error { color: $error; text-style: bold; }
    ReviewView #review-table { height: 1fr; }
    ReviewView #review-history {
        height: auto; max-height: 9; border-top: solid $primary; padding: 0 1;
    }
    ReviewView #review-empty { padding: 1 2; height: auto; }
    ReviewView > .review--red { color: $error; text-style: bold; }
    ReviewView > .review--yellow { color: $warning; text-style: bold; }
    ReviewView > .review--settled { color: $text-muted; }
    ReviewView > .review--header { text-style: bold; color: $primary; }
    """
    COMPONENT_CLASSES = {"review--red", "review--yellow", "review--settled", "review--header"}
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
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        """Another window saved: show the store's state, keeping the selected row."""
        if self.is_mounted:  # a save may be noticed before the view has been shown
            self._fill()

    # --- reading -------------------------------------------------------------------------
    @property
    def meeting(self) -> Meeting:
        return self.ctx.meeting(self.meeting_id)

    def _palette(self) -> Palette:
        def style(name: str) -> Style:
            # Colour and weight only: a cell keeps the table's background (and cursor).
            full = self.get_component_rich_style(name)
            return Style(color=full.color, bold=full.bold)

        return Palette(
            red=style("review--red"),
            yellow=style("review--yellow"),
            settled=style("review--settled"),
            header=style("review--header"),
        )

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        kept = self._selected_key()
        data = load_review(self.ctx.store, self.meeting, self.ctx.today(), self.ctx.warn_days)
        self.data = data
        palette = self._palette()
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
        try:
            self.ctx.store.update_commitment(
                commitment.id, change, expected_revision=expected_revision
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

    def action_note(self) -> None:
        commitment = self._picked()
        if commitment is None:
            return
        last = commitment.history[-1] if commitment.history else None
        # A note belongs to the last change when it was made here or closed the commitment
        # (unless at a meeting since closed: what was recorded there stays as it was);
        # otherwise it is an entry of its own that leaves the status as it is.
        on_last = last is not None and (
            last.meeting_id == self.meeting_id
            or (commitment.status.closed and not self._closed_meeting(last.meeting_id))
        )
        current = last.note if on_last and last is not None else ""
        self._ask_note(commitment, on_last, current)

    def _closed_meeting(self, meeting_id: str | None) -> bool:
        meeting = self.ctx.store.meeting(meeting_id) if meeting_id else None
        return meeting is not None and meeting.is_closed

    def _ask_note(self, commitment: Commitment, on_last: bool, text: str) -> None:
        """The note is saved over the commitment as shown here: if the other window saved
        it meanwhile, the review shows it as it is now and asks again, with what was typed."""

        def save(typed: object) -> None:
            if not isinstance(typed, str) or (not on_last and not typed.strip()):
                return
            note, today, meeting_id = typed.strip(), self.ctx.today(), self.meeting_id
            saved = self._save(
                commitment,
                lambda c: _with_note(c, note, on_last, today, meeting_id),
                expected_revision=commitment.revision,
            )
            self._fill()
            if saved:
                self._flash(self.ctx.t("review.note_saved"))
                return
            again = self._selected()
            if again is not None and again.id == commitment.id:
                self._ask_note(again, on_last, typed)

        self.app.push_screen(TextPrompt(self.ctx.t("review.note_title"), text), save)

    def action_carry_over(self) -> None:
        commitment = self._picked()
        if commitment is None:
            return
        refusal = commitment.carry_over_refusal()
        if refusal is not None:
            self._refused(refusal)
            return

        def carry(new_due: object) -> None:
            if not isinstance(new_due, date):
                return
            meeting = self.meeting
            # Read it again: another window may have marked it while the date was asked.
            current = self.ctx.store.commitment(commitment.id) or commitment
            try:
                _, new = self.ctx.store.carry_over(
                    current,
                    new_due,
                    self.ctx.today(),
                    period=meeting.period,
                    meeting_id=meeting.id,
                )
            except (DiaoduError, OSError) as error:
                self._refused(error)
                return
            self._flash(self.ctx.t("review.carried", id=new.id, due=new.due.isoformat()))
            self._fill()

        default = end_of_month(self.ctx.today(), 1)
        self.app.push_screen(
            DatePrompt(self.ctx, self.ctx.t("review.carry_title"), default=default), carry
        )

    def action_extend(self) -> None:
        commitment = self._picked()
        if commitment is None:
            return
        refusal = commitment.extension_refusal(self.ctx.today())
        if refusal is not None:
            self._refused(refusal)
            return
        self._ask_extension(commitment, end_of_month(commitment.effective_due, 1))

    def _ask_extension(self, commitment: Commitment, default: date) -> None:
        """The new date, then the reason; Escape on the reason goes back to the date."""

        def ask_reason(new_due: object) -> None:
            if not isinstance(new_due, date):
                return
            refusal = commitment.extension_refusal(self.ctx.today(), new_due)
            if refusal is not None:
                self._refused(refusal)
                return
            self.app.push_screen(
                TextPrompt(
                    self.ctx.t("review.extend_reason_title"),
                    validate=lambda text: (
                        None if text.strip() else self.ctx.t("commitment.extend_no_reason")
                    ),
                ),
                lambda reason: self._extend(commitment, new_due, reason),
            )

        self.app.push_screen(
            DatePrompt(self.ctx, self.ctx.t("review.extend_title"), default=default), ask_reason
        )

    def _extend(self, commitment: Commitment, new_due: date, reason: object) -> None:
        if not isinstance(reason, str):
            self._ask_extension(commitment, new_due)  # back to the date, as chosen
            return
        today, meeting_id = self.ctx.today(), self.meeting_id
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
