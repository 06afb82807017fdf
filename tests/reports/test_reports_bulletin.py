"""The bulletin (通报): each metric ranked within its groups, the share at target, who leads
and who lags, 白卷 and 履约率, said as a 通报 says them, in four formats."""

from __future__ import annotations

import csv
import io
from datetime import date

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import RGBColor

from agenda.escalation import escalation
from agenda.metrics import default_metrics
from agenda.periods import Period
from agenda.reports.bulletin import (
    Bulletin,
    build_bulletin,
    bulletin_csv_table,
    bulletin_document,
    bulletin_sheets,
    bulletin_title,
)
from agenda.reports.csvfile import render_csv
from agenda.reports.excel import render_xlsx
from agenda.reports.markdown import render_markdown
from agenda.reports.word import render_docx
from agenda.settings import Settings
from store import Store
from tests.conftest import TODAY

OCTOBER = Period(2026, 10)


OFFICE = Settings(
    district="楼区",
    issuer="楼区招商引资工作领导小组办公室",
    doc_prefix="楼招办",
    doc_number=12,
    copies="区委办公室，区政府办公室",
)


def bulletin_of(store: Store, settings: Settings | None = None, **kwargs) -> Bulletin:
    escalated = escalation(
        store.meetings(include_archive=True),
        store.commitments(include_archive=True),
        date(2026, 10, 31),
    )
    return build_bulletin(
        OCTOBER,
        store.units(),
        kwargs.get("metrics", store.metrics()),
        store.figures(OCTOBER),
        store.commitments(include_archive=True),
        as_of=kwargs.get("as_of", TODAY),
        settings=settings,
        escalated=escalated,
    )


def markdown(store: Store, lang: str = "zh", settings: Settings | None = None) -> str:
    return render_markdown(bulletin_document(bulletin_of(store, settings), lang))


def test_the_notice_praises_criticises_and_calls_in_in_the_offices_words(
    demo_store: Store,
) -> None:
    text = markdown(demo_store, settings=OFFICE)
    figures = demo_store.figures(OCTOBER)
    units = demo_store.units()
    signed = sum(figures.ytd(u.id, "signed_projects", OCTOBER) or 0 for u in units)
    target = sum(figures.target(u.id, "signed_projects", 2026) or 0 for u in units)
    assert (signed, target) == (329, 402)  # 81.84 % of target; 83.33 % of the year gone
    assert text.startswith(
        "楼招办〔2026〕12号\n\n"
        "# 关于2026年1-10月招商引资工作情况的通报\n\n"
        "各乡镇（街道）、园区、区直部门：\n\n"
        "现将2026年1-10月全区招商引资工作情况通报如下（序时进度83.33%）。\n\n"
        "## 一、总体情况\n\n"
        "2026年1-10月，全区签约项目数329个，完成年度任务的81.84%，落后序时进度1.5个百分点，"
        "同比增长24.6%；签约金额789.31亿元，完成年度任务的79.73%，落后序时进度3.6个百分点，"
        "同比增长19.0%；在谈项目501个，完成年度任务的75.91%，落后序时进度7.4个百分点，"
        "同比增长17.6%；开工项目213个，完成年度任务的82.56%，落后序时进度0.8个百分点，"
        "同比增长26.0%；到位资金340.55亿元，完成年度任务的86.00%，超序时进度2.7个百分点，"
        "同比增长33.5%；实际使用外资39455.57万美元，完成年度任务的79.71%，落后序时进度3.6个"
        "百分点，同比增长16.7%；开工率64.74%，高于目标4.7个百分点，同比提高0.7个百分点；"
        "资金到位率43.15%，低于目标1.9个百分点，同比提高4.7个百分点。\n\n"
        "全区承担任务的36个单位中，暂无各项指标均完成年度任务的单位。从签约项目数完成情况看，"
        "乡镇（街道）中青石镇位居前列，完成年度任务的100.00%；园区中经济开发区位居前列，"
        "完成年度任务的120.00%。\n\n"
        "## 二、通报表扬\n\n"
        "按签约项目数完成率排名，乡镇（街道）中青石镇，园区中经济开发区位居前列，予以通报表扬。\n\n"
        "## 三、通报批评和约谈\n\n"
        "按签约项目数完成率排名，乡镇（街道）中河口乡，区直部门中区科技局、区农业农村局、"
        "区财政局排名靠后，予以通报批评。\n\n"
        "10月份，马集镇各项指标当月均无新增，交了“白卷”，予以通报批评。\n\n"
        "河口乡连续2次会议未完成承诺事项，约谈其主要负责同志。\n\n"
        "河口乡“对接在谈企业落实投资协议”任务已结转2次，实行挂牌督办。\n\n"
        "## 四、履约情况\n\n"
        "截至10月31日，全区到期任务16项，按时完成11项，履约率68.75%。\n\n"
        "## 五、排名情况\n\n"
        "按签约项目数完成率排名如下（各项指标完成情况见附件）。\n\n"
        "### （一）乡镇（街道）\n\n"
        "| 序号 | 单位 | 目标（个） | 完成（个） | 完成率 | 序时进度差 | 排名 |\n"
    )
    assert "| 14 | 河口乡 | 13 | 4 | 30.77% | -52.6 | 14 |\n\n### （二）园区\n" in text
    assert "| 2 | 高新技术产业园 | 40 | 41 | 102.50% | +19.2 | 2 |\n\n### （三）区直部门\n" in text
    assert (
        "受到表扬的单位要再接再厉；排名靠后、交“白卷”和被约谈的单位要认真查找原因，明确整改措施，"
        "确保完成全年目标任务。\n\n"
        "附件：2026年1-10月各项指标完成情况\n\n"
        "楼区招商引资工作领导小组办公室\n\n"
        "2026年11月22日\n\n"
        "---\n\n附件\n\n## 2026年1-10月各项指标完成情况\n\n"
    ) in text
    assert text.endswith("抄送：区委办公室，区政府办公室\n")


