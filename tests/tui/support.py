"""Helpers for driving the whole app in tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Static

from agenda.meetings import Meeting
from agenda.periods import Period
from agenda.templates import builtin_template
from agenda.usecases.district import District
from store import Store
from tests.conftest import NOW
from tui.app import DiaoduApp
from tui.context import Context
from tui.theme import PROJECTOR
from tui.views.base import SectionView

V = TypeVar("V", bound=SectionView)

# Keys that start this month's meeting from home: S opens the start dialog, Enter takes
# what it proposes (the latest figures' month, today, the district's template).
START = ("s", "enter")


class Clock:
    """A clock the test moves by hand: the meeting's timings are then exact."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def demo_app(store: Store, lang: str = "zh") -> DiaoduApp:
    return DiaoduApp(District(store, lambda: NOW), lang)


def shown(widget: Widget) -> bool:
    """Whether the widget is displayed: it and every container up to the screen (a kept
    view of another agenda item is not)."""
    return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))


def screen_text(widget: Widget) -> str:
    """What the user reads: every Static and every DataTable cell under `widget` that is
    displayed."""
    statics = (
        [widget, *widget.query(Static)] if isinstance(widget, Static) else widget.query(Static)
    )
    parts = [str(static.render()) for static in statics if shown(static)]
    for table in (table for table in widget.query(DataTable) if shown(table)):
        parts.extend(str(label) for label in (c.label for c in table.columns.values()))
        for row in range(table.row_count):
            parts.extend(str(cell) for cell in table.get_row_at(row))
    return "\n".join(parts)


class ViewHost(App[None]):
    """One section view alone in an app with the real theme and stylesheet (snapshots show
    its layout and colours); `ctx` on the app lets the dialogs speak the UI language."""

    CSS_PATH = DiaoduApp.CSS_PATH

    def __init__(self, view: SectionView, *, footer: bool = False) -> None:
        super().__init__()
        self.view = view
        self.ctx = view.ctx
        self.footer = footer
        self.register_theme(PROJECTOR)
        self.theme = PROJECTOR.name

    def compose(self) -> ComposeResult:
        yield self.view
        if self.footer:
            yield Footer()  # the view's keys in the UI language

    def on_mount(self) -> None:
        self.view.focus_first()  # as the meeting screen does when it shows the view


def this_months_meeting(store: Store) -> Meeting:
    """The demo district's November meeting, on October's figures, started."""
    meeting = store.create_meeting(
        Period(2026, 10), NOW.date(), "zhaoshang", chair="张书记", secretary="李秘书"
    )
    return store.update_meeting(meeting.id, lambda m: m.start(NOW, "review-commitments"))


def section_view(kind: type[V], store: Store, item_key: str, lang: str = "zh") -> V:
    """A view of `kind` for the template item `item_key` of this month's meeting."""
    meeting = this_months_meeting(store)
    section, item = builtin_template("zhaoshang").item(item_key)
    return kind(Context(District(store, lambda: NOW), lang), meeting.id, section, item)


async def settled(pilot: Pilot[None]) -> None:
    """After keys: the app idle and, unless a dialog waits for an answer, any dialog flow
    (a worker) it was running finished."""
    await pilot.pause()
    if not isinstance(pilot.app.screen, ModalScreen):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@dataclass
class Window:
    """One of two diaodu windows on one data folder, driven from one test."""

    app: DiaoduApp
    pilot: Pilot[None]
    store: Store

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await settled(self.pilot)

    async def sees_saves(self) -> None:
        """What the app's one-second watch does, now: show the other window's saves. Run
        in the app's own task, as the watch would (the test's task knows another app),
        then wait until the screen on view, and the view of a meeting's item, have read
        the store again: each is a message of its own, and an app that answers faster
        than Pilot's idle guess would otherwise be asserted on half-way."""
        watched = asyncio.Event()

        def watch() -> None:
            self.app.watch_store()
            watched.set()

        self.app.call_later(watch)
        await watched.wait()
        for _ in range(100):
            await self.pilot.pause()
            if self._caught_up():
                break
        await self.pilot.pause()

    def _caught_up(self) -> bool:
        now = self.app.ctx.generation
        screen = self.app.screen
        view = getattr(screen, "view", None)
        return all(getattr(node, "seen", now) == now for node in (screen, view))

    @property
    def screen(self) -> Screen[object]:
        return self.app.screen

    def text(self) -> str:
        return screen_text(self.app.screen)

    def notes(self) -> list[str]:
        """The notifications shown so far (the app runs with notifications on)."""
        return [n.message for n in self.app._notifications]


@asynccontextmanager
async def two_windows(
    root: Path, size: tuple[int, int] = (120, 36), lang: str = "zh"
) -> AsyncIterator[tuple[Window, Window]]:
    """The chair's and the secretary's diaodu, each on its own Store of one folder."""
    stores = [Store.open(root, clock=lambda: NOW.date()) for _ in range(2)]
    chair, secretary = (DiaoduApp(District(store, Clock()), lang) for store in stores)
    async with (
        chair.run_test(size=size, notifications=True) as chair_pilot,
        secretary.run_test(size=size, notifications=True) as secretary_pilot,
    ):
        yield (
            Window(chair, chair_pilot, stores[0]),
            Window(secretary, secretary_pilot, stores[1]),
        )
