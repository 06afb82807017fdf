"""Read a file into a table: a CSV file in any of the encodings offices save, or a sheet of
an .xlsx workbook. Rows remember where they came from (line, or sheet and row), so every
later refusal can say where.

Excel rows keep the numbers Excel shows at the left (row 5 is line 5), numbers stay
numbers, and a title row above the header ("2026年1-10月招商引资完成情况表", one merged
cell) is passed over: the header is the first row with two or more filled cells.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from agenda.errors import InputError
from agenda.importing.number import Percent

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Row:
    line: int  # 1-based, as a spreadsheet shows it
    cells: dict[str, object]  # header → cell value (str from CSV; numbers too from Excel)


@dataclass(frozen=True)
class Table:
    source: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    sheet: str | None = None
    header_line: int = 1

    def error(
        self, code: str, line: int | None = None, column: str | None = None, **params: Any
    ) -> InputError:
        """An error at a line (a sheet's row) and column of this table; in a sheet the
        column is said with its letter: 'C (签约金额)'."""
        return InputError(
            code,
            source=self.source,
            line=line,
            column=self.column_name(column) if column is not None else None,
            sheet=self.sheet,
            **params,
        )

    def column_name(self, header: str) -> str:
        if self.sheet is None or header not in self.header:
            return header
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.header.index(header) + 1)} ({header})"


def read_table(path: Path | str, *, sheet: str | None = None) -> Table:
    """A .csv file, or the first (or the named) sheet of an .xlsx workbook."""
    suffix = Path(path).suffix.lower()
    if suffix in (*EXCEL_SUFFIXES, ".xls"):
        return read_xlsx(path, sheet)
    if sheet is not None:
        raise InputError("import.sheet_not_excel", source=str(path))
    return read_csv(path)


# --- CSV ----------------------------------------------------------------------------------
ENCODINGS_TRIED = "UTF-8, UTF-8 with BOM, GB18030"


def decode_text(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM); else GB18030, which Excel on Chinese Windows writes.

    GB18030 decodes almost any bytes: a Latin-1 "Städt" reads as "St鋎t" and a Big5 file
    as kana and private-use characters. Such a reading is refused, never guessed at."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and plausible_chinese(text):
        return text
    raise InputError("import.encoding", source=source, tried=ENCODINGS_TRIED)


# Characters a Chinese office's table is written in, besides ASCII: ideographs, CJK and
# full-width punctuation, and the symbols such tables use (①, Ⅱ, ×, ℃, ■, ≥).
_CHINESE_TEXT = (
    (0x00A0, 0x00BF),  # Latin-1 signs: ° ± · §
    (0x00D7, 0x00D7),  # ×
    (0x00F7, 0x00F7),  # ÷
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x21FF),  # letterlike symbols, Roman numerals, arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2460, 0x24FF),  # ① ⑴ ⒈
    (0x25A0, 0x25FF),  # ■ □ ▲ ○
    (0x3000, 0x303F),  # CJK punctuation
    (0x3400, 0x4DBF),  # ideographs, extension A
    (0x4E00, 0x9FFF),  # ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # vertical forms
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3134F),  # ideographs, extensions B to G
)


def _chinese_text(char: str) -> bool:
    code = ord(char)
    return code < 0x80 or any(low <= code <= high for low, high in _CHINESE_TEXT)


def _common(char: str) -> bool:
    """In GB2312: the 6,763 ideographs (and symbols) nearly every Chinese text keeps to."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def plausible_chinese(text: str) -> bool:
    """Whether text decoded as GB18030 reads as Chinese rather than as another encoding's
    bytes: no kana, Cyrillic, box drawing or private-use characters (a Big5 file); no
    rare ideograph against a Latin letter ("St鋎t": Latin-1 ä and d); and rare ideographs
    (outside GB2312) not more than a quarter of them all (Big5 text that avoided both)."""
    if not all(_chinese_text(char) for char in text):
        return False
    ideographs = rare = 0
    for index, char in enumerate(text):
        if ord(char) < 0x3400 or not _chinese_text(char) or char.isascii():
            continue
        ideographs += 1
        if _common(char):
            continue
        rare += 1
        neighbours = text[max(index - 1, 0) : index] + text[index + 1 : index + 2]
        if any(n.isascii() and n.isalpha() for n in neighbours):
            return False
    return rare < 2 or rare * 4 <= ideographs


def read_csv(path: Path | str) -> Table:
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("import.no_such_file", source=source) from None
    except OSError as error:
        raise InputError("import.unreadable", source=source, reason=_reason(error)) from None
    return parse_csv(decode_text(raw, source), source)


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def parse_csv(text: str, source: str) -> Table:
    reader = csv.reader(io.StringIO(text))
    lines: list[tuple[int, list[object]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                lines.append((reader.line_num, list(row)))
    except csv.Error as error:
        # The csv module's own limit (131,072 characters a cell) or a broken quote.
        line = reader.line_num if reader.line_num else None
        if "field larger than field limit" in str(error):
            limit = f"{csv.field_size_limit():,}"
            raise InputError(
                "import.cell_too_long", source=source, line=line, limit=limit
            ) from None
        raise InputError("import.not_csv", source=source, line=line) from None
    if not lines:
        raise InputError("import.empty_file", source=source)
    return table_from_cells(source, lines)


def table_from_cells(
    source: str, lines: list[tuple[int, list[object]]], sheet: str | None = None
) -> Table:
    """The first line is the header; later lines become rows keyed by it. A header
    with nothing below it is refused: there is nothing to import."""
    header_line, header_cells = lines[0]
    header = tuple(str(cell).strip() if cell is not None else "" for cell in header_cells)
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise InputError(
                "import.column_twice", source=source, line=header_line, sheet=sheet, name=name
            )
        seen.add(name)
    rows = []
    for number, cells in lines[1:]:
        if len(cells) > len(header) and any(str(c).strip() for c in cells[len(header) :]):
            raise InputError(
                "import.too_many_cells",
                source=source,
                line=number,
                sheet=sheet,
                cells=len(cells),
                columns=len(header),
            )
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        rows.append(Row(number, values))
    if not rows:
        raise InputError("import.nothing", source=source, sheet=sheet)
    return Table(source, header, tuple(rows), sheet, header_line)


# --- Excel --------------------------------------------------------------------------------
def _cell(value: object, number_format: str = "General") -> object:
    """Numbers as they are; a date Excel made of "2026-10" back to the month it was;
    a cell shown as 62.5% (stored 0.625) as 62.5, a Percent: only a rate may be one."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return Percent(round(value * 100, 10))
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


def _open(path: Path | str, source: str, *, formulas: bool) -> Any:
    # openpyxl loads here, with the first workbook: the number parser and CSV imports
    # come through this package, and a figure typed on a screen should not wait for it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=not formulas)
    except FileNotFoundError:
        raise InputError("import.no_such_file", source=source) from None
    except (InvalidFileException, zipfile.BadZipFile, OSError):
        raise InputError("import.not_xlsx", source=source) from None
    except (KeyError, AttributeError, TypeError, ValueError, IndexError):
        # openpyxl's reader stumbling over parts it cannot read (an empty chart sheet):
        # for the user, a workbook this program cannot read.
        raise InputError("import.not_xlsx", source=source) from None


def _worksheet(book: Any, sheet: str | None, source: str) -> Any:
    """The first sheet of cells, or the one named; a chart sheet has no cells to read."""
    worksheets = {worksheet.title: worksheet for worksheet in book.worksheets}
    if not worksheets:
        raise InputError("import.no_worksheets", source=source)
    if sheet is None:
        return next(iter(worksheets.values()))
    if sheet in worksheets:
        return worksheets[sheet]
    names = ", ".join(worksheets)
    raise InputError("import.no_such_sheet", source=source, sheet_asked=sheet, sheets=names)


def _formulas(path: Path | str, sheet: str | None, source: str) -> set[tuple[int, int]]:
    """Where the sheet has formulas: (row, column), both from 1."""
    book = _open(path, source, formulas=True)
    try:
        worksheet = _worksheet(book, sheet, source)
        return {
            (number, column)
            for number, row in enumerate(worksheet.iter_rows(), start=1)
            for column, cell in enumerate(row, start=1)
            if getattr(cell, "data_type", None) == "f"
        }
    finally:
        book.close()


def _no_value(source: str, sheet: str, row: int, column: int, header: list[object]) -> InputError:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column)
    title = str(header[column - 1]).strip() if column <= len(header) else ""
    return InputError(
        "import.formula_no_value",
        source=source,
        sheet=sheet,
        line=row,
        column=f"{letter} ({title})" if title else letter,
        cell=f"{letter}{row}",
    )


def read_xlsx(path: Path | str, sheet: str | None = None) -> Table:
    source = str(path)
    if Path(path).suffix.lower() == ".xls":
        raise InputError("import.old_xls", source=source)
    # A formula keeps the value last calculated by Excel or WPS; a workbook written by a
    # program and never opened there has none, and reading it empty would lose a figure.
    formulas = _formulas(path, sheet, source)
    book = _open(path, source, formulas=False)
    try:
        worksheet = _worksheet(book, sheet, source)
        name = worksheet.title
        lines: list[tuple[int, list[object]]] = []
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            for column, cell in enumerate(row, start=1):
                if cell.value is None and (number, column) in formulas:
                    raise _no_value(source, name, number, column, lines[0][1] if lines else [])
            cells = [_cell(cell.value, getattr(cell, "number_format", "General")) for cell in row]
            if not lines and _filled(cells) < 2:
                continue  # a title above the header, or nothing
            if _filled(cells):
                lines.append((number, cells))
    finally:
        book.close()
    if not lines:
        raise InputError("import.empty_sheet", source=source, sheet=name)
    while lines[0][1] and _filled(lines[0][1][-1:]) == 0:
        lines[0][1].pop()  # trailing empty header cells: read-only sheets report a wide range
    return table_from_cells(source, lines, sheet=name)
