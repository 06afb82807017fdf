"""Which language to speak: --lang, then DIAODU_LANG, then the locale (zh_* → Chinese)."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("zh", "en")


def choose_language(explicit: str | None, environ: Mapping[str, str]) -> str:
    for value in (explicit, environ.get("DIAODU_LANG")):
        if value:
            lang = value.strip().lower()[:2]
            if lang in LANGUAGES:
                return lang
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
