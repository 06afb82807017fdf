"""Tabular input (CSV now, Excel sheets too) as rows that remember where they came from."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from agenda.errors import InputError


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

    def error(self, message: str, line: int | None = None, column: str | None = None) -> InputError:
        return InputError(message, source=self.source, line=line, column=column, sheet=self.sheet)


def decode_text(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM); else GB18030, which Excel on Chinese Windows writes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("neither UTF-8 nor GB18030 text", source=source)


def read_csv(path: Path | str) -> Table:
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InputError(error.strerror or "cannot be read", source=source) from None
    return parse_csv(decode_text(raw, source), source)


def parse_csv(text: str, source: str) -> Table:
    reader = csv.reader(io.StringIO(text))
    lines: list[tuple[int, list[object]]] = [
        (reader.line_num, list(row)) for row in reader if any(cell.strip() for cell in row)
    ]
    if not lines:
        raise InputError("the file is empty", source=source)
    return table_from_cells(source, lines)


def table_from_cells(
    source: str, lines: list[tuple[int, list[object]]], sheet: str | None = None
) -> Table:
    """The first line is the header; later lines become rows keyed by it."""
    header_line, header_cells = lines[0]
    header = tuple(str(cell).strip() if cell is not None else "" for cell in header_cells)
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise InputError(
                f"column {name!r} appears twice in the header",
                source=source,
                line=header_line,
                sheet=sheet,
            )
        seen.add(name)
    rows = []
    for number, cells in lines[1:]:
        if len(cells) > len(header) and any(str(c).strip() for c in cells[len(header) :]):
            raise InputError(
                f"{len(cells)} cells but the header has {len(header)}",
                source=source,
                line=number,
                sheet=sheet,
            )
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        rows.append(Row(number, values))
    return Table(source, header, tuple(rows), sheet, header_line)
