"""Importing a unit return in the app: preview first, nothing written until Ctrl+S."""

from __future__ import annotations

import hashlib
from pathlib import Path

from agenda.periods import Period
from store import Store
from tests.tui.support import demo_app, screen_text
from tui.screens.importing import ImportScreen

SAMPLE = Path(__file__).parent.parent / "data" / "wide-readings.xlsx"


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*.json"))
    }


async def test_preview_then_write(demo_store: Store) -> None:
    before = fingerprint(demo_store.root)
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path").value = str(SAMPLE)  # type: ignore[attr-defined]
        await pilot.press("enter")
        shown = screen_text(app.screen)
        assert "新增" in shown and "经济开发区" in shown and "区发改局" in shown
        assert fingerprint(demo_store.root) == before  # a preview writes nothing
        await pilot.press("ctrl+s")
        await pilot.pause()
    november = {
        (r.unit_id, r.metric): r.value
        for r in demo_store.readings([2026])
        if r.period == Period(2026, 11)
    }
    kaifaqu = next(u.id for u in demo_store.units() if u.name == "经济开发区")
    assert november[(kaifaqu, "signed_projects")] == 52


async def test_a_bad_file_is_refused_whole(demo_store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("单位,月份,签约项目数\n城关镇,2026-11,12\n火星镇,2026-11,3\n", encoding="utf-8")
    before = fingerprint(demo_store.root)
    app = demo_app(demo_store, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        app.screen.query_one("#import-path").value = str(bad)  # type: ignore[attr-defined]
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        shown = screen_text(app.screen)
        assert "Not imported" in shown and "火星镇" in shown and "line 3" in shown
    assert fingerprint(demo_store.root) == before


async def test_a_refusal_is_said_in_the_apps_language(demo_store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text('单位,月份,签约金额\n城关镇,2026-11,"12,5"\n', encoding="utf-8")
    before = fingerprint(demo_store.root)
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        app.screen.query_one("#import-path").value = str(bad)  # type: ignore[attr-defined]
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        shown = screen_text(app.screen)
        assert "未导入" in shown and "第2行" in shown
        assert "「12,5」中的逗号有歧义" in shown
    assert fingerprint(demo_store.root) == before
