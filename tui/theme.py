"""One theme, chosen to read on a washed-out projector: pure black, white, strong colours.

Colours come from the theme's variables only: in the stylesheet as `$error`, `$warning`,
`$success`; in text built in code (a table cell, a line of a Static), which CSS does not
reach, through `Palette.of(node)`, the same variables as Rich styles. That is the one way
a warning is coloured.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.dom import DOMNode
from textual.theme import Theme

from agenda.review import Warning

PROJECTOR = Theme(
    name="diaodu-projector",
    primary="#4DA3FF",
    secondary="#B388FF",
    accent="#FFB000",
    warning="#FFD400",
    error="#FF5252",
    success="#3DDC84",
    foreground="#FFFFFF",
    background="#000000",
    surface="#111111",
    panel="#1E2A3A",
    dark=True,
)


@dataclass(frozen=True)
class Palette:
    """The theme's colours as Rich styles: bold for what must be seen from the back."""

    good: Style  # $success: done, ahead, on time
    bad: Style  # $error: overdue, behind, overrun
    warn: Style  # $warning: due soon, elsewhere, a leader's mark
    muted: Style  # $text-muted: settled, retired
    heading: Style  # $primary: a unit's line above its commitments

    @classmethod
    def of(cls, node: DOMNode) -> Palette:
        """The palette of the app's current theme (worked out once per theme)."""
        app = node.app
        theme = app.theme
        cached = _palettes.get(app)
        if cached is None or cached[0] != theme:
            cached = (theme, cls._from(app))
            _palettes[app] = cached
        return cached[1]

    @classmethod
    def _from(cls, app: App[object]) -> Palette:
        variables = app.get_css_variables()

        def colour(name: str, fallback: str, *, bold: bool = True) -> Style:
            return Style(color=variables.get(name, fallback), bold=bold)

        # $text-muted is "auto 60%", not a colour: the muted foreground over the background.
        muted = Color.parse(variables.get("background", "#000000")) + Color.parse(
            variables.get("foreground-muted", "#FFFFFF99")
        )
        return cls(
            good=colour("success", "green"),
            bad=colour("error", "red"),
            warn=colour("warning", "yellow"),
            muted=Style(color=muted.hex),
            heading=colour("primary", "blue"),
        )

    def warning(self, level: Warning) -> Style:
        """Red once overdue, yellow a few days before; nothing otherwise."""
        return {Warning.RED: self.bad, Warning.YELLOW: self.warn}.get(level, Style())


_palettes: WeakKeyDictionary[App[object], tuple[str, Palette]] = WeakKeyDictionary()
