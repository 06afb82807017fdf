"""The Textual app: one client of the store, as the CLI is another."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from textual.app import App, SystemCommand
from textual.screen import Screen

from store import Store
from tui.context import Context


class DiaoduApp(App[None]):
    # diaodu.tcss: the app and its screens; views.tcss: the section views.
    CSS_PATH = ["diaodu.tcss", "views.tcss"]
    TITLE = "diaodu"

    def __init__(
        self, store: Store, lang: str, *, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        super().__init__()
        self.ctx = Context(store=store, lang=lang, clock=clock)
        self.title = self.ctx.t("common.app_title")

    def on_mount(self) -> None:
        from tui.screens.home import HomeScreen

        self.push_screen(HomeScreen(self.ctx))

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
