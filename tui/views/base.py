"""The contract between the meeting screen and the view of each agenda section."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from textual.reactive import var
from textual.widget import Widget

from agenda.templates import Item, Section
from tui.context import Context
from tui.keys import translate_bindings

W = TypeVar("W", bound=Widget)


def unless_removed(handler: Callable[[W], None]) -> Callable[[W], None]:
    """Skip a view's mount handler when the view is already being removed: the meeting
    screen builds views while the roll call is taken, and a chair who leaves at once
    (or the app closing) removes the screen between a view's children mounting and its own
    Mount, when its tables are gone. Textual marks such nodes `_pruning` (no public flag)."""

    @wraps(handler)
    def guarded(widget: W) -> None:
        if widget._pruning or widget._closing or widget._closed:
            return
        handler(widget)

    return guarded


class StoreView(Widget):
    """A part of a screen that shows the store and is kept while hidden: it knows whether
    the store changed since it read it (`stale`), and reads it again when shown."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        translate_bindings(self, ctx.t)
        self.seen = ctx.generation  # the store's generation this view shows

    @property
    def stale(self) -> bool:
        return self.seen != self.ctx.generation

    def show_store(self) -> None:
        """Read the store again and show it; before it is mounted (it has no children yet),
        it reads the store as it is mounted."""
        if not self.is_mounted:
            self.seen = -1
            return
        self.seen = self.ctx.generation
        self.reload()

    def reload(self) -> None:
        """Re-read the store and show it: each view says how."""

    def focus_first(self) -> None:
        """Where the cursor goes when the view is shown: its first control."""
        first = next((widget for widget in self.query("*") if widget.focusable), None)
        if first is not None:
            first.focus()


class SectionView(StoreView):
    """The main pane for one agenda section. The meeting screen builds each item's view
    once (while the roll call is taken) and keeps it: stepping away and back finds its
    metric, sort and cursor as they were.

    Binding descriptions are catalog keys ("review.key_done"): they are translated here.

    A view reads what it needs through the use cases (agenda/usecases/) and saves every
    change at once through `tui.saving`: a part of the meeting with `save_meeting_part`
    (checked against what the view showed), anything else with `try_save` or `saved` (a
    refusal or a failed write is said on screen). `show_store()` is called when the
    store changed since the view read it (another window saved, or another view of this
    window): show it again without losing what the user is typing.

    Until it is mounted a view has no children: every handler that reads them is only
    reached once it is (the meeting screen shows a view after mounting it).
    """

    # Drawn under the view on screen before its first show (the meeting screen does it
    # while the roll call is taken): unseen, and no key or click may reach it then.
    warming = var(False, toggle_class="-warming")

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx)
        self.meeting_id = meeting_id
        self.section = section
        self.item = item

    def allow_focus(self) -> bool:
        return not self.warming and super().allow_focus()

    def allow_focus_children(self) -> bool:
        return not self.warming and super().allow_focus_children()

    def has_unsaved_typing(self) -> bool:
        """Whether leaving would lose something typed: a view with fields says."""
        return False
