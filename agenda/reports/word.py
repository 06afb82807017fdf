"""A document as a Word file (.docx) the office sends as it is.

A Chinese document is laid out as a 公文 (GB/T 9704-2012, `agenda.reports.gongwen`): the
issuing office and the 文号 over a red rule, the title, the 主送 line, the body, the
附件说明, the 发文机关署名 and 成文日期, each 附件 on a new page, and the 版记 (抄送, 印发)
last. An English one keeps the page and the parts, set plainly in Times New Roman.
"""

from __future__ import annotations

import io
from datetime import date

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Pt, RGBColor, Twips
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from agenda.reports import gongwen
from agenda.reports.cells import display
from agenda.reports.document import (
    Align,
    Annex,
    Block,
    Bullets,
    Document,
    Heading,
    Kind,
    Paragraph,
    Table,
)
from agenda.reports.gongwen import Face, Layout

RED = RGBColor(0xC0, 0x00, 0x00)  # the 版头's issuing office and its rule
HEADING_STYLES = gongwen.HEADING_STYLES
ALIGN = {
    Align.BODY: WD_ALIGN_PARAGRAPH.JUSTIFY,
    Align.PLAIN: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
}


def chinese_date(day: date) -> str:
    """2026年10月29日: how a 公文 writes its date (Arabic numerals, GB/T 9704 7.3.5)."""
    return f"{day.year}年{day.month}月{day.day}日"


