"""Home: the meeting to start or resume, what is overdue or due soon, who is behind pace."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Label, Static

from agenda.metrics import active_metrics
from agenda.numbers import fmt_percent, fmt_points
from agenda.periods import Period
from agenda.planning import NextMeeting, next_meeting
from agenda.review import Warning, warning
from agenda.scorecard import build_scorecard
from agenda.units import Unit, sorted_units
from tui.context import Context
from tui.labels import period_label
from tui.screens.base import DiaoduScreen
from tui.text import plain
from tui.theme import RED, YELLOW
from tui.timefmt import due_phrase

RECENT_MEETINGS = 5
BEHIND_SHOWN = 10


class HomeScreen(DiaoduScreen):
    BINDINGS = [
        Binding("s", "start_meeting", "home.key_start"),
        Binding("u", "units", "home.key_units"),
        Binding("b", "bulletin", "home.key_bulletin"),
        Binding("i", "import_file", "home.key_import"),
        Binding("q", "app.quit", "common.quit"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.plan: NextMeeting | None = None

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Header()
        yield Static(id="next-meeting")
        with Horizontal(id="home-columns"):
            with Vertical(id="home-left"):
                yield Label(t("home.attention"), classes="heading")
                yield DataTable(id="attention", cursor_type="row", zebra_stripes=True)
            with Vertical(id="home-right"):
                yield Label(t("home.behind_pace"), classes="heading", id="behind-heading")
                yield DataTable(id="behind", cursor_type="row")
                yield Label(t("home.recent"), classes="heading")
                yield DataTable(id="recent", cursor_type="row")
        yield Footer()

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

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the one place it fills itself.
        self.reload()

    def reload(self) -> None:
        store, t = self.ctx.store, self.ctx.t
        meetings = store.meetings(include_archive=1)
        latest = store.latest_reading_period()
        self.plan = next_meeting(meetings, latest, self.ctx.today())
        self.query_one("#next-meeting", Static).update(self._next_meeting_text(self.plan))
        units = {unit.id: unit for unit in store.units()}
        self._fill_attention(units)
        self._fill_behind(units, latest)
        recent = self.query_one("#recent", DataTable)
        recent.clear()
        for meeting in list(reversed(meetings))[:RECENT_MEETINGS]:
            recent.add_row(
                meeting.date.isoformat(),
                period_label(self.ctx, meeting.period),
                t(f"home.state_{meeting.state.value}"),
            )

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
        for level, commitment in flagged:
            unit = units.get(commitment.unit_id)
            style = RED if level is Warning.RED else YELLOW
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
        store = self.ctx.store
        table = self.query_one("#behind", DataTable)
        table.clear()
        if period is None:
            return
        metrics = active_metrics(store.metrics())
        targeted = {target.metric for target in store.targets(period.year)}
        # The first amount with targets: a rate has no 序时进度 to be behind.
        metric = next((m for m in metrics if m.summable and m.key in targeted), None)
        if metric is None:
            return
        self.query_one("#behind-heading", Label).update(
            self.ctx.t(
                "home.behind_pace_of",
                metric=metric.label(self.ctx.lang),
                period=period_label(self.ctx, period),
            )
        )
        settings = self.ctx.settings
        scorecard = build_scorecard(
            metric,
            sorted_units(store.units()),
            store.figures(period),
            period,
            metrics=metrics,
            grouping=settings.groups,
        )
        # Furthest behind first (for a ceiling, furthest over it).
        sign = 1.0 if metric.higher_is_better else -1.0
        behind = sorted(scorecard.behind_pace(), key=lambda row: sign * (row.pace_gap or 0.0))
        for row in behind[:BEHIND_SHOWN]:
            unit = units.get(row.unit_id)
            table.add_row(
                plain(unit.name if unit else row.unit_id),
                Text(fmt_percent(row.completion, settings.percent_digits)),
                Text(fmt_points(row.pace_gap), style=RED),
            )

    def action_start_meeting(self) -> None:
        from tui.screens.meeting import MeetingScreen

        plan = self.plan
        if plan is None:
            return
        meeting = plan.unfinished
        if meeting is None:
            template = self.ctx.settings.template
            last = self.ctx.store.meetings(include_archive=1)
            meeting = self.ctx.store.create_meeting(
                plan.period,
                self.ctx.today(),
                template,
                chair=last[-1].chair if last else "",
                secretary=last[-1].secretary if last else "",
            )
        self.app.push_screen(MeetingScreen(self.ctx, meeting.id))

    def action_units(self) -> None:
        try:
            from tui.screens.units import UnitsScreen
        except ImportError:
            self.notify(self.ctx.t("home.not_ready"), severity="warning")
            return
        self.app.push_screen(UnitsScreen(self.ctx))

    def action_import_file(self) -> None:
        from tui.screens.importing import ImportScreen

        self.app.push_screen(ImportScreen(self.ctx))

    def action_bulletin(self) -> None:
        from tui.exporting import export_bulletin_here

        export_bulletin_here(self)
