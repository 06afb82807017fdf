"""Small DataTable helpers every table screen needs."""

from __future__ import annotations

from textual.widgets import DataTable


def cursor_row_key(table: DataTable[object]) -> str | None:
    """The key of the row under the cursor, or None in an empty table."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return str(key) if key is not None else None
