"""What every diaodu screen shares: the context, bindings in the UI language, and showing
the store as it is now.

When the store changes under the window (`DiaoduApp.store_changed`), only a screen on
view reloads; one under another screen waits, and reloads when it is shown again. A
screen under a dialog is on view (dimmed): it reloads too.
"""

from __future__ import annotations

from textual import on
from textual.events import Mount
from textual.screen import ModalScreen, Screen

from tui.context import Context
from tui.keys import translate_bindings


class DiaoduScreen(Screen[None]):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        translate_bindings(self, ctx.t)
        self.seen = -1  # the store's generation this screen shows (tui/context.py)

    @on(Mount)
    def _watch_the_store(self) -> None:
        store_changed = getattr(self.app, "store_changed", None)
        if store_changed is not None:  # a screen tried alone in a small test app has none
            store_changed.subscribe(self, self._store_changed)

    def _store_changed(self, _: None) -> None:
        if self.on_view():
            self.show_store()

    def on_view(self) -> bool:
        """Whether this screen can be seen: on top, or under dialogs only."""
        for screen in reversed(self.app.screen_stack):
            if screen is self:
                return True
            if not isinstance(screen, ModalScreen):
                return False
        return False

    def on_screen_resume(self) -> None:
        """Shown (again): as the store is now, if it changed since this screen last read it."""
        if self.seen != self.ctx.generation:
            self.show_store()

    def show_store(self) -> None:
        """Read the store again and show it (keeping what is typed and where the cursor is)."""
        self.seen = self.ctx.generation
        self.reload()

    def reload(self) -> None:
        """What a screen shows of the store, read again: each screen says."""
