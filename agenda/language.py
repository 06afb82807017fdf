"""Which language to speak: --lang, then the district's `lang` setting, then DIAODU_LANG,
then the locale (zh_* → Chinese); on Windows, where LANG is usually unset, the language
of the system's user interface."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

LANGUAGES = ("zh", "en")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
LANG_CHINESE = 0x04  # the primary language of a Windows LANGID (zh-CN 0x0804, zh-TW 0x0404)


def choose_language(
    explicit: str | None,
    environ: Mapping[str, str],
    *,
    district: str = "",
    system: Callable[[], str | None] | None = None,
) -> str:
    for value in (explicit, district, environ.get("DIAODU_LANG")):
        if value:
            lang = value.strip().lower()[:2]
            if lang in LANGUAGES:
                return lang
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return (system or system_language)() or "en"


def system_language(
    os_name: str = os.name, ui_language: Callable[[], int] | None = None
) -> str | None:
    """The language of Windows' user interface (None elsewhere: the locale said it)."""
    if os_name != "nt":
        return None
    try:
        langid = (ui_language or _windows_ui_language)()
    except (AttributeError, OSError):
        return _locale_language()
    return "zh" if langid & 0x3FF == LANG_CHINESE else "en"


def _windows_ui_language() -> int:
    if sys.platform != "win32":
        raise OSError("not Windows")
    import ctypes

    return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())


def _locale_language() -> str | None:
    """Python's idea of the locale ("Chinese (Simplified)_China", "zh_CN"), if any."""
    import locale

    name = (locale.getlocale()[0] or "").lower()
    if not name:
        return None
    return "zh" if name.startswith(("zh", "chinese")) else "en"
