"""Home: this month's meeting one key away, what is overdue, who is behind pace."""

from __future__ import annotations

from store import Store
from tests.tui.support import demo_app, screen_text, settled
from tui.dialogs import ConfirmPrompt
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
        await pilot.press("s", "enter")
        await settled(pilot)  # S starts the meeting in a worker (a dialog flow)
        assert isinstance(app.screen, MeetingScreen)
        created = demo_store.meeting("2026-10.1")
        assert created is not None and created.date.isoformat() == "2026-11-22"
        assert created.chair == "张立新"  # carried from the last meeting
        await pilot.press("n")  # roll call done: the meeting starts
        await pilot.press("escape")  # one Escape asks: the chair is not thrown out
        assert isinstance(app.screen, ConfirmPrompt)
        assert "The meeting is not closed. Go home?" in screen_text(app.screen)
        await pilot.press("escape")  # no: still in the meeting
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("escape", "y")
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


async def test_a_span_is_said_in_days_up_to_two_months(store: Store) -> None:
    """21 days overdue is "逾期21天", never "逾期1月" (read as January)."""
    from datetime import timedelta

    from agenda.commitments import Commitment
    from agenda.periods import Period
    from agenda.units import Unit, UnitKind
    from tests.conftest import TODAY

    [unit] = store.save_units([Unit(id="", name="城关镇", kind=UnitKind.TOWN)])
    for days in (-21, 45, -90):
        store.add_commitment(
            Period(2026, 10),
            lambda cid, days=days: Commitment(
                cid, unit.id, f"任务{days}", "王", TODAY + timedelta(days=days)
            ),
        )
    app = demo_app(store, "zh")
    async with app.run_test(size=(120, 36)):
        text = screen_text(app.screen)
        assert "逾期21天" in text and "逾期约3个月" in text
        assert "1月" not in text.replace("2026年10月", "")
