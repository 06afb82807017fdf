"""肯定成绩: the scorecard — every unit on one metric, ranked within its group (towns,
parks, departments), against target and 序时进度, with each group's subtotal and the
district's total, the units leading each group and the share of units at target.

A rate has its own columns: the rate, its target, the points against it, and the two
sums it is worked out from; its changes are in points.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from agenda import phrases
from agenda.metrics import RateSource
from agenda.numbers import fmt_number, fmt_percent, measure_digits
from agenda.scorecard import GroupCard, Row, Scorecard
from agenda.standing import leading
from agenda.templates import Item, Section
from tui.context import Context
from tui.labels import period_label
from tui.text import plain
from tui.theme import Palette
from tui.views import _cells as cells
from tui.views._unit_table import UnitTableView
from tui.widgets.keybar import KeyBar
from tui.widgets.tables import Cell, Table

TOTAL_KEY = "__total__"
SUBTOTAL_KEY = "__group__{index}"
AMOUNT_COLUMNS = ("value", "target", "completion", "pace", "month", "mom", "yoy")


class SortBy(StrEnum):
    RANK = "rank"
    COMPLETION = "completion"
    VALUE = "value"
    NAME = "name"  # the district's own order of units
    CHANGE = "change"  # 同比


def sorted_rows(
    rows: list[Row], order: list[str], how: SortBy, higher_is_better: bool = True
) -> list[Row]:
    """One group's rows in the chosen order; rows without the figure go last."""
    if how is SortBy.RANK:
        return rows
    if how is SortBy.NAME:
        position = {unit_id: index for index, unit_id in enumerate(order)}
        return sorted(rows, key=lambda row: position.get(row.unit_id, len(position)))
    figure: Callable[[Row], float | None] = {
        SortBy.COMPLETION: lambda row: row.completion if row.completion is not None else row.value,
        SortBy.VALUE: lambda row: row.value,
        SortBy.CHANGE: lambda row: row.yoy,
    }[how]
    sign = -1.0 if higher_is_better else 1.0
    present = [row for row in rows if figure(row) is not None]
    present.sort(key=lambda row: sign * (figure(row) or 0.0))
    return present + [row for row in rows if figure(row) is None]


