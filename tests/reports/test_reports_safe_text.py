"""Exports are safe to open: a text a spreadsheet would run as a formula arrives as the
text that was typed, in CSV (neutralised) and in Excel (stored as text), never evaluated."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from agenda.reports.csvfile import render_csv
from agenda.reports.document import Column, Kind, Table
from agenda.reports.excel import render_xlsx

# Whitespace before the formula character does not make it safe: Excel and LibreOffice
# trim it, and a line feed then "=" was passed through as it was.
RISKY = [
    "=1+1",
    "\n=1+1",
    ' =HYPERLINK("http://x")',
    "\r\n@SUM(A1)",
    "  +86 138",
    "\t-2",
    "\n",
    "-减少",
]
SAFE = ["城关镇", "a=b", "1+1", "", "签约 -2"]


def _table(texts: list[str]) -> Table:
    return Table(
        "t",
        (Column("名称"), Column("值", Kind.NUMBER)),
        tuple((text, -2.5) for text in texts),
    )


def test_csv_neutralises_whitespace_then_a_formula_character() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(_table(RISKY + SAFE)), newline="")))
    assert [row[0] for row in rows[1:]] == ["'" + text for text in RISKY] + SAFE
    assert all(row[1] == "-2.5" for row in rows[1:])  # numbers stay numbers


@pytest.mark.parametrize("text", RISKY + SAFE[:2])
def test_excel_keeps_text_exactly_as_typed_and_never_a_formula(text: str) -> None:
    table = Table("t", (Column(text), Column("值", Kind.NUMBER)), ((text, -2.5),))
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx([table]))).active
    for cell in (sheet["A2"], sheet["A3"]):  # the header and the value (under the title)
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix is (text in RISKY)
    assert sheet["B3"].value == -2.5 and sheet["B3"].data_type == "n"


def test_a_title_that_would_run_is_kept_as_text() -> None:
    table = Table("=cmd|' /C calc'!A0", (Column("名称"), Column("值")), (("a", "b"),))
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx([table]))).active
    assert sheet["A1"].value == "=cmd|' /C calc'!A0" and sheet["A1"].data_type == "s"
