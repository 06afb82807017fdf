"""讲话要点: the chair's talking points drafted from the month's figures, shown in a dialog.

The draft (agenda/talking.py) is read-only text the chair or the secretary copies: `C`
copies all of it, a selection (mouse, or Shift and the arrow keys) is copied with
`Ctrl+C`; `W` writes it as Word and Markdown into the exports folder; `Esc` closes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from agenda.errors import DiaoduError
from agenda.talking import TalkingPoints
from agenda.usecases.reports import talking_points
from tui.context import Context
from tui.keys import translate_bindings
from tui.text import plain


class TalkingPointsDialog(ModalScreen[None]):
    """The draft, whole, to read and copy."""

    BINDINGS = [
        Binding("escape", "close", "talking.key_close"),
        Binding("c", "copy_all", "talking.key_copy"),
        Binding("w", "write", "talking.key_write"),
    ]

    def __init__(self, ctx: Context, meeting_id: str, points: TalkingPoints) -> None:
        super().__init__()
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.points = points

    def compose(self) -> ComposeResult:
        with Vertical(id="talking"):
            yield Label(plain(self.points.title), classes="title")
            yield TextArea(self.points.text(), read_only=True, soft_wrap=True, id="talking-text")
            yield Label(self.ctx.t("talking.hint"), classes="hint")

    def on_mount(self) -> None:
        translate_bindings(self, self.ctx.t)
        self.refresh_bindings()
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy_all(self) -> None:
        self.app.copy_to_clipboard(self.points.text())
        self.notify(self.ctx.t("talking.copied"), markup=False)

    def action_write(self) -> None:
        from tui.exporting import export_talking_points_here

        export_talking_points_here(self, self.ctx, self.meeting_id)


def show_talking_points(node: DOMNode, ctx: Context, meeting_id: str) -> None:
    """Draft the talking points of the meeting and show them; a refusal is said."""
    try:
        points = talking_points(ctx.district, meeting_id, ctx.lang)
    except DiaoduError as error:
        node.app.notify(ctx.t.error(error), markup=False, severity="error")
        return
    node.app.push_screen(TalkingPointsDialog(ctx, meeting_id, points))
