"""Units, targets and readings from files: checked whole, so an import is all or nothing.

Targets and readings come in the long form (`unit,metric,year,target` and
`unit,metric,period,value`) or the wide form units really send: one row per unit, one
column per metric (header: metric keys or their Chinese or English labels).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from agenda import yamlfile
from agenda.errors import DiaoduError, InputError
from agenda.metrics import Metric, Reading, Target, find_metric
from agenda.periods import Period
from agenda.tables import Row, Table, parse_csv, read_csv
from agenda.units import Unit, UnitKind, find_unit, next_unit_id

# Column names accepted in either language.
UNIT_COLUMNS = ("unit", "单位", "单位名称", "name", "名称")
METRIC_COLUMNS = ("metric", "指标")
PERIOD_COLUMNS = ("period", "月份", "期间")
YEAR_COLUMNS = ("year", "年度", "年份")
VALUE_COLUMNS = ("value", "数值", "累计")
TARGET_COLUMNS = ("target", "目标", "任务", "年度任务")
KIND_COLUMNS = ("kind", "类型")
HEAD_COLUMNS = ("head", "一把手", "负责人")
ORDER_COLUMNS = ("order", "排序", "序号")
ALIAS_COLUMNS = ("aliases", "别名")


def _column(table: Table, names: tuple[str, ...]) -> str | None:
    return next((name for name in table.header if name.lower() in names), None)


def _cell_text(row: Row, column: str | None) -> str:
    if column is None:
        return ""
    value = row.cells.get(column)
    return "" if value is None else str(value).strip()


def parse_number(value: object) -> float:
    """A number from a cell: 12, 12.5, '1,234.5', ' 12 '; a clear error otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", text):
        raise ValueError(text)
    number = float(text)
    if not math.isfinite(number):  # 1e999: too large to be a figure, and not valid JSON
        raise ValueError(text)
    return number


def _number(table: Table, row: Row, column: str) -> float:
    value = row.cells.get(column)
    try:
        number = parse_number(value)
    except ValueError:
        raise table.error(f"{value!r} is not a number", row.line, column) from None
    if number < 0:
        raise table.error(f"{number:g} is negative", row.line, column)
    return number


def _unit(table: Table, row: Row, column: str, units: list[Unit]) -> Unit:
    name = _cell_text(row, column)
    unit = find_unit(units, name) if name else None
    if unit is None:
        raise table.error(f"unknown unit {name!r}", row.line, column)
    return unit


def _metric(table: Table, row: Row, column: str, metrics: list[Metric]) -> Metric:
    name = _cell_text(row, column)
    metric = find_metric(metrics, name) if name else None
    if metric is None:
        raise table.error(f"unknown metric {name!r}", row.line, column)
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


def _cells(
    table: Table,
    units: list[Unit],
    metrics: list[Metric],
    *,
    key_columns: tuple[str, ...],
    value_columns: tuple[str, ...],
    parse_key: Callable[[str], int | Period],
    default_key: int | Period | None,
) -> list[Cell]:
    unit_column = _column(table, UNIT_COLUMNS)
    if unit_column is None:
        raise table.error(f"no unit column (one of: {', '.join(UNIT_COLUMNS)})", table.header_line)
    key_column = _column(table, key_columns)
    metric_column = _column(table, METRIC_COLUMNS)
    cells: list[Cell] = []

    def key_of(row: Row) -> int | Period:
        if key_column is None:
            if default_key is None:
                raise table.error(f"no {key_columns[0]} column and none given", row.line)
            return default_key
        text = _cell_text(row, key_column)
        try:
            return parse_key(text)
        except DiaoduError as error:
            raise table.error(str(error), row.line, key_column) from None

    if metric_column is not None:  # long form
        value_column = _column(table, value_columns)
        if value_column is None:
            raise table.error(f"no {value_columns[0]} column", table.header_line)
        for row in table.rows:
            unit = _unit(table, row, unit_column, units)
            metric = _metric(table, row, metric_column, metrics)
            value = _number(table, row, value_column)
            cells.append(Cell(unit, metric, key_of(row), value, row.line, value_column))
        return cells

    ignored = {unit_column, key_column, *(h for h in table.header if not h)}
    metric_columns: list[tuple[str, Metric]] = []
    for header in table.header:
        if header in ignored or header.lower() in (*KIND_COLUMNS, *HEAD_COLUMNS, *ORDER_COLUMNS):
            continue
        found = find_metric(metrics, header)
        if found is None:
            raise table.error(f"column {header!r} is not a known metric", table.header_line, header)
        metric_columns.append((header, found))
    if not metric_columns:
        raise table.error(
            "no metric columns: expected a metric column or one per metric", table.header_line
        )
    for row in table.rows:
        unit = _unit(table, row, unit_column, units)
        key = key_of(row)
        for header, metric in metric_columns:
            if _cell_text(row, header) == "":
                continue  # an empty cell: not reported, not zero
            value = _number(table, row, header)
            cells.append(Cell(unit, metric, key, value, row.line, header))
    return cells


def _no_duplicates(table: Table, cells: list[Cell]) -> None:
    seen: dict[tuple[str, str, int | Period], int] = {}
    for cell in cells:
        key = (cell.unit.id, cell.metric.key, cell.key)
        if key in seen:
            raise table.error(
                f"{cell.unit.name} / {cell.metric.label_zh} / {cell.key} again "
                f"(first on {'row' if table.sheet else 'line'} {seen[key]})",
                cell.line,
                cell.column,
            )
        seen[key] = cell.line


