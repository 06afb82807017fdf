"""Make the sample Excel files the tests and the README use.

    .venv/bin/python tests/data/make_samples.py

`wide-readings.xlsx` is what a district's units really send back: a title row, then one
row per unit and one column per metric, headed by Chinese labels with their measure;
one unit written by its short name (发改局 for 区发改局), one month typed so that Excel
turned it into a date. The numbers are year-to-date figures for 2026-11.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).parent
HEADER = ["单位", "月份", "签约项目数", "签约金额（亿元）", "到位资金(亿元)", "实际使用外资"]
ROWS: list[list[object]] = [
    ["城关镇", "2026-11", 11, 30.5, 11.2, 1380],
    ["东城街道", "2026-11", 12, 29.8, 10.9, 1420.5],
    ["经济开发区", "2026-11", 52, 125.3, 48.6, 6100],
    ["发改局", datetime(2026, 11, 1), 6, 14.2, 5.1, 640],
    ["河口乡", "2026-11", 2, 4.1, None, 150],
]


def wide_readings() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "11月"
    sheet.append(["2026年1-11月招商引资完成情况表"])
    sheet.merge_cells("A1:F1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet["B6"].number_format = "yyyy-mm"
    for letter, width in zip("ABCDEF", (14, 10, 12, 18, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    return book


def main() -> None:
    path = HERE / "wide-readings.xlsx"
    # Each run writes new timestamps into the file: commit it only when ROWS change.
    wide_readings().save(path)
    print(path)


if __name__ == "__main__":
    main()
