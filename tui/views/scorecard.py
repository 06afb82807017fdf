"""肯定成绩: the scorecard — every unit on one metric, ranked, against target and 序时进度."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from agenda.numbers import fmt_number, fmt_percent
from agenda.scorecard import Row, Scorecard
from agenda.templates import Item, Section
from agenda.units import Unit
from tui.context import Context
from tui.labels import period_label
from tui.text import plain
from tui.views import _cells as cells
from tui.views._unit_table import UnitTableView

TOTAL_KEY = "__total__"


class SortBy(StrEnum):
    RANK = "rank"
    COMPLETION = "completion"
    VALUE = "value"
    NAME = "name"  # the district's own order of units
    CHANGE = "change"  # 同比


def sorted_rows(card: Scorecard, order: list[str], how: SortBy) -> list[Row]:
    """The card's rows in the chosen order; rows without the figure go last."""
    rows = list(card.rows)
    if how is SortBy.RANK:
        return rows
    if how is SortBy.NAME:
        position = {unit_id: index for index, unit_id in enumerate(order)}
        return sorted(rows, key=lambda row: position.get(row.unit_id, len(position)))
    figure: Callable[[Row], float | None] = {
        SortBy.COMPLETION: lambda row: row.completion,
        SortBy.VALUE: lambda row: row.value,
        SortBy.CHANGE: lambda row: row.yoy,
    }[how]
    sign = -1.0 if card.metric.higher_is_better else 1.0
    present = [row for row in rows if figure(row) is not None]
    present.sort(key=lambda row: sign * (figure(row) or 0.0))
    return present + [row for row in rows if figure(row) is None]


class ScorecardView(UnitTableView):
    DEFAULT_CSS = """
    ScorecardView {
        layout: vertical;
        height: 1fr;
    }
    ScorecardView #scorecard-heading {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    ScorecardView #scorecard-table {
        height: 1fr;
    }
    ScorecardView #scorecard-detail {
        height: auto;
        min-height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("s", "sort", "scorecard.key_sort"),
        Binding("b", "bulletin", "scorecard.key_bulletin"),
    ]

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.sort_by = SortBy.RANK
        self.digits = 0

    def action_bulletin(self) -> None:
        """The bulletin of the month on the screen, as Word, Excel and Markdown."""
        from tui.exporting import export_bulletin_here

        export_bulletin_here(self.screen, self.ctx.meeting(self.meeting_id).period)

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="scorecard-heading")
        yield DataTable(id="scorecard-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="scorecard-detail")

    def on_mount(self) -> None:
        t = self.ctx.t
        table = self.query_one(DataTable)
        table.add_column(cells.right(t("scorecard.col_rank")), key="rank")
        table.add_column(t("scorecard.col_unit"), key="unit")
        for key in ("value", "target", "completion", "pace", "month", "mom", "yoy"):
            table.add_column(cells.right(t(f"scorecard.col_{key}")), key=key)
        table.add_column(t("scorecard.col_note"), key="note")
        self.show()
        table.focus()

    # --- showing -------------------------------------------------------------------------
    def show(self) -> None:
        """Fill the heading and the table from the current data; keep the cursor's unit."""
        card = self.card = self.scorecard()
        summed = card.metric.summable
        table = self.query_one(DataTable)
        keep = self.cursor_unit()
        table.clear()
        palette = cells.Palette(self)
        self.digits = cells.digits_for(
            [figure for row in card.rows for figure in (row.value, row.target, row.month_value)],
            2 if summed else 1,  # 开工率 81.6%
        )
        table.fixed_rows = 1 if summed else 0
        if summed:
            table.add_row(*self._total_cells(card, palette), key=TOTAL_KEY)
        notes = self.notes()
        leaders = {row.unit_id for row in card.leaders(3)}
        for row in sorted_rows(card, self.order, self.sort_by):
            unit = self.units[row.unit_id]
            row_cells = self._row_cells(row, unit, notes.get(unit.id, ""), palette, summed)
            if row.unit_id in leaders:
                row_cells[0] = cells.right(f"{cells.LEADER_MARK}{row.rank}", f"bold {palette.warn}")
                row_cells[1].stylize("bold")
            table.add_row(*row_cells, key=row.unit_id)
        self.move_cursor_to(keep or (card.rows[0].unit_id if card.rows else None))
        self.query_one("#scorecard-heading", Static).update(self._heading(card))
        self._show_detail()

    def _heading(self, card: Scorecard) -> Text:
        t = self.ctx.t
        parts = [
            period_label(self.ctx, card.period),
            cells.metric_label(self.ctx, card.metric),
            t("scorecard.time_progress", value=fmt_percent(card.time_progress)),
            t("scorecard.sorted_by", how=t(f"scorecard.sort_{self.sort_by.value}")),
        ]
        if not card.metric.summable:
            parts.append(t("scorecard.rates_not_summed"))
        heading = Text(cells.heading(self.ctx, parts))
        leaders = card.leaders(3)
        if leaders:
            heading.append("\n" + t("scorecard.leaders", names=""), "not bold")
            separator = t("gaps.list_separator")
            for index, row in enumerate(leaders):
                if index:
                    heading.append(separator, "not bold")
                heading.append_text(plain(self.units[row.unit_id].name))
        return heading

    def _row_cells(
        self, row: Row, unit: Unit, note: str, palette: cells.Palette, summed: bool
    ) -> list[Text]:
        points = not summed  # a rate changes by points, an amount by per cent
        digits = self.digits
        return [
            cells.rank(row.rank),
            plain(unit.name),
            cells.number(row.value, digits=digits),
            cells.number(row.target, digits=digits),
            cells.percent(row.completion),
            cells.signed(row.pace_gap, palette, points=True),
            cells.number(row.month_value if summed else None, digits=digits),
            cells.signed(row.mom, palette, points=points),
            cells.signed(row.yoy, palette, points=points),
            cells.clipped(note),
        ]

    def _total_cells(self, card: Scorecard, palette: cells.Palette) -> list[Text]:
        total = card.total
        row = self._row_cells(total, Unit("", self.ctx.t("scorecard.total")), "", palette, True)
        row[0] = Text("")  # the district has no rank
        for cell in row:
            cell.stylize("bold")
        return row

    def _show_detail(self) -> None:
        detail = self.query_one("#scorecard-detail", Static)
        unit_id = self.cursor_unit()
        if unit_id is None:
            detail.update("")
            return
        unit = self.units[unit_id]
        line = Text.assemble(plain(unit.name, "bold"), self._sep)
        card_row = self.card.row(unit_id) if self.choice.current.per else None
        if card_row is not None and card_row.average is not None:
            line.append(
                self.ctx.t(
                    "scorecard.average",
                    value=fmt_number(card_row.average),
                    measure=cells.measure_label(self.ctx, self.choice.current.measure),
                )
                + self._sep
            )
        note = self.notes().get(unit_id)
        line.append_text(plain(note) if note else Text(self.ctx.t("scorecard.no_note")))
        detail.update(line)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    # --- actions -------------------------------------------------------------------------
    def action_sort(self) -> None:
        ways = list(SortBy)
        self.sort_by = ways[(ways.index(self.sort_by) + 1) % len(ways)]
        self.show()
