"""Excel sheets (.xlsx) as `agenda.tables.Table`, so imports read them like CSV.

Rows keep the numbers Excel shows at the left (row 5 is line 5), numbers stay numbers,
and a title row above the header ("2026年1-10月招商引资完成情况表", one merged cell) is
passed over: the header is the first row with two or more filled cells.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from agenda.errors import InputError
from agenda.tables import Table, table_from_cells

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def _cell(value: object, number_format: str = "General") -> object:
    """Numbers as they are; a date Excel made of "2026-10" back to the month it was;
    a cell shown as 62.5% (stored 0.625) as 62.5, the percent a rate is kept in."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return round(value * 100, 10)
    if isinstance(value, datetime | date):
        midnight = not isinstance(value, datetime) or value.time() == datetime.min.time()
        if value.day == 1 and midnight:
            return f"{value.year:04d}-{value.month:02d}"
        return f"{value:%Y-%m-%d}"
    if isinstance(value, str):
        return value.strip()
    return value


def _filled(cells: list[object]) -> int:
    return sum(1 for cell in cells if str(cell).strip() != "")


def read_xlsx(path: Path | str, sheet: str | None = None) -> Table:
    source = str(path)
    if Path(path).suffix.lower() == ".xls":
        raise InputError("an old .xls workbook: save it as .xlsx in Excel first", source=source)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError("no such file", source=source) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise InputError("not an Excel .xlsx workbook (or a damaged one)", source=source) from None
    try:
        if sheet is None:
            worksheet = book.worksheets[0]
        elif sheet in book.sheetnames:
            worksheet = book[sheet]
        else:
            names = ", ".join(book.sheetnames)
            raise InputError(f"no sheet {sheet!r}; the workbook has: {names}", source=source)
        lines: list[tuple[int, list[object]]] = []
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            cells = [_cell(cell.value, getattr(cell, "number_format", "General")) for cell in row]
            if not lines and _filled(cells) < 2:
                continue  # a title above the header, or nothing
            if _filled(cells):
                lines.append((number, cells))
        name = worksheet.title
    finally:
        book.close()
    if not lines:
        raise InputError("no header row: the sheet is empty", source=source, sheet=name)
    while lines[0][1] and _filled(lines[0][1][-1:]) == 0:
        lines[0][1].pop()  # trailing empty header cells: read-only sheets report a wide range
    try:
        return table_from_cells(source, lines, sheet=name)
    except InputError as error:
        raise located(error, None) from None


def column_name(table: Table | None, header: str) -> str:
    """'C (签约金额)': the column's letter, then its header."""
    if table is None or header not in table.header:
        return header
    return f"{get_column_letter(table.header.index(header) + 1)} ({header})"


def located(error: InputError, table: Table | None) -> InputError:
    """An error from a sheet said with row and column letter; others as they are."""
    if error.sheet is None:
        return error
    column = error.column
    if isinstance(column, str):
        column = column_name(table, column)
    return error.at(column=column)
