"""The page and the styles of a Word file the office sends: GB/T 9704-2012 (党政机关公文格式).

A4; margins 37/35/28/26 mm (top/bottom/left/right); 22 lines of 28 characters: body 3号
(16 pt) 仿宋_GB2312 on a fixed 28.95 pt line, its first line indented two characters; the
title 2号 (22 pt) 方正小标宋简体, centred; headings 一、 3号 黑体, （一） 3号 楷体_GB2312, 1. 3号
仿宋 bold, (1) 3号 仿宋; digits and Latin letters in Times New Roman; page numbers "— 1 —"
in 4号 宋体 at the bottom, right on odd pages and left on even ones, one character in.

python-docx's template names theme fonts in its styles (`w:asciiTheme`, `w:eastAsiaTheme`),
which win over a font set by name, and its theme's East Asian language is ja-JP: Word may
then set Chinese headings in a Japanese font. Every theme reference is taken out, the
fonts are named (`w:eastAsia` for Chinese text), the language is zh-CN, and the font table
names for each Chinese font the one a Windows or WPS machine without it has (`w:altName`:
仿宋_GB2312 → 仿宋), which Word and WPS use in its place.

An English document keeps the page and the margins, in Times New Roman, plainly set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"
XIAOBIAOSONG = "方正小标宋简体"
# What Word and WPS set instead on a machine without the font (fontTable's w:altName).
FALLBACK = {
    FANGSONG: "仿宋",
    KAITI: "楷体",
    XIAOBIAOSONG: "宋体",
    HEITI: "SimHei",
    SONGTI: "SimSun",
}

SIZE_2 = Pt(22)  # 2号: the title
SIZE_3 = Pt(16)  # 3号: the body and the headings
SIZE_4 = Pt(14)  # 4号: page numbers, 版记
SIZE_SMALL_5 = Pt(9)  # 小五: the cells of a wide table in an 附件
SIZE_SMALL_4 = Pt(12)  # 小四: body tables, and the text of an 附件 of tables
LINE = Pt(28.95)  # 22 lines on the 225 mm of the type area
TWO_CHARACTERS = 200  # w:firstLineChars: hundredths of a character


@dataclass(frozen=True)
class Face:
    """A style's fonts: the East Asian one, and the one for digits and Latin letters."""

    east_asian: str
    latin: str = LATIN
    size: Pt = SIZE_3
    bold: bool = False


@dataclass(frozen=True)
class Layout:
    """The faces of a document's parts, in its language."""

    chinese: bool
    body: Face
    title: Face
    headings: tuple[Face, Face, Face, Face]
    table: Face
    footer: Face

    @classmethod
    def of(cls, lang: str) -> Layout:
        if lang == "zh":
            return cls(
                chinese=True,
                body=Face(FANGSONG),
                title=Face(XIAOBIAOSONG, size=SIZE_2),
                headings=(Face(HEITI), Face(KAITI), Face(FANGSONG, bold=True), Face(FANGSONG)),
                table=Face(FANGSONG, size=Pt(12)),
                footer=Face(SONGTI, size=SIZE_4),
            )
        # English text in Times New Roman; a Chinese name in it (units are) in 宋体.
        english = Face(SONGTI, size=Pt(12))
        return cls(
            chinese=False,
            body=english,
            title=Face(SONGTI, size=Pt(16), bold=True),
            headings=(
                Face(SONGTI, size=Pt(13), bold=True),
                Face(SONGTI, size=Pt(12), bold=True),
                Face(SONGTI, size=Pt(12), bold=True),
                english,
            ),
            table=Face(SONGTI, size=Pt(10)),
            footer=Face(SONGTI, size=Pt(11)),
        )


HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
TABLE_TEXT = "Table Text"  # a table in the body: 小四 (12 pt)
TABLE_TEXT_SMALL = "Table Text Small"  # a wide table of an 附件: 小五 (9 pt)
ANNEX_TEXT = "Annex Text"  # the sentences between an 附件's tables: 小四 on 16 pt lines
THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def new_document(layout: Layout) -> WordDocument:
    """An empty Word document with the page, the styles and the page numbers in place."""
    word = docx.Document()
    _drop_theme_fonts(word)
    set_page(word.sections[0], landscape=False)
    _styles(word, layout)
    _language(word)
    _font_table(word)
    word.settings.odd_and_even_pages_header_footer = True
    page_numbers(word.sections[0], layout)
    return word


# --- the page ----------------------------------------------------------------------------------
def set_page(section: Section, *, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT

    width, height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)


def landscape_section(word: WordDocument) -> Section:
    """A new section on a new page, landscape (an 附件 of wide tables)."""
    from docx.enum.section import WD_SECTION

    section: Section = word.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)
    return section


def portrait_section(word: WordDocument) -> Section:
    from docx.enum.section import WD_SECTION

    section: Section = word.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=False)
    return section


# --- fonts and styles -----------------------------------------------------------------------------
def set_fonts(rpr: object, face: Face) -> None:
    """Name the fonts of a run or style properties (`w:rPr`), the East Asian one included."""
    fonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    fonts.set(qn("w:ascii"), face.latin)
    fonts.set(qn("w:hAnsi"), face.latin)
    fonts.set(qn("w:cs"), face.latin)
    fonts.set(qn("w:eastAsia"), face.east_asian)


def _drop_theme_fonts(word: WordDocument) -> None:
    """No style may name a theme font or colour: Word would pick the theme's over ours."""
    for fonts in word.styles.element.iter(qn("w:rFonts")):
        for attribute in THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for colour in list(word.styles.element.iter(qn("w:color"))):
        for attribute in ("themeColor", "themeShade", "themeTint"):
            colour.attrib.pop(qn(f"w:{attribute}"), None)
    # Word 2010's copy of the styles, with the theme fonts in it: not needed by any Word.
    part = word.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)


def _style(
    style: ParagraphStyle,
    face: Face,
    layout: Layout,
    *,
    indent: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
) -> None:
    rpr = style.element.get_or_add_rPr()
    for child in list(rpr):
        rpr.remove(child)
    set_fonts(rpr, face)
    style.font.size = face.size
    style.font.bold = face.bold
    style.font.italic = False
    fmt = style.paragraph_format
    pPr = style.element.get_or_add_pPr()
    for child in list(pPr):
        pPr.remove(child)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0) if layout.chinese else Pt(6)
    if layout.chinese:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE
    else:
        fmt.line_spacing = 1.15
    fmt.alignment = align
    if indent and layout.chinese:
        first_line_characters(pPr, TWO_CHARACTERS, face)


def first_line_characters(pPr: object, hundredths: int, face: Face) -> None:
    """A first-line indent in characters (Word: w:firstLineChars), with its size in twips
    for a reader that knows only w:firstLine."""
    ind = pPr.get_or_add_ind()  # type: ignore[attr-defined]
    ind.set(qn("w:firstLineChars"), str(hundredths))
    ind.set(qn("w:firstLine"), str(int(face.size.pt * 20 * hundredths / 100)))


