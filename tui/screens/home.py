"""Home: the meeting to start or resume, what is overdue or due soon, who is behind pace."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Label, Static

from agenda.errors import DiaoduError
from agenda.meetings import Meeting, MeetingState
from agenda.numbers import fmt_percent, fmt_points
from agenda.periods import Period
from agenda.planning import NextMeeting
from agenda.review import Warning, warning
from agenda.units import Unit
from agenda.usecases.meetings import plan, start_meeting
from agenda.usecases.standings import behind_pace
from tui.context import Context, Seat
from tui.labels import period_label
from tui.reopening import reopen_meeting
from tui.saving import report, try_save
from tui.screens.base import DiaoduScreen
from tui.text import plain
from tui.theme import Palette
from tui.timefmt import due_phrase
from tui.widgets.footer import SteadyFooter
from tui.widgets.tables import cursor_row_key
from tui.widgets.talk_line import TalkLine

RECENT_MEETINGS = 5
BEHIND_SHOWN = 10


class HomeScreen(DiaoduScreen):
    BINDINGS = [
        Binding("s", "start_meeting", "home.key_start"),
        Binding("u", "units", "home.key_units"),
        Binding("b", "bulletin", "home.key_bulletin"),
        Binding("i", "import_file", "home.key_import"),
        Binding("r", "reopen", "home.key_reopen"),
        Binding("m", "minutes", "home.key_minutes"),
        Binding("q", "app.quit", "common.quit"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.plan: NextMeeting | None = None
        self.recent_states: dict[str, MeetingState] = {}

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Header()
        yield Static(id="next-meeting")
        yield TalkLine(self.ctx)  # 督办: who is called in (meetB's, tui/widgets/talk_line.py)
        with Horizontal(id="home-columns"):
            with Vertical(id="home-left"):
                yield Label(t("home.attention"), classes="heading")
                yield DataTable(id="attention", cursor_type="row", zebra_stripes=True)
            with Vertical(id="home-right"):
                yield Label(t("home.behind_pace"), classes="heading", id="behind-heading")
                yield DataTable(id="behind", cursor_type="row")
                yield Label(t("home.recent"), classes="heading")
                yield DataTable(id="recent", cursor_type="row")
        yield SteadyFooter()

    def on_mount(self) -> None:
        t = self.ctx.t
        self.query_one("#attention", DataTable).add_columns(
            # The due phrase second: on a narrow screen the long text is what gets cut.
            t("home.col_unit"),
            t("home.col_due"),
            t("home.col_commitment"),
            t("home.col_owner"),
        )
        self.query_one("#behind", DataTable).add_columns(
            t("home.col_unit"), t("home.col_completion"), t("home.col_pace")
        )
        self.query_one("#recent", DataTable).add_columns(
            t("home.col_date"), t("home.col_period"), t("home.col_state")
        )

    def reload(self) -> None:
        """Filled when first shown and whenever the store changed since (base.py)."""
        store, t = self.ctx.store, self.ctx.t
        self.plan = plan(self.ctx.district)
        self.query_one("#next-meeting", Static).update(self._next_meeting_text(self.plan))
        self.query_one(TalkLine).show_talks()
        units = {unit.id: unit for unit in store.units()}
        self._fill_attention(units)
        self._fill_behind(units, store.latest_reading_period())
        recent = self.query_one("#recent", DataTable)
        recent.clear()
        shown = list(reversed(store.latest_meetings(RECENT_MEETINGS)))
        self.recent_states = {meeting.id: meeting.state for meeting in shown}
        for meeting in shown:
            recent.add_row(
                meeting.date.isoformat(),
                period_label(self.ctx, meeting.period),
                t(f"home.state_{meeting.state.value}"),
                key=meeting.id,
            )
        self.refresh_bindings()

    def _next_meeting_text(self, plan: NextMeeting) -> Text:
        t = self.ctx.t
        if plan.unfinished is not None:
            meeting = plan.unfinished
            line = t("home.unfinished", period=period_label(self.ctx, meeting.period))
            hint = t("home.resume_hint")
        elif plan.closed_already is not None:
            line = t("home.already_held", period=period_label(self.ctx, plan.period))
            hint = t("home.extra_hint")
        else:
            line = t("home.not_started", period=period_label(self.ctx, plan.period))
            hint = t("home.start_hint")
        return Text.assemble((line, "bold"), "\n", (hint, "bold reverse"))

    def _fill_attention(self, units: dict[str, Unit]) -> None:
        table = self.query_one("#attention", DataTable)
        table.clear()
        today, warn_days = self.ctx.today(), self.ctx.warn_days
        lights = [(warning(c, today, warn_days), c) for c in self.ctx.store.commitments()]
        flagged = [(level, c) for level, c in lights if level is not Warning.NONE]
        flagged.sort(key=lambda pair: (pair[1].effective_due, pair[1].id))
        palette = Palette.of(self)
        for level, commitment in flagged:
            unit = units.get(commitment.unit_id)
            style = palette.warning(level)
            table.add_row(
                plain(unit.name if unit else commitment.unit_id),
                Text(due_phrase(self.ctx, commitment.effective_due), style=style),
                plain(commitment.text),
                plain(commitment.owner),
                key=commitment.id,
            )
        if not flagged:
            table.add_row(Text(self.ctx.t("home.nothing_due"), style="italic"), "", "", "")

    def _fill_behind(self, units: dict[str, Unit], period: Period | None) -> None:
        table = self.query_one("#behind", DataTable)
        table.clear()
        behind = behind_pace(self.ctx.district, period)
        if behind is None or period is None:
            return
        self.query_one("#behind-heading", Label).update(
            self.ctx.t(
                "home.behind_pace_of",
                metric=behind.metric.label(self.ctx.lang),
                period=period_label(self.ctx, period),
            )
        )
        digits, palette = self.ctx.settings.percent_digits, Palette.of(self)
        for row in behind.rows[:BEHIND_SHOWN]:
            unit = units.get(row.unit_id)
            table.add_row(
                plain(unit.name if unit else row.unit_id),
                Text(fmt_percent(row.completion, digits)),
                Text(fmt_points(row.pace_gap), style=palette.bad),
            )

    @work(exclusive=True, group="dialog")
    async def action_start_meeting(self) -> None:
        """S: start a meeting, as chosen in the start dialog (this window is then the
        chair's), or resume the one under way (asking which seat this window takes, unless
        it has one already)."""
        from tui.dialogs import SeatPrompt
        from tui.screens.start import StartDialog

        planned = self._plan_now()
        if planned is None:
            return
        meeting = planned.unfinished
        if meeting is None:
            choice = await self.app.push_screen_wait(StartDialog(self.ctx, planned))
            if choice is None:
                return
            # Started meanwhile in another window (both open the dialog as the meeting
            # begins): this one joins it rather than make a second meeting of the month.
            again = self._plan_now()
            if again is None:
                return
            meeting = again.unfinished
            if meeting is None:
                district = self.ctx.district
                created = try_save(
                    self.ctx,
                    self,
                    lambda: start_meeting(
                        district, choice.period, choice.day, choice.template, topic=choice.topic
                    ),
                )
                if created is not None:
                    self._open_meeting(created.id, Seat.CHAIR)
                return
        if meeting.id in self.ctx.seats:
            self._open_meeting(meeting.id, self.ctx.seats[meeting.id])
            return
        # Opened in another window (or before a restart): most likely this is the
        # secretary's, joining the chair's; even before the roll call is done.
        question = self.ctx.t("home.which_seat", period=period_label(self.ctx, meeting.period))
        seat = await self.app.push_screen_wait(SeatPrompt(self.ctx, question, Seat.SECRETARY))
        if seat is not None:
            self._open_meeting(meeting.id, seat)

    def _plan_now(self) -> NextMeeting | None:
        """The plan as the store has it now, not as home last showed it: this window looks
        for another's saves once a second, and the chair may have started a moment ago."""
        try:
            return plan(self.ctx.district)
        except DiaoduError as error:
            report(self.ctx, self, error)
            return None

    def _open_meeting(self, meeting_id: str, seat: Seat) -> None:
        from tui.screens.meeting import MeetingScreen

        self.ctx.seats[meeting_id] = seat
        self.app.push_screen(MeetingScreen(self.ctx, meeting_id))

    def _recent_meeting(self) -> Meeting | None:
        key = cursor_row_key(self.query_one("#recent", DataTable))
        return self.ctx.store.meeting(key) if key else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("reopen", "minutes"):  # on a closed meeting in the recent list, there
            if not self.is_mounted:
                return False
            recent = self.query_one("#recent", DataTable)
            key = cursor_row_key(recent)
            return recent.has_focus and self.recent_states.get(key or "") is MeetingState.CLOSED
        return True

    def action_minutes(self) -> None:
        """M on a closed meeting of the recent list: its minutes, as Markdown and Word."""
        from tui.exporting import export_minutes_here

        meeting = self._recent_meeting()
        if meeting is not None and meeting.is_closed:
            export_minutes_here(self, self.ctx, meeting.id)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "recent":
            self.refresh_bindings()

    @work(exclusive=True, group="dialog")
    async def action_reopen(self) -> None:
        """R on a closed meeting of the recent list: reopen it, once confirmed."""
        meeting = self._recent_meeting()
        reopened = meeting is not None and meeting.is_closed
        if reopened and meeting is not None and await reopen_meeting(self, self.ctx, meeting):
            self.show_store()

    def action_units(self) -> None:
        from tui.screens.units import UnitsScreen

        self.app.push_screen(UnitsScreen(self.ctx))

    def action_import_file(self) -> None:
        from tui.screens.importing import ImportScreen

        self.app.push_screen(ImportScreen(self.ctx))

    def action_bulletin(self) -> None:
        from tui.exporting import export_bulletin_here

        export_bulletin_here(self, self.ctx)
