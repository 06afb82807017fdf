"""The contract between the meeting screen and the view of each agenda section."""

from __future__ import annotations

from textual.widget import Widget

from agenda.templates import Item, Section
from tui.context import Context
from tui.keys import translate_bindings


class SectionView(Widget):
    """The main pane for one agenda section; the meeting screen mounts one at a time.

    Binding descriptions are catalog keys ("review.key_done"): they are translated here.

    A view reads what it needs from `ctx.store` and saves every change at once (use
    `store.update_meeting` / `store.update_commitment`, which read-modify-write under the
    lock), through `tui.saving`: a part of the meeting with `save_meeting_part` (checked
    against what the view showed), anything else with `try_save` (a refusal or a failed
    write is said on screen). `reload()` is called when another window saved: show the
    store's state again without losing what the user is typing.
    """

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__()
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.section = section
        self.item = item
        translate_bindings(self, ctx.t)

    def reload(self) -> None:
        """Re-read the store (another window saved)."""
