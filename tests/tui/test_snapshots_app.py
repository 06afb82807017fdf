"""What the chair sees first, in both languages: home and the roll call."""

from __future__ import annotations

from typing import Any

import pytest

from store import Store
from tests.tui.support import demo_app


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home(snap_compare: Any, demo_store: Store, lang: str) -> None:
    assert snap_compare(demo_app(demo_store, lang), terminal_size=(120, 36))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_roll_call(snap_compare: Any, demo_store: Store, lang: str) -> None:
    assert snap_compare(
        demo_app(demo_store, lang), press=["s", "enter", "2"], terminal_size=(120, 36)
    )


def test_home_at_80x24(snap_compare: Any, demo_store: Store) -> None:
    assert snap_compare(demo_app(demo_store, "zh"), terminal_size=(80, 24))