def english_date(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.layout = Layout.of(document.lang)
        self.word: WordDocument = gongwen.new_document(self.layout)
        self.word.core_properties.title = document.title
        self.word.core_properties.language = "zh-CN" if self.layout.chinese else "en-US"
        styles = self.word.styles
        self.table_styles = (
            styles[gongwen.TABLE_TEXT].style_id,
            styles[gongwen.TABLE_TEXT_SMALL].style_id,
        )

    # --- runs and paragraphs -------------------------------------------------------------
    def run(self, paragraph: WordParagraph, text: str, face: Face | None = None) -> None:
        run = paragraph.add_run(text)
        if face is not None:
            gongwen.set_fonts(run._r.get_or_add_rPr(), face)
            run.font.size = face.size
            run.font.bold = face.bold

    def paragraph(
        self, text: str = "", align: Align = Align.BODY, style: str | None = None
    ) -> WordParagraph:
        paragraph = self.word.add_paragraph(style=style)
        if align is not Align.BODY:
            gongwen.no_indent(paragraph)
            paragraph.paragraph_format.alignment = ALIGN[align]
        if text:
            self.run(paragraph, text)
        return paragraph

    def heading(self, text: str, level: int) -> None:
        level = min(max(level, 1), len(HEADING_STYLES))
        paragraph = self.word.add_paragraph(style=HEADING_STYLES[level - 1])
        if not self.layout.chinese:
            gongwen.no_indent(paragraph)
        self.run(paragraph, text)

    def title(self, text: str) -> None:
        """The title centred; a long one broken into lines of about equal length (GB/T
        9704 7.3.1: 梯形或菱形), never one leaving a character alone on its last line."""
        paragraph = self.word.add_paragraph(style="Title")
        gongwen.no_indent(paragraph)
        lines = title_lines(text) if self.layout.chinese else [text]
        for index, line in enumerate(lines):
            if index:
                paragraph.add_run().add_break()
            self.run(paragraph, line)
        # One blank line between the title and the 主送 or the body (GB/T 9704 7.3.1).
        if self.layout.chinese:
            self.paragraph(align=Align.PLAIN)

    # --- the parts of a 公文 ---------------------------------------------------------------
    def masthead(self) -> None:
        """版头: the issuing office in red, the 文号 under it, a red rule."""
        document, layout = self.document, self.layout
        if not (document.issuer and document.number):
            if document.number:
                self.paragraph(document.number, Align.CENTER)
            return
        office = self.paragraph(align=Align.CENTER)
        face = Face(gongwen.XIAOBIAOSONG, size=Pt(26)) if layout.chinese else layout.title
        self.run(office, document.issuer, face)
        office.runs[0].font.color.rgb = RED
        office.paragraph_format.line_spacing = Pt(40)
        self.paragraph(align=Align.PLAIN)
        number = self.paragraph(document.number, Align.CENTER)
        _bottom_rule(number, "C00000", 12)
        self.paragraph(align=Align.PLAIN)

    def closing(self) -> None:
        """附件说明, then 署名 and 成文日期 (GB/T 9704 7.3.5.2: the signature two characters
        in from the right, the date under it moved two characters right)."""
        document = self.document
        if document.annexes:
            self.paragraph(align=Align.PLAIN)
            self.annex_notes(document.annexes)
        if not (document.signature or document.dated):
            return
        self.paragraph(align=Align.PLAIN)
        self.paragraph(align=Align.PLAIN)
        chars = self.layout.body.size.pt * 20  # one character, in twips
        if document.signature:
            signature = self.paragraph(document.signature, Align.PLAIN)
            signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            signature.paragraph_format.right_indent = Pt(2 * self.layout.body.size.pt)
        if document.dated:
            said = (
                chinese_date(document.dated)
                if self.layout.chinese
                else english_date(document.dated)
            )
            dated = self.paragraph(said, Align.PLAIN)
            fmt = dated.paragraph_format
            width = LINE_CHARACTERS - 2 - len(document.signature) + 2
            if document.signature and width + DATE_CHARACTERS <= LINE_CHARACTERS:
                fmt.left_indent = Pt(width * chars / 20)
            else:
                fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                fmt.right_indent = Pt(2 * self.layout.body.size.pt)

    def annex_notes(self, annexes: tuple[Annex, ...]) -> None:
        """附件：1．… 2．…, the numbers under one another."""
        chinese = self.layout.chinese
        for index, annex in enumerate(annexes, start=1):
            number = "" if len(annexes) == 1 else (f"{index}．" if chinese else f"{index}. ")
            lead = ("附件：" if chinese else "Annex: ") if index == 1 else ""
            paragraph = self.paragraph(f"{lead}{number}{annex.title}")
            if index > 1 and chinese:
                # Under the first annex's number: two characters in, then 附件：'s three.
                paragraph.paragraph_format.first_line_indent = Pt(5 * self.layout.body.size.pt)

    def annex(self, index: int, annex: Annex, count: int) -> None:
        """An 附件 on a page of its own: "附件1" in 黑体 at the top left, its title."""
        if annex.landscape:
            gongwen.landscape_section(self.word)
        else:
            page = self.paragraph(align=Align.PLAIN)
            page.add_run().add_break(WD_BREAK.PAGE)
        chinese = self.layout.chinese
        label = ("附件" if chinese else "Annex ") + (str(index) if count > 1 else "")
        label_face = Face(gongwen.HEITI) if chinese else self.layout.headings[0]
        self.run(self.paragraph(align=Align.PLAIN), label.strip(), label_face)
        self.title(annex.title)
        self.blocks(annex.blocks, wide=annex.wide)

    def imprint(self) -> None:
        """版记: 抄送 and 印发 between rules, after the last text. (GB/T 9704 puts it at the
        foot of the last page; a frame anchored there lost its rules in LibreOffice, so it
        stays in the flow: tried and looked at.)"""
        document = self.document
        if not (document.copies or document.printed):
            return
        if document.annexes and document.annexes[-1].landscape:
            gongwen.portrait_section(self.word)
        else:
            self.paragraph(align=Align.PLAIN)
        face = self.layout.footer if self.layout.chinese else self.layout.body
        lines = []
        if document.copies:
            lead = "抄送：" if self.layout.chinese else "Copies: "
            end = "。" if self.layout.chinese and not document.copies.endswith("。") else ""
            lines.append((f"{lead}{document.copies}{end}", False))
        if document.printed:
            day = document.dated
            when = ""
            if day is not None:
                when = f"{chinese_date(day)}印发" if self.layout.chinese else english_date(day)
            lines.append((document.printed + "\t" + when, True))
        for index, (text, printed) in enumerate(lines):
            paragraph = self.paragraph(align=Align.PLAIN)
            fmt = paragraph.paragraph_format
            fmt.left_indent = fmt.right_indent = Pt(face.size.pt)
            if printed:
                _right_tab(paragraph, self.word)
            for part_index, part in enumerate(text.split("\t")):
                if part_index:
                    paragraph.add_run().add_tab()
                self.run(paragraph, part, face)
            # The first and last rules 0.35 mm, the one between 0.25 mm (eighths of a point).
            if index == 0:
                _top_rule(paragraph, "000000", 8)
            _bottom_rule(paragraph, "000000", 8 if index + 1 == len(lines) else 6)

    # --- blocks --------------------------------------------------------------------------
    def blocks(self, blocks: tuple[Block, ...], *, wide: bool = False) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                if block.level == 0:
                    self.title(block.text)
                else:
                    self.heading(block.text, block.level)
            elif isinstance(block, Paragraph):
                style = gongwen.ANNEX_TEXT if wide else None
                paragraph = self.paragraph(align=block.align, style=style)
                if block.lead:
                    self.run(paragraph, block.lead, self.lead_face())
                self.run(paragraph, block.text)
                # "会议强调：" introduces what follows: never last on a page without it.
                if (block.lead + block.text).rstrip().endswith(("：", ":")):
                    paragraph.paragraph_format.keep_with_next = True
            elif isinstance(block, Bullets):
                for item in block.items:
                    self.paragraph(item)
            else:
                self.table(block, wide=wide)

    def lead_face(self) -> Face:
        """A lead-in (会议指出，/ 时间：): 黑体 in a Chinese document, bold in English."""
        if self.layout.chinese:
            return Face(gongwen.HEITI)
        return Face(gongwen.SONGTI, size=self.layout.body.size, bold=True)

    def table(self, table: Table, *, wide: bool) -> None:
        """A grid whose header repeats on each page; numbers flush right, a rank centred, a
        subtotal and the total in bold. The cells take their font from the style (五号 in a
        wide table): only the header and the totals name theirs. Each column as wide as
        what it holds needs, of the width of the page."""
        style = self.table_styles[1 if wide else 0]
        size = gongwen.SIZE_SMALL_5 if wide else self.layout.table.size
        grid = self.word.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        # Each row's cells read once, straight from the XML: python-docx's `row.cells`
        # walks the whole table for every row (quadratic in a long ranking).
        rows = [[_Cell(tc, grid) for tc in tr.tc_lst] for tr in grid._tbl.tr_lst]
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        grid.rows[0]._tr.get_or_add_trPr().append(repeat)
        header = (
            Face(gongwen.HEITI, size=size)
            if self.layout.chinese
            else Face(gongwen.SONGTI, size=size, bold=True)
        )
        for cell, text in zip(rows[0], table.headers, strict=True):
            self.cell(cell, style, text, WD_ALIGN_PARAGRAPH.CENTER, header)
        bold = Face(self.layout.table.east_asian, size=size, bold=True)
        for row, cells in zip(table.rows, rows[1:], strict=True):
            total = _is_total(row)
            for index, (cell, value, column) in enumerate(
                zip(cells, row, table.columns, strict=True)
            ):
                numeric = column.kind not in (Kind.TEXT, Kind.DATE)
                align = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
                if column.kind is Kind.INTEGER and index == 0:
                    align = WD_ALIGN_PARAGRAPH.CENTER
                shown = (
                    "" if total and value is None else display(value, column.kind, column.digits)
                )
                self.cell(cell, style, shown, align, bold if total else None)
        _keep_rows_whole(grid)
        self.column_widths(grid, table, wide=wide)
        # A little air between a table and what follows it.
        self.paragraph(align=Align.PLAIN).paragraph_format.line_spacing = Pt(12)

    def column_widths(self, grid: WordTable, table: Table, *, wide: bool) -> None:
        section = self.word.sections[-1]
        total = int(section.page_width or 0) - int(section.left_margin or 0)
        total -= int(section.right_margin or 0)
        size = (gongwen.SIZE_SMALL_5 if wide else self.layout.table.size).pt
        needs = []
        for index, column in enumerate(table.columns):
            # A subtotal's name ("乡镇（街道）小计") and a header may wrap: they do not widen
            # their column.
            shown = [
                display(row[index], column.kind, column.digits)
                for row in table.rows
                if column.kind is not Kind.TEXT or not _is_total(row)
            ]
            content = max((_visual(text) for text in shown), default=0)
            header = min(_visual(column.header), 4 if wide else 8)
            # A Chinese character is `size` points wide, a digit or sign about 0.6 of it
            # (the "%" more): half characters of 0.6 × size points, in twips; then margins.
            needs.append(max(content, header, 4) * size * 0.6 * 20 + CELL_MARGINS)
        spare = Emu(total).twips - sum(needs)
        widths = [Emu(int(Twips(int(need + spare * need / sum(needs))))) for need in needs]
        grid.autofit = False
        for gridcol, width in zip(grid._tbl.tblGrid.gridCol_lst, widths, strict=True):
            gridcol.w = width
        for tr in grid._tbl.tr_lst:
            for tc, width in zip(tr.tc_lst, widths, strict=True):
                tc.width = width

    def cell(
        self, cell: _Cell, style: str, text: str, align: WD_ALIGN_PARAGRAPH, face: Face | None
    ) -> None:
        """The cell's paragraph written straight into the XML: the style by its id, the
        alignment, one run. python-docx's setters look the style up among all of them and
        find each child's place by searching: 11 s for the thousands of cells of a
        bulletin's annex; this takes a tenth of a second."""
        paragraph = cell._tc.p_lst[0]
        properties = OxmlElement("w:pPr")
        properties.append(_valued("w:pStyle", style))
        properties.append(_valued("w:jc", JC[align]))
        paragraph.append(properties)
        if not text:
            return
        run = OxmlElement("w:r")
        if face is not None:
            fonts = OxmlElement("w:rPr")
            gongwen.set_fonts(fonts, face)
            if face.bold:
                fonts.append(OxmlElement("w:b"))
            fonts.append(_valued("w:sz", str(int(face.size.pt * 2))))
            fonts.append(_valued("w:szCs", str(int(face.size.pt * 2))))
            run.append(fonts)
        said = OxmlElement("w:t")
        said.set(qn("xml:space"), "preserve")
        said.text = text
        run.append(said)
        paragraph.append(run)

    # --- the whole -----------------------------------------------------------------------
    def write(self) -> bytes:
        document = self.document
        self.masthead()
        self.title(document.title)
        if document.addressee:
            self.paragraph(document.addressee, Align.PLAIN)
        self.blocks(document.blocks, wide=document.wide)
        self.closing()
        for index, annex in enumerate(document.annexes, start=1):
            self.annex(index, annex, len(document.annexes))
        self.imprint()
        if document.wide:
            section = self.word.sections[0]
            gongwen.set_page(section, landscape=True)
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()


CELL_MARGINS = 2 * 108 + 40  # twips: Table Grid's left and right cell margins, and a little
LINE_CHARACTERS = 28  # a line of the type area, in characters of 3号
DATE_CHARACTERS = 8  # 2026年11月22日: three characters and four digit pairs, about


JC = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
}


