"""What the chair sees first, in both languages: home and the roll call (at 80x24, with a
deputy named and an absence's reason: every label and value whole)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from store import Store
from tests.tui.support import demo_app, settled


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home(snap_compare: Any, demo_store: Store, lang: str) -> None:
    assert snap_compare(demo_app(demo_store, lang), terminal_size=(120, 36))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_roll_call(snap_compare: Any, demo_store: Store, lang: str) -> None:
    async def mark(pilot: Pilot[None]) -> None:
        await pilot.press("s", "enter")
        await settled(pilot)
        await pilot.press("3", *"刘振华", "tab", *"副镇长", "enter")
        await settled(pilot)
        await pilot.press("2", *"外出招商", "enter")
        await settled(pilot)

    app = demo_app(demo_store, lang)
    assert snap_compare(app, run_before=mark, terminal_size=(80, 24))


def test_home_at_80x24(snap_compare: Any, demo_store: Store) -> None:
    assert snap_compare(demo_app(demo_store, "zh"), terminal_size=(80, 24))
