"""How a 通报 says a figure: "落后序时进度2.5个百分点", "同比增长43.8%", "与上月持平".

A sign is never printed in a sentence: the words say which way ("落后", "下降"), and a
difference that rounds to nothing is said to be level ("与序时进度持平"), never "+0.0".
The TUI and the documents both call these, so the app and the paper say the same thing.
The words are in `agenda/strings/phrase.yaml`.
"""

from __future__ import annotations

from typing import Literal

from agenda.numbers import COUNT_MEASURES, PERCENT_MEASURE, fmt_fixed, measure_digits, rounded
from agenda.words import entries, say

POINT_DIGITS = 1  # points and growth: one place, as the speeches write them


def _level(value: float, digits: int) -> bool:
    return rounded(value, digits) == 0


def _amount(value: float, digits: int) -> str:
    return fmt_fixed(abs(value), digits)


def pace(
    difference: float | None,
    lang: str,
    *,
    higher_is_better: bool = True,
    digits: int = POINT_DIGITS,
) -> str:
    """Completion minus 序时进度, in words: 超/落后序时进度X个百分点, 与序时进度持平.

    For a ceiling (lower is better) the words are plain facts, 低于/高于序时进度: being
    under the time's share of a ceiling is good, and "超" would read as praise.
    """
    if difference is None:
        return ""
    if _level(difference, digits):
        return say("phrase.pace_level", lang)
    if higher_is_better:
        key = "phrase.pace_ahead" if difference > 0 else "phrase.pace_behind"
    else:
        key = "phrase.pace_above" if difference > 0 else "phrase.pace_below"
    return say(key, lang, gap=_amount(difference, digits))


def against_target(difference: float | None, lang: str, *, digits: int = POINT_DIGITS) -> str:
    """A rate minus its target, in points: 高于/低于目标X个百分点, 与目标持平."""
    if difference is None:
        return ""
    if _level(difference, digits):
        return say("phrase.target_level", lang)
    key = "phrase.target_above" if difference > 0 else "phrase.target_below"
    return say(key, lang, gap=_amount(difference, digits))


def growth(
    change: float | None,
    lang: str,
    *,
    over: Literal["year", "month"] = "year",
    points: bool = False,
    digits: int = POINT_DIGITS,
) -> str:
    """同比增长43.8% / 同比下降4.0% / 与上年同期持平; 环比… / 与上月持平.

    `points`: the change of a rate, in percentage points (同比提高2.0个百分点).
    """
    if change is None:
        return ""
    prefix = "phrase.yoy" if over == "year" else "phrase.mom"
    if _level(change, digits):
        return say(f"{prefix}_level", lang)
    direction = "up" if change > 0 else "down"
    suffix = "_points" if points else ""
    return say(f"{prefix}_{direction}{suffix}", lang, change=_amount(change, digits))


def measure_word(measure: str, lang: str) -> str:
    """The measure as written after a number: 亿元; in English 100M yuan, or nothing for 个."""
    if lang == "zh" or measure == PERCENT_MEASURE:
        return measure
    key = f"phrase.measure_{measure}"
    if key in entries():
        return say(key, lang)
    return "" if measure in COUNT_MEASURES else measure


def quantity(value: float | None, measure: str, lang: str, percent_digits: int = 2) -> str:
    """A figure in a sentence, with its measure and its measure's decimals: 325个,
    792.55亿元, 39455.57万美元 (a 公文's prose groups no thousands), 48.00%; in English
    325, 792.55 100M yuan, 39,455.57 10k USD."""
    number = fmt_fixed(value, measure_digits(measure, percent_digits))
    if lang == "zh":
        number = number.replace(",", "")
    word = measure_word(measure, lang)
    if not word:
        return number
    if lang == "zh" or word == PERCENT_MEASURE:
        return number + word
    return f"{number} {word}"


def percent(value: float | None, digits: int = 2) -> str:
    """A share or a completion: 80.85% (or 80.9% at one place)."""
    return fmt_fixed(value, digits) + "%" if value is not None else fmt_fixed(None, digits)


def why_no_mom(reason: str, lang: str) -> str:
    """Why an amount's 环比 is "-" (`agenda.scorecard.MomGap`): 上月未报送,
    上月数据含此前未报月份, 上月无新增."""
    return say(f"phrase.mom_{reason}", lang)
