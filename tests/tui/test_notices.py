"""What the folder noticed and went on past reaches the screen: the app covers the terminal
the CLI would print it on."""

from __future__ import annotations

import shutil

from store import Store
from tests.conftest import TODAY
from tests.tui.support import demo_app


async def test_a_stray_file_in_the_folder_is_said_on_screen(demo_store: Store) -> None:
    periods = demo_store.root / "periods"
    original = next(periods.glob("*.json"))
    shutil.copy(original, periods / "2026-09 - 副本.json")  # Explorer's copy of a month
    store = Store.open(demo_store.root, clock=lambda: TODAY)
    app = demo_app(store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any("2026-09 - 副本.json" in message and "已忽略" in message for message in said)
        store.commitments()  # read again: the same file is not said twice
        app.watch_store()
        assert len(app._notifications) == len(said)