def test_each_metric_in_full_in_the_annex(demo_store: Store) -> None:
    text = markdown(demo_store)
    assert (
        "### 一、签约项目数（个）\n\n"
        "全区签约项目数累计329个，完成年度任务（402个）的81.84%，落后序时进度1.5个百分点，"
        "同比增长24.6%。\n\n"
        "承担任务的36个单位中，3个已完成年度任务，占8.3%；23个落后序时进度。\n\n"
        "乡镇（街道）：青石镇位居前列；河口乡排名靠后。\n\n"
        "园区：经济开发区位居前列。\n\n"
        "区直部门：区科技局、区农业农村局、区财政局排名靠后。\n\n"
    ) in text
    assert "超序时进度2.7个百分点，同比增长33.5%。" in text  # 到位资金: 340.55 of 396
    assert "较序时进度-" not in text and "同比+" not in text


def test_ranked_within_groups_with_subtotals_and_the_total(demo_store: Store) -> None:
    text = markdown(demo_store)
    assert (
        "| 排名 | 单位 | 累计完成 | 年度任务 | 完成率 | 较序时进度(百分点) "
        "| 当月新增 | 环比 | 同比 | 白卷 |"
    ) in text
    assert "| 1 | 青石镇 | 13 | 13 | 100.00% | +16.7 | 1 | +0.0% | +30.0% |  |" in text
    assert "| 7 | 马集镇 | 10 | 13 | 76.92% | -6.4 | 0 | -100.0% | +11.1% | 白卷 |" in text
    assert "| 14 | 河口乡 | 4 | 13 | 30.77% | -52.6 | 1 | — | +33.3% |  |" in text
    assert "| — | 乡镇（街道）小计 | 138 | 182 | 75.82% | -7.5 | 13 | +0.0% | +20.0% |  |" in text
    assert "| 1 | 经济开发区 | 48 | 40 | 120.00% | +36.7 | 2 | -60.0% | +14.3% |  |" in text
    assert "| — | 园区小计 | 89 | 80 | 111.25% | +27.9 | 5 | -28.6% | +23.6% |  |" in text
    assert "| — | 全区合计 | 329 | 402 | 81.84% | -1.5 | 30 | +3.4% | +24.6% |  |" in text
    # An amount has two places in every row, the total's target too (no float noise).
    assert "| — | 全区合计 | 340.55 | 396.00 | 86.00% | +2.7 | 32.25 | -9.0% | +33.5% |  |" in text
    assert "| — | 全区合计 | 39,455.57 | 49,500.00 | 79.71% |" in text


