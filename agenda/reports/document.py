"""A report as plain data: headings, paragraphs and tables whose columns know their kind.

The kind of a column decides how a value looks in Markdown and Word (via agenda.numbers)
and which number format it gets in Excel, so a percentage stays a number in a spreadsheet.

A document also carries the parts of a 公文 around its body (GB/T 9704-2012): the 文号
line, the 主送 line, the 发文机关署名 and 成文日期 at the end, its 附件 (each on a new page)
and the 版记 (抄送, 印发). A part left empty is left out.
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
    """一、 (1), （一） (2), 1. (3), (1) (4): the text carries its own number."""

    text: str
    level: int = 1  # 0 is the document's title


class Align(StrEnum):
    BODY = "body"  # justified, its first line indented two characters
    PLAIN = "plain"  # flush left: the 主送 line, a line of a list of facts
    CENTER = "center"


@dataclass(frozen=True)
class Paragraph:
    text: str
    align: Align = Align.BODY
    lead: str = ""  # a lead-in set in 黑体 before the text: "时间：", "会议指出，"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


Block = Heading | Paragraph | Bullets | Table


@dataclass(frozen=True)
class Annex:
    """附件: on a page of its own after the body, named in the 附件说明."""

    title: str
    blocks: tuple[Block, ...] = ()
    # Tables of many rows and columns (a bulletin's every metric): small type (小五), the
    # sentences between them in 小四, so that a metric of 40 units takes one page.
    wide: bool = False
    landscape: bool = False  # its pages turned


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    wide: bool = False  # tables of many columns: print it landscape
    lang: str = "zh"  # a Chinese document is laid out as a 公文; an English one plainly
    issuer: str = ""  # 发文机关标志: the office's name over the 文号 (a bulletin's)
    number: str = ""  # 文号: 楼招办〔2026〕12号
    addressee: str = ""  # 主送: 各乡镇（街道）、各园区、区直各部门：
    signature: str = ""  # 发文机关署名, at the end of the body
    dated: date | None = None  # 成文日期, under the signature
    annexes: tuple[Annex, ...] = ()
    copies: str = ""  # 抄送 (版记)
    printed: str = ""  # 印发机关 (版记), with `dated` as 印发日期

    def tables(self) -> list[Table]:
        blocks = [*self.blocks, *(block for annex in self.annexes for block in annex.blocks)]
        return [block for block in blocks if isinstance(block, Table)]
