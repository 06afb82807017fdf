"""A document as a Word file (.docx) with real headings and tables."""

from __future__ import annotations

import io

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from agenda.reports.cells import display
from agenda.reports.document import Bullets, Document, Heading, Kind, Paragraph, Table

# Without an East Asian font on the styles, Word picks one per machine; offices use 宋体.
EAST_ASIAN_FONT = "宋体"
STYLED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet")


def _chinese_fonts(document: docx.document.Document) -> None:
    for name in STYLED:
        style = document.styles[name]
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _table(document: docx.document.Document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    # The header row repeats on every page a long ranking runs over.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(header)
        run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value, column in zip(cells, row, table.columns, strict=True):
            cell.text = display(value, column.kind, column.digits)
            if column.kind not in (Kind.TEXT, Kind.DATE):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)


def render_docx(document: Document) -> bytes:
    word = docx.Document()
    _chinese_fonts(word)
    word.core_properties.title = document.title
    if document.wide:
        section = word.sections[0]
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    word.add_heading(document.title, 0)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, min(max(block.level, 1), 9))
        elif isinstance(block, Paragraph):
            word.add_paragraph(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        else:
            _table(word, block)
            word.add_paragraph()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
