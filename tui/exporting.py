"""One key writes the minutes or the bulletin, every format, into the exports folder.

What to write is read from the store on the screen's side (agenda/usecases/exporting.py);
rendering Word and Excel, the slow part, and writing the files happen in a worker thread,
so the screen never freezes; the paths written are said after, or why it failed.
"""

from __future__ import annotations

from pathlib import Path

from textual.dom import DOMNode

from agenda.errors import DiaoduError
from agenda.periods import Period
from agenda.usecases.exporting import (
    Export,
    bulletin_export,
    minutes_export,
    talking_points_export,
)
from tui.context import Context


def exported_message(ctx: Context, paths: list[Path]) -> str:
    """'已导出到 /home/x/Documents/diaodu：通报-2026-10.md、….docx' (wrap it in plain())."""
    if not paths:
        return ""
    separator = "、" if ctx.lang == "zh" else ", "
    files = separator.join(path.name for path in paths)
    return ctx.t("export.exported", folder=str(paths[0].parent), files=files)


def export_minutes_here(node: DOMNode, ctx: Context, meeting_id: str) -> None:
    try:
        export = minutes_export(ctx.district, meeting_id)
    except DiaoduError as error:
        _failed(node, ctx, error)
        return
    _write(node, ctx, export)


def export_bulletin_here(node: DOMNode, ctx: Context, period: Period | None = None) -> None:
    """The bulletin of `period` (default: the latest month with figures)."""
    period = period or ctx.store.latest_reading_period()
    if period is None:
        node.app.notify(ctx.t("exporting.no_figures"), severity="warning")
        return
    try:
        export = bulletin_export(ctx.district, period)  # the district's language
    except DiaoduError as error:
        _failed(node, ctx, error)
        return
    _write(node, ctx, export)


def export_talking_points_here(node: DOMNode, ctx: Context, meeting_id: str) -> None:
    """讲话要点 of the meeting as Word and Markdown, in the screen's language."""
    try:
        export = talking_points_export(ctx.district, meeting_id, ctx.lang)
    except DiaoduError as error:
        _failed(node, ctx, error)
        return
    _write(node, ctx, export)


def _write(node: DOMNode, ctx: Context, export: Export) -> None:
    def write() -> None:  # in a thread: no store, no widget touched here
        try:
            paths = export.write()
        except (DiaoduError, OSError) as error:
            node.app.call_from_thread(_failed, node, ctx, error)
            return
        node.app.call_from_thread(_told, node, ctx, paths)

    node.run_worker(write, thread=True, exclusive=True, group="export")


def _told(node: DOMNode, ctx: Context, paths: list[Path]) -> None:
    node.app.notify(exported_message(ctx, paths), markup=False, timeout=15)


def _failed(node: DOMNode, ctx: Context, error: Exception) -> None:
    reason = ctx.t.error(error) if isinstance(error, DiaoduError) else str(error)
    node.app.notify(ctx.t("exporting.failed", error=reason), markup=False, severity="error")
