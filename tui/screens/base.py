"""What every diaodu screen shares: the context, and bindings in the UI language."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen, Screen

from tui.context import Context
from tui.keys import translate_bindings

ResultType = TypeVar("ResultType")


class DiaoduScreen(Screen[None]):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        translate_bindings(self, ctx.t)


class DiaoduModal(ModalScreen[ResultType]):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        translate_bindings(self, ctx.t)
