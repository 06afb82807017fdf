"""A table as CSV: numbers as numbers, text a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io

from agenda.reports.cells import csv_cell
from agenda.reports.document import Column, Kind, Table


def csv_header(column: Column) -> str:
    """A share or a growth is written as 115.26, so its header says the unit: 完成率(%),
    环比(%). A change in points says so in its own header: 同比(百分点)."""
    percent = column.kind in (Kind.PERCENT, Kind.CHANGE) and not column.header.endswith("%)")
    return csv_cell(f"{column.header}(%)" if percent else column.header)


def render_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_header(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def csv_bytes(table: Table) -> bytes:
    """For a file: UTF-8 with a byte-order mark, or Excel on Chinese Windows shows 乱码."""
    return render_csv(table).encode("utf-8-sig")
