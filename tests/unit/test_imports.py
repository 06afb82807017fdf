"""Imports of units, targets and readings: long and wide forms, aliases, encodings, and
every refusal naming its line and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from agenda.errors import InputError
from agenda.importing.number import parse_number
from agenda.importing.parse import parse_readings, parse_targets
from agenda.importing.read import parse_csv
from agenda.importing.read import read_table as load_table
from agenda.importing.units import merge_units, parse_units_table, read_units_file
from agenda.metrics import Reading, Target, default_metrics
from agenda.periods import Period
from agenda.units import Unit, UnitKind

DATA = Path(__file__).parent.parent / "data"
TODAY = date(2026, 11, 22)
OCT = Period(2026, 10)
METRICS = default_metrics()


@pytest.fixture
def units() -> list[Unit]:
    return merge_units([], read_units_file(DATA / "units.csv"))


def readings_from(text: str, units: list[Unit], **options) -> list[Reading]:
    return parse_readings(parse_csv(text, "r.csv"), units, METRICS, today=TODAY, **options)


def refused(parse, text: str, units: list[Unit], **options) -> InputError:
    with pytest.raises(InputError) as caught:
        parse(parse_csv(text, "r.csv"), units, METRICS, **options)
    assert str(caught.value).startswith("r.csv, "), "the message must name the file"
    return caught.value


# --- units ------------------------------------------------------------------------------


def test_units_from_csv_get_ids_kinds_heads_and_aliases(units: list[Unit]) -> None:
    assert [(u.id, u.name, u.kind, u.head, u.order) for u in units] == [
        ("u001", "城关镇", UnitKind.TOWN, "王建国", 1),
        ("u002", "新华街道", UnitKind.TOWN, "李红", 2),
        ("u003", "区商务局", UnitKind.DEPARTMENT, "赵强", 3),
        ("u004", "经济开发区", UnitKind.PARK, "孙伟", 4),
    ]
    assert units[0].aliases == ("城关", "城关镇人民政府")
    assert units[2].aliases == ()
    assert units[3].aliases == ("经开区", "开发区")


def test_units_from_yaml_match_units_from_csv(units: list[Unit]) -> None:
    assert merge_units([], read_units_file(DATA / "units.yaml")) == units


def test_importing_units_again_updates_them_and_keeps_their_ids(units: list[Unit]) -> None:
    table = parse_csv("名称,一把手\n新华街道,周敏\n城南镇,吴刚\n", "u.csv")
    merged = merge_units(units, parse_units_table(table))
    assert [(u.id, u.name, u.head) for u in merged] == [
        ("u002", "新华街道", "周敏"),
        ("u005", "城南镇", "吴刚"),
    ]
    assert merged[0].aliases == ("新华",)  # untouched fields stay


@pytest.mark.parametrize(
    ("text", "line", "column", "expected"),
    [
        ("name,kind\n城关镇,村\n", 2, "kind", "'村' is not a unit kind"),
        ("name,order\n城关镇,first\n", 2, "order", "'first' is not a whole number"),
        ("name\n城关镇\n新华街道\n城关镇\n", 4, "name", "'城关镇' again (first on line 2)"),
        ("name,head\n,王五\n", 2, "name", "the unit has no name"),
        ("head\n王五\n", 1, None, "no name column"),
    ],
)
def test_bad_units_are_refused_with_line_and_column(
    text: str, line: int, column: str | None, expected: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_units_table(parse_csv(text, "u.csv"))
    assert (caught.value.line, caught.value.column) == (line, column)
    assert expected in str(caught.value)


def test_a_units_file_of_another_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "units.txt"
    path.write_text("城关镇\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"units\.txt: expected a \.csv, \.yaml or \.yml file"):
        read_units_file(path)


def test_a_bad_units_yaml_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text("units:\n  - name: 城关镇\n  - name: 新华\n    kind: 村委\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_units_file(path)
    assert caught.value.line == 4
    assert "units[1].kind: '村委' is not a unit kind" in str(caught.value)


# --- readings ---------------------------------------------------------------------------


def test_long_form_readings_match_units_by_name_or_alias_and_metrics_by_label(
    units: list[Unit],
) -> None:
    readings = parse_readings(load_table(DATA / "readings-long.csv"), units, METRICS, today=TODAY)
    assert readings == [
        Reading("u001", "signed_amount", Period(2026, 9), 380.0),
        Reading("u001", "signed_amount", OCT, 412.63),
        Reading("u002", "signed_amount", OCT, 150.0),
        Reading("u003", "signed_projects", OCT, 5.0),
    ]


def test_wide_form_readings_one_column_per_metric(units: list[Unit]) -> None:
    readings = parse_readings(load_table(DATA / "readings-wide.csv"), units, METRICS, today=TODAY)
    assert readings == [
        Reading("u001", "signed_projects", OCT, 5.0),
        Reading("u001", "signed_amount", OCT, 412.63),
        Reading("u001", "start_rate", OCT, 60.0),
        Reading("u002", "signed_projects", OCT, 3.0),
        Reading("u002", "signed_amount", OCT, 150.0),
        # 新华街道 left 开工率 empty: not reported, not zero.
        Reading("u004", "signed_projects", OCT, 0.0),
        Reading("u004", "signed_amount", OCT, 0.0),
        Reading("u004", "start_rate", OCT, 55.5),
    ]


def test_wide_form_without_a_period_column_takes_the_one_given(units: list[Unit]) -> None:
    readings = readings_from("单位,签约项目数\n城关镇,4\n", units, period=OCT)
    assert readings == [Reading("u001", "signed_projects", OCT, 4.0)]


def test_a_gb18030_csv_from_chinese_excel_is_read(tmp_path: Path, units: list[Unit]) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes((DATA / "readings-wide.csv").read_text("utf-8").encode("gb18030"))
    readings = parse_readings(load_table(path), units, METRICS, today=TODAY)
    assert readings[1] == Reading("u001", "signed_amount", OCT, 412.63)
    assert len(readings) == 8


def test_a_utf8_csv_with_a_bom_is_read(tmp_path: Path, units: list[Unit]) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "单位,月份,签约项目数\n城关镇,2026-10,2\n".encode())
    readings = parse_readings(load_table(path), units, METRICS, today=TODAY)
    assert readings == [Reading("u001", "signed_projects", OCT, 2.0)]


@pytest.mark.parametrize(
    ("text", "line", "column", "expected"),
    [
        (
            "unit,metric,period,value\n城关镇,signed_amount,2026-10,1\n城东镇,signed_amount,2026-10,2\n",
            3,
            "unit",
            "unknown unit '城东镇'",
        ),
        (
            "unit,metric,period,value\n城关镇,营收,2026-10,1\n",
            2,
            "metric",
            "unknown metric '营收'",
        ),
        (
            "unit,metric,period,value\n城关镇,signed_amount,2026-10,十二\n",
            2,
            "value",
            "'十二' is not a number",
        ),
        (
            "unit,metric,period,value\n城关镇,signed_amount,2026-10,-3\n",
            2,
            "value",
            "-3 is negative",
        ),
        (
            "unit,metric,period,value\n城关镇,signed_amount,2026-10,1\n城关,签约金额,2026-10,2\n",
            3,
            "value",
            "城关镇 / 签约金额 / 2026-10 again (first on line 2)",
        ),
        (
            "unit,metric,period,value\n城关镇,signed_amount,2026-12,1\n",
            2,
            "period",
            "period 2026-12 is in the future",
        ),
        (
            "unit,metric,period,value\n城关镇,signed_amount,十月,1\n",
            2,
            "period",
            "'十月' is not a period",
        ),
        (
            "单位,月份,签约项目数,营收\n城关镇,2026-10,1,2\n",
            1,
            "营收",
            "column '营收' is not a known metric",
        ),
        ("单位,月份,签约项目数\n城关镇,2026-10,1,2\n", 2, None, "4 cells but the header has 3"),
        ("单位,签约项目数\n城关镇,1\n", 2, None, "no period column and none given"),
        ("月份,签约项目数\n2026-10,1\n", 1, None, "no unit column"),
        ("单位,单位,签约项目数\n城关镇,城关镇,1\n", 1, None, "column '单位' appears twice"),
        ("unit,metric,period\n城关镇,signed_amount,2026-10\n", 1, None, "no value column"),
        ("单位,月份\n城关镇,2026-10\n", 1, None, "no metric columns"),
    ],
)
def test_each_bad_reading_is_refused_with_line_and_column(
    units: list[Unit], text: str, line: int, column: str | None, expected: str
) -> None:
    error = refused(parse_readings, text, units, today=TODAY)
    assert (error.line, error.column) == (line, column)
    assert expected in str(error)


def test_the_wide_form_names_the_column_of_a_bad_cell(units: list[Unit]) -> None:
    text = "单位,月份,签约项目数,签约金额\n城关镇,2026-10,5,412.63\n新华街道,2026-10,3,约150\n"
    error = refused(parse_readings, text, units, today=TODAY)
    assert str(error) == "r.csv, line 3, column 签约金额: '约150' is not a number"


def test_a_later_error_means_nothing_is_returned(units: list[Unit]) -> None:
    # Nine good rows, then one bad one: the whole file is refused, not nine-tenths of it.
    good = "".join(f"城关镇,signed_amount,2026-{m:02d},{m * 10}\n" for m in range(1, 10))
    text = "unit,metric,period,value\n" + good + "城关镇,signed_amount,2026-10,x\n"
    assert refused(parse_readings, text, units, today=TODAY).line == 11


def test_an_empty_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n , \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.csv: the file is empty"):
        load_table(path)


def test_a_missing_csv_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.csv: No such file"):
        load_table(tmp_path / "nope.csv")


# --- targets ----------------------------------------------------------------------------


def test_long_form_targets(units: list[Unit]) -> None:
    targets = parse_targets(load_table(DATA / "targets-long.csv"), units, METRICS)
    assert targets == [
        Target("u001", "signed_amount", 2026, 358.0),
        Target("u002", "signed_amount", 2026, 200.0),
        Target("u003", "signed_projects", 2026, 12.0),
    ]


def test_wide_form_targets_with_thousands_separators(units: list[Unit]) -> None:
    targets = parse_targets(load_table(DATA / "targets-wide.csv"), units, METRICS)
    assert Target("u004", "signed_amount", 2026, 1050.5) in targets
    assert Target("u002", "funds_in_place", 2026, 0.0) not in targets  # empty cell
    assert len(targets) == 8


def test_targets_take_the_year_given_when_the_file_has_none(units: list[Unit]) -> None:
    table = parse_csv("单位,签约项目数\n城关镇,10\n", "t.csv")
    assert parse_targets(table, units, METRICS, year=2027) == [
        Target("u001", "signed_projects", 2027, 10.0)
    ]


def test_a_bad_year_is_refused(units: list[Unit]) -> None:
    error = refused(parse_targets, "单位,年度,签约项目数\n城关镇,26,10\n", units)
    assert (error.line, error.column) == (2, "年度")
    assert "'26' is not a year" in str(error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12.0),
        (" 12.5 ", 12.5),
        ("1,234.5", 1234.5),
        ("1，000", 1000.0),
        (".5", 0.5),
        (7, 7.0),
    ],
)
def test_numbers_as_offices_write_them(text: object, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "12%", "一百", "1.2.3", True, "nan", "inf", "1e999"])
def test_not_numbers(text: object) -> None:
    with pytest.raises(InputError):
        parse_number(text)


# --- encodings: GB18030 is read, another encoding is never read as garbage ----------------


@pytest.mark.parametrize(
    "text",
    [
        "单位,负责人\n城关镇,王堃\n区商务局,赵喆\n",  # rare ideographs (GBK, not GB2312)
        "单位,备注\nABC科技公司,引进①号项目 ≥5亿元 ×2\n",  # Latin letters beside common ones
        "单位,月份,签约金额（亿元）\n城关镇,2026年10月,１２．５\n",
    ],
)
def test_chinese_text_in_gb18030_is_read_as_it_was_written(tmp_path: Path, text: str) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.encode("gb18030"))
    table = load_table(path)
    assert ",".join(table.header) == text.splitlines()[0]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("unit\nStädt\n", "latin-1"),
        ("unit,value\nMünchen,1\nKöln,2\n", "cp1252"),
        ("單位,負責人\n城關鎮,王建國\n", "big5"),
        ("單位\n臺北\n", "big5"),
    ],
)
def test_latin1_and_big5_bytes_are_refused_saying_what_was_tried(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = tmp_path / "other.csv"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(InputError) as caught:
        load_table(path)
    assert caught.value.code == "import.encoding"
    assert "tried UTF-8, UTF-8 with BOM, GB18030" in str(caught.value)
    assert "另存为 UTF-8 编码的 CSV" in caught.value.words("zh")
