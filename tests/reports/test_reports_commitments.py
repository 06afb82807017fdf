"""The commitment table (任务分解表), its filters, and exports that are safe to open."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

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
        meetings=store.meetings(include_archive=True),
    )


def test_the_whole_table_in_excel(demo_store: Store) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx([table_of(demo_store)])))
    assert book.sheetnames == ["任务分解表"]
    sheet = book.active
    assert sheet["A1"].value == "任务分解表"
    assert [c.value for c in sheet[2]] == [
        "会议",
        "序号",
        "单位",
        "任务",
        "责任人",
        "完成时限",
        "现时限",
        "目标数量",
        "指标",
        "牵头领导",
        "配合单位",
        "状态",
        "预警",
        "结转自",
        "结转至",
    ]
    # July's two meetings', the older meeting's and last month's
    assert sheet.max_row == 2 + 6 + 10 + 24
    first = [c.value for c in sheet[3]]
    assert first[:4] == ["2026年第7次", "第1项", "河口乡", "对接在谈企业落实投资协议"]
    assert first[5].date() == date(2026, 9, 15)
    assert sheet["F3"].number_format == "yyyy-mm-dd"
    # The 专题 meeting's: a lead leader and supporting units, by name.
    special = [
        row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "2026年第8次"
    ]
    assert [row[9:11] for row in special] == [
        ("王建国副区长", "区住建局、区行政审批局"),
        ("王建国副区长", "区自然资源局"),
    ]
    # Carried over, said by meeting and number: never an id.
    carried = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[13]]
    assert [(row[0], row[1], row[13], row[14]) for row in carried] == [
        ("2026年第9次", "第9项", "第7次会议第1项", "第10次会议第1项"),
        ("2026年第10次", "第1项", "第9次会议第9项", None),
    ]
    assert carried[1][12] == "红灯"
    ids = {c.id for c in demo_store.commitments(include_archive=True)}
    shown = {str(v) for row in sheet.iter_rows(values_only=True) for v in row if v}
    assert not ids & shown


def _rows(store: Store, only: CommitmentFilter) -> list[tuple[object, ...]]:
    """Meeting, number and unit of each row."""
    return [tuple(row[:3]) for row in table_of(store, only).rows]


def test_filters_by_unit_status_period_and_overdue(demo_store: Store) -> None:
    assert _rows(demo_store, CommitmentFilter(unit_id="u014")) == [
        ("2026年第7次", "第1项", "河口乡"),
        ("2026年第9次", "第9项", "河口乡"),
        ("2026年第10次", "第1项", "河口乡"),
    ]
    partial = _rows(demo_store, CommitmentFilter(status=Status.PARTIAL))
    assert [row[2] for row in partial] == ["区行政审批局", "青石镇", "经济开发区"]
    assert len(_rows(demo_store, CommitmentFilter(period=Period(2026, 9)))) == 24
    overdue = table_of(demo_store, CommitmentFilter(overdue_on=TODAY)).rows
    assert ("2026年第10次", "第24项", "马集镇") in [tuple(row[:3]) for row in overdue]
    assert all(row[12] == "红灯" for row in overdue)
    assert _rows(demo_store, CommitmentFilter(unit_id="u014", overdue_on=TODAY)) == [
        ("2026年第10次", "第1项", "河口乡")
    ]
    rows = {
        row[1]: row for row in table_of(demo_store, CommitmentFilter(period=Period(2026, 9))).rows
    }
    assert rows["第4项"][12] == "黄灯"  # due in two days


def test_csv_round_trip_keeps_text_and_numbers(demo_store: Store) -> None:
    table = table_of(demo_store, CommitmentFilter(period=Period(2026, 9)), lang="en")
    rows = list(csv.reader(io.StringIO(render_csv(table))))
    assert rows[0][:7] == ["Meeting", "No.", "Unit", "Commitment", "Owner", "Due", "Due now"]
    assert len(rows) == 1 + 24
    by_number = {row[1]: row for row in rows[1:]}
    assert by_number["No. 2"][:11] == [
        "No. 10 of 2026",
        "No. 2",
        "城关镇",
        "实际使用外资到位500万美元",
        "刘晓东",
        "2026-11-13",
        "",
        "500",
        "Foreign capital used (万美元)",
        "",
        "",
    ]
    assert by_number["No. 3"][7] == "1.5"
    assert by_number["No. 3"][9:11] == ["王建国副区长", "西城街道"]
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
    for row, text in enumerate(DANGEROUS, start=3):
        cell = sheet.cell(row, 1)
        # Exactly as typed, no visible apostrophe: stored as text, marked quotePrefix.
        assert cell.data_type == "s" and cell.value == text and cell.quotePrefix
        assert sheet.cell(row, 2).value == -3.5 and sheet.cell(row, 2).data_type == "n"
    assert sheet.cell(len(DANGEROUS) + 3, 1).value == "安全"


def test_unit_names_with_formulas_are_neutralised_in_the_task_table() -> None:
    unit = Unit("u001", "=1+1")
    commitment = Commitment("2026-10.1", "u001", "@cmd", "-张三", date(2026, 12, 1))
    table = commitment_table([commitment], [unit], [], today=TODAY, lang="zh")
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx([table]))).active
    cells = [sheet["C3"], sheet["D3"], sheet["E3"]]
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


@pytest.mark.parametrize(
    "only",
    [CommitmentFilter(overdue_on=TODAY), CommitmentFilter(status=Status.OPEN), None],
    ids=["overdue", "open", "all"],
)
def test_the_task_table_of_the_command_line_reads_only_the_meetings_it_names(
    demo_store: Store, only: CommitmentFilter | None
) -> None:
    """`diaodu commitments --overdue` names each commitment by its meeting, reading only
    the meetings of the commitments listed: the same table as with every meeting read."""
    from agenda.usecases.district import District
    from agenda.usecases.reports import task_table

    got = task_table(District(demo_store, lambda: datetime(2026, 11, 22, 9, 0)), only, "zh")
    every_meeting = commitment_table(
        demo_store.commitments(include_archive=only is None),  # open ones: none archived
        demo_store.units(),
        demo_store.metrics(),
        today=TODAY,
        lang="zh",
        only=only,
        meetings=demo_store.meetings(include_archive=True),
    )
    assert got.rows == every_meeting.rows
    assert any(row[0] for row in got.rows)  # the meetings are named
