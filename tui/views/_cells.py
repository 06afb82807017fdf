"""Table cells and headings shared by the scorecard and the gaps views.

Figures are right-aligned so that digits line up down a column; colours are the
theme's (`tui.theme.Palette`).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from agenda.metrics import Metric
from agenda.numbers import MISSING, fmt_change, fmt_number, fmt_percent, fmt_points
from agenda.scorecard import GroupCard, Row, Scorecard
from tui.context import Context
from tui.text import plain
from tui.theme import Palette

NOTE_CELLS = 10  # a note is cut to this many cells in a table (the line below shows it whole)
# ASCII on purpose, like agenda.numbers.MISSING: "…" and "★" are ambiguous-width, drawn
# two cells wide by Chinese-locale terminals, which would break the table's columns.
CUT = "..."
LEADER_MARK = "*"


def right(text: str, style: str | Style = "") -> Text:
    return Text(text, style=style, justify="right")


def number(value: float | None, style: str | Style = "", *, digits: int | None = None) -> Text:
    """A figure; with `digits`, a fixed number of decimals so a column lines up."""
    if value is None or digits is None:
        return right(fmt_number(value), style)
    return right(f"{value:,.{digits}f}", style)


def rank(value: int | None, style: str | Style = "") -> Text:
    return right(MISSING if value is None else str(value), style)


def percent(value: float | None, digits: int = 2) -> Text:
    return right(fmt_percent(value, digits))


def signed(
    value: float | None, palette: Palette, *, points: bool, higher_is_better: bool = True
) -> Text:
    """A change or a gap: green when better, red when worse (for a ceiling, up is worse),
    plain when it rounds to nothing."""
    text = fmt_points(value) if points else fmt_change(value)
    if value is None or abs(value) < 0.05:
        return right(text)
    better = (value > 0) == higher_is_better
    colour = (palette.good if better else palette.bad).color  # in colour, not bold: many
    return right(text, Style(color=colour))


def clipped(text: str, cells: int = NOTE_CELLS) -> Text:
    """User text cut for a table cell, never parsed as markup."""
    flat = text.replace("\n", " ")
    if cell_len(flat) <= cells:
        return Text(flat)
    kept, width = [], 0
    for char in flat:  # whole characters only: never half of a wide one
        width += cell_len(char)
        if width > cells - len(CUT):
            break
        kept.append(char)
    return Text("".join(kept) + CUT)


def group_names(
    ctx: Context,
    card: Scorecard,
    rows_of: Callable[[GroupCard], list[Row]],
    name_of: Callable[[str], str],
) -> Text:
    """乡镇（街道） A、B｜园区 C: the units each group names (one group: the names alone).
    Unit names are user text: kept literal."""
    line = Text()
    single = len(card.groups) == 1
    separator = ctx.t("gaps.list_separator")
    shown = [(group, rows_of(group)) for group in card.groups]
    for index, (group, rows) in enumerate((g, r) for g, r in shown if r):
        if index:
            line.append(ctx.t("scorecard.group_separator"))
        if not single:
            line.append(group.group.name(ctx.lang, ctx.settings.level) + " ")
        for number, row in enumerate(rows):
            if number:
                line.append(separator)
            line.append_text(plain(name_of(row.unit_id)))
    return line


def heading(ctx: Context, parts: list[str]) -> str:
    return ctx.t("scorecard.separator").join(parts)


def metric_label(ctx: Context, metric: Metric) -> str:
    """签约金额(亿元): the label with its measure, the measure translated for English."""
    return f"{metric.label(ctx.lang)} ({measure_label(ctx, metric.measure)})"


def measure_label(ctx: Context, measure: str) -> str:
    """亿元 → "100M yuan" in English; a district's own measure is shown as written."""
    key = f"scorecard.measure_{measure}"
    label = ctx.t(key)
    return measure if label == key else label


class MetricChoice:
    """The metric a view shows, cycled with [ and ]; kept across reloads by key."""

    def __init__(self, metrics: list[Metric], key: str | None = None) -> None:
        self.metrics: list[Metric] = []
        self.index = 0
        self._choose(metrics, key)

    def _choose(self, metrics: list[Metric], key: str | None) -> None:
        self.metrics = metrics
        keys = [metric.key for metric in metrics]
        self.index = keys.index(key) if key in keys else 0

    @property
    def current(self) -> Metric:
        return self.metrics[self.index]

    def step(self, delta: int) -> Metric:
        self.index = (self.index + delta) % len(self.metrics)
        return self.current

    def refresh(self, metrics: list[Metric]) -> None:
        """New definitions from the store: stay on the same metric if it still exists."""
        self._choose(metrics, self.current.key if self.metrics else None)
