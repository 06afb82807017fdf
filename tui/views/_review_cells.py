"""How one review row and one commitment's record read, in the UI language.

A commitment is named by its number in its meeting (第3项; 第11次会议第3项 across
meetings), never by an id like 2026-10.3, which reads as a meeting. Dates and spans are
said by `agenda.sayings` (逾期21天, 还有约3个月), as the documents say them. Every
piece of user text (commitment, owner, note, reason) goes through `plain()`; colours are
the theme's (`tui.theme.Palette`).
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from agenda.commitments import Commitment, Status
from agenda.meetings import period_of_id
from agenda.numbers import fmt_number, fmt_percent
from agenda.review import Fulfilment, warning
from agenda.sayings import commitment_number, commitment_reference, due_words
from agenda.usecases.review import ReviewData, ReviewPart, UnitGroup
from tui.context import Context
from tui.text import plain
from tui.theme import Palette
from tui.views._cells import clipped

COLUMNS = ("col_task", "col_owner", "col_due", "col_state", "col_flags")
TASK = 0  # the one column cut to fit the width: the record below shows the text whole
MIN_TASK_CELLS = 14


def status_label(ctx: Context, status: Status) -> str:
    return ctx.t(f"review.status_{status.value}")


def meeting_label(ctx: Context, meeting_id: str | None, data: ReviewData) -> str:
    """第10次调度会 / meeting No. 10; its month when it has no number."""
    if not meeting_id:
        return "-"
    meeting = data.meetings.get(meeting_id)
    if meeting is not None and meeting.nth_in_year is not None:
        return ctx.t("review.meeting_nth", year=meeting.date.year, nth=meeting.nth_in_year)
    return ctx.t("review.meeting_ref", period=str(period_of_id(meeting_id)))


def rate_text(ctx: Context, result: Fulfilment, digits: int) -> str:
    """履约率 in percent, or "暂无" when nothing was due (fmt_percent's dash is ambiguous width)."""
    if result.rate is None:
        return ctx.t("review.rate_none")
    return fmt_percent(result.rate, digits)


def unit_header(ctx: Context, group: UnitGroup) -> str:
    """河口乡：履约率 0%，连续3次会议未完成，约谈 (the run and 约谈 when there are)."""
    text = ctx.t("review.unit_header", name=group.name, rate=rate_text(ctx, group.fulfilment, 0))
    if group.run:
        text += ctx.t("review.unit_run", count=group.run)
    if group.talk:
        text += ctx.t("review.unit_talk")
    return text


def reference(ctx: Context, commitment: Commitment, data: ReviewData, here: str) -> str:
    """How a linked commitment is named: 本次会议第5项 if made at this meeting, else
    第10次会议第3项 (its meeting's number), else its number alone."""
    if commitment.meeting_id == here and commitment.nth_in_meeting is not None:
        return ctx.t("review.item_here", item=commitment_number(commitment, ctx.lang))
    meeting = data.meetings.get(commitment.meeting_id or "")
    return commitment_reference(commitment, meeting, ctx.lang)


def _styled(value: str, style: Style) -> Text:
    """User text with a style from the theme, still never read as markup."""
    text = plain(value)
    text.style = style
    return text


def part_cells(ctx: Context, part: ReviewPart, palette: Palette) -> list[Text]:
    """到期应办（10项） / 未到期（6项）: the heading of each part of the review."""
    key = "review.part_due" if part.due else "review.part_later"
    cells = [Text("") for _ in COLUMNS]
    cells[TASK] = Text(ctx.t(key, count=len(part.commitments)), style=palette.warn)
    return cells


def header_cells(ctx: Context, group: UnitGroup, palette: Palette) -> list[Text]:
    """The unit's name, its 履约率 under the due dates, its run of missed meetings under
    the state, 约谈 under the flags."""
    cells = [Text("") for _ in COLUMNS]
    cells[TASK] = _styled(group.name, palette.heading)
    rate = ctx.t("review.unit_rate", rate=rate_text(ctx, group.fulfilment, 0))
    cells[2] = Text(rate, style=palette.heading)
    if group.run:
        run = ctx.t("review.unit_run_short", count=group.run)
        cells[3] = Text(run, style=palette.bad if group.talk else palette.heading)
    if group.talk:
        cells[4] = Text(ctx.t("review.flag_talk"), style=palette.bad)
    return cells


def flags(ctx: Context, commitment: Commitment, data: ReviewData, here: str) -> list[str]:
    """What the flags column says, most pressing first: where it was carried to (whole),
    挂牌督办, the share done last reported, an extension, how often it was carried."""
    said = []
    target = data.by_id.get(commitment.carried_to or "")
    if commitment.carried_to:
        name = reference(ctx, target, data, here) if target else commitment.carried_to
        said.append(ctx.t("review.link_to", target=name))
    elif data.flags.supervised(commitment.id):
        said.append(ctx.t("review.flag_supervised"))
    progress = commitment.latest_progress
    if commitment.is_open and progress is not None and progress.percent is not None:
        said.append(ctx.t("review.flag_percent", percent=fmt_number(progress.percent)))
    if commitment.is_open and commitment.extensions:
        said.append(ctx.t("review.flag_extended"))
    if commitment.carried_times and not data.flags.supervised(commitment.id):
        said.append(ctx.t("review.flag_carried", count=commitment.carried_times))
    return said


def commitment_cells(
    ctx: Context, commitment: Commitment, data: ReviewData, here: str, palette: Palette
) -> list[Text]:
    level = warning(commitment, ctx.today(), ctx.warn_days)
    colour = palette.warning(level)
    if commitment.is_open:
        state = due_words(commitment.effective_due, ctx.today(), ctx.lang)
    else:
        state = status_label(ctx, commitment.status)
    settled = palette.muted if not commitment.is_open else Style()
    number = commitment_number(commitment, ctx.lang)
    task = Text("  ") + Text(number + " ", style=settled) + _styled(commitment.text, settled)
    said = flags(ctx, commitment, data, here)
    supervised = data.flags.supervised(commitment.id) and not commitment.carried_to
    return [
        task,
        _styled(commitment.owner, settled),
        Text(commitment.effective_due.isoformat(), style=colour),
        Text(state, style=colour if commitment.is_open else settled),
        Text(ctx.t("review.flag_separator").join(said), style=palette.bad if supervised else ""),
    ]


def fit_task_column(rows: list[list[Text]], labels: list[str], width: int) -> list[list[Text]]:
    """Cut the task column so the whole row fits `width` cells (the table's, less its
    scrollbar): every other column shows its value whole, a date never as 2026-12-."""
    others = sum(
        max([cell_len(labels[column])] + [row[column].cell_len for row in rows]) + 2
        for column in range(len(labels))
        if column != TASK
    )
    room = max(MIN_TASK_CELLS, width - others - 2)
    fitted = []
    for row in rows:
        task = row[TASK]
        if task.cell_len > room:
            cut = clipped(task.plain, room)
            cut.style = task.style
            for span in task.spans:  # keep the number's and the heading's styles
                if span.start < len(cut.plain):
                    cut.stylize(span.style, span.start, min(span.end, len(cut.plain)))
            task = cut
        fitted.append([task, *row[1:]])
    return fitted


def history_lines(ctx: Context, commitment: Commitment, data: ReviewData, here: str) -> list[Text]:
    """The record of one commitment, oldest first: made, extended, progress, marked,
    carried; headed by its name, its lead leader and supporting units."""
    title = plain(
        ctx.t(
            "review.history_title",
            ref=reference(ctx, commitment, data, here),
            text=commitment.text,
            owner=commitment.owner,
        )
    )
    entries: list[tuple[date, int, Text]] = []
    if commitment.created is not None:
        made = ctx.t(
            "review.history_created",
            on=commitment.created.isoformat(),
            meeting=meeting_label(ctx, commitment.meeting_id, data),
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
    for order, progress in enumerate(commitment.progress, start=50):
        key = "review.history_progress" if progress.percent is None else "review.history_percent"
        sentence = ctx.t(
            key,
            on=progress.on.isoformat(),
            meeting=meeting_label(ctx, progress.meeting_id, data),
            percent=fmt_number(progress.percent) if progress.percent is not None else "",
            note=progress.note,
        )
        entries.append((progress.on, order, plain(sentence)))
    for order, change in enumerate(commitment.history, start=100):
        meeting = meeting_label(ctx, change.meeting_id, data)
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
        entries.append((change.on, order, plain(sentence)))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    body = [*_people(ctx, commitment, data)]
    body += [Text("  ") + text for _, _, text in entries]
    if not commitment.history and not commitment.extensions and not commitment.progress:
        body.append(Text("  " + ctx.t("review.history_none")))
    body += _link_lines(ctx, commitment, data, here)
    return [title, *body]


def _people(ctx: Context, commitment: Commitment, data: ReviewData) -> list[Text]:
    """牵头领导 and 配合单位, when the commitment names them."""
    parts = []
    if commitment.lead:
        parts.append(ctx.t("review.history_lead", lead=commitment.lead))
    if commitment.supporting:
        names = data.unit_names
        supporting = ctx.t("review.list_separator").join(
            names.get(unit_id, unit_id) for unit_id in commitment.supporting
        )
        parts.append(ctx.t("review.history_supporting", units=supporting))
    if not parts:
        return []
    return [Text("  ") + plain(ctx.t("review.people_separator").join(parts))]


def _note_only(commitment: Commitment, index: int) -> bool:
    """An entry that keeps the status it found (OPEN on an open one): a note, not a mark."""
    change = commitment.history[index]
    before = commitment.history[index - 1].status if index else Status.OPEN
    return change.status is Status.OPEN and before is Status.OPEN


def _link_lines(ctx: Context, commitment: Commitment, data: ReviewData, here: str) -> list[Text]:
    lines = []
    if commitment.carried_from:
        source = data.by_id.get(commitment.carried_from)
        name = reference(ctx, source, data, here) if source else commitment.carried_from
        due = source.due.isoformat() if source else "-"
        lines.append(ctx.t("review.history_carried_from", ref=name, due=due))
    if commitment.carried_to:
        target = data.by_id.get(commitment.carried_to)
        name = reference(ctx, target, data, here) if target else commitment.carried_to
        due = target.effective_due.isoformat() if target else "-"
        lines.append(ctx.t("review.history_carried_to", ref=name, due=due))
    return [Text("  ") + plain(line) for line in lines]
