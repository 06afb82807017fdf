"""A table as CSV: numbers as numbers, text a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io

from agenda.reports.cells import csv_cell
from agenda.reports.document import Table


def render_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def csv_bytes(table: Table) -> bytes:
    """For a file: UTF-8 with a byte-order mark, or Excel on Chinese Windows shows 乱码."""
    return render_csv(table).encode("utf-8-sig")
