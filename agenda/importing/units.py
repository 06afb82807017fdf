"""Units from a CSV or YAML file, merged with those on file.

A unit in the file is matched to one on file by its name (or an alias), and updated;
a new one gets the next id. Every name and alias must then name one unit only: readings
are matched to units by name, so a name shared by two units would send one unit's
figures to the other. A clash is refused, naming both places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from agenda import yamlfile
from agenda.errors import DiaoduError, InputError
from agenda.importing.number import parse_whole
from agenda.importing.parse import UNIT_COLUMNS, cell_text, column, placed
from agenda.importing.read import Table, read_csv
from agenda.units import Unit, UnitKind, find_unit, name_key, next_unit_id

KIND_COLUMNS = ("kind", "类型")
HEAD_COLUMNS = ("head", "一把手", "负责人")
ORDER_COLUMNS = ("order", "排序", "序号")
ALIAS_COLUMNS = ("aliases", "别名")


@dataclass(frozen=True)
class Place:
    """Where a name was written: a line and a column (CSV) or a field (YAML)."""

    line: int | None = None
    column: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class IncomingUnit:
    """One unit as a file gives it: its name, the fields given, and where each name
    (the name, then every alias) was written."""

    source: str
    fields: dict[str, object]
    places: tuple[tuple[str, Place], ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return str(self.fields["name"])

    def place_of(self, name: str) -> Place:
        key = name_key(name)
        return next((p for n, p in self.places if name_key(n) == key), Place())

    def error(self, code: str, place: Place, **params: Any) -> InputError:
        return InputError(
            code,
            source=self.source,
            line=place.line,
            column=place.column,
            field=place.field,
            **params,
        )


# --- reading ------------------------------------------------------------------------------
def _split_aliases(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[;；、|]", text) if part.strip())


def parse_units_table(table: Table) -> list[IncomingUnit]:
    name_column = column(table, UNIT_COLUMNS)
    if name_column is None:
        raise table.error("import.no_name_column", table.header_line, names=", ".join(UNIT_COLUMNS))
    kind_column = column(table, KIND_COLUMNS)
    head_column = column(table, HEAD_COLUMNS)
    order_column = column(table, ORDER_COLUMNS)
    alias_column = column(table, ALIAS_COLUMNS)
    seen: dict[str, int] = {}
    result = []
    for row in table.rows:
        name = cell_text(row, name_column)
        if not name:
            raise table.error("import.unit_no_name", row.line, name_column)
        if name in seen:
            raise table.error(
                "import.unit_twice", row.line, name_column, name=name, first=seen[name]
            )
        seen[name] = row.line
        fields: dict[str, object] = {"name": name}
        places = [(name, Place(row.line, name_column))]
        if kind_text := cell_text(row, kind_column):
            try:
                fields["kind"] = UnitKind.parse(kind_text)
            except DiaoduError as error:
                raise placed(error, table, row.line, kind_column) from None
        if head_column:
            fields["head"] = cell_text(row, head_column)
        if order_text := cell_text(row, order_column):
            try:
                fields["order"] = parse_whole(order_text)
            except InputError as error:
                raise placed(error, table, row.line, order_column) from None
        if alias_column:
            aliases = _split_aliases(cell_text(row, alias_column))
            fields["aliases"] = aliases
            places += [(alias, Place(row.line, alias_column)) for alias in aliases]
        result.append(IncomingUnit(table.source, fields, tuple(places)))
    return result


def parse_units_yaml(path: Path | str, text: str | None = None) -> list[IncomingUnit]:
    """`units: [{name: 城关镇, kind: town, head: 王建国, aliases: [城关]}, …]`"""
    source = str(path)
    root = yamlfile.Fields(yamlfile.load(path, text), ("units",))
    result: list[IncomingUnit] = []
    seen: set[str] = set()
    for node in root.required("units").sequence():
        item = yamlfile.Fields(node, ("name", "kind", "head", "order", "aliases", "active"))
        name_node = item.required("name")
        name = name_node.text()
        if name in seen:
            raise name_node.error("import.unit_twice_yaml", name=name)
        seen.add(name)
        fields: dict[str, object] = {"name": name}
        places = [(name, Place(name_node.line, field=name_node.path))]
        if (kind := item.optional("kind")) is not None:
            try:
                fields["kind"] = UnitKind.parse(kind.text())
            except DiaoduError as error:
                raise kind.error(error.code, **error.params) from None
        if (head := item.optional("head")) is not None:
            fields["head"] = head.text()
        if (order := item.optional("order")) is not None:
            fields["order"] = order.whole()
        if (active := item.optional("active")) is not None:
            fields["active"] = active.boolean()
        if (aliases := item.optional("aliases")) is not None:
            nodes = aliases.sequence()
            fields["aliases"] = tuple(alias.text() for alias in nodes)
            places += [(a.text(), Place(a.line, field=a.path)) for a in nodes]
        result.append(IncomingUnit(source, fields, tuple(places)))
    if not result:
        raise InputError("import.no_units", source=source)
    return result


def read_units_file(path: Path | str) -> list[IncomingUnit]:
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return parse_units_yaml(path)
    if suffix == ".csv":
        return parse_units_table(read_csv(path))
    raise InputError("import.units_file_type", source=str(path))


# --- merging ------------------------------------------------------------------------------
def merge_units(existing: list[Unit], incoming: Iterable[IncomingUnit]) -> list[Unit]:
    """The units of the file, as they are to be saved: an existing unit updated, a new
    one with the next id. Refused if a name or alias would then name two units."""
    known = list(existing)
    result: list[Unit] = []
    came_from: dict[str, IncomingUnit] = {}  # unit id → the row of the file that set it
    for item in incoming:
        current = find_unit(known, item.name)
        if current is not None and current.id in came_from:
            # An earlier row of this file already is this unit, by name or alias.
            earlier = came_from[current.id]
            raise item.error(
                "import.name_taken",
                item.place_of(item.name),
                name=name_key(item.name),
                unit=current.name,
                first=earlier.place_of(item.name).line or "?",
            )
        if current is None:
            current = Unit(id=next_unit_id(known), name=item.name, order=len(known) + 1)
            known.append(current)
        updates = {key: value for key, value in item.fields.items() if key != "name"}
        updated = replace(current, **updates)  # type: ignore[arg-type]
        came_from[updated.id] = item
        result.append(updated)
        known = [updated if unit.id == updated.id else unit for unit in known]
    _one_unit_a_name(known, came_from)
    return result


def _one_unit_a_name(units: list[Unit], came_from: dict[str, IncomingUnit]) -> None:
    """Every name and alias names one unit. Units the file left alone are checked
    first, so a clash is reported at the file's row, against the unit it clashes with."""
    owners: dict[str, Unit] = {}
    untouched = [unit for unit in units if unit.id not in came_from]
    touched = [unit for unit in units if unit.id in came_from]
    for unit in [*untouched, *touched]:
        for name in dict.fromkeys(name_key(n) for n in unit.names):
            owner = owners.setdefault(name, unit)
            if owner.id == unit.id:
                continue
            item = came_from.get(unit.id)
            if item is None:  # two units on file already share it: say so, at no row
                raise InputError(
                    "import.names_clash_on_file",
                    source=next((i.source for i in came_from.values()), ""),
                    name=name,
                    first=owner.name,
                    second=unit.name,
                )
            earlier = came_from.get(owner.id)
            if earlier is None:
                raise item.error(
                    "import.name_taken_on_file", item.place_of(name), name=name, unit=owner.name
                )
            raise item.error(
                "import.name_taken",
                item.place_of(name),
                name=name,
                unit=owner.name,
                first=earlier.place_of(name).line or "?",
            )
