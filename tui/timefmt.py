"""Relative dates on screen: "逾期21天", "还有约3个月", "due in 2 days".

Said by the domain (`agenda/sayings.py`), as the documents and the CLI say them: days up
to two months, then months ("逾期约3个月"), never "逾期1月", which reads as January.
"""

from __future__ import annotations

from datetime import date

from agenda.sayings import ago_words, due_words
from tui.context import Context


def due_phrase(ctx: Context, due: date) -> str:
    return due_words(due, ctx.today(), ctx.lang)


def ago_phrase(ctx: Context, day: date) -> str:
    return ago_words(day, ctx.today(), ctx.lang)
