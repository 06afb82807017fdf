"""Saving from a screen: one place that runs a save and says on screen when it fails.

A save may be refused (a rule, a closed meeting, another window's newer copy) or fail
(disk full, read-only folder, the lock held too long). Either way the app says why, in the
UI language, keeps what was typed and goes on running: nothing here swallows an error
silently, and an error that is not one of these is a bug and is left to surface.

Parts of a meeting (a note, a unit's attendance, a gaps tick) are saved against what the
user saw: if another window changed that part meanwhile, the user sees theirs and mine
and chooses (`save_meeting_part`). Other parts of the meeting moving on (the chair's
item, another unit's note) are no conflict: each change is applied to the meeting as it
is on disk, under the store's lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from textual.dom import DOMNode

from agenda.errors import DiaoduError, RuleError, StaleError
from agenda.meetings import Meeting
from tui.context import Context

T = TypeVar("T")
V = TypeVar("V")


def report(ctx: Context, node: DOMNode, error: DiaoduError | OSError) -> None:
    """Say on screen why a save did not happen."""
    if isinstance(error, DiaoduError):
        message = ctx.t.error(error)
    else:  # the store turns its write failures into StoreError; this is the last guard
        message = ctx.t("common.save_failed", reason=error.strerror or str(error))
    node.app.notify(message, severity="error", timeout=10, markup=False)
    if isinstance(error, RuleError):
        # Refused: what this window shows is likely out of date (the other window closed
        # the meeting, say), and its own look at the disk hid that from the watch.
        show_store = getattr(node.app, "show_store", None)
        if callable(show_store):
            node.app.call_later(show_store)
        else:
            ctx.changed()


def saved(ctx: Context, save: Callable[[], T]) -> T:
    """Run `save` (every save of the app goes through here); once it returns, every view
    that read the store before it is out of date. A refusal or failure is raised."""
    result = save()
    ctx.changed()
    return result


def try_save(ctx: Context, node: DOMNode, save: Callable[[], T]) -> T | None:
    """Run `save`; on a refusal or a failed write say why and return None."""
    try:
        return saved(ctx, save)
    except (DiaoduError, OSError) as error:
        report(ctx, node, error)
        return None


def expecting(
    read: Callable[[Meeting], V], was: V, change: Callable[[Meeting], Meeting]
) -> Callable[[Meeting], Meeting]:
    """`change`, applied only if the part of the meeting the user saw (`read`) is still
    `was` on disk; otherwise StaleError, with the meeting as it is now."""

    def apply(meeting: Meeting) -> Meeting:
        if read(meeting) != was:
            raise StaleError("store.stale_meeting", current=meeting, id=meeting.id)
        return change(meeting)

    return apply


class Outcome(Enum):
    SAVED = "saved"
    DROPPED = "dropped"  # the other window's version kept: show the meeting as it is
    # Not saved: refused or failed (said on screen), or the user put off choosing. What
    # was typed is still the caller's to keep.
    NOT_SAVED = "not_saved"


@dataclass(frozen=True)
class Part(Generic[V]):
    """One part of a meeting as the user changes it: its name on screen, how to read it,
    how to say a value of it, and the change the user made."""

    label: str
    read: Callable[[Meeting], V]
    say: Callable[[V], str]
    mine: str  # the user's change, in words
    change: Callable[[Meeting], Meeting]


def _attempt(
    ctx: Context, node: DOMNode, meeting_id: str, part: Part[V], was: V
) -> Outcome | StaleError:
    """One try: saved, not saved (said on screen), or the other window's copy to show."""
    change = expecting(part.read, was, part.change)
    try:
        saved(ctx, lambda: ctx.store.update_meeting(meeting_id, change))
    except StaleError as stale:
        if part.read(part.change(stale.current)) == part.read(stale.current):
            return Outcome.SAVED  # the other window made the same change: nothing to ask
        return stale
    except (DiaoduError, OSError) as error:
        report(ctx, node, error)
        return Outcome.NOT_SAVED
    return Outcome.SAVED


async def save_part(
    ctx: Context, node: DOMNode, meeting_id: str, part: Part[V], was: V
) -> tuple[Outcome, V]:
    """Save `part.change` if the part is still as the user saw it (`was`). If another
    window changed it meanwhile, show theirs and mine and let the user put mine on top or
    keep theirs. Returns the outcome and the part's value as the user saw it last (`was`,
    or theirs once shown: a next save builds on that). Run it in a worker (a dialog may
    be waited for)."""
    from tui.conflicts import Conflict, ConflictPrompt

    while True:
        tried = _attempt(ctx, node, meeting_id, part, was)
        if isinstance(tried, Outcome):
            return tried, was
        theirs = part.read(tried.current)
        rows = [Conflict(part.label, part.say(theirs), part.mine)]
        prompt = ConflictPrompt(ctx, ctx.t("conflicts.meeting_title"), rows)
        choice = await node.app.push_screen_wait(prompt)
        if choice is None:
            return Outcome.NOT_SAVED, theirs
        if choice == "theirs":
            return Outcome.DROPPED, theirs
        was = theirs  # mine on top of what is there now, if it still is


def save_meeting_part(
    ctx: Context,
    node: DOMNode,
    meeting_id: str,
    part: Part[V],
    was: V,
    then: Callable[[Outcome, V], None],
) -> None:
    """`save_part` for a key that saves at once, in order with the keys pressed: `then`
    runs with the outcome; only when the user must choose does it wait (in a worker)."""
    tried = _attempt(ctx, node, meeting_id, part, was)
    if isinstance(tried, Outcome):
        then(tried, was)
        return

    async def choose() -> None:
        then(*await save_part(ctx, node, meeting_id, part, was))

    node.run_worker(choose(), group="conflict")
