"""The footer of a screen whose keys seldom change as the user moves about it.

Textual's Footer builds its keys afresh (a widget each, styled and laid out) whenever the
screen's bindings may have changed: on every change of focus and every
`refresh_bindings`, several times per section switch in the meeting, though the keys it
shows are the same from one section to the next. This one compares what it would show
with what it shows, and rebuilds only when they differ: the same keys, words, state and
tooltips as Textual's Footer, drawn the same way.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._showing: Hashable = None  # what the last compose showed, as compared

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._bindings_ready and self._showing == _keys(screen):
            return  # the same keys: nothing to rebuild
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        """Rebuilt after the frame in which the bindings changed, from the keys as they
        are then: a second change in that frame (the focus passing from one section's
        field to the next section's) asked for another rebuild, most often to the same
        keys, or passed through keys never drawn."""
        if self._bindings_ready and self.is_attached and self._showing == _keys(self.screen):
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._showing = _keys(self.screen)
        yield from super().compose()


def _keys(screen: Screen[object]) -> Hashable:
    """Everything of the screen's bindings that the footer shows (Footer.compose reads
    the same: the shown bindings in order, and the command palette's key)."""
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