def no_indent(paragraph: object) -> None:
    """No first-line indent, though the style has one in characters (which wins over one
    in twips): both are set to nothing."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()  # type: ignore[attr-defined]
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")


def _styles(word: WordDocument, layout: Layout) -> None:
    styles = word.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            set_fonts(fonts.getparent(), layout.body)
    _style(styles["Normal"], layout.body, layout, indent=True)
    _style(styles["Title"], layout.title, layout, align=WD_ALIGN_PARAGRAPH.CENTER)
    title = styles["Title"]
    title.paragraph_format.keep_with_next = True
    if layout.chinese:
        title.paragraph_format.line_spacing = Pt(36)  # two lines of 2号 in their grid
    for level, (name, face) in enumerate(zip(HEADING_STYLES, layout.headings, strict=True)):
        style = styles[name]
        _style(style, face, layout, indent=True)
        style.paragraph_format.keep_with_next = True
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level))
        style.element.get_or_add_pPr().append(outline)
        if not layout.chinese:
            style.paragraph_format.space_before = Pt(10 if level == 0 else 6)
    small = Face(layout.table.east_asian, layout.table.latin, size=SIZE_SMALL_5)
    for name, face in ((TABLE_TEXT, layout.table), (TABLE_TEXT_SMALL, small)):
        table_text = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = styles["Normal"]
        _style(table_text, face, layout, align=None)
        table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        table_text.paragraph_format.space_after = Pt(0)
        # No first-line indent in a cell: said in the style, not on each of its thousands.
        first_line_characters(table_text.element.get_or_add_pPr(), 0, face)
    annex = styles.add_style(ANNEX_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    annex.base_style = styles["Normal"]
    face = Face(layout.body.east_asian, layout.body.latin, size=SIZE_SMALL_4)
    _style(annex, face, layout, indent=True)
    if layout.chinese:
        annex.paragraph_format.line_spacing = Pt(16)


def _language(word: WordDocument) -> None:
    """zh-CN for East Asian text (the template's theme says ja-JP), en-US for Latin."""
    for rpr in word.styles.element.iter(qn("w:rPr")):
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")
    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None and rpr.find(qn("w:lang")) is None:
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")
            rpr.append(lang)
    settings = word.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")


FONT_ENTRY = (
    '<w:font w:name="{name}">{alt}<w:charset w:val="{charset}"/>'
    '<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
)


def _font_table(word: WordDocument) -> None:
    """The font table names each Chinese font with its fallback (w:altName)."""
    part = next(
        (p for p in word.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"),
        None,
    )
    if not isinstance(part, Part):
        return
    text = part.blob.decode("utf-8")
    # The template's Japanese fonts go; ours come in their place.
    text = re.sub(r'<w:font w:name="ＭＳ [^"]*">.*?</w:font>', "", text, flags=re.S)
    entries = []
    for name in (FANGSONG, KAITI, HEITI, SONGTI, XIAOBIAOSONG):
        alt = f'<w:altName w:val="{FALLBACK[name]}"/>' if FALLBACK.get(name) else ""
        family = "modern" if name == HEITI else "roman"
        entries.append(FONT_ENTRY.format(name=name, alt=alt, charset="86", family=family))
    text = text.replace("</w:fonts>", "".join(entries) + "</w:fonts>")
    part._blob = text.encode("utf-8")


# --- page numbers -----------------------------------------------------------------------------
def page_numbers(section: Section, layout: Layout) -> None:
    """ "— 1 —" at the bottom, one character in from the outside corner: right on odd
    pages, left on even ones (w:evenAndOddHeaders is on in the settings)."""
    for footer, right in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        no_indent(paragraph)
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if right:
            fmt.right_indent = layout.footer.size
        else:
            fmt.left_indent = layout.footer.size
        dash = "— " if layout.chinese else "- "
        _footer_run(paragraph, dash, layout.footer)
        _page_field(paragraph, layout.footer)
        _footer_run(paragraph, dash[::-1], layout.footer)


def _footer_run(paragraph: object, text: str, face: Face) -> object:
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    set_fonts(run._r.get_or_add_rPr(), face)
    run.font.size = face.size
    return run


def _page_field(paragraph: object, face: Face) -> None:
    """A PAGE field: Word and WPS put the page's number in."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1")):
        run = _footer_run(paragraph, "", face)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)  # type: ignore[attr-defined]
        elif kind == "text":
            run.text = text  # type: ignore[attr-defined]
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)  # type: ignore[attr-defined]
    end = _footer_run(paragraph, "", face)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)  # type: ignore[attr-defined]
