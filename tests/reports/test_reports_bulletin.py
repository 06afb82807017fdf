"""The bulletin (通报): rankings per metric, 白卷, behind pace, 履约率 — in four formats."""

from __future__ import annotations

import csv
import io

import docx
import openpyxl
import pytest

from agenda.periods import Period
from agenda.reports.bulletin import (
    Bulletin,
    build_bulletin,
    bulletin_csv_table,
    bulletin_document,
    bulletin_sheets,
)
from agenda.reports.csvfile import render_csv
from agenda.reports.excel import render_xlsx
from agenda.reports.markdown import render_markdown
from agenda.reports.word import render_docx
from store import Store
from tests.conftest import TODAY

OCTOBER = Period(2026, 10)


def bulletin_of(store: Store) -> Bulletin:
    return build_bulletin(
        OCTOBER,
        store.units(),
        store.metrics(),
        store.figures(OCTOBER),
        store.commitments(include_archive=True),
        as_of=TODAY,
    )


def test_markdown_bulletin_ranks_calls_out_and_counts(demo_store: Store) -> None:
    text = render_markdown(bulletin_document(bulletin_of(demo_store), "zh"))

    assert text.startswith("# 2026年10月招商引资工作通报\n\n2026年1-10月，序时进度83.33%。")
    assert (
        "## 一、签约项目数（个）\n\n全区累计完成325个，占年度任务402个的80.85%，"
        "较序时进度-2.5个百分点，同比+43.8%。"
    ) in text
    assert "| 1 | 经济开发区 | 48 | 40 | 120.00% | +36.7 | 4 | -33.3% | +17.1% |" in text
    assert "| 36 | 河口乡 | 2 | 13 | 15.38% | -67.9 | 1 | — | — |" in text
    assert "| — | 全区合计 | 325 | 402 | 80.85% | -2.5 | 31 | -16.2% | +43.8% |" in text
    assert "落后序时进度：马集镇、区发改局" in text
    assert "## 八、当月“交白卷”单位\n\n- 马集镇：各项累计指标当月均无新增。" in text
    assert "全区到期任务22项，按时完成11项，履约率50.00%。" in text
    assert "| 河口乡 | 2 | 0 | 0.00% |" in text
    assert "| 全区合计 | 22 | 11 | 50.00% |" in text


def test_english_bulletin(demo_store: Store) -> None:
    text = render_markdown(bulletin_document(bulletin_of(demo_store), "en"))
    assert text.startswith("# Investment promotion bulletin, October 2026\n")
    assert "January to October 2026: time progress (序时进度) 83.33%." in text
    assert "## 1. Projects signed (个)" in text
    assert "| Rank | Unit | Year to date | Annual target | Completion |" in text
    assert "- 马集镇: nothing added on any figure." in text


def test_excel_bulletin_one_sheet_per_metric_numbers_as_numbers(demo_store: Store) -> None:
    data = render_xlsx(bulletin_sheets(bulletin_of(demo_store), "zh"))
    book = openpyxl.load_workbook(io.BytesIO(data))

    assert book.sheetnames == [
        "签约项目数",
        "签约金额",
        "在谈项目",
        "开工项目",
        "到位资金",
        "实际使用外资",
        "开工率",
        "履约率",
    ]
    sheet = book["签约项目数"]
    assert [c.value for c in sheet[1]] == [
        "排名",
        "单位",
        "累计完成",
        "年度任务",
        "完成率",
        "较序时进度(百分点)",
        "当月",
        "环比",
        "同比",
    ]
    leader = sheet[2]
    assert [c.value for c in leader[:4]] == [1, "经济开发区", 48, 40]
    assert leader[4].value == pytest.approx(1.2) and leader[4].number_format == "0.00%"
    assert leader[5].value == pytest.approx(120 - 250 / 3)
    assert leader[5].number_format == "+0.0;-0.0;0.0"
    assert leader[7].value == pytest.approx(-1 / 3) and leader[7].number_format.startswith("+0.0%")
    assert leader[2].number_format == "#,##0"
    total = sheet[sheet.max_row]
    assert total[1].value == "全区合计" and total[2].value == 325
    assert total[4].value == pytest.approx(325 / 402)
    assert book["签约金额"]["C2"].value == pytest.approx(118.51)
    assert book["签约金额"]["C2"].number_format == "#,##0.00"
    fulfilment = book["履约率"]
    assert [c.value for c in fulfilment[fulfilment.max_row]] == ["全区合计", 22, 11, 0.5]
    assert fulfilment.cell(fulfilment.max_row, 4).number_format == "0.00%"
    # A rate's change is in points, not percent.
    assert book["开工率"]["H1"].value == "环比"
    assert book["开工率"]["H2"].number_format == "+0.0;-0.0;0.0"


def test_word_bulletin_has_a_table_per_metric(demo_store: Store) -> None:
    word = docx.Document(io.BytesIO(render_docx(bulletin_document(bulletin_of(demo_store), "zh"))))
    headings = [p.text for p in word.paragraphs if p.style and p.style.name == "Heading 1"]
    assert headings[0] == "一、签约项目数（个）" and headings[-1] == "九、履约情况"
    assert len(word.tables) == 7 + 1
    assert word.sections[0].page_width > word.sections[0].page_height  # landscape
    first = word.tables[0]
    assert first.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeats on each page
    assert [c.text for c in first.rows[1].cells] == [
        "1",
        "经济开发区",
        "48",
        "40",
        "120.00%",
        "+36.7",
        "4",
        "-33.3%",
        "+17.1%",
    ]


def test_csv_bulletin_round_trips(demo_store: Store) -> None:
    bulletin = bulletin_of(demo_store)
    rows = list(csv.reader(io.StringIO(render_csv(bulletin_csv_table(bulletin, "zh")))))

    assert rows[0] == [
        "指标",
        "计量单位",
        "排名",
        "单位",
        "累计完成",
        "年度任务",
        "完成率(%)",
        "较序时进度(百分点)",
        "当月",
        "环比",
        "同比",
    ]
    body = rows[1:]
    # Every metric, every unit, and a total for each summable metric.
    assert len(body) == 7 * 36 + 6
    by_key = {(r[0], r[3]): r[1:] for r in body}
    card = next(c for c in bulletin.scorecards if c.metric.key == "signed_amount")
    for row in card.rows:
        unit = demo_store.unit(row.unit_id)
        assert unit is not None
        got = by_key[("签约金额", unit.name)]
        assert float(got[3]) == pytest.approx(row.value, abs=1e-4)
        assert float(got[5]) == pytest.approx(row.completion, abs=1e-4)
        assert float(got[6]) == pytest.approx(row.pace_gap, abs=1e-4)
    assert by_key[("签约项目数", "河口乡")][1:7] == [
        "36",
        "河口乡",
        "2",
        "13",
        "15.3846",
        "-67.9487",
    ]
    assert by_key[("签约项目数", "河口乡")][8:] == ["", ""]
    assert by_key[("签约项目数", "河口乡")][0] == "个"
    assert by_key[("开工率", "河口乡")][0] == "%"
