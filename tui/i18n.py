"""Every string the UI shows, in Chinese and English.

One YAML file per area under `tui/strings/`, each key with both languages side by side:

    mark_done: {zh: 完成, en: Done}

so a missing translation is visible where the string is written, and a test checks
that every key has both. Keys are used as `t("review.mark_done")`. The domain's own
words (`agenda/strings/`: its refusals, by error code) are part of the same catalog, so
`t.error(error)` says a refusal exactly as the CLI does.
"""

from __future__ import annotations

from functools import cache

from agenda.errors import DiaoduError
from agenda.words import LANGUAGES, entry, load_catalog, say
from agenda.words import entries as domain_entries


@cache
def _entries() -> dict[str, dict[str, str]]:
    ui = load_catalog("tui")
    clash = ui.keys() & domain_entries().keys()
    assert not clash, f"tui/strings and agenda/strings both define {sorted(clash)}"
    return {**domain_entries(), **ui}


class Catalog:
    """Translate keys into the UI language; `{name}` placeholders are filled in."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"

    def __call__(self, key: str, **values: object) -> str:
        # Each area's file is read when a key of it is first asked for (the app opens
        # with home's few); tests/tui/test_catalog.py reads them all and checks clashes.
        if entry(key) is not None:
            return say(key, self.lang, **values)
        ui = entry(key, "tui")
        if ui is None:
            return key  # visible, never a crash; a test fails on unknown keys
        text = ui.get(self.lang) or ui.get("en") or key
        return text.format(**values) if values else text

    def error(self, error: DiaoduError) -> str:
        """A refusal of the domain or the store, in the UI language."""
        return error.words(self.lang)


def all_entries() -> dict[str, dict[str, str]]:
    return _entries()
