"""The domain's words, in Chinese and English: its refusals and what the CLI says.

One YAML file per area under `agenda/strings/`, each key with both languages side by side

    extend_overdue: {zh: "已逾期（{due} 到期），不能延期", en: "overdue since {due}: ..."}

and used as `say("commitment.extend_overdue", lang, due=...)`. The TUI's catalog
(`tui/i18n.py`) reads these too, so a refusal reads the same in the app and the CLI.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from agenda.errors import DiaoduError, InputError

LANGUAGES = ("zh", "en")
# A bad value is quoted, never dumped: a 10,000-character cell makes a 60-character quote.
QUOTE_LIMIT = 60
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_catalog(package: str) -> dict[str, dict[str, str]]:
    """Every `area.key` of a package's `strings/*.yaml`, each with its languages."""
    entries: dict[str, dict[str, str]] = {}
    folder = resources.files(package) / "strings"
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".yaml"):
            continue
        area = resource.name.removesuffix(".yaml")
        data: dict[str, Any] = yaml.load(resource.read_text("utf-8"), Loader=_LOADER) or {}
        for key, value in data.items():
            entries[f"{area}.{key}"] = value
    return entries


@cache
def entries() -> dict[str, dict[str, str]]:
    return load_catalog("agenda")


@cache
def area_entries(package: str, area: str) -> dict[str, dict[str, str]]:
    """One area's words (`strings/<area>.yaml`), read when first asked for: a command or
    a screen reads the few areas it speaks, not all of them, before it can start."""
    resource = resources.files(package) / "strings" / f"{area}.yaml"
    if not resource.is_file():
        return {}
    data: dict[str, Any] = yaml.load(resource.read_text("utf-8"), Loader=_LOADER) or {}
    return {f"{area}.{key}": value for key, value in data.items()}


def entry(key: str, package: str = "agenda") -> dict[str, str] | None:
    """The languages of `area.key`, or None when the catalog does not have it."""
    area, dot, _ = key.partition(".")
    return area_entries(package, area).get(key) if dot and area.isidentifier() else None


def say(key: str, lang: str, **values: Any) -> str:
    """The catalog's words for `key` in `lang`, with `{name}` filled in. A key the catalog
    does not know is shown as it is: visible, never a crash (a test checks every code)."""
    entry_ = entry(key)
    if entry_ is None:
        return key
    text = entry_.get(lang) or entry_.get("en") or key
    return text.format(**{name: shown(value, lang) for name, value in values.items()})


def shown(value: Any, lang: str) -> Any:
    """A parameter as a message shows it: an enum in words, a long text quoted short."""
    if isinstance(value, Enum):
        key = f"values.{type(value).__name__.lower()}_{value.value}"
        return say(key, lang) if entry(key) is not None else str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return quote(value)
    label = getattr(value, "label", None)
    if callable(label):  # a metric: its label in the message's language
        return quote(str(label(lang)))
    return value


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """At most `limit` characters of a value, on one line."""
    one_line = " ".join(text.split()) if ("\n" in text or "\r" in text) else text
    return one_line if len(one_line) <= limit else one_line[: limit - 3] + "..."


def explain(error: DiaoduError, lang: str) -> str:
    """One line: where (for bad input), then what is wrong."""
    what = say(error.code, lang, **error.params)
    if isinstance(error, InputError):
        if error.field:  # a YAML file's path to the value: "units[1].kind: ..."
            what = error.field + say("input.colon", lang) + what
        return where(error, lang) + what
    return what


def where(error: InputError, lang: str) -> str:
    parts = []
    if error.source:
        parts.append(quote(str(error.source), 120))
    if error.sheet:
        parts.append(say("input.at_sheet", lang, sheet=error.sheet))
    if error.line is not None:
        # A spreadsheet has rows (as Excel numbers them), a text file lines.
        row_or_line = "input.at_row" if error.sheet else "input.at_line"
        parts.append(say(row_or_line, lang, line=error.line))
    if error.column is not None:
        parts.append(say("input.at_column", lang, column=error.column))
    if not parts:
        return ""
    return say("input.joiner", lang).join(parts) + say("input.colon", lang)
