"""Rows of a table into targets and readings, checked whole: the first problem refuses the
file, said with its line (or sheet row) and column.

Two forms are read. The long form, one value a row: `unit,metric,period,value` (readings)
or `unit,metric,year,target` (targets). The wide form units really send: one row per
unit, one column per metric, headed by the metric's key or its Chinese or English label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from agenda.errors import DiaoduError, InputError
from agenda.importing.number import parse_figure
from agenda.importing.read import Row, Table
from agenda.metrics import Metric, MetricKind, Reading, Target, find_metric
from agenda.periods import Period
from agenda.units import Unit, find_unit

# Column names accepted in either language.
UNIT_COLUMNS = ("unit", "单位", "单位名称", "name", "名称")
METRIC_COLUMNS = ("metric", "指标")
PERIOD_COLUMNS = ("period", "月份", "期间")
YEAR_COLUMNS = ("year", "年度", "年份")
VALUE_COLUMNS = ("value", "数值", "累计")
TARGET_COLUMNS = ("target", "目标", "任务", "年度任务")
# Columns of a units file that a figures file may carry too; not metrics.
UNIT_DETAIL_COLUMNS = ("kind", "类型", "head", "一把手", "负责人", "order", "排序", "序号")


def column(table: Table, names: tuple[str, ...]) -> str | None:
    return next((name for name in table.header if name.lower() in names), None)


def cell_text(row: Row, name: str | None) -> str:
    if name is None:
        return ""
    value = row.cells.get(name)
    return "" if value is None else str(value).strip()


def placed(error: DiaoduError, table: Table, line: int | None, name: str | None) -> InputError:
    """A refusal raised without a place (a number, a period) said where it was found."""
    return table.error(error.code, line, name, **error.params)


def _figure(table: Table, row: Row, name: str, metric: Metric) -> float:
    value = row.cells.get(name)
    try:
        return parse_figure(value, percent=metric.kind is MetricKind.RATE)
    except InputError as error:
        if error.code == "number.percent":  # say which metric is not a rate
            raise table.error(
                "import.percent_for_amount", row.line, name, metric=metric, **error.params
            ) from None
        raise placed(error, table, row.line, name) from None


def _unit(table: Table, row: Row, name: str, units: list[Unit]) -> Unit:
    text = cell_text(row, name)
    unit = find_unit(units, text) if text else None
    if unit is None:
        raise table.error("import.unknown_unit", row.line, name, name=text)
    return unit


def _metric(table: Table, row: Row, name: str, metrics: list[Metric]) -> Metric:
    text = cell_text(row, name)
    metric = find_metric(metrics, text) if text else None
    if metric is None:
        raise table.error("import.unknown_metric", row.line, name, name=text)
    return metric


@dataclass(frozen=True)
class Cell:
    """One value found in a table, with where it came from."""

    unit: Unit
    metric: Metric
    key: int | Period  # a year for a target, a period for a reading
    value: float
    line: int
    column: str


@dataclass(frozen=True)
class _Form:
    """What differs between targets and readings: the key column and the value column."""

    key_columns: tuple[str, ...]
    no_key_code: str
    value_columns: tuple[str, ...]
    parse_key: Callable[[str], int | Period]


def _cells(
    table: Table,
    units: list[Unit],
    metrics: list[Metric],
    form: _Form,
    default_key: int | Period | None,
) -> list[Cell]:
    unit_column = column(table, UNIT_COLUMNS)
    if unit_column is None:
        raise table.error("import.no_unit_column", table.header_line, names=", ".join(UNIT_COLUMNS))
    key_column = column(table, form.key_columns)
    metric_column = column(table, METRIC_COLUMNS)
    cells: list[Cell] = []

    def key_of(row: Row) -> int | Period:
        if key_column is None:
            if default_key is None:
                raise table.error(form.no_key_code, row.line)
            return default_key
        try:
            return form.parse_key(cell_text(row, key_column))
        except DiaoduError as error:
            raise placed(error, table, row.line, key_column) from None

    if metric_column is not None:  # long form
        value_column = column(table, form.value_columns)
        if value_column is None:
            raise table.error(
                "import.no_value_column", table.header_line, name=form.value_columns[0]
            )
        for row in table.rows:
            unit = _unit(table, row, unit_column, units)
            metric = _metric(table, row, metric_column, metrics)
            value = _figure(table, row, value_column, metric)
            cells.append(Cell(unit, metric, key_of(row), value, row.line, value_column))
        return cells

    ignored = {unit_column, key_column, *(h for h in table.header if not h)}
    metric_columns: list[tuple[str, Metric]] = []
    for header in table.header:
        if header in ignored or header.lower() in UNIT_DETAIL_COLUMNS:
            continue
        found = find_metric(metrics, header)
        if found is None:
            raise table.error("import.not_a_metric_column", table.header_line, header, name=header)
        metric_columns.append((header, found))
    if not metric_columns:
        raise table.error("import.no_metric_columns", table.header_line)
    for row in table.rows:
        unit = _unit(table, row, unit_column, units)
        key = key_of(row)
        for header, metric in metric_columns:
            if cell_text(row, header) == "":
                continue  # an empty cell: not reported, not zero
            value = _figure(table, row, header, metric)
            cells.append(Cell(unit, metric, key, value, row.line, header))
    return cells


def _checked(table: Table, cells: list[Cell]) -> list[Cell]:
    """Each unit, metric and period (or year) once; and something to import at all."""
    if not cells:
        raise InputError("import.nothing", source=table.source, sheet=table.sheet)
    seen: dict[tuple[str, str, int | Period], int] = {}
    for cell in cells:
        key = (cell.unit.id, cell.metric.key, cell.key)
        if key in seen:
            raise table.error(
                "import.twice_in_sheet" if table.sheet else "import.twice",
                cell.line,
                cell.column,
                unit=cell.unit.name,
                metric=cell.metric.label_zh,
                when=str(cell.key),
                first=seen[key],
            )
        seen[key] = cell.line
    return cells


READINGS = _Form(PERIOD_COLUMNS, "import.no_period_column", VALUE_COLUMNS, Period.parse)


def parse_readings(
    table: Table,
    units: list[Unit],
    metrics: list[Metric],
    *,
    today: date,
    period: Period | None = None,
) -> list[Reading]:
    """Year-to-date readings; a period after this month is refused."""
    readings = []
    for cell in _checked(table, _cells(table, units, metrics, READINGS, period)):
        assert isinstance(cell.key, Period)
        if cell.key > Period.of(today):
            # Point at the month's own column where there is one: that is what is wrong.
            where = column(table, PERIOD_COLUMNS) or cell.column
            raise table.error("import.future_period", cell.line, where, period=str(cell.key))
        readings.append(Reading(cell.unit.id, cell.metric.key, cell.key, cell.value))
    return readings


def parse_year(text: str) -> int:
    """2026 or 2026年."""
    bare = str(text).strip().removesuffix("年")
    if not re.fullmatch(r"[0-9]{4}", bare):
        raise InputError("import.not_a_year", value=str(text))
    return int(bare)


TARGETS = _Form(YEAR_COLUMNS, "import.no_year_column", TARGET_COLUMNS, parse_year)


def parse_targets(
    table: Table, units: list[Unit], metrics: list[Metric], *, year: int | None = None
) -> list[Target]:
    cells = _checked(table, _cells(table, units, metrics, TARGETS, year))
    return [
        Target(c.unit.id, c.metric.key, c.key, c.value) for c in cells if isinstance(c.key, int)
    ]
