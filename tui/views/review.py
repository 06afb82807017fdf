"""回头看: the whole review of earlier meetings' commitments, and 督办.

Two parts: what is due by the meeting's date (the chair calls each out, the secretary
records the answer), then what is not yet due (a progress note, 推进情况, with a share
done if one is said). One row per commitment, named 第N项, under its unit's row (履约率,
meetings missed running, 约谈); the selected commitment's record below. Every key saves
at once through the store. The view's keys are on its own line (`KeyBar`): the footer
keeps the meeting's N, P, W and Esc in sight at 80 columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from agenda.commitments import Commitment, Status
from agenda.errors import DiaoduError
from agenda.meetings import Meeting
from agenda.periods import end_of_month
from agenda.templates import Item, Section
from agenda.usecases.review import ReviewData, UnitGroup, load_review, note_progress
from tui.context import Context
from tui.dialogs import DatePrompt, TextPrompt
from tui.saving import saved
from tui.text import plain
from tui.theme import Palette
from tui.views._review_cells import (
    COLUMNS,
    commitment_cells,
    fit_task_column,
    header_cells,
    history_lines,
    part_cells,
    rate_text,
    reference,
    status_label,
    unit_header,
)
from tui.views.base import SectionView, unless_removed
from tui.widgets.keybar import KeyBar
from tui.widgets.progress_prompt import ProgressPrompt
from tui.widgets.tables import Table, cursor_row_key

HEADING = "-"  # row keys of headings (a part, a unit) start with it; commitments are ids
SCROLLBAR = 2  # cells the table's vertical scrollbar takes
# Not strftime's: that follows the machine's locale.
MONTHS = "January February March April May June July August September October November December"


class ReviewView(SectionView):
    BINDINGS = [
        Binding("d", "mark('done')", "review.key_done", id="review.done", show=False),
        Binding("b", "mark('partial')", "review.key_partial", id="review.partial", show=False),
        Binding("x", "mark('missed')", "review.key_missed", id="review.missed", show=False),
        Binding("r", "mark('dropped')", "review.key_dropped", id="review.dropped", show=False),
        # M: on an open commitment, its progress (推进情况); else a note on its outcome.
        Binding("m", "progress", "review.key_progress", id="review.progress", show=False),
        Binding("m", "note", "review.key_note", id="review.note", show=False),
        Binding("c", "carry_over", "review.key_carry", id="review.carry", show=False),
        Binding("e", "extend", "review.key_extend", id="review.extend", show=False),
    ]

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.data: ReviewData | None = None
        self._last_row = 0  # which way the cursor moves decides where a heading sends it
        self._width = 0  # the width the rows were cut for

    def compose(self) -> ComposeResult:
        yield Static(id="review-summary")
        yield Static(id="review-flash")
        yield Table(id="review-table", cursor_type="row")
        yield VerticalScroll(Static(id="review-history-text"), id="review-history")
        yield Static(id="review-empty")
        yield KeyBar(self, id="review-keys")

    @unless_removed
    def on_mount(self) -> None:
        self.query_one("#review-flash").display = False  # until there is something to say
        self._fill()

    def on_resize(self, event: events.Resize) -> None:
        if self._table_width() != self._width:
            # The task column is cut to the width: cut it again, from the review read
            # already unless the store changed since (reading it costs 12 months).
            self._fill(again=self.data is None or self.seen != self.ctx.generation)

    def reload(self) -> None:
        """The store changed: show it, keeping the selected row."""
        self._fill()

    # --- reading -------------------------------------------------------------------------
    @property
    def meeting(self) -> Meeting:
        return self.ctx.meeting(self.meeting_id)

    def _table_width(self) -> int:
        """The table's width for its rows; not laid out (hidden, as the meeting reloads
        it before showing it), the width it had when last shown: a Resize on the show
        cuts the rows again only if that changed."""
        if self.size.width:
            return self.size.width - SCROLLBAR
        return self._width or self.app.size.width - SCROLLBAR

    def _rows(self, data: ReviewData) -> tuple[list[str], list[list[Text]]]:
        palette, here = Palette.of(self), self.meeting_id
        keys: list[str] = []
        rows: list[list[Text]] = []
        for part in data.parts:
            name = "due" if part.due else "later"
            keys.append(f"{HEADING}part:{name}")
            rows.append(part_cells(self.ctx, part, palette))
            for group in part.groups:
                keys.append(f"{HEADING}unit:{name}:{group.unit_id}")
                rows.append(header_cells(self.ctx, group, palette))
                for commitment in group.commitments:
                    keys.append(commitment.id)
                    rows.append(commitment_cells(self.ctx, commitment, data, here, palette))
        return keys, rows

    def _fill(self, *, again: bool = True) -> None:
        table = self.query_one(Table)
        kept = self._selected_key()
        if again or self.data is None:
            self.seen = self.ctx.generation
            self.data = load_review(self.ctx.district, self.meeting)
        data = self.data
        # Columns too: each is as wide as what it holds now (the task column as the rest
        # leaves it, cut to the width), which a table keeps from its first rows otherwise.
        labels = [self.ctx.t(f"review.{column}") for column in COLUMNS]
        self._width = self._table_width()
        keys, rows = self._rows(data)
        fitted = fit_task_column(rows, labels, self._width)
        table.fill(list(zip(keys, fitted, strict=True)), list(zip(COLUMNS, labels, strict=True)))
        self._show_summary(data)
        empty = self.query_one("#review-empty", Static)
        empty.update(f"{self.ctx.t('review.empty')}\n{self.ctx.t('review.empty_hint')}")
        empty.display = data.empty
        table.display = not data.empty
        self.query_one("#review-history").display = not data.empty
        if not data.empty:
            ids = [c.id for c in data.commitments]
            first = keys.index(ids[0]) if ids else 0
            table.move_cursor(row=keys.index(kept) if kept in keys else first, animate=False)
        self._show_history()

    def _show_summary(self, data: ReviewData) -> None:
        counts, outcomes = data.counts, data.counts.outcomes
        summary = self.ctx.t(
            "review.summary",
            total=counts.total,
            due=counts.due,
            done=outcomes[Status.DONE],
            partial=outcomes[Status.PARTIAL],
            missed=outcomes[Status.MISSED],
            dropped=outcomes[Status.DROPPED],
            open=outcomes[Status.OPEN],
        )
        flags = self.ctx.t(
            "review.summary_flags",
            later=counts.not_due,
            noted=counts.progress_noted,
            talks=counts.talks,
            supervised=counts.supervised,
            rate=rate_text(self.ctx, data.overall, 1),
            on_time=data.overall.on_time,
            due=data.overall.due,
        )
        self.query_one("#review-summary", Static).update(f"{summary}\n{flags}")

    def _selected_key(self) -> str | None:
        return cursor_row_key(self.query_one(DataTable))

    def _selected(self) -> Commitment | None:
        key = self._selected_key()
        if key is None or key.startswith(HEADING) or self.data is None:
            return None
        return next((c for c in self.data.commitments if c.id == key), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        row = event.cursor_row
        if row != event.data_table.cursor_row:
            return  # stale: the table was refilled and the cursor put back since
        if str(event.row_key.value).startswith(HEADING):
            # A heading is not something to mark: step over it, the way the cursor was
            # going (back down from the top), so every key press lands on a commitment.
            going_up = row < self._last_row
            target = row - 1 if going_up and row > 0 else row + 1
            if going_up and row == 0:
                target = self._last_row
            if 0 <= target < event.data_table.row_count and target != row:
                self._last_row = row
                event.data_table.move_cursor(row=target, animate=False)
                return
        self._last_row = row
        self._show_history()

    def _group_of(self, commitment: Commitment) -> UnitGroup | None:
        for part in self.data.parts if self.data else ():
            for group in part.groups:
                if commitment in group.commitments:
                    return group
        return None

    def _show_history(self) -> None:
        """The unit's line, then the selected commitment's record; the keys it takes."""
        target = self.query_one("#review-history-text", Static)
        commitment = self._selected()
        self.query_one(KeyBar).show_keys()
        if commitment is None or self.data is None:
            target.update("")
            return
        lines = history_lines(self.ctx, commitment, self.data, self.meeting_id)
        group = self._group_of(commitment)
        if group is not None:
            lines.insert(0, plain(unit_header(self.ctx, group), style="bold"))
        target.update(Text("\n").join(lines))

    def _ref(self, commitment: Commitment) -> str:
        if self.data is None:
            return commitment.id
        return reference(self.ctx, commitment, self.data, self.meeting_id)

    # --- saying what happened -----------------------------------------------------------
    def _flash(self, message: str, *, error: bool = False) -> None:
        flash = self.query_one("#review-flash", Static)
        flash.update(plain(message))
        flash.set_class(error, "-error")
        flash.display = bool(message)

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
        """Apply a rule of the domain to the commitment as on record, and save."""
        store = self.ctx.store
        return self._attempt(
            lambda: store.update_commitment(
                commitment.id, change, expected_revision=expected_revision
            )
        )

    def _attempt(self, save: Callable[[], object]) -> bool:
        """Run a save; a refusal or a failed write is said in the UI language, never a
        crash."""
        try:
            saved(self.ctx, save)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """M is 推进情况 on an open commitment, a note on its outcome otherwise."""
        if action in ("progress", "note"):
            commitment = self._selected() if self.is_mounted else None
            takes_progress = commitment is None or (
                commitment.is_open and not commitment.carried_to
            )
            return takes_progress == (action == "progress")
        return True

    @work(exclusive=True, group="dialog")
    async def action_progress(self) -> None:
        """M on an open commitment: how it is getting on, and the share done if said. Saved
        over the commitment as shown: if the other window saved it meanwhile, the review
        shows it as it is now and asks again, with what was typed."""
        commitment = self._picked()
        typed: tuple[str, float | None] | None = None
        while commitment is not None:
            prompt = ProgressPrompt(self.ctx, self._ref(commitment), commitment, typed)
            typed = await self.app.push_screen_wait(prompt)
            if typed is None:
                return
            note, percent = typed
            done = self._attempt(
                partial(
                    note_progress,
                    self.ctx.district,
                    self.meeting_id,
                    commitment.id,
                    note,
                    percent,
                    expected_revision=commitment.revision,
                )
            )
            self._fill()
            if done:
                self._flash(self.ctx.t("review.progress_saved", ref=self._ref(commitment)))
                return
            # Saved meanwhile in the other window (and still open): asked again over it.
            again = self._selected()
            stale = (
                again is not None
                and again.id == commitment.id
                and again.revision != commitment.revision
                and again.is_open
            )
            commitment = again if stale else None

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

    def _month_ends(self, *, after: date) -> list[tuple[str, date]]:
        """The quick choices of a new date: the ends of the three months after `after`."""
        ends = (end_of_month(after, months) for months in range(4))
        later = [day for day in ends if day > after][:3]
        return [(_month_end_label(self.ctx, day), day) for day in later]

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
        choices = self._month_ends(after=end_of_month(self.ctx.today()))
        prompt = DatePrompt(self.ctx, self.ctx.t("review.carry_title"), choices=choices)
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
        self._fill()
        ref = self._ref(new)
        self._flash(self.ctx.t("review.carried", ref=ref, due=new.due.isoformat()))

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
        # The ends of the months after the date in force, the first highlighted.
        choices = self._month_ends(after=commitment.effective_due)
        default: date | None = None
        while True:
            title = self.ctx.t("review.extend_title", due=commitment.effective_due.isoformat())
            prompt = DatePrompt(self.ctx, title, default=default, choices=choices)
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


def _month_end_label(ctx: Context, day: date) -> str:
    month = str(day.month) if ctx.lang == "zh" else MONTHS.split()[day.month - 1]
    return ctx.t("review.end_of_month", month=month)


def _with_note(
    commitment: Commitment, note: str, on_last: bool, today: date, meeting_id: str
) -> Commitment:
    """Put the note on the last change, or add a note-only entry keeping the status."""
    if on_last and commitment.history:
        last = replace(commitment.history[-1], note=note)
        return replace(commitment, history=(*commitment.history[:-1], last))
    return commitment.mark(commitment.status, today, meeting_id=meeting_id, note=note)
