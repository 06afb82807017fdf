"""Small DataTable helpers every table screen needs."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, Self

from rich.text import Text
from textual import events
from textual.geometry import Offset, Region
from textual.strip import Strip
from textual.widgets import DataTable

Cell = Text | str


def cursor_row_key(table: DataTable[object]) -> str | None:
    """The key of the row under the cursor, or None in an empty table."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return str(key) if key is not None else None


# DataTable's caches of what it drew; each key holds the table's content version and its
# pseudo-classes (focus, hover), so an entry is right for as long as the styles it was
# drawn in are the table's styles.
DRAWN = ("_cell_render_cache", "_row_render_cache", "_line_cache", "_row_renderable_cache")
LOOKS_KEPT = 4  # focused and not, and a hover or two


class Table(DataTable[Cell]):
    """A DataTable that keeps what it drew.

    Drawing a table's cells is the most of showing it (some 30 ms for the 250 cells of a
    40-unit table in sight). Two things made it draw them all again on every section
    switch of the meeting, though nothing in them had changed:

    - Refilling it (clear, then add) throws the drawn cells away. A view reads the store
      again whenever it changed, and most saves (the chair moving the meeting on, above
      all) change nothing the table shows: `fill` leaves the table, its drawn cells,
      cursor and scroll as they are then. Fill it only through `fill` (a `clear` forgets
      what it holds).
    - Any change of its styles throws them away too, and focus is one: the table gains
      focus when its section is shown, loses it when left. Here the cells drawn in one
      look (its own style and its parts': cursor, header, stripes) are put aside when
      the styles change, and taken back when the table looks that way again.
    - So does a Resize (DataTable's rows are drawn out to the table's width), and
      Textual sends one to a widget each time it is shown, its size changed or not,
      after the widget has been drawn at that size: here a Resize counts only if
      something was drawn at another width.
    """

    _holds: Hashable = None  # what the last fill put in, as compared
    _look: Hashable = None  # the styles the drawn cells were drawn in; None: not known
    _restyled = False  # the styles changed since the last draw
    _scroll_owed = False  # the cursor moved while the table had no size

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: set[int] = set()  # the widths drawn at since the last Resize counted
        self._looks: dict[Hashable, dict[str, object]] = {}

    def fill(
        self,
        rows: Sequence[tuple[str, Sequence[Cell]]],
        columns: Sequence[tuple[str, Cell]] | None = None,
    ) -> bool:
        """Put these rows (key, cells) in the table, and these columns (key, label) if
        given (else the columns stay, as wide as they grew); unless it holds exactly these
        already. Whether it was refilled."""
        holds = (
            None if columns is None else tuple((key, _same(label)) for key, label in columns),
            tuple((key, tuple(_same(cell) for cell in cells)) for key, cells in rows),
        )
        if holds == self._holds:
            return False
        self.clear(columns=columns is not None)
        for key, label in columns or ():
            self.add_column(label, key=key)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self._holds = holds
        return True

    def clear(self, columns: bool = False) -> Self:
        self._holds = None
        self._looks.clear()  # drawn in every look, all gone
        super().clear(columns)
        return self

    def _on_resize(self, event: events.Resize) -> None:
        if event.size.height and self._scroll_owed:  # the cursor into sight, at last
            self._scroll_owed = False
            self.move_cursor(row=self.cursor_row, column=self.cursor_column, animate=False)
        if self._widths <= {event.size.width}:
            event.prevent_default()  # all drawn at this width: DataTable's handler would
            return  # have it all drawn again
        self._widths.clear()

    def scroll_to_region(self, region: Region, *args: Any, **kwargs: Any) -> Offset:
        """Bring the cursor into sight (DataTable's only use of it on itself). A hidden
        table has no size: scrolled then, the cursor would go to the top of a viewport
        of no height. A view is reloaded hidden, before it is shown: the scroll waits
        for the size (the Resize of the show)."""
        if not self.size.height:
            self._scroll_owed = True
            return Offset()
        return super().scroll_to_region(region, *args, **kwargs)

    def notify_style_update(self) -> None:
        """The styles changed: put aside what was drawn in the look it had (DataTable
        clears its caches here; it clears fresh ones instead)."""
        if self._look is not None and not self._restyled:
            self._looks[self._look] = {name: getattr(self, name) for name in DRAWN}
            while len(self._looks) > LOOKS_KEPT:
                del self._looks[next(iter(self._looks))]
        for name in DRAWN:
            setattr(self, name, type(getattr(self, name))(getattr(self, name).maxsize))
        self._restyled = True
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw, from what was drawn in this look before if it was. The look is read here,
        not as the styles change: the parts' styles are settled after that."""
        if self._restyled:
            self._restyled = False
            self._look = self._current_look()
            kept = self._looks.pop(self._look, None)
            for name, cache in (kept or {}).items():
                setattr(self, name, cache)
        self._widths.add(self.size.width)
        return super().render_lines(crop)

    def draw_focused(self) -> None:
        """Draw the rows in sight as they look with the focus, without taking it: a
        section's first show focuses its table, and drawing its cells then was the most
        of that show. Called while the table is laid out but not on screen (the meeting
        draws its sections under the one shown); the cells are kept for the focus."""
        if self.has_focus or not self.size:
            return
        self.has_focus = True  # restyles it as focused (DataTable's :focus rules)
        try:
            self.render_lines(self.size.region)
        finally:
            self.has_focus = False

    def _current_look(self) -> Hashable:
        parts = sorted(self._get_component_classes())
        return (
            self.rich_style,
            tuple(self.get_component_rich_style(name, partial=True) for name in parts),
        )


def _same(cell: Cell) -> Hashable:
    """What decides how a cell looks: rich's `Text ==` compares the text and its spans
    only, not its style or alignment."""
    if isinstance(cell, str):
        return cell
    spans = tuple((span.start, span.end, str(span.style)) for span in cell.spans)
    return (cell.plain, str(cell.style), cell.justify, cell.overflow, cell.no_wrap, spans)
