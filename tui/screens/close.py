"""Closing the meeting: what it decided and how its time went, then closed for good."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Label, Static

from agenda.commitments import Status
from agenda.meetings import Meeting, roll_call_gaps
from agenda.summary import summarise
from agenda.usecases.meetings import close_meeting
from agenda.usecases.templates import template
from tui.clock import mmss
from tui.context import Context
from tui.exporting import export_minutes_here
from tui.labels import period_label
from tui.reopening import reopen_meeting
from tui.saving import try_save
from tui.screens.base import DiaoduScreen
from tui.text import plain
from tui.theme import Palette
from tui.widgets.footer import SteadyFooter


class CloseScreen(DiaoduScreen):
    BINDINGS = [
        Binding("c", "confirm_close", "close.key_close"),
        Binding("m", "minutes", "close.key_minutes"),
        Binding("r", "reopen", "close.key_reopen"),
        Binding("escape", "back", "common.back"),
    ]

    def __init__(self, ctx: Context, meeting_id: str) -> None:
        super().__init__(ctx)
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Header()
        yield Static(id="close-state")
        with Horizontal(id="close-columns"):
            with Vertical():
                yield Label(t("close.new_commitments"), classes="heading", id="new-heading")
                yield DataTable(id="new-by-unit", cursor_type="row")
            with Vertical():
                yield Label(t("close.review"), classes="heading")
                yield Static(id="review-outcome")
                yield Label(t("close.time"), classes="heading")
                yield DataTable(id="times", cursor_type="row")
        yield SteadyFooter()

    def on_mount(self) -> None:
        t = self.ctx.t
        self.query_one("#new-by-unit", DataTable).add_columns(
            t("close.col_unit"), t("close.col_count")
        )
        self.query_one("#times", DataTable).add_columns(
            t("close.col_section"), t("close.col_spent"), t("close.col_planned")
        )

    def _meeting(self) -> Meeting:
        return self.ctx.meeting(self.meeting_id)

    def reload(self) -> None:
        t, lang, store = self.ctx.t, self.ctx.lang, self.ctx.store
        meeting = self._meeting()
        walked = template(self.ctx.district, meeting.template)
        summary = summarise(meeting, walked, store.commitments(), self.ctx.now())
        period = period_label(self.ctx, meeting.period)
        palette = Palette.of(self)
        state = (
            Text.assemble(
                (t("close.closed", period=period), palette.good), "\n", t("close.closed_hint")
            )
            if meeting.is_closed
            else Text.assemble(
                (t("close.confirm", period=period), "bold"), "\n", t("close.confirm_hint")
            )
        )
        names = {unit.id: unit.name for unit in store.units()}
        gaps = roll_call_gaps(meeting)
        if gaps:  # before the minutes go out: what the roll call has not said yet
            said = t("close.gap_joiner").join(
                t("close.gap", unit=names.get(unit, unit), what=t(code)) for unit, code in gaps
            )
            state.append("\n")
            state.append_text(plain(t("close.roll_call_gaps", gaps=said), style=palette.warn))
        self.query_one("#close-state", Static).update(state)
        self.query_one("#new-heading", Label).update(
            t("close.new_commitments_count", count=summary.new_total)
        )
        table = self.query_one("#new-by-unit", DataTable)
        table.clear()
        for unit_id, count in summary.new_by_unit:
            table.add_row(plain(names.get(unit_id, unit_id)), str(count))
        if not summary.new_by_unit:
            table.add_row(Text(t("close.none_made"), style=palette.bad), "0")
        outcome = "    ".join(
            f"{t(f'close.status_{status.value}')} {summary.reviewed.get(status, 0)}"
            for status in (Status.DONE, Status.PARTIAL, Status.MISSED, Status.DROPPED)
        )
        outcome += "\n" + t("close.carried", count=summary.carried_over)
        outcome += "    " + t("close.left_open", count=summary.left_open)
        self.query_one("#review-outcome", Static).update(outcome)
        times = self.query_one("#times", DataTable)
        times.clear()
        for section in summary.times:
            spent = Text(mmss(section.spent_seconds), style=palette.bad if section.overrun else "")
            times.add_row(section.title(lang), spent, mmss(section.planned_seconds))

    def action_confirm_close(self) -> None:
        if self._meeting().is_closed:
            return
        ctx = self.ctx
        by = ctx.by(self._meeting())
        closed = try_save(ctx, self, lambda: close_meeting(ctx.district, self.meeting_id, by))
        if closed is None:
            return
        self.show_store()
        self.refresh_bindings()
        self.notify(self.ctx.t("close.done"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        closed = self._meeting().is_closed
        if action == "reopen":
            return closed
        if action == "confirm_close":
            return not closed
        return True

    @work(exclusive=True, group="dialog")
    async def action_reopen(self) -> None:
        """R: reopen the closed meeting (asked first; kept on its record)."""
        meeting = self._meeting()
        if meeting.is_closed and await reopen_meeting(self, self.ctx, meeting):
            self.show_store()
            self.refresh_bindings()

    def action_minutes(self) -> None:
        export_minutes_here(self, self.ctx, self.meeting_id)

    def action_back(self) -> None:
        closed = self._meeting().is_closed
        self.app.pop_screen()
        if closed:  # nothing more to do in the meeting: straight home
            from tui.screens.meeting import MeetingScreen

            if isinstance(self.app.screen, MeetingScreen):
                self.app.run_worker(self.app.screen.go_home(), group="walk")
