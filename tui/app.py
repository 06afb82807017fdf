"""The Textual app: one client of the store, as the CLI is another."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from store import Store
from store.errors import StoreError
from tui.context import Context
from tui.keys import translate_bindings
from tui.theme import PROJECTOR

HERE = Path(__file__).resolve().parent
# How often to look for saves made by another window (the chair's and the secretary's).
WATCH_SECONDS = 1.0


class DiaoduApp(App[None]):
    # diaodu.tcss: the app and its screens; views.tcss: the section views. Absolute, so a
    # subclass elsewhere (bench/first_screen.py) finds them too.
    CSS_PATH = [HERE / "diaodu.tcss", HERE / "views.tcss"]
    TITLE = "diaodu"
    BINDINGS = [
        Binding("ctrl+q", "quit", "common.quit", priority=True, show=False),
        # Declared here (Textual adds its own otherwise) so the footer says 命令 in Chinese.
        Binding("ctrl+p", "command_palette", "common.palette", priority=True, show=False),
    ]

    def __init__(
        self, store: Store, lang: str, *, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        super().__init__()
        self.ctx = Context(store=store, lang=lang, clock=clock)
        self.title = self.ctx.t("common.app_title")
        translate_bindings(self, self.ctx.t)
        self.register_theme(PROJECTOR)
        self.theme = PROJECTOR.name

    def on_mount(self) -> None:
        from tui.screens.home import HomeScreen

        self.push_screen(HomeScreen(self.ctx))
        self.set_interval(WATCH_SECONDS, self.watch_store)

    def watch_store(self) -> None:
        """Show another window's saves without a restart."""
        try:
            changed = self.ctx.store.changed()
        except StoreError as error:
            self.notify(self.ctx.t.error(error), severity="error", markup=False)
            return
        if changed:
            self.show_store()

    def show_store(self) -> None:
        """Every screen shows the store as it is now."""
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if callable(reload) and screen.is_mounted:  # one just pushed fills itself
                reload()

    async def action_quit(self) -> None:
        """Ctrl+Q (and Q on home): quit, asking first if something typed would be lost."""
        from tui.dialogs import ConfirmPrompt

        typing = any(
            callable(ask := getattr(screen, "has_unsaved_typing", None)) and ask()
            for screen in self.screen_stack
        )
        if not typing:
            self.exit()
            return

        def answer(quit_: bool | None) -> None:
            if quit_:
                self.exit()

        self.push_screen(ConfirmPrompt(self.ctx, self.ctx.t("common.quit_typed")), answer)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every action of the current screen, from its bindings."""
        yield from super().get_system_commands(screen)
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue

            def run(node: object = active.node, action: str = binding.action) -> None:
                self.call_later(node.run_action, action)  # type: ignore[attr-defined]

            yield SystemCommand(binding.description, f"{binding.description} ({key})", run)
