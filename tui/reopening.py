"""Reopening a closed meeting: asked first, and kept on the meeting's record (who, when)."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from agenda.meetings import Meeting
from tui.context import Context
from tui.labels import period_label
from tui.saving import try_save


def reopen_meeting(
    screen: Screen[object], ctx: Context, meeting: Meeting, after: Callable[[], None]
) -> None:
    """Ask, then reopen `meeting` as this window's seat; `after` runs once it is open."""
    from tui.dialogs import ConfirmPrompt

    period = period_label(ctx, meeting.period)

    def answer(yes: bool | None) -> None:
        if not yes:
            return
        now = ctx.now()
        reopened = try_save(
            ctx,
            screen,
            lambda: ctx.store.update_meeting(meeting.id, lambda m: m.reopen(now, ctx.by(m))),
        )
        if reopened is not None:
            screen.notify(ctx.t("close.reopened", period=period), markup=False)
            after()

    screen.app.push_screen(
        ConfirmPrompt(ctx, ctx.t("close.reopen_question", period=period)), answer
    )
