"""Home: this month's meeting one key away, what is overdue, who is behind pace."""

from __future__ import annotations

from store import Store
from tests.tui.support import demo_app, screen_text, settled
from tui.screens.home import HomeScreen
from tui.screens.meeting import MeetingScreen


async def test_home_offers_this_months_meeting_and_flags_overdue(demo_store: Store) -> None:
    app = demo_app(demo_store)
    async with app.run_test(size=(120, 36)):
        text = screen_text(app.screen)
        assert "本月调度会：通报2026年10月情况，尚未开始" in text
        assert "按 S 开始本月会议" in text
        assert "逾期" in text  # the demo's overdue commitments of last month
        assert "河口乡" in text  # the laggard, behind pace


async def test_s_starts_the_meeting_and_escape_comes_back_to_resume(demo_store: Store) -> None:
    app = demo_app(demo_store, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        await settled(pilot)  # S starts the meeting in a worker (a dialog flow)
        assert isinstance(app.screen, MeetingScreen)
        created = demo_store.meeting("2026-10.1")
        assert created is not None and created.date.isoformat() == "2026-11-22"
        assert created.chair == "张立新"  # carried from the last meeting
        await pilot.press("n")  # roll call done: the meeting starts
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert "The 2026-10 meeting is in progress" in screen_text(app.screen)
        await pilot.press("s")  # resumes, does not create a second one
        await settled(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert [m.id for m in demo_store.meetings() if m.period.month == 10] == ["2026-10.1"]


async def test_empty_district_home_does_not_crash(store: Store) -> None:
    app = demo_app(store, "en")
    async with app.run_test(size=(80, 24)):
        text = screen_text(app.screen)
        assert "has not started" in text
        assert "Nothing overdue or due soon" in text
