"""Helpers for driving the whole app in tests."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import DataTable, Static

from store import Store
from tests.conftest import NOW
from tui.app import DiaoduApp


def demo_app(store: Store, lang: str = "zh") -> DiaoduApp:
    return DiaoduApp(store, lang, clock=lambda: NOW)


def screen_text(widget: Widget) -> str:
    """What the user reads: every Static and every DataTable cell under `widget`."""
    statics = (
        [widget, *widget.query(Static)] if isinstance(widget, Static) else widget.query(Static)
    )
    parts = [str(static.render()) for static in statics]
    for table in widget.query(DataTable):
        parts.extend(str(label) for label in (c.label for c in table.columns.values()))
        for row in range(table.row_count):
            parts.extend(str(cell) for cell in table.get_row_at(row))
    return "\n".join(parts)
