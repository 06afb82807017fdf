"""A report as plain data: headings, paragraphs and tables whose columns know their kind.

The kind of a column decides how a value looks in Markdown and Word (via agenda.numbers)
and which number format it gets in Excel, so a percentage stays a number in a spreadsheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"  # a rank, a count
    NUMBER = "number"  # an amount or a rate's value, as reported
    PERCENT = "percent"  # a share in percent units: 115.26 means 115.26%
    CHANGE = "change"  # a signed growth in percent units: +10.1%
    POINTS = "points"  # signed percentage points: +9.2
    DATE = "date"


Value = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    # Decimals of a NUMBER or PERCENT column, by its measure (agenda.numbers.measure_digits):
    # a column of counts is whole, of amounts two places. None: as the value needs.
    digits: int | None = None


@dataclass(frozen=True)
class Table:
    """Rows of typed cells; `name` titles its Excel sheet."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"{self.name}: a row of {len(row)} cells for {len(self.columns)}")

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 0 is the document's title


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


Block = Heading | Paragraph | Bullets | Table


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    wide: bool = False  # tables of many columns: print it landscape

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
