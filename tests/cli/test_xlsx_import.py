"""Readings and targets from Excel: wide and long forms, every error located by sheet, row
and column, all or nothing, and a preview of what would change before anything is written."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

import app
from agenda.errors import InputError
from agenda.importing import commit_import, prepare_import
from agenda.importing.read import read_table as load_import_table
from agenda.importing.read import read_xlsx
from agenda.metrics import Reading, Target
from agenda.periods import Period
from store import Store
from tests.conftest import NOW, TODAY

DATA = Path(__file__).parent.parent / "data"
WIDE = DATA / "wide-readings.xlsx"
NOV = Period(2026, 11)


def workbook(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def prepared(store: Store, kind: str, path: Path, sheet: str | None = None):
    """What the CLI and the app both call: the file checked against the store."""
    return prepare_import(
        kind,
        path,
        units=store.units(),
        metrics=store.metrics(),
        existing=store,
        today=TODAY,
        sheet=sheet,
    )


def readings_from(store: Store, path: Path, sheet: str | None = None) -> list[Reading]:
    return list(prepared(store, "readings", path, sheet).readings)


def test_the_sample_wide_workbook_reads_as_the_units_sent_it(demo_store: Store) -> None:
    table = read_xlsx(WIDE)
    assert (table.sheet, table.header_line) == ("11月", 2)  # the title row is passed over
    assert table.rows[0].line == 3
    readings = readings_from(demo_store, WIDE)
    assert len(readings) == 19  # 河口乡 left 到位资金 empty: not reported, not zero
    assert Reading("u001", "signed_amount", NOV, 30.5) in readings
    assert Reading("u015", "foreign_capital", NOV, 6100.0) in readings
    # "发改局" is 区发改局's alias; its month was typed so that Excel made it a date.
    assert Reading("u017", "signed_projects", NOV, 6.0) in readings
    assert not any(r.unit_id == "u014" and r.metric == "funds_in_place" for r in readings)


def test_long_form_and_a_named_sheet(demo_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["填表说明：每行一个数"])
    sheet = book.create_sheet("数据")
    for row in (
        ["单位", "指标", "月份", "累计"],
        ["城关镇", "签约项目数", datetime(2026, 10, 1), 9],
        ["经济开发区", "signed_amount", "2026-10", "118.51"],
    ):
        sheet.append(row)
    book.save(path)
    assert readings_from(demo_store, path, sheet="数据") == [
        Reading("u001", "signed_projects", Period(2026, 10), 9.0),
        Reading("u015", "signed_amount", Period(2026, 10), 118.51),
    ]
    with pytest.raises(InputError, match=r"no sheet '表2'; the workbook has: 说明, 数据"):
        load_import_table(path, sheet="表2")


def test_targets_from_a_wide_workbook_with_metric_keys(demo_store: Store, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "t.xlsx",
        [["单位", "年度", "signed_projects", "funds_in_place"], ["城关镇", 2027, 14, 15.5]],
    )
    targets = prepared(demo_store, "targets", path)
    assert list(targets.targets) == [
        Target("u001", "signed_projects", 2027, 14.0),
        Target("u001", "funds_in_place", 2027, 15.5),
    ]
    assert [c.is_new for c in targets.preview.changes] == [True, True]


BAD = [
    (
        ["城关镇", "2026-11", 11],
        ["不存在镇", "2026-11", 3],
        "bad.xlsx, sheet 11月, row 4, column A (单位): unknown unit '不存在镇'",
    ),
    (
        ["城关镇", "2026-11", 11],
        ["东城街道", "2026-11", "十二"],
        "bad.xlsx, sheet 11月, row 4, column C (签约项目数): '十二' is not a number",
    ),
    (
        ["城关镇", "2026-11", 11],
        ["城关镇", "2026-11", 12],
        "bad.xlsx, sheet 11月, row 4, column C (签约项目数): 城关镇 / 签约项目数 / 2026-11 "
        "again (first on row 3)",
    ),
    (
        ["城关镇", "2026-11", 11],
        ["东城街道", "2027-01", 2],
        "bad.xlsx, sheet 11月, row 4, column B (月份): period 2027-01 is in the future",
    ),
    (
        ["城关镇", "2026-11", 11],
        ["东城街道", "2026-13", 2],
        "bad.xlsx, sheet 11月, row 4, column B (月份): 2026-13: month must be 1 to 12",
    ),
]


@pytest.mark.parametrize(("first", "second", "message"), BAD)
def test_each_error_says_sheet_row_and_column(
    demo_store: Store, tmp_path: Path, first: list[object], second: list[object], message: str
) -> None:
    path = workbook(
        tmp_path / "bad.xlsx",
        [["2026年1-11月完成情况"], ["单位", "月份", "签约项目数"], first, second],
        title="11月",
    )
    with pytest.raises(InputError) as caught:
        readings_from(demo_store, path)
    assert str(caught.value) == str(tmp_path / message)


def test_an_unknown_metric_column_is_named_in_the_header_row(
    demo_store: Store, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "m.xlsx", [["单位", "月份", "利润"], ["城关镇", "2026-11", 1]])
    with pytest.raises(InputError) as caught:
        readings_from(demo_store, path)
    assert str(caught.value) == (
        f"{path}, sheet Sheet1, row 1, column C (利润): column '利润' is not a known metric"
    )


def test_files_that_are_not_workbooks(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("单位,月份\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"not an Excel \.xlsx workbook"):
        load_import_table(fake)
    with pytest.raises(InputError, match=r"old \.xls workbook: save it as \.xlsx"):
        load_import_table(tmp_path / "old.xls")
    with pytest.raises(InputError, match=r"(?i)no such file"):
        load_import_table(tmp_path / "missing.xlsx")
    empty = workbook(tmp_path / "empty.xlsx", [])
    with pytest.raises(InputError, match="sheet Sheet1: no header row"):
        load_import_table(empty)
    csv = tmp_path / "r.csv"
    csv.write_text("单位,签约项目数\n城关镇,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="--sheet is for Excel"):
        load_import_table(csv, sheet="x")


def test_preview_lists_new_and_changed_values(demo_store: Store, tmp_path: Path) -> None:
    october = demo_store.figures(Period(2026, 10))
    old = october.ytd("u001", "signed_projects", Period(2026, 10))
    same = october.ytd("u002", "signed_projects", Period(2026, 10))
    assert old is not None and same is not None
    path = workbook(
        tmp_path / "p.xlsx",
        [
            ["单位", "月份", "签约项目数"],
            ["城关镇", "2026-10", old + 1],
            ["东城街道", "2026-10", same],
            ["城关镇", "2026-11", 30],
        ],
    )
    preview = prepared(demo_store, "readings", path).preview
    assert [(c.unit, c.key, c.old, c.new) for c in preview.changed] == [
        ("城关镇", "2026-10", old, old + 1)
    ]
    assert len(preview.new) == 1 and len(preview.unchanged) == 1
    assert preview.lines("zh") == [
        f"{path}：新增1项，修改1项，不变1项",
        "  新增  城关镇 / 签约项目数 / 2026-11: 30",
        f"  修改  城关镇 / 签约项目数 / 2026-10: {old:g} → {old + 1:g}",
    ]


# --- through the CLI: a rejected or dry-run import writes nothing -----------------------
def fingerprint(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "CLOCK", lambda: NOW)


@pytest.mark.usefixtures("fixed_today")
def test_a_rejected_import_leaves_the_data_folder_byte_for_byte(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = demo_store.root
    demo_store.close()
    before = fingerprint(root)
    path = workbook(
        tmp_path / "half.xlsx",
        [["单位", "月份", "签约项目数"], ["城关镇", "2026-11", 99], ["东城街道", "2026-11", "x"]],
    )
    code = app.main(["--db", str(root), "readings", "import", str(path)])
    _, err = capsys.readouterr()
    assert code == 1
    assert (
        err == f"diaodu: {path}, sheet Sheet1, row 3, column C (签约项目数): 'x' is not a number\n"
    )
    assert fingerprint(root) == before


@pytest.mark.usefixtures("fixed_today")
def test_dry_run_prints_the_preview_and_writes_nothing(
    demo_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    root = demo_store.root
    demo_store.close()
    before = fingerprint(root)
    code = app.main(
        ["--db", str(root), "--lang", "en", "readings", "import", str(WIDE), "--dry-run"]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{WIDE}: 19 new, 0 changed, 0 unchanged"
    assert "  new  经济开发区 / Amount signed / 2026-11: 125.3" in lines
    assert lines[-1] == "nothing written (--dry-run)"
    assert fingerprint(root) == before
    # The same file for real: written, and a second import reports no change.
    assert app.main(["--db", str(root), "readings", "import", str(WIDE)]) == 0
    assert capsys.readouterr()[0] == f"19 readings imported from {WIDE}\n"
    assert Reading("u015", "signed_amount", NOV, 125.3) in Store.open(root).readings([2026])


def test_a_table_lower_and_to_the_right_and_a_percent_cell(
    demo_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "offset.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B4"], sheet["C4"], sheet["D4"] = "单位", "月份", "开工率"
    sheet["B6"], sheet["C6"], sheet["D6"] = "城关镇", "2026-10", 0.625
    sheet["D6"].number_format = "0.0%"  # shown 62.5%: a rate is kept in percent
    sheet["B7"], sheet["C7"], sheet["D7"] = "火星镇", "2026-10", 0.5
    book.save(path)
    table = load_import_table(path)
    assert (table.header_line, table.rows[0].cells["开工率"]) == (4, 62.5)
    with pytest.raises(InputError) as caught:
        readings_from(demo_store, path)
    assert str(caught.value) == (
        f"{path}, sheet Sheet, row 7, column B (单位): unknown unit '火星镇'"
    )


def test_the_app_previews_then_saves(demo_store: Store, tmp_path: Path) -> None:
    """What the app's import dialog does: check the file, show the preview, then save."""
    path = workbook(tmp_path / "t.xlsx", [["单位", "年度", "签约项目数"], ["城关镇", 2027, 15]])
    before = fingerprint(demo_store.root)
    targets = prepared(demo_store, "targets", path)
    assert targets.preview.lines("en")[1:] == ["  new  城关镇 / Projects signed / 2027: 15"]
    assert fingerprint(demo_store.root) == before
    assert commit_import(targets, demo_store) == 1
    assert demo_store.targets(2027) == [Target("u001", "signed_projects", 2027, 15.0)]


@pytest.mark.usefixtures("fixed_today")
def test_an_import_that_overwrites_lists_old_and_new_then_what_it_wrote(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = demo_store.figures(Period(2026, 10)).ytd("u001", "signed_projects", Period(2026, 10))
    root = demo_store.root
    demo_store.close()
    path = workbook(
        tmp_path / "fix.xlsx", [["单位", "月份", "签约项目数"], ["城关镇", "2026-10", 99]]
    )
    assert app.main(["--db", str(root), "--lang", "en", "readings", "import", str(path)]) == 0
    assert capsys.readouterr()[0].splitlines() == [
        f"  changed  城关镇 / Projects signed / 2026-10: {old:g} → 99",
        f"1 readings imported from {path}",
    ]
