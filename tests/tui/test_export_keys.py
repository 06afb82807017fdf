"""One key writes the office's files: the minutes from the closed meeting, the bulletin
from home; the notification names the folder and the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from textual.app import App
from textual.pilot import Pilot

from store import Store
from tests.tui.support import demo_app


async def written(app: App[object], pilot: Pilot[object]) -> None:
    """The files are written by a worker thread (a bulletin's Word file takes a second):
    wait for it to finish, and for what it said to reach the screen."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_minutes_and_bulletin_by_key(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    monkeypatch.setenv("DIAODU_EXPORTS", str(exports))
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press("b")  # home: the bulletin of the latest month
        await written(app, pilot)
        bulletins = sorted(path.suffix for path in exports.iterdir())
        assert bulletins == [".docx", ".md", ".xlsx"]

        await pilot.press("s", "n", "o", *"开发区做法值得推广", "enter")
        await pilot.press("w", "c", "m")  # close the meeting, then the minutes
        await written(app, pilot)
        minutes = [path for path in exports.iterdir() if path.suffix == ".docx"]
        assert len(minutes) == 2
        shown = [n.message for n in app._notifications]
        assert any(str(exports) in message for message in shown)
        words = "\n".join(
            paragraph.text for path in minutes for paragraph in Document(str(path)).paragraphs
        )
        assert "开发区做法值得推广" in words


async def test_bulletin_from_the_scorecard_is_of_the_meetings_month(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    monkeypatch.setenv("DIAODU_EXPORTS", str(exports))
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press("s", "n", "n", "b")  # roll call, review, scorecard: export
        await written(app, pilot)
        files = sorted(exports.iterdir())
        assert [path.suffix for path in files] == [".docx", ".md", ".xlsx"]
        assert all("2026-10" in path.name for path in files)
