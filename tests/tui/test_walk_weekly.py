"""A district's own agenda walked whole: the weekly leadership meeting (领导班子周例会,
agenda/data/examples/weekly.yaml, kept by the demo district): seven time-boxed items, a
to-do agreed in its problem-solving block runs a week, and comes back at the next
week's meeting for review."""

from __future__ import annotations

from datetime import date, timedelta

from textual.pilot import Pilot
from textual.widgets import DataTable

from agenda.commitments import Status
from agenda.meetings import MeetingState
from agenda.usecases.district import District
from store import Store
from tests.conftest import NOW
from tests.tui.support import Clock, screen_text, settled
from tests.tui.test_walk import put_cursor_on, unit_id
from tui.app import DiaoduApp
from tui.screens.meeting import MeetingScreen

ITEMS = [
    "good-news",
    "weekly-figures",
    "quarter-priorities",
    "headlines",
    "last-weeks-todos",
    "issues",
    "recap",
]
# The free items: a notes editor that has the cursor on arrival (N there is text).
FREE = {"good-news", "quarter-priorities", "headlines", "recap"}


async def start_weekly(pilot: Pilot[None], app: DiaoduApp) -> MeetingScreen:
    """S, the agenda chosen in the start dialog (the third template: weekly), Enter."""
    await pilot.press("s", "tab", "tab", "enter", "down", "down", "enter")
    await pilot.press("enter")  # on the topic, left empty: Enter starts the meeting
    await settled(pilot)
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


async def next_item(pilot: Pilot[None], screen: MeetingScreen) -> None:
    """N, out of a free item's editor first (Escape there leaves the editor only)."""
    if screen.shown in FREE:
        await pilot.press("escape")
    await pilot.press("n")
    await settled(pilot)


async def test_the_weekly_agenda_walked_and_its_to_dos_reviewed_a_week_later(
    demo_store: Store,
) -> None:
    store = demo_store
    hekou = unit_id(store, "河口乡")
    clock = Clock(NOW)
    app = DiaoduApp(District(store, clock), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_weekly(pilot, app)
        walked = []
        for _ in ITEMS:
            await next_item(pilot, screen)
            walked.append(screen.shown)
            if screen.shown == "issues":  # 问题解决: a to-do, due in a week by default
                assert "还有7天 11-29" in screen_text(screen)
                await pilot.press(*"河口", "enter", *"落实土地指标", "ctrl+s")
                await settled(pilot)
                await pilot.press("escape")  # out of the form's field: N is a key again
            clock.now += timedelta(minutes=5)
        assert walked == ITEMS
        await pilot.press("escape", "w", "c")  # out of 会议小结's editor, then close
        await settled(pilot)
        first = store.meeting("2026-10.1")
        assert first is not None and first.state is MeetingState.CLOSED
        assert first.template == "weekly"
        assert set(first.item_seconds) == set(ITEMS)  # every item timed

    [todo] = [c for c in store.commitments() if c.meeting_id == "2026-10.1"]
    assert (todo.unit_id, todo.text, todo.due) == (hekou, "落实土地指标", date(2026, 11, 29))

    # A week later: the next weekly meeting reviews last week's to-do.
    clock = Clock(NOW + timedelta(days=7))
    store.clock = lambda: clock.now.date()
    app = DiaoduApp(District(store, clock), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_weekly(pilot, app)
        assert screen.meeting.id == "2026-10.2"
        for _ in range(5):  # to 上周待办落实情况
            await next_item(pilot, screen)
        assert screen.shown == "last-weeks-todos"
        assert "落实土地指标" in screen_text(screen)
        put_cursor_on(app, todo.id)
        assert screen.view is not None and screen.view.query(DataTable).first().has_focus
        await pilot.press("d")
        await settled(pilot)
    done = store.commitment(todo.id)
    assert done is not None and done.status is Status.DONE
    assert done.history[-1].meeting_id == "2026-10.2"
