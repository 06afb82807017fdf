"""Relative due dates in the UI language: "逾期 3 天", "due in 2 days".

humanize speaks English well. Its zh_CN catalogue renders days right ("3天") but months
as "1月", which a Chinese reader takes for January: past eight weeks Chinese says
"约2个月" in our own words.
"""

from __future__ import annotations

from datetime import date, timedelta

import humanize

from tui.context import Context

_WEEKS_IN_DAYS = 56


def span(days: int, lang: str) -> str:
    """How long `days` is, without direction: "3 days" / "3天" / "约2个月"."""
    days = abs(days)
    if lang != "zh":
        return humanize.naturaldelta(timedelta(days=days))
    if days < _WEEKS_IN_DAYS:
        humanize.i18n.activate("zh_CN")  # per thread: activate where it is used
        try:
            return humanize.naturaldelta(timedelta(days=days))
        finally:
            humanize.i18n.deactivate()
    return f"约{round(days / 30.4)}个月"


def due_phrase(ctx: Context, due: date) -> str:
    days = (due - ctx.today()).days
    if days == 0:
        return ctx.t("time.due_today")
    if days < 0:
        return ctx.t("time.overdue", span=span(days, ctx.lang))
    return ctx.t("time.due_in", span=span(days, ctx.lang))


def ago_phrase(ctx: Context, day: date) -> str:
    days = (ctx.today() - day).days
    if days == 0:
        return ctx.t("time.today")
    if days < 0:
        return ctx.t("time.in_future", span=span(days, ctx.lang))
    return ctx.t("time.ago", span=span(days, ctx.lang))
