"""Every string the UI shows, in Chinese and English.

One YAML file per area under `tui/strings/`, each key with both languages side by side:

    mark_done: {zh: 完成, en: Done}

so a missing translation is visible where the string is written, and a test checks
that every key has both. Keys are used as `t("review.mark_done")`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("zh", "en")
# libyaml's loader, where PyYAML was built with it, reads the catalog ten times faster:
# it is on the path to the first screen.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _entries() -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    folder = resources.files("tui") / "strings"
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".yaml"):
            continue
        area = resource.name.removesuffix(".yaml")
        text = resource.read_text("utf-8")
        data: dict[str, Any] = yaml.load(text, Loader=_LOADER) or {}
        for key, value in data.items():
            entries[f"{area}.{key}"] = value
    return entries


class Catalog:
    """Translate keys into the UI language; `{name}` placeholders are filled in."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._entries = _entries()

    def __call__(self, key: str, **values: object) -> str:
        entry = self._entries.get(key)
        if entry is None:
            return key  # visible, never a crash; a test fails on unknown keys
        text = entry.get(self.lang) or entry.get("en") or key
        return text.format(**values) if values else text


def all_entries() -> dict[str, dict[str, str]]:
    return _entries()