def test_a_rate_from_its_sums_against_its_target(demo_store: Store) -> None:
    text = markdown(demo_store)
    assert (
        "### 七、开工率（%）\n\n"
        "全区开工项目213个、签约项目数329个，开工率64.74%（目标60.00%），高于目标4.7个百分点，"
        "同比提高0.7个百分点。\n\n"
        "36个单位中，23个达到目标，占63.9%；13个未达到目标。"
    ) in text
    assert (
        "| 排名 | 单位 | 开工率 | 目标 | 较目标(百分点) | 开工项目 | 签约项目数 | 环比(百分点) "
        "| 同比(百分点) |"
    ) in text
    assert "| — | 全区合计 | 64.74% | 60.00% | +4.7 | 213 | 329 | +1.2 | +0.7 |" in text
    assert "| — | 全区合计 | 43.15% | 45.00% | -1.9 | 340.55 | 789.31 | -0.1 | +4.7 |" in text
    assert pytest.approx(64.74, abs=0.005) == 213 / 329 * 100


def test_blank_units_and_fulfilment_with_its_cut_off(demo_store: Store) -> None:
    text = markdown(demo_store)
    assert "### 九、当月“交白卷”单位\n\n10月份，马集镇各项指标当月均无新增，交了“白卷”。" in text
    assert (
        "### 十、履约情况\n\n截至10月31日，全区到期任务16项，按时完成11项，履约率68.75%"
        "（目标90.00%），低于目标21.3个百分点。\n\n"
        "有到期任务的13个单位中，9个达到目标，占69.2%；4个未达到目标。\n\n"
        "无到期任务的单位不列入排名。"
    ) in text
    assert "| — | 全区合计 | 68.75% | 90.00% | -21.3 | 11 | 16 | +2.1 | — |" in text
    assert "#### 说明\n\n1. 排名在乡镇（街道）、园区、区直部门各自范围内进行" in text


def test_fulfilment_counts_what_was_due_by_the_months_end_not_by_today(demo_store: Store) -> None:
    bulletin = bulletin_of(demo_store)
    assert bulletin.cutoff == date(2026, 10, 31)
    assert (bulletin.overall.due, bulletin.overall.on_time) == (16, 11)
    # The same month's bulletin made on 25 October counts up to that day.
    early = bulletin_of(demo_store, as_of=date(2026, 10, 25))
    assert early.cutoff == date(2026, 10, 25)


def test_without_a_fulfilment_metric_the_section_still_says_its_cut_off(demo_store: Store) -> None:
    metrics = [m for m in default_metrics() if m.key != "fulfilment"]
    bulletin = bulletin_of(demo_store, metrics=metrics)
    text = render_markdown(bulletin_document(bulletin, "zh"))
    assert "截至10月31日，全区到期任务16项，按时完成11项，履约率68.75%。" in text
    assert "| 全区合计 | 16 | 11 | 68.75% |" in text


def test_the_districts_settings_shape_the_words(demo_store: Store) -> None:
    settings = Settings(level="县", top_n=1, percent_digits=1)
    text = markdown(demo_store, settings=settings)
    assert "现将2026年1-10月全县招商引资工作情况通报如下（序时进度83.3%）。" in text
    assert "全县签约项目数累计329个，完成年度任务（402个）的81.8%" in text
    assert "| — | 全县合计 | 329 | 402 | 81.8% |" in text
    assert "| — | 县直部门小计 |" in text
    assert "乡镇（街道）：青石镇位居前列；河口乡排名靠后。" in text
    assert "区直部门" not in text
    one = markdown(demo_store, settings=Settings(groups=Settings().groups.parse("none")))
    assert "小计" not in one and "各自范围" not in one
    assert "| 1 | 经济开发区 | 48 | 40 | 120.00% |" in one


