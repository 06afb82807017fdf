"""A whole meeting walked by keys, then next month's review of what it committed.

November: roll call, review (one done, one carried over), achievements (a unit praised),
gaps (a problem ticked), assignments (a commitment typed in Chinese), close. December:
the new month's figures arrive, the commitment comes back on its own for review; it is
marked missed and carried over, and both ends of the link are checked.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from textual.widgets import DataTable

from agenda.commitments import Commitment, Status
from agenda.meetings import Attendance, MeetingState, Presence
from agenda.periods import Period
from agenda.units import find_unit
from agenda.usecases.district import District
from store.opening import AnyStore
from tests.conftest import NOW
from tests.tui.support import Clock, screen_text, settled
from tui.app import DiaoduApp
from tui.screens.meeting import MeetingScreen

DECEMBER = datetime(2026, 12, 22, 9, 0)


def unit_id(store: AnyStore, name: str) -> str:
    unit = find_unit(store.units(), name)
    assert unit is not None, name
    return unit.id


def put_cursor_on(app: DiaoduApp, row_key: str) -> None:
    """Move the cursor of the section's table to a row, as arrow keys would."""
    screen = app.screen
    assert isinstance(screen, MeetingScreen) and screen.view is not None
    table = screen.view.query(DataTable).first()
    table.move_cursor(row=table.get_row_index(row_key))


def made_at(store: AnyStore, meeting_id: str) -> list[Commitment]:
    return [c for c in store.commitments(include_archive=True) if c.meeting_id == meeting_id]


async def test_a_whole_meeting_then_next_months_review(demo_district: AnyStore) -> None:
    """On a data folder, and on a district on a server."""
    store = demo_district
    hekou, kaifaqu = unit_id(store, "河口乡"), unit_id(store, "经济开发区")
    due_now = [c for c in store.commitments() if c.is_open and c.effective_due <= NOW.date()]
    done_one, carried_one = due_now[0], due_now[1]

    clock = Clock(NOW)
    app = DiaoduApp(District(store, clock), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        # Home → this month's meeting; roll call: the first unit sent a deputy.
        await pilot.press("s", "enter", "3", *"刘振华", "tab", *"副镇长", "enter")
        await settled(pilot)
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.shown == "review-commitments"

        # 回头看: one done, one carried over to the end of this month.
        put_cursor_on(app, done_one.id)
        await pilot.press("d")
        put_cursor_on(app, carried_one.id)
        await pilot.press("c")
        await pilot.press("enter")  # the offered date: end of next month
        await pilot.pause()

        # 肯定成绩: praise the development zone's practice.
        await pilot.press("n")
        assert screen.shown == "scorecard"
        put_cursor_on(app, kaifaqu)
        await pilot.press("e", *"以商招商 链式引进", "enter")

        # 认清差距: the laggard's first problem ticked, and a note.
        await pilot.press("n")
        assert screen.shown == "behind-pace"
        put_cursor_on(app, hekou)
        await pilot.press("1", "e", *"约谈主要负责人", "enter")

        # 安排部署: the secretary types a commitment for the laggard.
        await pilot.press("n")
        assert screen.shown == "commitments"
        await pilot.press(*"河口", "enter")
        await pilot.press(*"新签约亿元以上项目2个", "enter")  # → owner (the unit's head)
        await pilot.press("enter", "up")  # → due: end of this month
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "新签约亿元以上项目2个" in screen_text(app.screen)

        # Close.
        await pilot.press("escape")  # out of the form field first
        clock.now = NOW.replace(hour=10, minute=35)
        await pilot.press("w", "c")
        await pilot.press("escape")

    meeting = store.meeting("2026-10.1")
    assert meeting is not None and meeting.state is MeetingState.CLOSED
    first_unit = min(store.units(), key=lambda u: u.order)
    assert meeting.presence(first_unit.id) == Presence(
        Attendance.DEPUTY, name="刘振华", post="副镇长"
    )
    assert meeting.unit_notes["achievements"][kaifaqu] == "以商招商 链式引进"
    assert meeting.unit_notes["gaps"][hekou] == "约谈主要负责人"
    assert meeting.problems[hekou] == ("思想不够主动",)
    assert meeting.ended_at == NOW.replace(hour=10, minute=35)

    marked = store.commitment(done_one.id)
    assert marked is not None and marked.status is Status.DONE
    assert marked.history[-1].meeting_id == "2026-10.1"
    old = store.commitment(carried_one.id)
    assert old is not None and old.carried_to is not None
    new = store.commitment(old.carried_to)
    assert new is not None
    assert (new.carried_from, new.due, new.text) == (old.id, date(2026, 12, 31), old.text)

    typed = [c for c in made_at(store, "2026-10.1") if c.carried_from is None]
    assert [(c.unit_id, c.text, c.due) for c in typed] == [
        (hekou, "新签约亿元以上项目2个", date(2026, 11, 30))
    ]
    committed = typed[0]

    # December: November's figures come in; the next meeting opens on its own.
    november = [
        replace(reading, period=Period(2026, 11), value=reading.value + 1)
        for reading in store.readings([2026])
        if reading.period == Period(2026, 10)
    ]
    store.save_readings(november)
    store.clock = lambda: DECEMBER.date()
    clock = Clock(DECEMBER)
    app = DiaoduApp(District(store, clock), "en")
    async with app.run_test(size=(120, 36)) as pilot:
        assert "2026-11" in screen_text(app.screen)
        await pilot.press("s", "enter", "n")
        review = screen_text(app.screen)
        assert "新签约亿元以上项目2个" in review  # came back for review by itself
        put_cursor_on(app, committed.id)
        await pilot.press("x")
        put_cursor_on(app, committed.id)
        await pilot.press("c", *"2027-01-31", "enter")
        await pilot.pause()

    missed = store.commitment(committed.id)
    assert missed is not None and missed.status is Status.MISSED
    assert missed.history[-1].meeting_id == "2026-11.1"
    assert missed.carried_to is not None
    again = store.commitment(missed.carried_to)
    assert again is not None
    assert again.carried_from == missed.id
    assert again.meeting_id == "2026-11.1"
    assert (again.unit_id, again.text, again.due) == (
        hekou,
        "新签约亿元以上项目2个",
        date(2027, 1, 31),
    )