def parse_readings(
    table: Table,
    units: list[Unit],
    metrics: list[Metric],
    *,
    today: date,
    period: Period | None = None,
) -> list[Reading]:
    """Year-to-date readings; a period after this month is refused."""
    cells = _cells(
        table,
        units,
        metrics,
        key_columns=PERIOD_COLUMNS,
        value_columns=VALUE_COLUMNS,
        parse_key=Period.parse,
        default_key=period,
    )
    _no_duplicates(table, cells)
    readings = []
    for cell in cells:
        assert isinstance(cell.key, Period)
        if cell.key > Period.of(today):
            # Point at the month's own column where there is one: that is what is wrong.
            where = _column(table, PERIOD_COLUMNS) or cell.column
            raise table.error(f"period {cell.key} is in the future", cell.line, where)
        readings.append(Reading(cell.unit.id, cell.metric.key, cell.key, cell.value))
    return readings


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip().rstrip("年")):
        raise DiaoduError(f"{text!r} is not a year")
    return int(text.strip().rstrip("年"))


def parse_targets(
    table: Table, units: list[Unit], metrics: list[Metric], *, year: int | None = None
) -> list[Target]:
    cells = _cells(
        table,
        units,
        metrics,
        key_columns=YEAR_COLUMNS,
        value_columns=TARGET_COLUMNS,
        parse_key=_year,
        default_key=year,
    )
    _no_duplicates(table, cells)
    return [Target(c.unit.id, c.metric.key, int(c.key), c.value) for c in cells]  # type: ignore[arg-type]


def load_table(path: Path | str) -> Table:
    """A CSV file as a table (Excel files are read by the office module)."""
    return read_csv(path)


# --- units --------------------------------------------------------------------------------
def _split_aliases(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[;；、|]", text) if part.strip())


def merge_units(existing: list[Unit], incoming: Iterable[dict[str, object]]) -> list[Unit]:
    """Incoming units by name: an existing unit is updated, a new one gets the next id."""
    result: list[Unit] = []
    known = list(existing)
    for fields in incoming:
        name = str(fields["name"])
        current = find_unit(known, name)
        if current is None:
            current = Unit(id=next_unit_id(known), name=name, order=len(known) + 1)
            known.append(current)
        updates = {key: value for key, value in fields.items() if key != "name"}
        updated = replace(current, **updates)  # type: ignore[arg-type]
        result.append(updated)
        known = [updated if unit.id == updated.id else unit for unit in known]
    return result


def parse_units_table(table: Table) -> list[dict[str, object]]:
    name_column = _column(table, UNIT_COLUMNS)
    if name_column is None:
        raise table.error(f"no name column (one of: {', '.join(UNIT_COLUMNS)})", table.header_line)
    columns = {
        "kind": _column(table, KIND_COLUMNS),
        "head": _column(table, HEAD_COLUMNS),
        "order": _column(table, ORDER_COLUMNS),
        "aliases": _column(table, ALIAS_COLUMNS),
    }
    seen: dict[str, int] = {}
    result = []
    for row in table.rows:
        name = _cell_text(row, name_column)
        if not name:
            raise table.error("the unit has no name", row.line, name_column)
        if name in seen:
            raise table.error(f"{name!r} again (first on line {seen[name]})", row.line, name_column)
        seen[name] = row.line
        fields: dict[str, object] = {"name": name}
        kind_text = _cell_text(row, columns["kind"])
        if kind_text:
            try:
                fields["kind"] = UnitKind.parse(kind_text)
            except DiaoduError as error:
                raise table.error(str(error), row.line, columns["kind"]) from None
        if columns["head"]:
            fields["head"] = _cell_text(row, columns["head"])
        order_text = _cell_text(row, columns["order"])
        if order_text:
            if not order_text.isdigit():
                raise table.error(
                    f"{order_text!r} is not a whole number", row.line, columns["order"]
                )
            fields["order"] = int(order_text)
        if columns["aliases"]:
            fields["aliases"] = _split_aliases(_cell_text(row, columns["aliases"]))
        result.append(fields)
    return result


def parse_units_yaml(path: Path | str, text: str | None = None) -> list[dict[str, object]]:
    """`units: [{name: 城关镇, kind: town, head: 王建国, aliases: [城关]}, …]`"""
    root = yamlfile.Fields(yamlfile.load(path, text), ("units",))
    result: list[dict[str, object]] = []
    seen: set[str] = set()
    for node in root.required("units").sequence():
        item = yamlfile.Fields(node, ("name", "kind", "head", "order", "aliases", "active"))
        name_node = item.required("name")
        name = name_node.text()
        if name in seen:
            raise name_node.error(f"unit {name!r} appears twice")
        seen.add(name)
        fields: dict[str, object] = {"name": name}
        if (kind := item.optional("kind")) is not None:
            try:
                fields["kind"] = UnitKind.parse(kind.text())
            except DiaoduError as error:
                raise kind.error(str(error)) from None
        if (head := item.optional("head")) is not None:
            fields["head"] = head.text()
        if (order := item.optional("order")) is not None:
            fields["order"] = int(order.number(minimum=0))
        if (active := item.optional("active")) is not None:
            fields["active"] = active.boolean()
        if (aliases := item.optional("aliases")) is not None:
            fields["aliases"] = tuple(alias.text() for alias in aliases.sequence())
        result.append(fields)
    if not result:
        raise InputError("lists no units", source=str(path))
    return result


def read_units_file(path: Path | str) -> list[dict[str, object]]:
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return parse_units_yaml(path)
    if suffix == ".csv":
        return parse_units_table(read_csv(path))
    raise InputError("expected a .csv, .yaml or .yml file", source=str(path))


__all__ = [
    "Table",
    "load_table",
    "merge_units",
    "parse_csv",
    "parse_readings",
    "parse_targets",
    "parse_units_table",
    "parse_units_yaml",
    "read_units_file",
]
