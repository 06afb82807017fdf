"""Labels the screens share: a period, a unit's name."""

from __future__ import annotations

from agenda.periods import Period
from tui.context import Context


def period_label(ctx: Context, period: Period) -> str:
    return ctx.t("common.period", year=period.year, month=period.month)
