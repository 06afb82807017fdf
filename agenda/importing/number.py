"""Numbers as people type them: the one parser for imports, the units screen and the
commitment form.

A figure is read as the person meant it or refused, never guessed:

- full-width digits and punctuation (`１２．５`, `３，１４`) are read as their ASCII forms
  (NFKC); any other character outside ASCII is not part of a number (`²` is not 2);
- a comma separates thousands and nothing else: `1,234.5` and `12,345` are read, `12,5`,
  `1.234,5`, `3，14` and `1,23` are refused (12.5? 125? a person must say);
- `95%` is a percentage: read as 95 only where a rate is expected, refused elsewhere;
- `nan`, `inf` and numbers too large to store are refused.
"""

from __future__ import annotations

import math
import re
import unicodedata

from agenda.errors import InputError

# No thousands separator, or one after every third digit from the point, and only there.
_PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", re.ASCII)
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?", re.ASCII)
_WHOLE = re.compile(r"[0-9]+", re.ASCII)
_FULL_WIDTH = range(0xFF01, 0xFF5F)  # ！ to ～: NFKC makes them ASCII


class Percent(float):
    """A figure a spreadsheet showed as a percentage: 62.5 for a cell shown 62.5%."""


def _normalised(text: str) -> str | None:
    """`text` with full-width forms made ASCII and spaces trimmed; None if it holds a
    character no number is written with."""
    if any(
        ord(char) > 0x7F and ord(char) not in _FULL_WIDTH and not char.isspace() for char in text
    ):
        return None
    return unicodedata.normalize("NFKC", text).strip()


def parse_number(value: object, *, percent: bool = False) -> float:
    """A number from a cell or a prompt; `percent`: a percentage is welcome (a rate).

    Raises InputError `number.not_a_number`, `number.comma` or `number.percent`, with the
    value as typed; the caller places it (file, line, column) if it knows where."""
    if isinstance(value, bool):
        raise InputError("number.not_a_number", value=str(value))
    if isinstance(value, int | float):
        if isinstance(value, Percent) and not percent:
            raise InputError("number.percent", value=f"{value:g}%")
        if not math.isfinite(value):
            raise InputError("number.not_a_number", value=str(value))
        return float(value)
    typed = "" if value is None else str(value)
    text = _normalised(typed)
    if text is None:
        raise InputError("number.not_a_number", value=typed.strip())
    if text.endswith("%"):
        if not percent:
            raise InputError("number.percent", value=typed.strip())
        text = text[:-1].rstrip()
    if _PLAIN.fullmatch(text):
        number = float(text)
    elif _GROUPED.fullmatch(text):
        number = float(text.replace(",", ""))
    elif "," in text:
        raise InputError("number.comma", value=typed.strip())
    else:
        raise InputError("number.not_a_number", value=typed.strip())
    if not math.isfinite(number):  # 1e999: too large to be a figure, and not valid JSON
        raise InputError("number.not_a_number", value=typed.strip())
    return number


def parse_figure(value: object, *, percent: bool = False) -> float:
    """A figure a unit reports or is set: a number, not negative."""
    number = parse_number(value, percent=percent)
    if number < 0:
        raise InputError("number.negative", value=f"{number:g}")
    return number


def parse_whole(value: object) -> int:
    """A whole number that is not negative, e.g. a unit's order: `3`, `３`; not `²`."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    typed = "" if value is None else str(value).strip()
    text = _normalised(typed)
    if text is None or not _WHOLE.fullmatch(text):
        raise InputError("number.not_whole", value=typed)
    return int(text)
