"""Labels the screens share: a period, a meeting's title."""

from __future__ import annotations

from agenda.meetings import Meeting
from agenda.periods import Period
from tui.context import Context


def period_label(ctx: Context, period: Period) -> str:
    return ctx.t("common.period", year=period.year, month=period.month)


def meeting_title(ctx: Context, meeting: Meeting) -> str:
    """2026年10月调度会; a 专题调度会 with its topic: 2026年10月专题调度会：项目签约."""
    period = period_label(ctx, meeting.period)
    if meeting.topic:
        return ctx.t("meeting.special_title", period=period, topic=meeting.topic)
    return ctx.t("meeting.period_title", period=period)
