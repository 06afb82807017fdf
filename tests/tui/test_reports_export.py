"""The app's exports: files written where the user keeps documents, paths handed back."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import openpyxl
import pytest

from agenda.errors import DiaoduError
from agenda.periods import Period
from agenda.usecases.district import District
from agenda.usecases.exporting import bulletin_export, exports_folder, minutes_export
from store import Store
from tests.conftest import NOW
from tui.context import Context
from tui.exporting import exported_message


def export_minutes(ctx: Context, meeting_id: str) -> list[Path]:
    """What M writes on the close screen (its worker thread runs `write`)."""
    return minutes_export(ctx.district, meeting_id).write()


def export_bulletin(ctx: Context, period: Period) -> list[Path]:
    """What B writes on home or the scorecard, in the app's language."""
    return bulletin_export(ctx.district, period).write()  # as the app does


def context(store: Store, lang: str = "zh") -> Context:
    return Context(District(store, lambda: NOW), lang)


def test_minutes_go_to_the_exports_folder_as_markdown_and_word(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAODU_EXPORTS", str(tmp_path / "出口"))
    ctx = context(demo_store, lang="en")  # the app in English; the meeting's template is zh
    paths = export_minutes(ctx, "2026-09.1")
    folder = tmp_path / "出口"
    assert paths == [folder / "会议纪要-2026-09.1.md", folder / "会议纪要-2026-09.1.docx"]
    assert paths[0].read_text("utf-8").startswith("# 2026年第10次招商引资调度会会议纪要\n")
    assert docx.Document(str(paths[1])).paragraphs[0].text == "2026年第10次招商引资调度会会议纪要"
    assert exported_message(ctx, paths) == (
        f"Exported to {folder}: 会议纪要-2026-09.1.md, 会议纪要-2026-09.1.docx"
    )


def test_bulletin_in_three_formats_in_the_districts_language(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    monkeypatch.setenv("DIAODU_EXPORTS", str(out))
    ctx = context(demo_store)
    paths = export_bulletin(ctx, Period(2026, 10))
    assert [p.name for p in paths] == [
        "招商引资通报-2026-10.md",
        "招商引资通报-2026-10.docx",
        "招商引资通报-2026-10.xlsx",
    ]
    assert "截至10月31日，全区到期任务16项，按时完成11项，履约率68.75%" in paths[0].read_text(
        "utf-8"
    )
    book = openpyxl.load_workbook(paths[2])
    assert book.sheetnames[:2] == ["概况", "签约项目数"]
    assert book["签约项目数"]["C3"].value == "青石镇"
    assert exported_message(ctx, paths).startswith(f"已导出到 {out}：招商引资通报-2026-10.md、")
    # Exporting again replaces the files, and leaves no temporary file behind.
    assert export_bulletin(ctx, Period(2026, 10)) == paths
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)
    # The app in English still writes the district's bulletin in Chinese: it is sent out.
    english = export_bulletin(context(demo_store, lang="en"), Period(2026, 10))
    assert english == paths
    assert english[0].read_text("utf-8").startswith("# 关于2026年1-10月招商引资工作情况的通报")


def test_where_exports_go(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = context(demo_store)
    # Default: the user's documents folder (HOME is a temporary folder in tests).
    assert exports_folder(ctx.district) == Path(tmp_path / "home" / "Documents" / "diaodu")
    demo_store.save_settings(exports=str(tmp_path / "setting"))
    assert exports_folder(ctx.district) == tmp_path / "setting"
    monkeypatch.setenv("DIAODU_EXPORTS", str(tmp_path / "env"))
    assert exports_folder(ctx.district) == tmp_path / "env"


def test_an_unwritable_folder_is_a_clear_error(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DIAODU_EXPORTS", str(blocker))
    with pytest.raises(DiaoduError, match=f"cannot write {blocker}/会议纪要-2026-09.1.md"):
        export_minutes(context(demo_store), "2026-09.1")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_exported_files_are_readable_by_others_like_any_document(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAODU_EXPORTS", str(tmp_path / "out"))
    for path in export_minutes(context(demo_store), "2026-09.1"):
        assert path.stat().st_mode & 0o777 == 0o644
