"""Home: placeholder until the meeting screens land."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.context import Context


class HomeScreen(Screen[None]):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.ctx.t("common.app_title"))
        yield Footer()
