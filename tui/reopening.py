"""Reopening a closed meeting: asked first, and kept on the meeting's record (who, when)."""

from __future__ import annotations

from textual.widget import Widget

from agenda.meetings import Meeting
from agenda.usecases.meetings import reopen_meeting as reopen
from tui.context import Context
from tui.labels import period_label
from tui.saving import try_save


async def reopen_meeting(screen: Widget, ctx: Context, meeting: Meeting) -> bool:
    """Ask, then reopen `meeting` as this window's seat; whether it was. Run in a worker
    (the question is waited for)."""
    from tui.dialogs import ConfirmPrompt

    period = period_label(ctx, meeting.period)
    question = ConfirmPrompt(ctx, ctx.t("close.reopen_question", period=period))
    if not await screen.app.push_screen_wait(question):
        return False
    by = ctx.by(meeting)
    if try_save(ctx, screen, lambda: reopen(ctx.district, meeting.id, by)) is None:
        return False
    screen.notify(ctx.t("close.reopened", period=period), markup=False)
    return True
