"""Showing figures the way a Chinese office writes them.

humanize's `intword` knows 千/百万/十亿 but never 万/亿, so the grouping is ours.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

# Shown for a figure that does not exist. ASCII on purpose: "—" is an ambiguous-width
# character that Chinese-locale terminals draw two cells wide, breaking table columns.
MISSING = "-"


def rounded(value: float, digits: int) -> Decimal:
    """Rounded the way an office rounds (四舍五入): 1.25 → 1.3, 2.675 → 2.68. Python's own
    rounding goes to even on a binary half (1.25 → 1.2); the figure's shortest decimal
    form is what a person typed and reads, so that is what is rounded. Never -0."""
    exact = Decimal(repr(float(value)))
    if not exact.is_finite():
        return exact
    result = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result == 0 else result


def fmt_number(value: float | None, digits: int = 2) -> str:
    """412.63 → '412.63', 12.0 → '12', None → '-'."""
    if value is None:
        return MISSING
    text = f"{rounded(value, digits):,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_percent(value: float | None, digits: int = 2) -> str:
    """115.2598 → '115.26%'."""
    return MISSING if value is None else f"{rounded(value, digits):f}%"


def fmt_points(value: float | None, digits: int = 1) -> str:
    """Points against 序时进度, signed: +9.2 / -3.0; a gap too small to show is +0.0."""
    return MISSING if value is None else f"{rounded(value, digits):+f}"


def fmt_change(value: float | None, digits: int = 1) -> str:
    """Growth, signed: +10.1% / -4.0%; a change too small to show is +0.0%, never -0.0%."""
    return MISSING if value is None else f"{rounded(value, digits):+f}%"


def fmt_chinese_amount(value: float | None, digits: int = 2) -> str:
    """Group a plain number by 万 and 亿: 123456789 → '1.23亿', 45600 → '4.56万'."""
    if value is None:
        return MISSING
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return fmt_number(value / size, digits) + word
    return fmt_number(value, digits)


# Decimals by measure: a count is whole (325个); an amount has two places (792.55亿元,
# 1,393.30万美元) so that one column never mixes 1,161 / 1,393.3 / 6,313.95; a percentage
# has the district's own number of places (the `percent_digits` setting).
COUNT_MEASURES = frozenset({"个", "家", "人", "项", "件", "户", "次"})
AMOUNT_DIGITS = 2
PERCENT_MEASURE = "%"


def measure_digits(measure: str, percent_digits: int = 2) -> int:
    """How many decimals a figure in `measure` is shown with."""
    if measure in COUNT_MEASURES:
        return 0
    if measure == PERCENT_MEASURE:
        return percent_digits
    return AMOUNT_DIGITS


def fmt_fixed(value: float | None, digits: int) -> str:
    """A fixed number of decimals, grouped by thousands: 1393.3 → '1,393.30'; never '-0'."""
    return MISSING if value is None else f"{rounded(value, digits):,f}"


def fmt_measure(value: float | None, measure: str, percent_digits: int = 2) -> str:
    """A figure with its measure's decimals (without the measure): 325, 792.55, 81.6."""
    return fmt_fixed(value, measure_digits(measure, percent_digits))


def round_sum(values: Iterable[float | None]) -> float | None:
    """The sum of the values present, without float noise: 396, never 396.0000000000004.

    Figures are entered with a few decimals at most; six places keep every one of them
    and drop the binary residue that adding many of them leaves.
    """
    present = [value for value in values if value is not None]
    if not present:
        return None
    return round(math.fsum(present), SUM_DIGITS) + 0.0


SUM_DIGITS = 6
