"""The footer of a screen whose keys change as the user moves about it, and come back.

Textual's Footer builds its keys afresh (a widget each, styled, laid out and drawn)
whenever the screen's bindings may have changed: on every change of focus and every
`refresh_bindings`, several times per section switch in the meeting. Most of those
change nothing it shows; the rest go back and forth between a few sets of keys (a text
field takes the letters, so N, P, O, W are not offered while the cursor is in one).

SteadyFooter keeps one Textual Footer per set of keys it has shown (the same keys,
words, state and tooltips, drawn the same way) and shows the one for the keys as they
are, building a new one only for keys it has not shown yet. It looks once per frame,
after the bindings changed: a second change in that frame (the focus passing from one
section's field to the next section's) used to rebuild the keys again.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

KEPT = 4  # sets of keys kept ready: the meeting's, a text field's, a form's


class SteadyFooter(Widget):
    def __init__(self) -> None:
        super().__init__()
        self._footers: dict[Hashable, Footer] = {}  # by the keys each shows
        self._showing: Hashable = None
        self._looking = False  # a look at the keys is due after this frame

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self._looking or not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._looking = True
            self.call_after_refresh(self._show_keys)

    async def _show_keys(self) -> None:
        self._looking = False
        if not self.is_attached:
            return
        keys = _keys(self.screen)
        if keys == self._showing:
            return
        footer = self._footers.pop(keys, None)
        if footer is None:
            footer = _KeysFooter()
            await self.mount(footer)  # composed now, from the keys as they are
        self._footers[keys] = footer  # the last shown last: the first is the oldest
        for each in self._footers.values():
            each.display = each is footer
        self._showing = keys
        while len(self._footers) > KEPT:
            await self._footers.pop(next(iter(self._footers))).remove()


class _KeysFooter(Footer):
    """A Footer showing the screen's keys as they were when it was composed: SteadyFooter
    shows another one when they change."""

    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(Footer._bindings_ready, True)

    def bindings_changed(self, screen: Screen[object]) -> None:
        pass  # SteadyFooter follows the bindings


def _keys(screen: Screen[object]) -> Hashable:
    """Everything of the screen's bindings that a footer shows (Footer.compose reads the
    same: the shown bindings in order, and the command palette's key)."""
    return tuple(
        (
            key,
            binding.key,
            binding.action,
            binding.description,
            binding.key_display,
            binding.show,
            None if binding.group is None else (binding.group.description, binding.group.compact),
            enabled,
            tooltip,
        )
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == screen.app.COMMAND_PALETTE_BINDING
    )
