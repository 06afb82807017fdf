"""How one review row and one commitment's history read, in the UI language.

Every piece of user text (commitment, owner, note, reason) goes through `plain()`.
Warning colours are the theme's (`tui.theme.Palette`).
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text

from agenda.commitments import Commitment, Status
from agenda.meetings import period_of_id
from agenda.numbers import fmt_percent
from agenda.review import Fulfilment, warning
from agenda.usecases.review import UnitGroup
from tui.context import Context
from tui.text import plain
from tui.theme import Palette
from tui.timefmt import due_phrase

COLUMNS = ("col_task", "col_owner", "col_due", "col_status", "col_when", "col_link")


def status_label(ctx: Context, status: Status) -> str:
    return ctx.t(f"review.status_{status.value}")


def meeting_label(ctx: Context, meeting_id: str | None) -> str:
    if not meeting_id:
        return "-"
    return ctx.t("review.meeting_ref", period=str(period_of_id(meeting_id)))


def rate_text(ctx: Context, result: Fulfilment, digits: int) -> str:
    """履约率 in percent, or "暂无" when nothing was due (fmt_percent's dash is ambiguous width)."""
    if result.rate is None:
        return ctx.t("review.rate_none")
    return fmt_percent(result.rate, digits)


def unit_header(ctx: Context, group: UnitGroup) -> str:
    """ "河口乡：履约率 50%，连续未完成 2 次" (the misses only when there are some)."""
    text = ctx.t("review.unit_header", name=group.name, rate=rate_text(ctx, group.fulfilment, 0))
    if group.misses:
        text += ctx.t("review.unit_misses", count=group.misses)
    return text


def _styled(value: str, style: Style) -> Text:
    """User text with a style from the theme, still never read as markup."""
    text = plain(value)
    text.style = style
    return text


def header_cells(ctx: Context, group: UnitGroup, palette: Palette) -> list[Text]:
    """The unit's name, its 履约率 under the due dates, its misses under the due phrases.

    Spread over the columns, not one long cell: the first column stays as wide as the
    commitments need, which is what lets the table fit 80 columns.
    """
    cells = [Text("") for _ in COLUMNS]
    cells[0] = _styled(group.name, palette.heading)
    rate = ctx.t("review.unit_rate", rate=rate_text(ctx, group.fulfilment, 0))
    cells[2] = Text(rate, style=palette.heading)
    if group.misses:
        misses = ctx.t("review.unit_misses_short", count=group.misses)
        cells[4] = Text(misses, style=palette.bad if group.misses > 1 else palette.heading)
    return cells


def due_text(ctx: Context, commitment: Commitment) -> str:
    due = commitment.effective_due.isoformat()
    if commitment.extensions:
        return ctx.t("review.due_extended", due=due, original=commitment.due.strftime("%m-%d"))
    return due


def link_text(ctx: Context, commitment: Commitment) -> str:
    parts = []
    if commitment.carried_from:
        parts.append(ctx.t("review.link_from", id=commitment.carried_from))
    if commitment.carried_to:
        parts.append(ctx.t("review.link_to", id=commitment.carried_to))
    return " ".join(parts)


def commitment_cells(ctx: Context, commitment: Commitment, palette: Palette) -> list[Text]:
    level = warning(commitment, ctx.today(), ctx.warn_days)
    colour = palette.warning(level)
    when = due_phrase(ctx, commitment.effective_due) if commitment.is_open else ""
    settled = palette.muted if not commitment.is_open else Style()
    task = Text("  ") + _styled(commitment.text, settled)
    return [
        task,
        _styled(commitment.owner, settled),
        Text(due_text(ctx, commitment), style=colour),
        Text(status_label(ctx, commitment.status), style=colour),
        Text(when, style=colour),
        Text(link_text(ctx, commitment)),
    ]


def history_lines(ctx: Context, commitment: Commitment, by_id: dict[str, Commitment]) -> list[Text]:
    """The record of one commitment, oldest first: made, extended, marked, carried."""
    # A translated sentence holding user text is still shown as plain text, never markup.
    title = plain(ctx.t("review.history_title", text=commitment.text, owner=commitment.owner))
    entries: list[tuple[date, int, Text]] = []
    if commitment.created is not None:
        made = ctx.t(
            "review.history_created",
            on=commitment.created.isoformat(),
            meeting=meeting_label(ctx, commitment.meeting_id),
            due=commitment.due.isoformat(),
        )
        entries.append((commitment.created, 0, Text(made)))
    for order, extension in enumerate(commitment.extensions, start=1):
        sentence = ctx.t(
            "review.history_extension",
            on=extension.on.isoformat(),
            due=extension.new_due.isoformat(),
            reason=extension.reason,
        )
        entries.append((extension.on, order, plain(sentence)))
    for order, change in enumerate(commitment.history, start=100):
        meeting = meeting_label(ctx, change.meeting_id)
        if _note_only(commitment, order - 100):
            sentence = ctx.t("review.history_note_only", on=change.on.isoformat(), meeting=meeting)
        else:
            sentence = ctx.t(
                "review.history_change",
                on=change.on.isoformat(),
                status=status_label(ctx, change.status),
                meeting=meeting,
            )
        if change.note:
            sentence += ctx.t("review.history_note", note=change.note)
        line = plain(sentence)
        entries.append((change.on, order, line))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    body = [Text("  ") + text for _, _, text in entries]
    if not commitment.history and not commitment.extensions:
        body.append(Text("  " + ctx.t("review.history_none")))
    body += _link_lines(ctx, commitment, by_id)
    return [title, *body]


def _note_only(commitment: Commitment, index: int) -> bool:
    """An entry that keeps the status it found (OPEN on an open one): a note, not a mark."""
    change = commitment.history[index]
    before = commitment.history[index - 1].status if index else Status.OPEN
    return change.status is Status.OPEN and before is Status.OPEN


def _link_lines(ctx: Context, commitment: Commitment, by_id: dict[str, Commitment]) -> list[Text]:
    lines = []
    if commitment.carried_from:
        source = by_id.get(commitment.carried_from)
        due = source.due.isoformat() if source else "-"
        lines.append(ctx.t("review.history_carried_from", id=commitment.carried_from, due=due))
    if commitment.carried_to:
        target = by_id.get(commitment.carried_to)
        due = target.effective_due.isoformat() if target else "-"
        lines.append(ctx.t("review.history_carried_to", id=commitment.carried_to, due=due))
    return [Text("  " + line) for line in lines]
