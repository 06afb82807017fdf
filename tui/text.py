"""Show what a user typed exactly as typed.

A `str` given to a Textual widget is parsed as markup: `[/oops]` crashes the app and
`[b]x[/b]` turns bold. Everything that came from a user (names, commitments, notes)
goes through `plain()` before it is shown.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text


def plain(value: object, style: str | Style = "") -> Text:
    return Text("" if value is None else str(value), style=style)
