"""One key writes the minutes or the bulletin; the paths written are shown after."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

from agenda.errors import DiaoduError
from agenda.periods import Period


def _tell(screen: Screen[object], paths: list[Path]) -> None:
    from tui.export import exported_message

    ctx = screen.ctx  # type: ignore[attr-defined]
    screen.notify(exported_message(ctx, paths), markup=False, timeout=15)


def _fail(screen: Screen[object], error: Exception) -> None:
    ctx = screen.ctx  # type: ignore[attr-defined]
    screen.notify(ctx.t("exporting.failed", error=str(error)), markup=False, severity="error")


def export_minutes_here(screen: Screen[object], meeting_id: str) -> None:
    from tui.export import export_minutes

    try:
        paths = export_minutes(screen.ctx, meeting_id)  # type: ignore[attr-defined]
    except (DiaoduError, OSError) as error:
        _fail(screen, error)
        return
    _tell(screen, paths)


def export_bulletin_here(screen: Screen[object], period: Period | None = None) -> None:
    """The bulletin of `period` (default: the latest month with figures)."""
    from tui.export import export_bulletin

    ctx = screen.ctx  # type: ignore[attr-defined]
    period = period or ctx.store.latest_reading_period()
    if period is None:
        screen.notify(ctx.t("exporting.no_figures"), severity="warning")
        return
    try:
        paths = export_bulletin(ctx, period)
    except (DiaoduError, OSError) as error:
        _fail(screen, error)
        return
    _tell(screen, paths)
