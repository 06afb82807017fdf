"""Every string the UI shows exists in both languages and draws right in a Chinese terminal."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from tui.i18n import LANGUAGES, Catalog, all_entries

TUI = Path(__file__).resolve().parents[2] / "tui"
# A catalog key written in code: t("area.key"), or a binding's description "area.key".
# (A binding's `id=` is not a catalog key.)
KEY_IN_CODE = re.compile(r"""(?<!id=)["']([a-z_]+\.[a-z_0-9]+)["']""")


def test_every_entry_has_both_languages() -> None:
    missing = {
        key: sorted(set(LANGUAGES) - set(entry))
        for key, entry in all_entries().items()
        if set(entry) != set(LANGUAGES) or not all(str(entry[lang]).strip() for lang in entry)
    }
    assert missing == {}


def test_every_key_used_in_code_is_in_the_catalog() -> None:
    entries = all_entries()
    areas = {key.split(".")[0] for key in entries}
    unknown = set()
    for source in TUI.rglob("*.py"):
        if source.name == "i18n.py":  # its docstring shows an example key
            continue
        for key in KEY_IN_CODE.findall(source.read_text("utf-8")):
            area = key.split(".")[0]
            if area in areas and key not in entries:
                unknown.add(f"{source.name}: {key}")
    assert sorted(unknown) == []


def test_no_ambiguous_width_characters() -> None:
    """… — · ★ ① and the like are drawn two cells wide by some CJK-locale terminals
    (rich #4197) while Rich counts one: columns and borders would shift."""
    ambiguous = {
        f"{key} ({lang}): {char!r}"
        for key, entry in all_entries().items()
        for lang, text in entry.items()
        for char in str(text)
        if unicodedata.east_asian_width(char) == "A"
    }
    assert sorted(ambiguous) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_fill_in_both_languages(lang: str) -> None:
    t = Catalog(lang)
    assert t("saying.overdue", span="3天") in ("逾期3天", "3天 overdue")
    assert t("common.period", year=2026, month=5) in ("2026年5月", "2026-05")


def test_same_placeholders_in_both_languages() -> None:
    field = re.compile(r"{(\w+)")
    differ = {
        key
        for key, entry in all_entries().items()
        if set(field.findall(str(entry.get("zh", ""))))
        != set(field.findall(str(entry.get("en", ""))))
    }
    assert sorted(differ) == []
