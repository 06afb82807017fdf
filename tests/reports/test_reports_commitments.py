"""The commitment table (任务分解表), its filters, and exports that are safe to open."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest

from agenda.commitments import Commitment, Status
from agenda.periods import Period
from agenda.reports.commitment_table import CommitmentFilter, commitment_table
from agenda.reports.csvfile import csv_bytes, render_csv
from agenda.reports.document import Column, Kind, Table
from agenda.reports.excel import render_xlsx, sheet_name
from agenda.units import Unit
from store import Store
from tests.conftest import TODAY


def table_of(store: Store, only: CommitmentFilter | None = None, lang: str = "zh") -> Table:
    return commitment_table(
        store.commitments(include_archive=True),
        store.units(),
        store.metrics(),
        today=TODAY,
        lang=lang,
        only=only,
    )


def test_the_whole_table_in_excel(demo_store: Store) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx([table_of(demo_store)])))
    assert book.sheetnames == ["任务分解表"]
    sheet = book.active
    assert [c.value for c in sheet[1]] == [
        "编号",
        "单位",
        "任务",
        "责任人",
        "完成时限",
        "现时限",
        "目标数量",
        "指标",
        "状态",
        "预警",
        "结转自",
        "结转至",
        "会议",
    ]
    # July's two meetings', the older meeting's and last month's
    assert sheet.max_row == 1 + 6 + 10 + 24
    first = [c.value for c in sheet[2]]
    assert first[:3] == ["2026-07.2", "城关镇", "推动签约项目开工"]
    assert first[4].date() == date(2026, 9, 15)
    assert sheet["E2"].number_format == "yyyy-mm-dd"
    carried = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[10]]
    assert [(row[0], row[10]) for row in carried] == [
        ("2026-08.9", "2026-07.1"),
        ("2026-09.1", "2026-08.9"),
    ]
    assert carried[1][9] == "红灯"


def test_filters_by_unit_status_period_and_overdue(demo_store: Store) -> None:
    def ids(only: CommitmentFilter) -> list[str]:
        return [str(row[0]) for row in table_of(demo_store, only).rows]

    assert ids(CommitmentFilter(unit_id="u014")) == ["2026-07.1", "2026-08.9", "2026-09.1"]
    assert ids(CommitmentFilter(status=Status.PARTIAL)) == ["2026-07.6", "2026-08.4", "2026-08.8"]
    assert len(ids(CommitmentFilter(period=Period(2026, 9)))) == 24
    overdue = ids(CommitmentFilter(overdue_on=TODAY))
    assert overdue and all(
        c.is_overdue(TODAY) for c in demo_store.commitments(include_archive=True) if c.id in overdue
    )
    assert "2026-09.24" in overdue  # 马集镇's, due four days ago
    assert ids(CommitmentFilter(unit_id="u014", overdue_on=TODAY)) == ["2026-09.1"]
    rows = {
        row[0]: row for row in table_of(demo_store, CommitmentFilter(period=Period(2026, 9))).rows
    }
    assert rows["2026-09.4"][9] == "黄灯"  # due in two days


def test_csv_round_trip_keeps_text_and_numbers(demo_store: Store) -> None:
    table = table_of(demo_store, CommitmentFilter(period=Period(2026, 9)), lang="en")
    rows = list(csv.reader(io.StringIO(render_csv(table))))
    assert rows[0][:5] == ["No.", "Unit", "Commitment", "Owner", "Due"]
    assert len(rows) == 1 + 24
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["2026-09.2"][1:8] == [
        "城关镇",
        "实际使用外资到位500万美元",
        "刘晓东",
        "2026-11-13",
        "",
        "500",
        "Foreign capital used (万美元)",
    ]
    assert by_id["2026-09.3"][6] == "1.5"
    assert csv_bytes(table).startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8


DANGEROUS = ['=HYPERLINK("http://x")', "+86 138", "-减少", "@SUM(A1)", "\tx", "\rx"]


def _tricky_table() -> Table:
    rows = (*((text, -3.5, 12.0) for text in DANGEROUS), ("安全", 0.0, None))
    return Table(
        "t",
        (Column("名称"), Column("差距", Kind.POINTS), Column("值", Kind.NUMBER)),
        rows,
    )


def test_csv_neutralises_formulas_but_keeps_negative_numbers() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(_tricky_table()), newline="")))
    assert [row[0] for row in rows[1:]] == ["'" + text for text in DANGEROUS] + ["安全"]
    assert all(row[1] == "-3.5" for row in rows[1:-1])
    assert rows[-1] == ["安全", "0", ""]


def test_excel_neutralises_formulas_but_keeps_negative_numbers() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx([_tricky_table()]))).active
    for row, text in enumerate(DANGEROUS, start=2):
        cell = sheet.cell(row, 1)
        # Exactly as typed, no visible apostrophe: stored as text, marked quotePrefix.
        assert cell.data_type == "s" and cell.value == text and cell.quotePrefix
        assert sheet.cell(row, 2).value == -3.5 and sheet.cell(row, 2).data_type == "n"
    assert sheet.cell(len(DANGEROUS) + 2, 1).value == "安全"


def test_unit_names_with_formulas_are_neutralised_in_the_task_table() -> None:
    unit = Unit("u001", "=1+1")
    commitment = Commitment("2026-10.1", "u001", "@cmd", "-张三", date(2026, 12, 1))
    table = commitment_table([commitment], [unit], [], today=TODAY, lang="zh")
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx([table]))).active
    cells = [sheet["B2"], sheet["C2"], sheet["D2"]]
    assert [cell.value for cell in cells] == ["=1+1", "@cmd", "-张三"]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("签约项目数", "签约项目数"), ("a/b:c*?[d]", "a_b_c___d_"), ("x" * 40, "x" * 31)],
)
def test_sheet_names_are_what_excel_allows(name: str, expected: str) -> None:
    assert sheet_name(name, set()) == expected


def test_sheet_names_never_collide() -> None:
    taken: set[str] = set()
    assert [sheet_name("指标", taken) for _ in range(3)] == ["指标", "指标 (2)", "指标 (3)"]
