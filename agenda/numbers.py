"""Showing figures the way a Chinese office writes them.

humanize's `intword` knows 千/百万/十亿 but never 万/亿, so the grouping is ours.
"""

from __future__ import annotations

# Shown for a figure that does not exist. ASCII on purpose: "—" is an ambiguous-width
# character that Chinese-locale terminals draw two cells wide, breaking table columns.
MISSING = "-"


def fmt_number(value: float | None, digits: int = 2) -> str:
    """412.63 → '412.63', 12.0 → '12', None → '-'."""
    if value is None:
        return MISSING
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def fmt_percent(value: float | None, digits: int = 2) -> str:
    """115.2598 → '115.26%'."""
    return MISSING if value is None else f"{value:.{digits}f}%"


def fmt_points(value: float | None, digits: int = 1) -> str:
    """Points against 序时进度, signed: +9.2 / -3.0."""
    return MISSING if value is None else f"{_unsigned_zero(value, digits):+.{digits}f}"


def fmt_change(value: float | None, digits: int = 1) -> str:
    """Growth, signed: +10.1% / -4.0%; a change too small to show is +0.0%, never -0.0%."""
    if value is None:
        return MISSING
    return f"{_unsigned_zero(value, digits):+.{digits}f}%"


def _unsigned_zero(value: float, digits: int) -> float:
    return 0.0 if round(value, digits) == 0 else value


def fmt_chinese_amount(value: float | None, digits: int = 2) -> str:
    """Group a plain number by 万 and 亿: 123456789 → '1.23亿', 45600 → '4.56万'."""
    if value is None:
        return MISSING
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return fmt_number(value / size, digits) + word
    return fmt_number(value, digits)
