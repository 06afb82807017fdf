"""Textual's footer, redrawn once for however many changes of the bindings came together.

Textual's Footer rebuilds all its keys after every "bindings changed", and a screen says
so several times as it opens (focus given, the screen resumed, our reload): five rebuilds
of ~8 ms each on home's first screen, and again on every screen shown. Here a rebuild
already asked for and not yet done covers the ones asked after it: it reads the bindings
when it runs, so it shows the latest.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_asked = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        # As Textual's own (textual/widgets/_footer.py), but never a second rebuild queued.
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_asked:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_asked = False  # a change from here on asks for another
        await self.recompose()
