"""The command palette (Ctrl+P): every action of the screen by its name in the UI
language, none twice, none of Textual's English; the minutes of any recent closed
meeting, found by typing 纪要."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette

from store import Store
from tests.tui.support import demo_app, settled

LATIN = re.compile(r"[A-Za-z]{2,}")


async def test_palette_offers_the_screens_actions_in_chinese(demo_store: Store) -> None:
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n")  # the review
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"下一议程项", "结束会议", "记录本项发言要点", "返回首页（会议保持进行）"} <= set(
            titles
        )
        assert {"完成", "结转", "延期"} <= set(titles)  # the review view's, where focus is
        assert {"更换配色", "查看快捷键", "截图", "退出"} <= set(titles)  # Textual's, in Chinese
        assert [title for title, n in Counter(titles).items() if n > 1] == []
        assert [title for title in titles if LATIN.search(title)] == []


@pytest.mark.parametrize("keys", [(), ("s", "enter"), ("s", "enter", "n", "n", "n", "n")])
async def test_no_english_and_none_twice_on_any_screen(
    demo_store: Store, keys: tuple[str, ...]
) -> None:
    """Home, the roll call, and the assignments form with the cursor in an Input (whose
    own bindings, "Delete all to the left", are not offered)."""
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await settled(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert [title for title in titles if LATIN.search(title)] == []
        assert [title for title, n in Counter(titles).items() if n > 1] == []


async def test_searching_jiyao_finds_the_minutes_and_writes_them(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    monkeypatch.setenv("DIAODU_EXPORTS", str(exports))
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"纪要")
        await pilot.pause(0.3)  # the palette searches in a worker of its own
        await settled(pilot)
        hits = app.screen.query_one(CommandList)
        shown = "\n".join(str(hits.get_option_at_index(n).prompt) for n in range(hits.option_count))
        assert "写会议纪要：2026年9月调度会（2026年第10次）" in shown
        await pilot.press("enter")  # the first hit: the latest closed meeting
        await settled(pilot)
        await app.workers.wait_for_complete()
        assert sorted(path.name for path in exports.iterdir()) == [
            "会议纪要-2026-09.1.docx",
            "会议纪要-2026-09.1.md",
        ]


async def test_m_on_a_closed_meeting_in_home_s_recent_list_writes_its_minutes(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    monkeypatch.setenv("DIAODU_EXPORTS", str(exports))
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.query_one("#recent").focus()
        await pilot.press("m")  # the first row: the oldest of the recent meetings
        await settled(pilot)
        await app.workers.wait_for_complete()
        assert [path.suffix for path in sorted(exports.iterdir())] == [".docx", ".md"]


async def test_a_palette_command_runs_the_action(demo_store: Store) -> None:
    app = demo_app(demo_store, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n")
        commands = app.get_system_commands(app.screen)
        command = next(c for c in commands if c.title == "Next agenda item")
        command.callback()
        await pilot.pause()
        assert app.screen.shown == "scorecard"  # type: ignore[attr-defined]
