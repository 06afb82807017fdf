"""Every Word file is laid out as a 公文 (GB/T 9704-2012): A4, the margins, the fonts by
East Asian name and no theme fonts, Chinese as the language, page numbers in the footer."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.shared import Length, Pt

from agenda.periods import Period
from agenda.reports.word import title_lines
from agenda.usecases import exporting, reports
from store import Store
from store.opening import district_of
from tests.conftest import NOW

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def word_files(store: Store) -> dict[str, bytes]:
    store.save_settings(
        district="楼区",
        issuer="楼区招商引资工作领导小组办公室",
        doc_prefix="楼招办",
        doc_number=12,
        copies="区委办公室，区政府办公室",
    )
    district = district_of(store, lambda: NOW)
    minutes = reports.minutes(district, "last")
    bulletin = reports.bulletin(district, Period(2026, 10))
    points = reports.talking_points(district, "last", "zh")
    return {
        "minutes": exporting.render_document(minutes, "docx").data,
        "bulletin": exporting.render_bulletin(bulletin, "docx", "zh").data,
        "talking": exporting.render_talking_points(points, "docx", "zh").data,
    }


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from agenda.demo import build_demo
    from store.seed import seed
    from tests.conftest import TODAY

    store = Store.open(tmp_path_factory.mktemp("layout") / "demo", clock=lambda: TODAY)
    seed(store, build_demo(TODAY))
    return word_files(store)


KINDS = ["minutes", "bulletin", "talking"]


def mm(length: Length | None) -> int:
    """A length to the millimetre (Word keeps twentieths of a point)."""
    assert length is not None
    return round(length.mm)


def east_asian(style: docx.styles.style.BaseStyle) -> str | None:
    fonts = style.element.rPr.find(f"{W}rFonts")
    return None if fonts is None else fonts.get(f"{W}eastAsia")


@pytest.mark.parametrize("kind", KINDS)
def test_a4_with_the_margins_of_gbt_9704(files: dict[str, bytes], kind: str) -> None:
    section = docx.Document(io.BytesIO(files[kind])).sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)


@pytest.mark.parametrize("kind", KINDS)
def test_fonts_by_east_asian_name_and_no_theme_fonts(files: dict[str, bytes], kind: str) -> None:
    word = docx.Document(io.BytesIO(files[kind]))
    styles = word.styles
    assert east_asian(styles["Title"]) == "方正小标宋简体"
    assert styles["Title"].font.size == Pt(22)
    assert east_asian(styles["Normal"]) == "仿宋_GB2312"
    assert styles["Normal"].font.size == Pt(16)
    assert styles["Normal"].font.name == "Times New Roman"  # digits and Latin letters
    assert east_asian(styles["Heading 1"]) == "黑体"
    assert east_asian(styles["Heading 2"]) == "楷体_GB2312"
    assert east_asian(styles["Heading 3"]) == "仿宋_GB2312" and styles["Heading 3"].font.bold
    # First lines indented two characters; 28.95 pt lines: 22 to a page.
    ind = styles["Normal"].element.pPr.find(f"{W}ind")
    assert ind.get(f"{W}firstLineChars") == "200"
    assert styles["Normal"].paragraph_format.line_spacing == Pt(28.95)
    with zipfile.ZipFile(io.BytesIO(files[kind])) as package:
        style_xml = package.read("word/styles.xml").decode("utf-8")
        settings_xml = package.read("word/settings.xml").decode("utf-8")
        fonts_xml = package.read("word/fontTable.xml").decode("utf-8")
        document_xml = package.read("word/document.xml").decode("utf-8")
    assert "Theme" not in style_xml  # no asciiTheme, eastAsiaTheme, themeColor
    assert "Theme=" not in document_xml
    assert 'w:eastAsia="zh-CN"' in style_xml and 'w:eastAsia="zh-CN"' in settings_xml
    assert "ja-JP" not in style_xml + settings_xml
    # A machine without 仿宋_GB2312 sets 仿宋 (Word and WPS read w:altName).
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts_xml
    assert "ＭＳ" not in fonts_xml


@pytest.mark.parametrize("kind", KINDS)
def test_page_numbers_outside_on_odd_and_even_pages(files: dict[str, bytes], kind: str) -> None:
    word = docx.Document(io.BytesIO(files[kind]))
    assert word.settings.odd_and_even_pages_header_footer
    section = word.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph._p.xml.count("PAGE") == 1  # the field
        assert paragraph.text == "— 1 —"
        assert str(paragraph.paragraph_format.alignment).lower().startswith(align)
        run = paragraph.runs[0]
        assert run._r.rPr.rFonts.get(f"{W}eastAsia") == "宋体" and run.font.size == Pt(14)


def test_the_district_and_the_number_are_named(files: dict[str, bytes]) -> None:
    bulletin = docx.Document(io.BytesIO(files["bulletin"]))
    texts = [p.text for p in bulletin.paragraphs]
    assert "楼招办〔2026〕12号" in texts
    minutes = docx.Document(io.BytesIO(files["minutes"]))
    assert minutes.paragraphs[0].text.startswith("楼区2026年第10次")
    assert minutes.core_properties.language == "zh-CN"


def test_an_english_document_keeps_the_page_in_times_new_roman(demo_store: Store) -> None:
    district = district_of(demo_store, lambda: NOW)
    document = reports.minutes(district, "last", "en")
    word = docx.Document(io.BytesIO(exporting.render_document(document, "docx").data))
    section = word.sections[0]
    assert (mm(section.page_width), mm(section.left_margin)) == (210, 28)
    assert word.styles["Normal"].font.name == "Times New Roman"
    assert word.paragraphs[0].text == (
        "Minutes of the Investment promotion dispatch meeting, No. 10 of 2026"
    )


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("关于2026年1-10月招商引资工作情况的通报", ["关于2026年1-10月招商引资工作情况的通报"]),
        (
            "在2026年第10次招商引资调度会上的讲话要点",
            ["在2026年第10次", "招商引资调度会上的讲话要点"],
        ),
        (
            "楼区2026年第8次重点项目要素保障专题调度会会议纪要",
            ["楼区2026年第8次", "重点项目要素保障专题调度会会议纪要"],
        ),
    ],
)
def test_a_long_title_breaks_where_it_reads_on(title: str, lines: list[str]) -> None:
    assert title_lines(title) == lines
