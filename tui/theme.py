"""One theme, chosen to read on a washed-out projector: pure black, white, strong colours."""

from __future__ import annotations

from textual.theme import Theme

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

# For Rich Text built in code (a DataTable cell), where CSS variables do not reach.
RED = f"bold {PROJECTOR.error}"
YELLOW = f"bold {PROJECTOR.warning}"
GREEN = f"bold {PROJECTOR.success}"
MUTED = "#A0A0A0"
