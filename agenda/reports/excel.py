"""Tables as an Excel workbook (.xlsx): one sheet per table, numbers stay numbers.

A percentage is stored as its fraction with a percent format (115.26% is 1.1526 shown
'0.00%'), so the office can sort, sum and chart it; text that Excel would run as a
formula is stored as text, marked the way Excel marks text typed after an apostrophe
(`quotePrefix`): it shows exactly as typed, with no apostrophe, and is never evaluated.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from agenda.reports.cells import runs_as_formula
from agenda.reports.document import Column, Kind, Table, Value

FORMATS = {
    Kind.INTEGER: "0",
    Kind.PERCENT: "0.00%",
    Kind.CHANGE: "+0.0%;-0.0%;0.0%",
    Kind.POINTS: "+0.0;-0.0;0.0",
    Kind.DATE: "yyyy-mm-dd",
}
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def number_format(column: Column, values: list[Value]) -> str | None:
    """The column's decimals as the documents show them: a count whole, an amount with
    two places, a percentage with the district's places."""
    digits = column.digits
    if column.kind is Kind.NUMBER:
        if digits is not None:
            return COUNT_FORMAT if digits == 0 else "#,##0." + "0" * digits
        numbers = [v for v in values if isinstance(v, int | float)]
        return COUNT_FORMAT if all(float(v).is_integer() for v in numbers) else AMOUNT_FORMAT
    if column.kind is Kind.PERCENT and digits is not None:
        return "0%" if digits == 0 else "0." + "0" * digits + "%"
    return FORMATS.get(column.kind)


def cell_value(value: Value, kind: Kind) -> object:
    if value is None:
        return None
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, date):
        return value
    if kind in (Kind.PERCENT, Kind.CHANGE):
        return value / 100
    return value


def keep_as_text(cell: Any) -> None:
    """Text that Excel would run (openpyxl writes "=..." as a formula) is stored as text."""
    if isinstance(cell.value, str) and runs_as_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ ; names must differ."""
    base = SHEET_NAME_BAD.sub("_", name).strip("'")[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_ROW, HEADER_ROW = 1, 2


def _print_setup(sheet: Any) -> None:
    """A4 landscape, every column on the page's width, the title and the header on every
    printed page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{TITLE_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def render_xlsx(tables: list[Table], title: str = "") -> bytes:
    """One sheet per table: a title row merged over its columns (`title` and the table's
    name), the header, the rows; thin borders, the numbers' formats as the documents show
    them, the header frozen, printed A4 landscape to the page's width."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(sheet_name(table.name, taken))
        heading = f"{title}（{table.name}）" if title and title != table.name else table.name
        sheet.append([cell_value(heading, Kind.TEXT)])
        width = len(table.columns)
        if width > 1:
            sheet.merge_cells(
                start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width
            )
        top = sheet.cell(TITLE_ROW, 1)
        top.font = Font(bold=True, size=14)
        top.alignment = Alignment(horizontal="center", vertical="center")
        sheet.row_dimensions[TITLE_ROW].height = 28
        sheet.append([cell_value(header, Kind.TEXT) for header in table.headers])
        for cell in sheet[HEADER_ROW]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in table.rows:
            sheet.append(
                [cell_value(value, c.kind) for value, c in zip(row, table.columns, strict=True)]
            )
        for cells in sheet.iter_rows(min_row=HEADER_ROW):
            for cell in cells:
                keep_as_text(cell)
                cell.border = BORDER
        keep_as_text(top)
        for index, column in enumerate(table.columns, start=1):
            values = [row[index - 1] for row in table.rows]
            fmt = number_format(column, values)
            letter = get_column_letter(index)
            if fmt:
                for (cell,) in sheet.iter_rows(
                    min_row=HEADER_ROW + 1, min_col=index, max_col=index
                ):
                    cell.number_format = fmt
            shown = [_width(column.header)] + [_width(str(v)) for v in values if v is not None]
            sheet.column_dimensions[letter].width = min(60, max(8, max(shown) + 2))
        sheet.freeze_panes = f"A{HEADER_ROW + 1}"
        _print_setup(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
