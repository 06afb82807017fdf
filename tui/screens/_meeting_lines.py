"""What the meeting screen says in its sidebar and its item bar, as Rich text: the agenda
with where this window and the meeting are, the clocks, and this window's seat."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets.option_list import Option

from agenda.meetings import Meeting
from agenda.sayings import meeting_number
from agenda.templates import Item, Section, Template
from tui.clock import mmss, remaining
from tui.context import Context, Seat
from tui.labels import meeting_title
from tui.theme import Palette

ROLL_CALL = "roll-call"  # the sidebar entry before the agenda; not an item of the template


def meeting_info(ctx: Context, meeting: Meeting, palette: Palette) -> Text:
    t = ctx.t
    return Text.assemble(
        (meeting_title(ctx, meeting), "bold"),
        "\n",
        (meeting_number(meeting, ctx.lang), palette.muted),
        "\n",
        (t(f"home.state_{meeting.state.value}"), palette.muted),
    )


def agenda_options(
    ctx: Context,
    meeting: Meeting,
    walk: list[tuple[Section, Item]],
    shown: str | None,
    palette: Palette,
) -> list[Option]:
    """The roll call, then each section's title and its items: `>` the one shown here, `*`
    the one the meeting is on (when this window is elsewhere), a tick once visited."""

    def entry(title: str, key: str, visited: bool = False) -> Text:
        if key == shown:
            return Text.assemble(("> ", "bold"), (title, "bold reverse"))
        if key == meeting.current_item:  # the meeting is there, this window is not
            return Text.assemble(("* ", palette.warn), (title, palette.warn))
        ticked = visited or (key == ROLL_CALL and meeting.started_at is not None)
        return Text.assemble(("✓ ", palette.good) if ticked else "  ", title)

    options = [Option(entry(ctx.t("meeting.roll_call"), ROLL_CALL), ROLL_CALL)]
    last_section = None
    for section, item in walk:
        if section.key != last_section:
            last_section = section.key
            options.append(Option(Text(section.title(ctx.lang), style="bold"), disabled=True))
        visited = meeting.item_seconds.get(item.key, 0) > 0 and item.key != shown
        options.append(Option(entry(item.title(ctx.lang), item.key, visited), item.key))
    return options


def seat_line(
    ctx: Context, seat: Seat, meeting: Meeting, elsewhere: Item | None, palette: Palette
) -> Text:
    """This window's seat, and where the meeting is when this window is elsewhere."""
    line = Text(ctx.t(f"meeting.seat_{seat.value}"), style="bold reverse")
    if meeting.is_closed:
        line.append("  ")
        line.append(ctx.t("meeting.closed_here"), style=palette.bad)
    elif elsewhere is not None:
        line.append("  ")
        line.append(ctx.t("meeting.elsewhere", item=elsewhere.title(ctx.lang)), style=palette.warn)
    return line


def roll_call_bar(ctx: Context, moves_the_meeting: bool, seat: Text) -> Text:
    hint = "meeting.start_hint" if moves_the_meeting else "meeting.start_hint_follow"
    return Text.assemble((ctx.t("meeting.roll_call"), "bold"), "   ", ctx.t(hint), "\n", seat)


def item_bar(
    ctx: Context,
    meeting: Meeting,
    template: Template,
    section: Section,
    item: Item,
    now: datetime,
    seat: Text,
    palette: Palette,
) -> Text:
    """The item's title, its clock against its time box, the meeting's, and the seat."""
    t = ctx.t
    spent = meeting.seconds_on(item.key, now)
    left = remaining(spent, item.minutes)
    item_clock = (
        Text(t("meeting.left", time=mmss(left)), style=palette.good)
        if left >= 0
        else Text(t("meeting.overrun", time=mmss(-left)), style=palette.bad)
    )
    total = (now - meeting.started_at).total_seconds() if meeting.started_at else 0.0
    if meeting.ended_at and meeting.started_at:
        total = (meeting.ended_at - meeting.started_at).total_seconds()
    return Text.assemble(
        (f"{section.title(ctx.lang)} - {item.title(ctx.lang)}", "bold"),
        "\n",
        t("meeting.item_clock", spent=mmss(spent), planned=mmss(item.minutes * 60)),
        "  ",
        item_clock,
        "    ",
        t("meeting.meeting_clock", spent=mmss(total), planned=mmss(template.minutes * 60)),
        "\n",
        seat,
    )
