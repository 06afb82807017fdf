"""Units: found by id, name or alias; sorted by their order; retired ones kept aside."""

from __future__ import annotations

import pytest

from agenda.errors import DiaoduError
from agenda.units import Unit, UnitKind, find_unit, next_unit_id, sorted_units

UNITS = [
    Unit("u003", "区商务局", UnitKind.DEPARTMENT, order=3, aliases=("商务局",)),
    Unit("u001", "城关镇", order=1, aliases=("城关",)),
    Unit("u002", "新华街道", order=2),
    Unit("u004", "旧城镇", order=0, active=False),
]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("town", UnitKind.TOWN),
        ("Town", UnitKind.TOWN),
        ("街道", UnitKind.TOWN),
        ("乡镇", UnitKind.TOWN),
        ("区直部门", UnitKind.DEPARTMENT),
        ("开发区", UnitKind.PARK),
        ("县(市、区)", UnitKind.COUNTY),
        (" park ", UnitKind.PARK),
    ],
)
def test_kinds_in_either_language(text: str, kind: UnitKind) -> None:
    assert UnitKind.parse(text) is kind


def test_an_unknown_kind_lists_the_choices() -> None:
    with pytest.raises(DiaoduError, match="'村' is not a unit kind; use one of town, department"):
        UnitKind.parse("村")


def test_found_by_id_name_or_alias() -> None:
    assert find_unit(UNITS, "u002").name == "新华街道"
    assert find_unit(UNITS, " 城关镇 ").id == "u001"
    assert find_unit(UNITS, "城关").id == "u001"
    assert find_unit(UNITS, "商务局").id == "u003"
    assert find_unit(UNITS, "城关镇政府") is None


def test_sorted_by_order_with_retired_units_left_out_unless_asked() -> None:
    assert [u.id for u in sorted_units(UNITS)] == ["u001", "u002", "u003"]
    assert [u.id for u in sorted_units(UNITS, include_retired=True)] == [
        "u004",
        "u001",
        "u002",
        "u003",
    ]


def test_next_id_follows_the_highest() -> None:
    assert next_unit_id([]) == "u001"
    assert next_unit_id(UNITS) == "u005"
    assert next_unit_id([Unit("u009", "a"), Unit("custom", "b")]) == "u010"
