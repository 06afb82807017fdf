"""A district's settings: typed, with defaults, and a bad value refused by name."""

from __future__ import annotations

import pytest

from agenda.errors import InputError
from agenda.groups import BY_KIND, ONE_GROUP, Grouping
from agenda.settings import Settings, parse_setting, setting_keys
from agenda.units import UnitKind


def test_every_setting_has_a_default() -> None:
    settings = Settings.from_mapping({})
    assert settings == Settings()
    assert (settings.level, settings.top_n, settings.percent_digits) == ("区", 3, 2)
    assert (settings.warn_days, settings.template, settings.groups) == (3, "zhaoshang", BY_KIND)


def test_stored_values_are_read_and_unknown_keys_left_alone() -> None:
    raw = {"level": "县", "top_n": 5, "groups": "none", "warn_days": 7, "from_a_newer": 1}
    settings = Settings.from_mapping(raw)
    assert (settings.level, settings.top_n, settings.warn_days) == ("县", 5, 7)
    assert settings.groups == ONE_GROUP


def test_the_total_line_follows_the_districts_level() -> None:
    assert Settings().total_label("zh") == "全区合计"
    assert Settings(level="县").total_label("zh") == "全县合计"
    assert Settings(level="市").total_label("zh") == "全市合计"
    assert Settings(level="县").total_label("en") == "County total"
    assert Settings(level="市").whole("zh") == "全市"
    departments = BY_KIND.groups[2]
    assert departments.name("zh", "县") == "县直部门"
    assert Settings(level="县").subtotal_label(departments, "zh") == "县直部门小计"


@pytest.mark.parametrize(
    ("raw", "english", "chinese"),
    [
        ({"top_n": 0}, "top_n: 0 must be from 1 to 20", "top_n：0 须在 1 到 20 之间"),
        ({"top_n": "three"}, "top_n: three is not a whole number", "top_n：three 不是整数"),
        ({"top_n": True}, "top_n: True is not a whole number", "top_n：True 不是整数"),
        ({"percent_digits": 3}, "percent_digits: 3 must be from 1 to 2", None),
        (
            {"level": "州"},
            "level: 州 is not one of 区、县、市、旗",
            "level：州 不是可选值（区、县、市、旗）",
        ),
        ({"template": "周 例会"}, "template: '周 例会' is not a template key", None),
        ({"groups": "town+shop"}, "groups: shop is not a unit kind", None),
        ({"groups": "town,town"}, "groups: town is in two groups", None),
        ({"district": 3}, "district: must be text", None),
    ],
)
def test_a_bad_stored_value_names_the_setting(raw: dict, english: str, chinese: str | None) -> None:
    with pytest.raises(InputError) as caught:
        Settings.from_mapping(raw, source="meta.json")
    assert caught.value.code.startswith("settings.")
    assert str(caught.value).startswith("meta.json: " + english)
    if chinese:
        assert caught.value.words("zh").startswith("meta.json：" + chinese)


def test_a_value_typed_on_the_command_line_is_checked_and_stored_plain() -> None:
    assert parse_setting("top_n", " 5 ") == 5
    assert parse_setting("level", "县") == "县"
    assert parse_setting("groups", "乡镇+园区，部门") == "town+park,department,county"
    assert parse_setting("district", " 楼区 ") == "楼区"
    with pytest.raises(InputError) as caught:
        parse_setting("colour", "red")
    assert caught.value.code == "settings.unknown"
    assert "colour" in str(caught.value) and "top_n" in str(caught.value)


def test_groups_are_written_as_they_are_read() -> None:
    for text in ("kind", "none", "town+park,department,county"):
        assert Grouping.parse(text).text == text
    merged = Grouping.parse("town+park")
    assert [group.kinds for group in merged.groups] == [
        (UnitKind.TOWN, UnitKind.PARK),
        (UnitKind.DEPARTMENT,),
        (UnitKind.COUNTY,),
    ]
    assert Settings(groups=merged).stored("groups") == "town+park,department,county"


def test_shown_lists_every_setting_once() -> None:
    shown = dict(Settings(level="县").shown())
    assert list(shown) == list(setting_keys())
    assert shown["level"] == "县" and shown["groups"] == "kind" and shown["district"] == ""
