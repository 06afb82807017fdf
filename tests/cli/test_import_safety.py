"""Figures coming in are never stored wrong: what a person did not mean is refused with
one line that says where and why, and the data folder is left byte for byte.

Every case here was accepted wrongly (or ended in a traceback) before.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

import app
from agenda.metrics import Reading, Target
from agenda.periods import Period
from store import Store
from tests.conftest import NOW

DATA = Path(__file__).parent.parent / "data"
OCT = Period(2026, 10)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "CLOCK", lambda: NOW)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = app.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def district(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The four sample units (城关镇 is also 城关; 经济开发区 is 经开区 and 开发区)."""
    db = tmp_path / "district"
    assert run(capsys, "--db", db, "units", "import", DATA / "units.csv")[0] == 0
    return db


def refused(capsys: pytest.CaptureFixture[str], db: Path, *argv: str | Path) -> str:
    """The command fails: exit 1, one line on stderr, nothing written."""
    before = fingerprint(db)
    code, out, err = run(capsys, "--db", db, *argv)
    assert (code, out) == (1, ""), err
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert fingerprint(db) == before
    return err.strip().removeprefix("diaodu: ")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- numbers ------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["12,5", "1.234,5", "3，14", "1,23", "12,", ",5", "1,2345"])
def test_a_comma_that_is_not_a_thousands_separator_is_refused(
    capsys, district: Path, tmp_path: Path, value: str
) -> None:
    path = write(tmp_path / "r.csv", f'单位,月份,签约金额\n城关镇,2026-10,"{value}"\n')
    line = refused(capsys, district, "readings", "import", path)
    assert line.startswith(f"{path}, line 2, column 签约金额: '{value}'")
    assert "a comma only separates thousands" in line


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1,234.5", 1234.5), ("12,345", 12345.0), ("１２．５", 12.5), ("１，２３４", 1234.0)],
)
def test_grouped_and_full_width_numbers_are_read_as_meant(
    capsys, district: Path, tmp_path: Path, value: str, expected: float
) -> None:
    path = write(tmp_path / "r.csv", f'单位,月份,签约金额\n城关镇,2026-10,"{value}"\n')
    assert run(capsys, "--db", district, "readings", "import", path)[0] == 0
    assert Store.open(district).readings([2026]) == [
        Reading("u001", "signed_amount", OCT, expected)
    ]


def test_a_percentage_is_a_rate_never_an_amount(capsys, district: Path, tmp_path: Path) -> None:
    rate = write(
        tmp_path / "rate.csv", "单位,月份,开工率\n城关镇,2026-10,95%\n新华,2026-10,６０％\n"
    )
    assert run(capsys, "--db", district, "readings", "import", rate)[0] == 0
    assert Store.open(district).readings([2026]) == [
        Reading("u001", "start_rate", OCT, 95.0),
        Reading("u002", "start_rate", OCT, 60.0),
    ]
    amount = write(tmp_path / "amount.csv", "单位,月份,签约金额\n城关镇,2026-10,95%\n")
    line = refused(capsys, district, "readings", "import", amount)
    assert line == (
        f"{amount}, line 2, column 签约金额: '95%' is a percentage, but Amount signed is an "
        "amount: write the figure itself"
    )


def test_a_percentage_target_of_an_amount_is_refused_too(
    capsys, district: Path, tmp_path: Path
) -> None:
    path = write(tmp_path / "t.csv", "单位,年度,签约项目数\n城关镇,2026,10%\n")
    assert "'10%' is a percentage" in refused(capsys, district, "targets", "import", path)


