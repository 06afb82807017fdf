"""One key writes the office's files: the minutes from the closed meeting, the bulletin
from home; the notification names the folder and the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from store import Store
from tests.tui.support import demo_app, settled


async def test_minutes_and_bulletin_by_key(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    monkeypatch.setenv("DIAODU_EXPORTS", str(exports))
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press("b")  # home: the bulletin of the latest month
        await settled(pilot)  # written in a thread: done once its worker is
        bulletins = sorted(path.suffix for path in exports.iterdir())
        assert bulletins == [".docx", ".md", ".xlsx"]

        await pilot.press("s", "enter", "n", "o", *"开发区做法值得推广", "ctrl+s")
        await pilot.press("w", "c", "m")  # close the meeting, then the minutes
        await settled(pilot)
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
        await pilot.press("s", "enter", "n", "n", "b")  # roll call, review, scorecard: export
        await settled(pilot)
        written = sorted(exports.iterdir())
        assert [path.suffix for path in written] == [".docx", ".md", ".xlsx"]
        assert all("2026-10" in path.name for path in written)