def test_english_bulletin(demo_store: Store) -> None:
    text = markdown(demo_store, "en")
    assert text.startswith(
        "# Investment promotion, January to October 2026: bulletin\n\n"
        "To: Towns and sub-districts, Parks, District departments\n\n"
        "This bulletin reports the district's investment promotion for January to October "
        "2026 (time progress 83.33%).\n\n"
        "## 1. Overall\n\n"
    )
    assert (
        "## 2. Commended\n\n"
        "Commended, ranked on projects signed: 青石镇 (Towns and sub-districts); "
        "经济开发区 (Parks).\n\n"
        "## 3. Criticised and called in\n\n"
        "Criticised, ranked on projects signed: 河口乡 (Towns and sub-districts); "
        "区科技局, 区农业农村局, 区财政局 (District departments).\n\n"
        "Criticised: 马集镇, who added nothing on any figure in October (a blank month).\n\n"
        "河口乡 missed commitments at 2 meetings running; its head is called in.\n\n"
    ) in text
    assert (
        "The district: 329 year to date, 81.84% of the annual target (402), 1.5 points behind "
        "pace, up 24.6% year on year."
    ) in text
    assert "Towns and sub-districts: leading 青石镇; lagging 河口乡." in text
    assert "In October, 马集镇 added nothing on any figure (白卷)." in text
    assert "| — | District total | 329 | 402 | 81.84% |" in text


def test_excel_bulletin_groups_blanks_and_decimals(demo_store: Store) -> None:
    bulletin = bulletin_of(demo_store)
    data = render_xlsx(bulletin_sheets(bulletin, "zh"), bulletin_title(bulletin, "zh"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "概况",
        "签约项目数",
        "签约金额",
        "在谈项目",
        "开工项目",
        "到位资金",
        "实际使用外资",
        "开工率",
        "资金到位率",
        "履约率",
    ]
    summary = {row[0].value: [c.value for c in row] for row in book["概况"].iter_rows(min_row=3)}
    assert [c.value for c in book["概况"][2]][-3:] == ["承担任务单位数", "达标单位数", "达标占比"]
    assert summary["签约项目数"][:4] == ["签约项目数", "个", 329, 402]
    assert summary["签约项目数"][-3:-1] == [36, 3]
    assert summary["签约项目数"][-1] == pytest.approx(3 / 36)
    assert summary["开工率"][6] == pytest.approx(213 / 329 * 100 - 60)  # points against target
    assert summary["各项指标均完成"][-3:] == [36, 0, 0]
    sheet = book["签约项目数"]
    assert [c.value for c in sheet[2]] == [
        "组别",
        "排名",
        "单位",
        "累计完成",
        "年度任务",
        "完成率",
        "较序时进度(百分点)",
        "当月新增",
        "环比",
        "同比",
        "白卷",
    ]
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=3)}
    blank = rows["马集镇"]
    assert (blank[0].value, blank[1].value, blank[10].value) == ("乡镇（街道）", 7, "白卷")
    assert blank[3].number_format == "#,##0" and blank[5].number_format == "0.00%"
    assert rows["乡镇（街道）小计"][3].value == 138
    total = rows["全区合计"]
    assert (total[0].value, total[3].value, total[4].value) == (None, 329, 402)
    funds = {row[2].value: row for row in book["到位资金"].iter_rows(min_row=3)}
    assert funds["全区合计"][4].value == 396  # not 396.0000000000004
    assert funds["全区合计"][4].number_format == "#,##0.00"
    rate = book["开工率"]
    assert [c.value for c in rate[2]][3:] == [
        "开工率",
        "目标",
        "较目标(百分点)",
        "开工项目",
        "签约项目数",
        "环比(百分点)",
        "同比(百分点)",
    ]
    rate_rows = {row[2].value: row for row in rate.iter_rows(min_row=3)}
    assert rate_rows["全区合计"][3].value == pytest.approx(213 / 329)
    assert rate_rows["全区合计"][3].number_format == "0.00%"
    assert rate_rows["全区合计"][8].number_format == "+0.0;-0.0;0.0"