# --- unit names -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "name,aliases\n城南镇,城关\n",
            "line 2, column aliases: '城关' already names 城关镇 (on file); a name or alias "
            "must belong to one unit only",
        ),
        (
            "name,aliases\n城南镇,东片\n城北镇,东片\n",
            "line 3, column aliases: '东片' already names 城南镇 (line 2); a name or alias "
            "must belong to one unit only",
        ),
        (
            "name,aliases\n城南镇,城北镇\n城北镇,\n",
            "line 3, column name: '城北镇' already names 城南镇 (line 2); a name or alias "
            "must belong to one unit only",
        ),
        (
            "name,aliases\n城南镇,新华 \n",  # a space after is the same name
            "line 2, column aliases: '新华' already names 新华街道 (on file)",
        ),
        (
            "name,aliases\nＡ区,\nA区 ,\n",  # full-width letters are the same name
            "line 3, column name: 'A区' already names Ａ区 (line 2)",
        ),
    ],
)
def test_a_name_or_alias_of_two_units_is_refused(
    capsys, district: Path, tmp_path: Path, content: str, expected: str
) -> None:
    path = write(tmp_path / "u.csv", content)
    line = refused(capsys, district, "units", "import", path)
    assert line.startswith(f"{path}, {expected}")


def test_a_yaml_alias_of_two_units_names_both(capsys, district: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "u.yaml",
        "units:\n  - {name: 城南镇, aliases: [东片]}\n  - name: 城北镇\n    aliases: [东片]\n",
    )
    line = refused(capsys, district, "units", "import", path)
    assert line.startswith(
        f"{path}, line 4: units[1].aliases[0]: '东片' already names 城南镇 (line 2)"
    )


def test_readings_find_a_unit_by_its_name_in_full_width_or_with_spaces(
    capsys, district: Path, tmp_path: Path
) -> None:
    path = write(tmp_path / "r.csv", "单位,月份,签约项目数\n 经开区　,2026-10,3\n")
    assert run(capsys, "--db", district, "readings", "import", path)[0] == 0
    assert Store.open(district).readings([2026]) == [Reading("u004", "signed_projects", OCT, 3.0)]


# --- Excel formulas with no saved value -----------------------------------------------------
def test_a_formula_never_calculated_is_refused_with_its_cell(
    capsys, district: Path, tmp_path: Path
) -> None:
    path = tmp_path / "script.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "11月"
    sheet.append(["单位", "月份", "签约项目数"])
    sheet.append(["城关镇", "2026-10", 3])
    sheet.append(["新华", "2026-10", "=C2+1"])
    book.save(path)  # openpyxl never calculates: C3 has a formula and no value
    line = refused(capsys, district, "readings", "import", path)
    assert line == (
        f"{path}, sheet 11月, row 3, column C (签约项目数): C3 is a formula with no saved "
        "value (the file was never opened in a spreadsheet): open and save it in Excel or "
        "WPS first"
    )
    code, _, err = run(capsys, "--db", district, "--lang", "zh", "readings", "import", path)
    assert code == 1
    assert "请先用 Excel 或 WPS 打开并保存" in err


# --- encodings ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        ("unit,metric,period,value\nStädt,signed_amount,2026-10,1\n", "latin-1"),
        ("unit,metric,period,value\nMüller Straße,signed_amount,2026-10,1\n", "latin-1"),
        ("單位,月份,簽約項目數\n城關鎮,2026-10,3\n", "big5"),
        ("單位,月份,簽約項目數\n新華街道,2026-10,3\n經濟開發區,2026-10,5\n", "big5"),
    ],
)
def test_text_in_another_encoding_is_refused_not_read_as_garbage(
    capsys, district: Path, tmp_path: Path, content: str, encoding: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content.encode(encoding))
    line = refused(capsys, district, "readings", "import", path)
    assert line == (
        f"{path}: the text is neither UTF-8 nor GB18030 (tried UTF-8, UTF-8 with BOM, "
        "GB18030): save the file as CSV UTF-8"
    )


# --- empty input ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("command", "content"),
    [
        ("readings", "单位,月份,签约项目数\n"),
        ("readings", "单位,月份,签约项目数\n城关镇,2026-10,\n"),  # every figure left empty
        ("targets", "unit,metric,year,target\n"),
        ("units", "name,kind\n"),
    ],
)
def test_a_file_with_nothing_to_import_is_refused(
    capsys, district: Path, tmp_path: Path, command: str, content: str
) -> None:
    path = write(tmp_path / "empty.csv", content)
    line = refused(capsys, district, command, "import", path)
    assert line.startswith(f"{path}: ")
    assert "nothing to import" in line


