"""Units (单位): the towns, sub-districts, departments, parks or counties that carry targets."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from agenda.errors import DiaoduError, RuleError


class UnitKind(StrEnum):
    TOWN = "town"  # 乡镇 / 街道
    DEPARTMENT = "department"  # 区直部门
    PARK = "park"  # 园区
    COUNTY = "county"  # 县(市、区), for a city meeting

    @classmethod
    def parse(cls, text: str) -> UnitKind:
        value = ALIASES.get(str(text).strip(), str(text).strip().lower())
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(kind.value for kind in cls)
            raise DiaoduError("unit.kind_unknown", value=str(text), choices=choices) from None


ALIASES = {
    "乡镇": "town",
    "街道": "town",
    "乡镇街道": "town",
    "镇": "town",
    "部门": "department",
    "区直部门": "department",
    "区直单位": "department",
    "园区": "park",
    "开发区": "park",
    "县": "county",
    "县区": "county",
    "县(市、区)": "county",
}


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    kind: UnitKind = UnitKind.TOWN
    head: str = ""  # 一把手
    order: int = 0
    active: bool = True  # a retired unit keeps its history
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        """Its name, then its aliases: every name a file or a person may call it by."""
        return (self.name, *self.aliases)

    def known_as(self, name: str) -> bool:
        key = name_key(name)
        return any(name_key(known) == key for known in self.names)


def name_key(name: str) -> str:
    """A unit's name as names are compared: full-width letters and digits as their ASCII
    forms (NFKC) and spaces trimmed, so "Ａ区 " and "A区" are one name."""
    return unicodedata.normalize("NFKC", name).strip()


def sorted_units(units: Iterable[Unit], *, include_retired: bool = False) -> list[Unit]:
    return sorted(
        (unit for unit in units if include_retired or unit.active),
        key=lambda unit: (unit.order, unit.name),
    )


def find_unit(units: Iterable[Unit], name: str) -> Unit | None:
    """Match by id, name, or one of the unit's aliases (compared by `name_key`)."""
    name = name.strip()
    for unit in units:
        if unit.id == name or unit.known_as(name):
            return unit
    return None


def name_refusal(units: Iterable[Unit], name: str, unit_id: str = "") -> RuleError | None:
    """Why `name` cannot be the name of the unit `unit_id` (a new unit: ""): it is empty,
    or it already names another unit, by name or alias. Readings are matched to units by
    name, so a name shared by two units would send one unit's figures to the other."""
    if not name_key(name):
        return RuleError("unit.name_empty")
    for unit in units:
        if unit.id == unit_id or not unit.known_as(name):
            continue
        if name_key(unit.name) == name_key(name):
            return RuleError("unit.name_taken", name=name_key(name))
        return RuleError("unit.alias_taken", name=name_key(name), unit=unit.name)
    return None


def next_unit_id(units: Iterable[Unit]) -> str:
    numbers = [int(unit.id[1:]) for unit in units if unit.id[1:].isdigit()]
    return f"u{max(numbers, default=0) + 1:03d}"