def test_excel_sheets_print_as_the_office_prints_them(demo_store: Store) -> None:
    bulletin = bulletin_of(demo_store)
    data = render_xlsx(bulletin_sheets(bulletin, "zh"), bulletin_title(bulletin, "zh"))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["签约项目数"]
    # A title over the columns, merged; the header under it, frozen and printed on each page.
    assert sheet["A1"].value == "2026年10月招商引资工作通报（签约项目数）"
    assert [str(merged) for merged in sheet.merged_cells.ranges] == ["A1:K1"]
    assert sheet["A1"].font.bold and sheet["A1"].alignment.horizontal == "center"
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$1:$2"
    # A4 landscape, every column on the width of the page, as many pages down as it takes.
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    # Every cell of the table has a border; numbers keep the formats the documents show.
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        assert all(cell.border.left.style == "thin" for cell in row)
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=3)}
    assert rows["青石镇"][5].number_format == "0.00%"
    assert rows["青石镇"][6].number_format == "+0.0;-0.0;0.0"
    assert rows["青石镇"][8].number_format == "+0.0%;-0.0%;0.0%"


def test_word_bulletin_has_its_number_a_short_body_and_the_tables_as_annex(
    demo_store: Store,
) -> None:
    document = bulletin_document(bulletin_of(demo_store, OFFICE), "zh")
    word = docx.Document(io.BytesIO(render_docx(document)))
    texts = [p.text for p in word.paragraphs]
    # 版头: the office in red, the 文号 under it; then the title and the 主送 line.
    assert texts[0] == "楼区招商引资工作领导小组办公室"
    assert word.paragraphs[0].runs[0].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert "楼招办〔2026〕12号" in texts
    assert "关于2026年1-10月招商引资工作情况的通报" in texts
    assert "各乡镇（街道）、园区、区直部门：" in texts
    headings = [p.text for p in word.paragraphs if p.style and p.style.name == "Heading 1"]
    assert headings[:5] == [
        "一、总体情况",
        "二、通报表扬",
        "三、通报批评和约谈",
        "四、履约情况",
        "五、排名情况",
    ]
    assert headings[5] == "一、签约项目数（个）" and headings[-1] == "十、履约情况"
    # Signed and dated after the 附件说明; the annex on landscape pages of its own.
    signature = texts.index("楼区招商引资工作领导小组办公室", 1)
    assert texts[signature + 1] == "2026年11月22日"
    assert "附件：2026年1-10月各项指标完成情况" in texts[:signature]
    assert texts.index("附件") > signature
    annex = texts.index("附件")
    assert 'w:type="page"' in word.paragraphs[annex - 1]._p.xml  # on a page of its own
    assert word.sections[0].orientation == WD_ORIENT.PORTRAIT
    assert texts[-2:] == [
        "抄送：区委办公室，区政府办公室。",
        "楼区招商引资工作领导小组办公室\t2026年11月22日印发",
    ]
    # Three compact tables in the body (one per group), nine in full in the annex.
    assert len(word.tables) == 3 + 9
    compact = word.tables[0]
    assert [c.text for c in compact.rows[0].cells] == [
        "序号",
        "单位",
        "目标（个）",
        "完成（个）",
        "完成率",
        "序时进度差",
        "排名",
    ]
    assert [c.text for c in compact.rows[-1].cells] == [
        "14",
        "河口乡",
        "13",
        "4",
        "30.77%",
        "-52.6",
        "14",
    ]
    full = word.tables[3]
    assert full.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeats on each page
    assert [c.text for c in full.rows[1].cells] == [
        "1",
        "青石镇",
        "13",
        "13",
        "100.00%",
        "+16.7",
        "1",
        "+0.0%",
        "+30.0%",
        "",
    ]


