"""Every action of the screen is in the command palette, in the UI language."""

from __future__ import annotations

from store import Store
from tests.tui.support import demo_app


async def test_palette_offers_the_screens_actions_in_chinese(demo_store: Store) -> None:
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n")  # the review
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"下一项", "结束会议", "本项记录"} <= titles  # the meeting's own
        assert {"完成", "结转", "延期"} <= titles  # the review view's, where focus is


async def test_a_palette_command_runs_the_action(demo_store: Store) -> None:
    app = demo_app(demo_store, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n")
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Next item")
        command.callback()
        await pilot.pause()
        assert app.screen.shown == "scorecard"  # type: ignore[attr-defined]
