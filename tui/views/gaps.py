"""认清差距: units behind 序时进度 (a rate: short of its target) and units with nothing this
month (白卷), and what holds them back.

The chair names each laggard's gap to the unit just ahead and just behind in its group;
the secretary ticks the problem categories of the template (number keys) and notes the
measures (e).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from agenda.errors import DiaoduError
from agenda.numbers import fmt_number, fmt_percent
from agenda.scorecard import RankBy, Row, Scorecard
from agenda.templates import Item, Section
from agenda.usecases.templates import template
from tui.context import Context
from tui.labels import period_label
from tui.saving import Part, save_meeting_part
from tui.text import plain
from tui.theme import Palette
from tui.views import _cells as cells
from tui.views._unit_table import UnitTableView
from tui.widgets.keybar import KeyBar
from tui.widgets.tables import Cell, Table

MAX_CATEGORIES = 9  # number keys 1–9


class GapsView(UnitTableView):
    BINDINGS = [
        Binding("1", "tick(0)", "gaps.key_toggle", key_display="1-9", show=False),
        *(
            Binding(str(n), f"tick({n - 1})", "", show=False)  # the key line says 1-9
            for n in range(2, MAX_CATEGORIES + 1)
        ),
        Binding("t", "talking_points", "talking.key_open", show=False),
    ]
    NOTE_TITLE = "gaps.note_title"
    NOTE_PLACEHOLDER = "gaps.note_placeholder"

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        try:
            categories = template(ctx.district, self.meeting.template).problem_categories
        except DiaoduError:  # a template no longer kept: no categories to tick
            categories = ()
        self.categories = list(categories)[:MAX_CATEGORIES]

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="gaps-heading")
        yield Table(id="gaps-table", cursor_type="row", zebra_stripes=True)
        yield Static(self._legend(), id="gaps-categories")
        yield Static(id="gaps-detail")
        yield KeyBar(self, id="gaps-keys")

    def _columns(self, card: Scorecard) -> list[tuple[str, Cell]]:
        """完成率 and 序时差 for an amount; the rate and 较目标 for a rate."""
        t = self.ctx.t
        columns: list[tuple[str, Cell]] = [("unit", t("gaps.col_unit"))]
        if card.metric.summable:
            figures = [t("gaps.col_completion"), t("gaps.col_pace")]
        else:
            figures = [card.metric.label(self.ctx.lang), t("gaps.col_to_target")]
        headers = [*figures, t("gaps.col_rank"), t("gaps.col_to_ahead"), t("gaps.col_over_behind")]
        for index, header in enumerate(headers):
            columns.append((f"figure{index}", cells.right(header)))
        for key in ("blank", "problems", "note"):
            columns.append((key, t(f"gaps.col_{key}")))
        return columns

    def _legend(self) -> Text:
        legend = Text(self.ctx.t("gaps.categories"))
        for number, labels in enumerate(self.categories, start=1):
            legend.append(f"{number} ", "bold")
            legend.append_text(plain(self._label(labels)))
            legend.append("  ")
        return legend

    def _label(self, labels: tuple[str, str]) -> str:
        return labels[0] if self.ctx.lang == "zh" else labels[1]

    # --- showing -------------------------------------------------------------------------
    def show(self) -> None:
        card = self.card = self.scorecard()
        self.rows = self.standings.laggards(card)
        table = self.query_one(Table)
        keep = self.cursor_unit()
        palette = Palette.of(self)
        notes = self.notes()
        digits, better = self.settings.percent_digits, card.metric.higher_is_better
        amount = card.metric.summable
        rows: list[tuple[str, list[Text]]] = []
        for row, blank in self.rows:
            unit = self.units[row.unit_id]
            row_cells = [
                plain(unit.name, "bold" if blank else ""),
                cells.percent(row.completion if amount else row.value, digits),
                cells.signed(
                    row.pace_gap if amount else row.target_gap,
                    palette,
                    points=True,
                    higher_is_better=better,
                ),
                self._rank(row),
                self._gap(row.gap_to_ahead),
                self._gap(row.lead_over_behind),
                Text(self.ctx.t("gaps.blank"), palette.bad) if blank else Text(""),
                cells.clipped(self._problems_text(row.unit_id), 12),
                cells.clipped(notes.get(row.unit_id, "")),
            ]
            rows.append((row.unit_id, row_cells))
        table.fill(rows, self._columns(card))
        self.move_cursor_to(keep or (self.rows[0][0].unit_id if self.rows else None))
        self.query_one("#gaps-heading", Static).update(self._heading(card))
        self._show_detail()

    def _rank(self, row: Row) -> Text:
        """13/14: the rank within the unit's group, of the units ranked there."""
        group = self.card.group_of(row.unit_id)
        if row.rank is None or group is None:
            return cells.rank(None)
        ranked = sum(1 for other in group.rows if other.rank is not None)
        return cells.right(f"{row.rank}/{ranked}")

    @property
    def _in_points(self) -> bool:
        return self.card.rank_by is RankBy.COMPLETION or not self.card.metric.summable

    def _gap(self, value: float | None) -> Text:
        return cells.right(fmt_number(value, 1 if self._in_points else 2))

    def _heading(self, card: Scorecard) -> Text:
        t = self.ctx.t
        blank = len(card.blanks())
        parts = [period_label(self.ctx, card.period), cells.metric_label(self.ctx, card.metric)]
        if card.metric.summable:
            parts.append(t("scorecard.time_progress", value=fmt_percent(card.time_progress)))
            parts.append(t("gaps.summary", behind=len(card.lagging()), blank=blank))
        else:
            parts.append(t("gaps.summary_rate", short=len(card.lagging()), blank=blank))
        return Text(cells.heading(self.ctx, parts))

    def _problems(self, unit_id: str) -> tuple[str, ...]:
        return tuple(self.meeting.problems.get(unit_id, ()))

    def _problems_text(self, unit_id: str) -> str:
        """The ticked categories in the UI language (stored by their Chinese label)."""
        names = {zh: self._label((zh, en)) for zh, en in self.categories}
        ticked = [names.get(zh, zh) for zh in self._problems(unit_id)]
        return self.ctx.t("gaps.list_separator").join(ticked)

    def _show_detail(self) -> None:
        detail = self.query_one("#gaps-detail", Static)
        unit_id = self.cursor_unit()
        t = self.ctx.t
        if unit_id is None:
            nobody = "gaps.nobody" if self.card.metric.summable else "gaps.nobody_rate"
            detail.update(t(nobody) if not self.rows else "")
            return
        row = self.card.row(unit_id)
        group = self.card.group_of(unit_id)
        line = Text.assemble(plain(self.units[unit_id].name, "bold"))
        if row is not None and row.rank is not None and group is not None:
            ranked = [r for r in group.rows if r.rank is not None]
            where = (
                ""
                if len(self.card.groups) == 1
                else group.group.name(self.ctx.lang, self.settings.level)
            )
            rank = t("gaps.rank_of", group=where, rank=row.rank, count=len(ranked)).strip()
            line.append(self._sep + rank)
            index = ranked.index(row)
            if index > 0:
                ahead = self.units[ranked[index - 1].unit_id].name
                line.append(self._sep)
                line.append_text(self._neighbour("gaps.ahead", ahead, row.gap_to_ahead))
            if index + 1 < len(ranked):
                behind = self.units[ranked[index + 1].unit_id].name
                line.append(self._sep)
                line.append_text(self._neighbour("gaps.behind", behind, row.lead_over_behind))
        problems = self._problems_text(unit_id)
        line.append("\n")
        line.append_text(
            plain(t("gaps.problems", list=problems) if problems else t("gaps.no_problems"))
        )
        note = self.notes().get(unit_id)
        line.append(self._sep)
        line.append_text(plain(note) if note else Text(t("gaps.no_note"), "italic"))
        detail.update(line)

    def _neighbour(self, key: str, name: str, gap: float | None) -> Text:
        """差前一名 城关镇 4.8 个百分点, or 与 城关镇 并列 when they are level: the
        neighbour's name is user text, kept literal."""
        if not gap:
            key = "gaps.tied"
        if self._in_points:
            amount = self.ctx.t("gaps.points", value=fmt_number(gap, 1))
        else:
            amount = f"{fmt_number(gap)} {cells.measure_label(self.ctx, self.card.metric.measure)}"
        marker = "\x00"  # stands in for the name while the sentence is translated
        before, _, after = self.ctx.t(key, unit=marker, gap=amount).partition(marker)
        return Text.assemble(before, plain(name), after)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    # --- actions -------------------------------------------------------------------------
    def action_talking_points(self) -> None:
        """讲话要点 drafted from the month's figures, to read and copy."""
        from tui.talking_points import show_talking_points

        show_talking_points(self, self.ctx, self.meeting_id)

    def action_tick(self, index: int) -> None:
        """Tick or untick one problem category for the unit on the cursor, saved at once,
        over the ticks as shown here (the other window may have ticked meanwhile)."""
        unit_id = self.cursor_unit()
        if unit_id is None or index >= len(self.categories):
            return
        label = self.categories[index][0]
        order = [zh for zh, _ in self.categories]
        ticking = label not in self._problems(unit_id)

        def toggle(ticked: tuple[str, ...]) -> tuple[str, ...]:
            chosen = (set(ticked) | {label}) if ticking else (set(ticked) - {label})
            known = [zh for zh in order if zh in chosen]
            return (*known, *sorted(chosen - set(order)))  # keep any no longer in the template

        def said(ticked: object) -> str:
            names = {zh: self._label((zh, en)) for zh, en in self.categories}
            shown = (
                [names.get(str(zh), str(zh)) for zh in ticked] if isinstance(ticked, tuple) else []
            )
            return self.ctx.t("gaps.list_separator").join(shown) or self.ctx.t("conflicts.none")

        name = self._label(self.categories[index])
        part = Part(
            label=self.ctx.t("gaps.problems_of", unit=self.units[unit_id].name),
            read=lambda m: tuple(m.problems.get(unit_id, ())),
            say=said,
            mine=self.ctx.t("gaps.tick" if ticking else "gaps.untick", category=name),
            change=lambda m: m.with_problems(unit_id, toggle(tuple(m.problems.get(unit_id, ())))),
        )
        was = self._problems(unit_id)
        save_meeting_part(self.ctx, self, self.meeting_id, part, was, lambda _, __: self.reload())