def test_csv_bulletin_says_what_each_column_holds(demo_store: Store) -> None:
    bulletin = bulletin_of(demo_store)
    rows = list(csv.reader(io.StringIO(render_csv(bulletin_csv_table(bulletin, "zh")))))
    assert rows[0] == [
        "指标",
        "计量单位",
        "组别",
        "排名",
        "单位",
        "数值",
        "年度任务/目标",
        "完成率(%)",
        "较序时进度(百分点)",
        "较目标(百分点)",
        "当月新增",
        "环比(%)",
        "环比(百分点)",
        "同比(%)",
        "同比(百分点)",
        "分子",
        "分母",
        "白卷",
        "达标",
        "承担任务单位数",
        "达标单位数",
        "达标占比(%)",
    ]
    by_key = {(r[0], r[4]): r for r in rows[1:]}
    card = next(c for c in bulletin.scorecards if c.metric.key == "signed_amount")
    for row in card.rows:
        unit = demo_store.unit(row.unit_id)
        assert unit is not None
        got = by_key[("签约金额", unit.name)]
        assert float(got[5]) == pytest.approx(row.value, abs=1e-4)
        assert float(got[7]) == pytest.approx(row.completion, abs=1e-4)
        assert float(got[8]) == pytest.approx(row.pace_gap, abs=1e-4)
    assert by_key[("签约项目数", "马集镇")][17] == "白卷"
    assert by_key[("签约项目数", "马集镇")][11:15] == ["-100", "", "11.1111", ""]
    rate = by_key[("开工率", "全区合计")]
    assert rate[1] == "%" and rate[7:9] == ["", ""]  # no completion, no pace for a rate
    assert rate[9] == "4.7416"  # points against the 60 % target
    assert rate[11:15] == ["", "1.1965", "", "0.7265"]  # its changes, in points only
    assert rate[15:17] == ["213", "329"]
    # Who reached the target, and the share at target of each group and of the district.
    assert by_key[("签约项目数", "青石镇")][18] == "是"
    assert by_key[("签约项目数", "河口乡")][18] == "否"
    assert by_key[("签约项目数", "乡镇（街道）小计")][19:] == ["14", "1", "7.1429"]
    assert by_key[("签约项目数", "全区合计")][19:] == ["36", "3", "8.3333"]
    assert by_key[("各项指标均完成", "全区合计")][19:] == ["36", "0", "0"]


def test_a_ceiling_and_a_reported_rate_in_a_bulletins_words(demo_store: Store) -> None:
    from agenda.figures import Figures
    from agenda.metrics import Metric, MetricKind, Reading, Target

    units = demo_store.units()
    stalled = Metric("stalled", "停缓建项目", "Stalled projects", "个", higher_is_better=False)
    survey = Metric("survey", "企业满意度", "Satisfaction", "%", kind=MetricKind.RATE)
    readings = [*demo_store.readings([2025, 2026])]
    targets = [*demo_store.targets()]
    for index, unit in enumerate(units):
        # 36 units, 0 to 6 stalled projects each (5 × 21 + 0), a ceiling of 6: 105 of 216.
        readings.append(Reading(unit.id, "stalled", OCTOBER, float(index % 7)))
        targets.append(Target(unit.id, "stalled", 2026, 6.0))
        if unit.kind.value == "department":  # only departments report a survey
            readings.append(Reading(unit.id, "survey", OCTOBER, 85.0 + index % 10))
            targets.append(Target(unit.id, "survey", 2026, 90.0))
    metrics = [*default_metrics()[:6], stalled, survey, *default_metrics()[6:]]
    bulletin = build_bulletin(
        OCTOBER,
        units,
        metrics,
        Figures(readings, targets),
        demo_store.commitments(include_archive=True),
        as_of=TODAY,
    )
    text = render_markdown(bulletin_document(bulletin, "zh"))
    assert (
        "## 七、停缓建项目（个）\n\n"
        "全区停缓建项目累计105个，为年度控制目标（216个）的48.61%，低于序时进度34.7个百分点。"
    ) in text
    # Five units at their whole ceiling of 6 by October are over pace (100 % > 83.33 %).
    assert "承担任务的36个单位中，36个控制在年度目标以内，占100.0%；5个高于序时进度。" in text
    # No stalled project is the best a unit can do: it may lead.
    assert "乡镇（街道）：城关镇、柳林镇位居前列；河口乡、青石镇排名靠后。" in text
    assert "## 八、企业满意度（%）\n\n企业满意度由各单位填报，全区不作合计。" in text
    assert "20个单位中，10个达到目标，占50.0%；10个未达到目标。" in text
    assert "## 十一、当月“交白卷”单位" in text and "## 十二、履约情况" in text