def _valued(tag: str, value: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


TITLE_LINE = 19  # characters of 2号 on a line of the type area (20, less the autospace)


BREAK_AFTER = "年次月的会上于、，"  # where a title reads on across a line break


def title_lines(text: str) -> list[str]:
    """A title on one line of 2号, or on two at a boundary that reads (after 年, 次, 的,
    会 ...), the longer line as short as can be; never a character left alone."""
    if _visual(text) / 2 <= TITLE_LINE:
        return [text]
    best: tuple[float, int] | None = None
    for index in range(1, len(text)):
        if text[index - 1] not in BREAK_AFTER:
            continue
        longer = max(_visual(text[:index]), _visual(text[index:])) / 2
        if longer <= TITLE_LINE and (best is None or longer < best[0]):
            best = (longer, index)
    if best is None:  # no boundary fits: halve it, keeping a number whole
        middle = len(text) // 2
        while middle < len(text) - 1 and text[middle - 1].isascii() and text[middle].isascii():
            middle += 1
        return [text[:middle], text[middle:]]
    return [text[: best[1]], text[best[1] :]]


def _visual(text: str) -> int:
    """Width in half characters: a Chinese character is two, a digit or letter one."""
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _is_total(row: tuple[object, ...]) -> bool:
    """A subtotal's or the total's line: no rank, a name ending 小计 or 合计 (or 'total')."""
    names = [v for v in row if isinstance(v, str)]
    return any(n.endswith(("小计", "合计", "subtotal", "total")) for n in names[:2])


def _rule(paragraph: WordParagraph, edge: str, colour: str, size: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), colour)
    borders.append(line)


def _top_rule(paragraph: WordParagraph, colour: str, size: int) -> None:
    _rule(paragraph, "top", colour, size)


def _bottom_rule(paragraph: WordParagraph, colour: str, size: int) -> None:
    _rule(paragraph, "bottom", colour, size)


def _right_tab(paragraph: WordParagraph, word: WordDocument) -> None:
    """A tab stop at the right edge of the text (印发机关 left, 印发日期 right)."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    section = word.sections[-1]
    width = int(section.page_width or 0) - int(section.left_margin or 0)
    width -= int(section.right_margin or 0)
    fmt = paragraph.paragraph_format
    stop = width - int(fmt.left_indent or 0) - int(fmt.right_indent or 0)
    fmt.tab_stops.add_tab_stop(Emu(stop), WD_TAB_ALIGNMENT.RIGHT)


def _keep_rows_whole(grid: WordTable) -> None:
    """A row never splits across pages (w:cantSplit)."""
    for row in grid.rows:
        properties = row._tr.get_or_add_trPr()
        whole = OxmlElement("w:cantSplit")
        whole.set(qn("w:val"), "true")
        properties.append(whole)


def render_docx(document: Document) -> bytes:
    return _Writer(document).write()
