"""The targets and readings tabs: units × metrics, one figure edited at a time.

A figure is checked where it is typed (a number, not negative) and saved at once with
`store.save_targets` or `store.save_readings`; nothing half-typed reaches the store.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from agenda.errors import InputError
from agenda.metrics import Metric, Reading, Target, active_metrics
from agenda.numbers import fmt_number
from agenda.periods import Period
from agenda.units import Unit, sorted_units
from tui.context import Context
from tui.dialogs import TextPrompt
from tui.labels import period_label
from tui.saving import try_save
from tui.text import plain
from tui.views.base import StoreView

UNIT_COLUMN = "unit"


def parse_figure(text: str) -> float:
    """A figure as typed, by the domain's one number parser (full-width digits and
    thousands commas read, any other comma refused). Raises InputError."""
    from agenda.importing.number import parse_figure as read_figure

    if not text.strip():
        raise InputError("number.empty")
    return read_figure(text)


def figure_problem(ctx: Context, text: str) -> str | None:
    """Why what was typed is not a figure, in the UI language (None: it is one)."""
    try:
        parse_figure(text)
    except InputError as error:
        return ctx.t.error(error)
    return None


class FiguresPane(StoreView):
    """Units down, metrics across; Enter on a cell asks for its new value.

    Enter is a priority binding of the pane so the footer shows it; a click on a cell
    (the table's CellSelected) edits too.
    """

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.metrics: list[Metric] = []
        self.units: list[Unit] = []

    # What a subclass says: which figures, how they are titled and saved.
    def heading(self) -> str:
        raise NotImplementedError

    def values(self) -> dict[tuple[str, str], float]:
        raise NotImplementedError

    def prompt_title(self, unit: Unit, metric: Metric) -> str:
        raise NotImplementedError

    def save_value(self, unit: Unit, metric: Metric, value: float) -> str:
        """Save and return what to tell the user."""
        raise NotImplementedError

    def step(self, delta: int) -> None:
        raise NotImplementedError

    def shown(self, metrics: list[Metric]) -> list[Metric]:
        """The metrics with a column here: a retired one keeps its figures but no column."""
        return active_metrics(metrics)

    def compose(self) -> ComposeResult:
        yield Static(classes="heading", id="figures-heading")
        yield Static(self.ctx.t("units.figures_hint"), classes="hint")
        yield Static(classes="flash", id="figures-flash")
        yield DataTable(cursor_type="cell", fixed_columns=1)  # the unit stays in view

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.seen = self.ctx.generation
        table: DataTable[object] = self.query_one(DataTable)
        kept = table.cursor_coordinate if table.row_count else None
        self.metrics = self.shown(self.ctx.store.metrics())
        self.units = sorted_units(self.ctx.store.units())
        values = self.values()
        table.clear(columns=True)
        table.add_column(self.ctx.t("units.col_name"), key=UNIT_COLUMN)
        for metric in self.metrics:
            space = "" if self.ctx.lang == "zh" else " "
            label = f"{metric.label(self.ctx.lang)}{space}({metric.measure})"
            table.add_column(label, key=metric.key)
        for unit in self.units:
            cells = [
                Text(fmt_number(values.get((unit.id, metric.key))), justify="right")
                if (unit.id, metric.key) in values
                else Text("")
                for metric in self.metrics
            ]
            table.add_row(plain(unit.name), *cells, key=unit.id)
        self.query_one("#figures-heading", Static).update(self.heading())
        if kept is not None and table.is_valid_coordinate(kept):
            table.move_cursor(row=kept.row, column=kept.column, animate=False)
        elif table.row_count and self.metrics:
            table.move_cursor(row=0, column=1, animate=False)

    def flash(self, message: str, *, error: bool = False) -> None:
        widget = self.query_one("#figures-flash", Static)
        widget.update(plain(message))
        widget.set_class(error, "-error")

    def selected(self) -> tuple[Unit, Metric] | None:
        table: DataTable[object] = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        unit = next((u for u in self.units if u.id == row_key.value), None)
        metric = next((m for m in self.metrics if m.key == column_key.value), None)
        return (unit, metric) if unit and metric else None

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_edit()

    @work(exclusive=True, group="dialog")
    async def action_edit(self) -> None:
        """Enter: the figure of the cell, asked for; checked where it is typed and again
        before it is saved, at once."""
        picked = self.selected()
        if picked is None:
            self.flash(self.ctx.t("units.pick_cell"), error=True)
            return
        unit, metric = picked
        current = self.values().get((unit.id, metric.key))
        prompt = TextPrompt(
            self.prompt_title(unit, metric),
            "" if current is None else fmt_number(current, 4).replace(",", ""),
            validate=lambda text: figure_problem(self.ctx, text),
        )
        text = await self.app.push_screen_wait(prompt)
        if text is None:
            return
        try:
            value = parse_figure(text)
        except InputError as error:
            self.flash(self.ctx.t.error(error), error=True)
            return
        said = try_save(self.ctx, self, lambda: self.save_value(unit, metric, value))
        if said is not None:  # else the failure is said on screen; nothing changed
            self.flash(said)
            self.reload()

    def action_step(self, delta: int) -> None:
        self.step(delta)
        self.flash("")
        self.reload()


class TargetsPane(FiguresPane):
    """年度任务 of one year (this year first)."""

    BINDINGS = [
        Binding("enter", "edit", "units.key_edit", id="units.edit_target", priority=True),
        Binding("left_square_bracket", "step(-1)", "units.key_previous_year", id="units.year_back"),
        Binding("right_square_bracket", "step(1)", "units.key_next_year", id="units.year_on"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.year = ctx.today().year

    def heading(self) -> str:
        return self.ctx.t("units.targets_heading", year=self.year)

    def values(self) -> dict[tuple[str, str], float]:
        return {(t.unit_id, t.metric): t.value for t in self.ctx.store.targets(self.year)}

    def prompt_title(self, unit: Unit, metric: Metric) -> str:
        return self.ctx.t(
            "units.target_title",
            unit=unit.name,
            year=self.year,
            metric=metric.label(self.ctx.lang),
            measure=metric.measure,
        )

    def save_value(self, unit: Unit, metric: Metric, value: float) -> str:
        self.ctx.store.save_targets([Target(unit.id, metric.key, self.year, value)])
        return self.ctx.t(
            "units.target_saved",
            unit=unit.name,
            metric=metric.label(self.ctx.lang),
            year=self.year,
            value=fmt_number(value, 4),
        )

    def step(self, delta: int) -> None:
        self.year += delta


class ReadingsPane(FiguresPane):
    """Year-to-date readings of one month (the latest with readings first)."""

    BINDINGS = [
        Binding("enter", "edit", "units.key_edit", id="units.edit_reading", priority=True),
        Binding(
            "left_square_bracket", "step(-1)", "units.key_previous_month", id="units.month_back"
        ),
        Binding("right_square_bracket", "step(1)", "units.key_next_month", id="units.month_on"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        latest = ctx.store.latest_reading_period()
        self.period = latest or Period.of(ctx.today()).previous()

    def shown(self, metrics: list[Metric]) -> list[Metric]:
        """Only what units report: a rate worked out from two others (开工率) or from the
        review (履约率) is never typed in."""
        return [metric for metric in active_metrics(metrics) if metric.reported]

    def heading(self) -> str:
        return self.ctx.t(
            "units.readings_heading",
            period=period_label(self.ctx, self.period),
            month=self.period.month,
        )

    def values(self) -> dict[tuple[str, str], float]:
        readings = self.ctx.store.readings([self.period.year])
        return {(r.unit_id, r.metric): r.value for r in readings if r.period == self.period}

    def prompt_title(self, unit: Unit, metric: Metric) -> str:
        return self.ctx.t(
            "units.reading_title",
            unit=unit.name,
            period=period_label(self.ctx, self.period),
            metric=metric.label(self.ctx.lang),
            measure=metric.measure,
        )

    def save_value(self, unit: Unit, metric: Metric, value: float) -> str:
        self.ctx.store.save_readings([Reading(unit.id, metric.key, self.period, value)])
        return self.ctx.t(
            "units.reading_saved",
            unit=unit.name,
            metric=metric.label(self.ctx.lang),
            period=period_label(self.ctx, self.period),
            value=fmt_number(value, 4),
        )

    def step(self, delta: int) -> None:
        self.period = self.period.next() if delta > 0 else self.period.previous()
