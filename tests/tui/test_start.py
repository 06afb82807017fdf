"""S on home opens the start dialog: the month, the day, the agenda, a topic; 第N次 shown.
A make-up meeting for a past month, another meeting on a month held already, a later
month refused next to the field."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from agenda.periods import Period
from store import Store
from tests.tui.support import demo_app, screen_text, settled
from tui.screens.meeting import MeetingScreen
from tui.screens.start import StartDialog


async def retype(pilot: Pilot[None], text: str) -> None:
    await pilot.press("ctrl+u", *text)


async def test_the_dialog_proposes_the_latest_figures_and_the_number(demo_store: Store) -> None:
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StartDialog)
        fields = [field.value for field in app.screen.query(Input)]
        assert fields == ["2026-10", "2026-11-22", ""]
        text = screen_text(app.screen)
        assert "招商引资调度会（5项，60分钟）" in text  # the district's default
        assert "本次为2026年第11次会议" in text


async def test_a_make_up_meeting_for_a_past_month(demo_store: Store) -> None:
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        await retype(pilot, "2026-08")
        assert "2026年8月已召开1次会议，本次为加开" in screen_text(app.screen)
        await pilot.press("tab", "tab", "tab", *"项目签约专题", "enter")
        await settled(pilot)
        assert isinstance(app.screen, MeetingScreen)
        made = demo_store.meeting("2026-08.2")
        assert made is not None
        assert (made.period, made.date.isoformat()) == (Period(2026, 8), "2026-11-22")
        assert (made.nth_in_year, made.topic, made.template) == (11, "项目签约专题", "zhaoshang")
        assert app.screen.title == "2026年8月专题调度会：项目签约专题"


async def test_a_later_month_is_refused_next_to_the_field(demo_store: Store) -> None:
    app = demo_app(demo_store, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await retype(pilot, "2026-12")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, StartDialog)
        assert "period 2026-12 is in the future" in screen_text(app.screen)
        await pilot.press("tab", "ctrl+u", *"11-23", "enter")  # a day to come: refused too
        assert isinstance(app.screen, StartDialog)
        assert not [m for m in demo_store.meetings() if m.date.isoformat() == "2026-11-22"]
        await pilot.press("escape")
        assert not isinstance(app.screen, StartDialog)
        assert demo_store.meeting("2026-10.1") is None


async def test_the_chair_picks_the_districts_own_template(demo_store: Store) -> None:
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "tab", "tab", "enter", "down", "down", "enter")
        assert "领导班子周例会（7项，90分钟）" in screen_text(app.screen)
        await pilot.press("enter")  # on the topic now: Enter starts the meeting
        await settled(pilot)
        made = demo_store.meeting("2026-10.1")
        assert made is not None and made.template == "weekly"
        assert isinstance(app.screen, MeetingScreen)
        assert [item.key for _, item in app.screen.walk][-1] == "recap"