class ScorecardView(UnitTableView):
    BINDINGS = [
        Binding("s", "sort", "scorecard.key_sort", show=False),
        Binding("b", "bulletin", "scorecard.key_bulletin", show=False),
        Binding("t", "talking_points", "talking.key_open", show=False),
    ]

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.sort_by = SortBy.RANK

    def action_talking_points(self) -> None:
        """讲话要点 drafted from the month's figures, to read and copy."""
        from tui.talking_points import show_talking_points

        show_talking_points(self, self.ctx, self.meeting_id)

    def action_bulletin(self) -> None:
        """The bulletin of the month on the screen, as Word, Excel and Markdown."""
        from tui.exporting import export_bulletin_here

        export_bulletin_here(self, self.ctx, self.ctx.meeting(self.meeting_id).period)

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="scorecard-heading")
        yield Table(id="scorecard-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="scorecard-detail")
        yield KeyBar(self, id="scorecard-keys")

    def _columns(self, card: Scorecard) -> list[tuple[str, Cell]]:
        """An amount's columns, or a rate's: what each column holds, said in its header."""
        t, metric = self.ctx.t, card.metric
        columns: list[tuple[str, Cell]] = [
            ("rank", cells.right(t("scorecard.col_rank"))),
            ("unit", t("scorecard.col_unit")),
        ]
        if metric.summable:
            for key in AMOUNT_COLUMNS:
                columns.append((key, cells.right(t(f"scorecard.col_{key}"))))
        else:
            headers = [
                metric.label(self.ctx.lang),
                t("scorecard.col_rate_target"),
                t("scorecard.col_to_target"),
                *self._part_headers(card),
                t("scorecard.col_mom_points"),
                t("scorecard.col_yoy_points"),
            ]
            for index, header in enumerate(headers):
                columns.append((f"rate{index}", cells.right(header)))
        columns.append(("note", t("scorecard.col_note")))
        return columns

    def _part_headers(self, card: Scorecard) -> list[str]:
        metric, t = card.metric, self.ctx.t
        if metric.source is RateSource.REVIEW:
            return [t("scorecard.col_on_time"), t("scorecard.col_due")]
        if metric.source is RateSource.RATIO:
            by_key = {m.key: m for m in self.choice.metrics}
            parts = (by_key.get(metric.numerator or ""), by_key.get(metric.denominator or ""))
            return [part.label(self.ctx.lang) if part else "" for part in parts]
        return []

    # --- showing -------------------------------------------------------------------------
    def show(self) -> None:
        """Fill the heading and the table from the current data; keep the cursor's unit."""
        card = self.card = self.scorecard()
        table = self.query_one(Table)
        keep = self.cursor_unit()
        palette = Palette.of(self)
        table.fixed_rows = 1 if card.has_total else 0
        rows: list[tuple[str, list[Text]]] = []
        if card.has_total:
            total = self._cells(card.total, self.settings.total_label(self.ctx.lang), palette)
            rows.append((TOTAL_KEY, self._bold(total)))
        notes = self.notes()
        top_n = self.settings.top_n
        single, better = len(card.groups) == 1, card.metric.higher_is_better
        for index, group in enumerate(card.groups):
            leaders = {row.unit_id for row in leading(group.rows, top_n, higher_is_better=better)}
            for row in sorted_rows(list(group.rows), self.order, self.sort_by, self._better):
                row_cells = self._cells(row, self.unit_name(row.unit_id), palette, notes)
                if row.unit_id in leaders:
                    mark = f"{cells.LEADER_MARK}{row.rank}"
                    row_cells[0] = cells.right(mark, palette.warn)
                    row_cells[1].stylize("bold")
                rows.append((row.unit_id, row_cells))
            if not single and card.has_total:
                name = self.settings.subtotal_label(group.group, self.ctx.lang)
                subtotal = self._cells(group.subtotal, name, palette)
                rows.append((SUBTOTAL_KEY.format(index=index), self._bold(subtotal)))
        table.fill(rows, self._columns(card))
        first = card.rows[0].unit_id if card.rows else None
        self.move_cursor_to(keep or first)
        self.query_one("#scorecard-heading", Static).update(self._heading(card))
        self._show_detail()

    @property
    def _better(self) -> bool:
        return self.card.metric.higher_is_better

    def _bold(self, row: list[Text]) -> list[Text]:
        row[0] = Text("")  # a subtotal or the total has no rank
        for cell in row:
            cell.stylize("bold")
        return row

    def _cells(
        self, row: Row, name: str, palette: Palette, notes: dict[str, str] | None = None
    ) -> list[Text]:
        metric, better = self.card.metric, self._better
        note = cells.clipped((notes or {}).get(row.unit_id, ""))
        pct = self.settings.percent_digits
        if metric.summable:
            digits = measure_digits(metric.measure)
            return [
                cells.rank(row.rank),
                plain(name),
                cells.number(row.value, digits=digits),
                cells.number(row.target, digits=digits),
                cells.percent(row.completion, pct),
                cells.signed(row.pace_gap, palette, points=True, higher_is_better=better),
                cells.number(row.month_value, digits=digits),
                cells.signed(row.mom, palette, points=False, higher_is_better=better),
                cells.signed(row.yoy, palette, points=False, higher_is_better=better),
                note,
            ]
        parts = []
        if metric.formed:
            part_digits = self._part_digits()
            parts = [
                cells.number(row.numerator, digits=part_digits[0]),
                cells.number(row.denominator, digits=part_digits[1]),
            ]
        return [
            cells.rank(row.rank),
            plain(name),
            cells.percent(row.value, pct),
            cells.percent(row.target, pct),
            cells.signed(row.target_gap, palette, points=True, higher_is_better=better),
            *parts,
            cells.signed(row.mom, palette, points=True, higher_is_better=better),
            cells.signed(row.yoy, palette, points=True, higher_is_better=better),
            note,
        ]

    def _part_digits(self) -> tuple[int, int]:
        metric = self.card.metric
        if metric.source is not RateSource.RATIO:
            return 0, 0
        by_key = {m.key: m for m in self.choice.metrics}
        top, bottom = by_key.get(metric.numerator or ""), by_key.get(metric.denominator or "")
        return (
            measure_digits(top.measure) if top else 2,
            measure_digits(bottom.measure) if bottom else 2,
        )

    def _heading(self, card: Scorecard) -> Text:
        t = self.ctx.t
        parts = [period_label(self.ctx, card.period), cells.metric_label(self.ctx, card.metric)]
        if card.metric.summable:
            parts.append(t("scorecard.time_progress", value=fmt_percent(card.time_progress)))
        else:
            parts.append(self._rate_formed(card))
        parts.append(t("scorecard.sorted_by", how=t(f"scorecard.sort_{self.sort_by.value}")))
        heading = Text(cells.heading(self.ctx, parts))
        top_n = self.settings.top_n

        def leaders(group: GroupCard) -> list[Row]:
            return leading(group.rows, top_n, higher_is_better=card.metric.higher_is_better)

        names = cells.group_names(self.ctx, card, leaders, self.unit_name)
        if names.plain:
            heading.append("\n" + t("scorecard.leaders"), "not bold")
            names.stylize("not bold")
            heading.append_text(names)
        share = self._share(card)
        if share:
            heading.append("\n" + share, "not bold")
        return heading

    def _rate_formed(self, card: Scorecard) -> str:
        metric, t = card.metric, self.ctx.t
        if metric.source is RateSource.RATIO:
            top, bottom = self._part_headers(card)
            return t("scorecard.rate_ratio", numerator=top, denominator=bottom)
        if metric.source is RateSource.REVIEW:
            day = self.standings.review().cutoff(card.period)
            return t("scorecard.rate_review", month=day.month, day=day.day)
        return t("scorecard.rate_reported")

    def _share(self, card: Scorecard) -> str:
        """完成年度任务：36 个单位中 3 个，占 8.3%；落后序时进度 23 个."""
        share = card.share_at_target()
        if share is None:
            return ""
        t = self.ctx.t
        kind = "amount" if card.metric.summable else "rate"
        if card.metric.summable and not card.metric.higher_is_better:
            kind = "ceiling"
        text = t(
            f"scorecard.share_{kind}",
            judged=share.judged,
            reached=share.reached,
            share=phrases.percent(share.percent, 1),
        )
        lagging = len(card.lagging())
        if lagging:
            key = "scorecard.count_short" if kind == "rate" else "scorecard.count_behind"
            text += t(key, count=lagging)
        overall = self.standings.overall_share()
        if overall is not None:
            text += self._sep + t(
                "scorecard.overall_share",
                judged=overall.judged,
                reached=overall.reached,
                share=phrases.percent(overall.percent, 1),
            )
        return text

    def _said(self, row: Row) -> str:
        """How the bulletin says this unit's figure: 落后序时进度14.1个百分点，同比增长28.6%."""
        metric, lang = self.card.metric, self.ctx.lang
        if metric.summable:
            parts = [
                phrases.pace(row.pace_gap, lang, higher_is_better=metric.higher_is_better),
                phrases.growth(row.yoy, lang),
            ]
        else:
            parts = [
                phrases.against_target(row.target_gap, lang),
                phrases.growth(row.yoy, lang, points=True),
            ]
        return self.ctx.t("scorecard.clauses").join(part for part in parts if part)

    def _show_detail(self) -> None:
        detail = self.query_one("#scorecard-detail", Static)
        unit_id = self.cursor_unit()
        if unit_id is None:
            detail.update("")
            return
        line = Text.assemble(plain(self.unit_name(unit_id), "bold"), self._sep)
        row = self.card.row(unit_id)
        metric = self.choice.current
        if row is not None and metric.per and row.average is not None:
            measure = cells.measure_label(self.ctx, metric.measure)
            average = fmt_number(row.average)
            line.append(self.ctx.t("scorecard.average", value=average, measure=measure) + self._sep)
        said = self._said(row) if row is not None else ""
        if said:
            line.append(said + self._sep)
        if row is not None and row.mom_gap is not None:
            why = phrases.why_no_mom(row.mom_gap, self.ctx.lang)
            line.append(self.ctx.t("scorecard.no_mom", why=why) + self._sep)
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
