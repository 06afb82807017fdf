"""The Textual app: one client of the district, as the command line is another.

Another window's saves (the chair's and the secretary's) are noticed within a second and
announced once, on `store_changed`: the screen on view reloads, a hidden one when it is
shown again (tui/screens/base.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from agenda.errors import DiaoduError
from agenda.usecases.district import District
from tui.context import Context
from tui.keys import translate_bindings
from tui.theme import PROJECTOR

HERE = Path(__file__).resolve().parent
# How often to look for saves made by another window: "within a second".
WATCH_SECONDS = 1.0


class DiaoduApp(App[None]):
    # The one stylesheet. Absolute, so a subclass elsewhere (bench/first_screen.py) finds it.
    CSS_PATH = HERE / "diaodu.tcss"
    TITLE = "diaodu"
    BINDINGS = [
        Binding("ctrl+q", "quit", "common.quit", priority=True, show=False),
        # Declared here (Textual adds its own otherwise) so the footer says 命令 in Chinese.
        Binding("ctrl+p", "command_palette", "common.palette", priority=True, show=False),
    ]

    def __init__(self, district: District, lang: str) -> None:
        super().__init__()
        self.ctx = Context(district=district, lang=lang)
        self.title = self.ctx.t("common.app_title")
        translate_bindings(self, self.ctx.t)
        self.register_theme(PROJECTOR)
        # Chosen before the stylesheet is first read, without the watcher: setting `theme`
        # reads and applies the whole stylesheet a second time (~20 ms of the first screen)
        # to change from Textual's default to ours. Both are dark, so the dark-mode class
        # and the terminal's colours Textual set already stay right (tests/tui snapshots).
        self.set_reactive(DiaoduApp.theme, PROJECTOR.name)
        self.add_class(f"-theme-{PROJECTOR.name}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())
        # The store changed under this window (another window saved): said once.
        self.store_changed: Signal[None] = Signal(self, "store-changed")

    def on_mount(self) -> None:
        from tui.screens.home import HomeScreen

        self.push_screen(HomeScreen(self.ctx))
        self.watch_timer = self.set_interval(WATCH_SECONDS, self.watch_store)
        self._notices_shown = 0
        self.show_notices()

    def show_notices(self) -> None:
        """What the folder noticed and went on past (a stray file it leaves alone): the CLI
        prints it, but this window covers the terminal, so it says it here, once."""
        notices = getattr(self.ctx.store, "notices", [])
        for notice in notices[self._notices_shown :]:
            self.notify(self.ctx.t.error(notice), severity="warning", timeout=15, markup=False)
        self._notices_shown = len(notices)

    def watch_store(self) -> None:
        """Show another window's saves without a restart."""
        try:
            changed = self.ctx.store.changed()
        except DiaoduError as error:
            self.notify(self.ctx.t.error(error), severity="error", markup=False)
            return
        if changed:
            self.show_store()
        self.show_notices()

    def show_store(self) -> None:
        """The store is not what this window last showed: say so to every screen."""
        self.ctx.changed()
        self.store_changed.publish(None)

    def has_unsaved_typing(self) -> bool:
        return any(
            callable(ask := getattr(screen, "has_unsaved_typing", None)) and ask()
            for screen in self.screen_stack
        )

    async def action_quit(self) -> None:
        """Ctrl+Q (and Q on home): quit, asking first if something typed would be lost."""
        if self.has_unsaved_typing():
            self._quit_asking()
        else:
            self.exit()

    @work(exclusive=True, group="quit")
    async def _quit_asking(self) -> None:
        from tui.dialogs import ConfirmPrompt

        prompt = ConfirmPrompt(self.ctx, self.ctx.t("common.quit_typed"))
        if await self.push_screen_wait(prompt):
            self.exit()

    def action_command_palette(self) -> None:
        """Ctrl+P: the palette, its prompt in the UI language (Textual's is English)."""
        from textual.command import CommandPalette

        # As CommandPalette.is_open says it (typed for App[object]; this is an App[None]).
        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            placeholder = self.ctx.t("palette.placeholder")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every action of the current screen, from its bindings (each
        action is declared once, with its key and its words), in the UI language, once
        each; and the minutes of the recent closed meetings (tui/palette.py)."""
        from tui.palette import commands

        return commands(self, self.ctx, screen)
