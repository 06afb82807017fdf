"""The settings of the office's documents: who issues them, their 文号, who gets a copy."""

from __future__ import annotations

import pytest

from agenda.errors import InputError
from agenda.settings import Settings, parse_setting


def test_the_number_of_a_document() -> None:
    office = Settings(doc_prefix="楼招办", doc_number=12)
    assert office.doc_reference(2026) == "楼招办〔2026〕12号"
    # No number given yet: a blank the office writes in by hand; no prefix, no 文号 at all.
    assert Settings(doc_prefix="楼招办").doc_reference(2026) == "楼招办〔2026〕\u3000\u3000号"
    assert Settings(doc_number=12).doc_reference(2026) == ""


@pytest.mark.parametrize(
    ("key", "text", "stored"),
    [
        ("issuer", " 楼区招商引资工作领导小组办公室 ", "楼区招商引资工作领导小组办公室"),
        ("doc_prefix", "楼招办", "楼招办"),
        ("doc_number", "12", 12),
        ("copies", "区委办公室，区政府办公室", "区委办公室，区政府办公室"),
    ],
)
def test_each_is_set_from_what_was_typed(key: str, text: str, stored: object) -> None:
    assert parse_setting(key, text) == stored
    assert Settings.from_mapping({key: stored}).stored(key) == stored


@pytest.mark.parametrize(
    ("key", "text", "code"),
    [
        ("doc_number", "十二", "settings.not_integer"),
        ("doc_number", "10000", "settings.out_of_range"),
        ("doc_number", "-1", "settings.out_of_range"),
        ("issuer", "x" * 101, "settings.text_too_long"),
        ("copies", "区委办公室，" * 60, "settings.text_too_long"),
        ("copies", "区委办公室\n区政府办公室", "settings.text_too_long"),
    ],
)
def test_a_bad_value_is_refused_naming_the_setting(key: str, text: str, code: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_setting(key, text)
    assert refused.value.code == code
    assert refused.value.params["setting"] == key
