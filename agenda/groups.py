"""Groups of units ranked among their own kind: a department is not ranked against a town.

Real bulletins rank the towns and sub-districts, the parks and the departments each among
themselves, with a subtotal per group and the district's total. By default each unit kind
is a group; a district may merge kinds (`town+park,department`) or rank everyone together
(`none`). Written as the `groups` setting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agenda.errors import DiaoduError, InputError
from agenda.units import Unit, UnitKind

# The order groups are reported in: towns and sub-districts, parks, departments (the
# order of the speeches), then the counties of a city meeting.
KIND_ORDER = (UnitKind.TOWN, UnitKind.PARK, UnitKind.DEPARTMENT, UnitKind.COUNTY)

_NAMES = {
    UnitKind.TOWN: ("乡镇（街道）", "Towns and sub-districts"),
    UnitKind.PARK: ("园区", "Parks"),
    UnitKind.DEPARTMENT: ("{level}直部门", "{level_en} departments"),
    UnitKind.COUNTY: ("县（市、区）", "Counties"),
}
LEVELS_EN = {"区": "district", "县": "county", "市": "city", "旗": "banner"}


@dataclass(frozen=True)
class Group:
    kinds: tuple[UnitKind, ...]

    @property
    def key(self) -> str:
        return "+".join(kind.value for kind in self.kinds)

    def name(self, lang: str, level: str = "区") -> str:
        """乡镇（街道） / 区直部门 / 乡镇（街道）、园区; in English, Towns and sub-districts."""
        level_en = LEVELS_EN.get(level, "district").capitalize()
        index = 0 if lang == "zh" else 1
        names = [_NAMES[kind][index].format(level=level, level_en=level_en) for kind in self.kinds]
        return ("、" if lang == "zh" else " and ").join(names)


@dataclass(frozen=True)
class Grouping:
    """How units are split for ranking; every kind belongs to exactly one group."""

    groups: tuple[Group, ...]

    @property
    def single(self) -> bool:
        """One ranking for every unit: no group names, no subtotals."""
        return len(self.groups) == 1

    @property
    def text(self) -> str:
        """As the setting is written: kind, none, or town+park,department."""
        if self == BY_KIND:
            return "kind"
        if self.single:
            return "none"
        return ",".join(group.key for group in self.groups)

    @classmethod
    def parse(cls, text: str) -> Grouping:
        """`kind` (each kind its own group), `none` (one ranking), or kinds joined by +
        within a group and groups by commas: `town+park,department`. A kind left out is a
        group of its own; Chinese kind names (乡镇, 园区, 部门) are understood."""
        cleaned = str(text).strip().replace("，", ",").replace("＋", "+")
        if cleaned.lower() in ("", "kind", "kinds", "按类别"):
            return BY_KIND
        if cleaned.lower() in ("none", "all", "不分组"):
            return ONE_GROUP
        groups: list[Group] = []
        seen: set[UnitKind] = set()
        for part in cleaned.split(","):
            kinds: list[UnitKind] = []
            for name in part.split("+"):
                kind = _kind(name, text)
                if kind in seen:
                    raise InputError("settings.groups_twice", value=text, kind=kind)
                seen.add(kind)
                kinds.append(kind)
            groups.append(Group(tuple(kinds)))
        groups += [Group((kind,)) for kind in KIND_ORDER if kind not in seen]
        return cls(tuple(groups))

    def group_of(self, unit: Unit) -> Group:
        return next(group for group in self.groups if unit.kind in group.kinds)

    def split(self, units: Iterable[Unit]) -> list[tuple[Group, list[Unit]]]:
        """The units of each group, in the groups' order; groups without units left out."""
        units = list(units)
        found = [
            (group, [unit for unit in units if unit.kind in group.kinds]) for group in self.groups
        ]
        return [(group, members) for group, members in found if members]


def _kind(name: str, whole: str) -> UnitKind:
    try:
        return UnitKind.parse(name)
    except DiaoduError:
        raise InputError("settings.groups_kind", value=whole, name=name.strip()) from None


BY_KIND = Grouping(tuple(Group((kind,)) for kind in KIND_ORDER))
ONE_GROUP = Grouping((Group(KIND_ORDER),))