def test_an_excel_sheet_with_a_header_only_is_refused(
    capsys, district: Path, tmp_path: Path
) -> None:
    path = tmp_path / "h.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["单位", "月份", "签约项目数"])
    book.save(path)
    assert "nothing to import" in refused(capsys, district, "readings", "import", path)


# --- what ended in a traceback --------------------------------------------------------------
def test_a_cell_past_the_csv_field_limit_is_one_short_line(
    capsys, district: Path, tmp_path: Path
) -> None:
    path = write(tmp_path / "r.csv", "单位,月份,签约项目数\n" + "城" * 131_073 + ",2026-10,1\n")
    line = refused(capsys, district, "readings", "import", path)
    assert line.startswith(f"{path}, line 2: ")
    assert len(line) < len(str(path)) + 200


def test_a_long_bad_value_is_quoted_short(capsys, district: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "单位,月份,签约项目数\n" + "城" * 10_000 + ",2026-10,1\n")
    line = refused(capsys, district, "readings", "import", path)
    assert "城" * 57 + "..." in line and len(line) < len(str(path)) + 150


@pytest.mark.parametrize("order", ["²", "１.５", "-1"])
def test_a_unit_order_that_is_not_a_whole_number_is_one_line(
    capsys, district: Path, tmp_path: Path, order: str
) -> None:
    path = write(tmp_path / "u.csv", f"name,order\n城南镇,{order}\n")
    line = refused(capsys, district, "units", "import", path)
    assert line == f"{path}, line 2, column order: '{order}' is not a whole number"


@pytest.mark.parametrize("order", ["1.0e+400", ".inf", "1.5"])
def test_a_yaml_unit_order_that_is_not_a_whole_number_is_one_line(
    capsys, district: Path, tmp_path: Path, order: str
) -> None:
    path = write(tmp_path / "u.yaml", f"units:\n  - name: 城南镇\n    order: {order}\n")
    line = refused(capsys, district, "units", "import", path)
    assert line.startswith(f"{path}, line 3: units[0].order: ")


def test_errors_are_said_in_the_users_language(capsys, district: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "单位,月份,签约项目数\n火星镇,2026-10,1\n")
    code, _, err = run(capsys, "--db", district, "--lang", "zh", "readings", "import", path)
    assert code == 1
    assert err == f"diaodu: {path}，第2行，单位列：没有名为「火星镇」的单位\n"


def test_targets_still_import_after_all_this(capsys, district: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", '单位,年度,签约金额\n城关镇,2026,"1,050.5"\n')
    assert run(capsys, "--db", district, "targets", "import", path)[0] == 0
    assert Store.open(district).targets(2026) == [Target("u001", "signed_amount", 2026, 1050.5)]


def test_a_chart_sheet_is_not_a_sheet_of_figures(capsys, district: Path, tmp_path: Path) -> None:
    path = tmp_path / "chart.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["单位", "月份", "签约项目数"])
    book.active.append(["城关镇", "2026-10", 3])
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=3, min_row=1, max_row=2), titles_from_data=True)
    book.create_chartsheet("图表").add_chart(chart)
    book.save(path)
    line = refused(capsys, district, "readings", "import", path, "--sheet", "图表")
    assert line == f"{path}: no sheet '图表'; the workbook has: Sheet"
    # A chart sheet with no chart is more than openpyxl can read: one line, too.
    path = tmp_path / "empty-chart.xlsx"
    book = openpyxl.Workbook()
    book.create_chartsheet("图表")
    book.save(path)
    line = refused(capsys, district, "readings", "import", path)
    assert line == f"{path}: not an Excel .xlsx workbook (or a damaged one)"


def test_a_year_given_by_hand_is_checked_as_a_year(capsys, district: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "单位,签约项目数\n城关镇,1\n")
    line = refused(capsys, district, "targets", "import", path, "--year", "0")
    assert line == "'0' is not a year"


def test_a_units_yaml_listing_no_units_is_refused(capsys, district: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "u.yaml", "units: []\n")
    assert refused(capsys, district, "units", "import", path) == f"{path}: lists no units"
