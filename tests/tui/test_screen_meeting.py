"""The meeting screen: roll call, the walk with its clocks, item notes, closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.app import App
from textual.widgets import Static
from textual.widgets._footer import FooterKey  # not exported; Textual is pinned exactly

from agenda.meetings import Attendance, MeetingState, Presence
from agenda.units import find_unit
from agenda.usecases.district import District
from agenda.usecases.exporting import render_document
from agenda.usecases.reports import minutes
from store import Store
from tests.conftest import NOW
from tests.tui.support import Clock, demo_app, screen_text, settled, shown
from tui.app import DiaoduApp
from tui.dialogs import ConfirmPrompt, ParagraphsPrompt
from tui.screens.close import CloseScreen
from tui.screens.home import HomeScreen
from tui.screens.meeting import MeetingScreen


async def test_roll_call_marks_attendance_and_saves_names(demo_store: Store) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter")
        await pilot.press("2", *"外出招商", "enter")  # first unit: excused, and why
        await settled(pilot)
        await pilot.press("4")  # second unit: absent; nothing asked
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None
        units = sorted(demo_store.units(), key=lambda u: u.order)
        assert meeting.presence(units[0].id) == Presence(Attendance.EXCUSED, reason="外出招商")
        assert meeting.attendance[units[1].id] is Attendance.ABSENT
        assert meeting.attendance[units[2].id] is Attendance.PRESENT
        text = screen_text(app.screen)
        assert "请假 1" in text and "缺席 1" in text and "外出招商" in text
        await pilot.press("tab")  # the chair's name, typed in Chinese, saved as typed
        app.screen.query_one("#chair").value = ""  # type: ignore[attr-defined]
        await pilot.press(*"王区长")
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None and meeting.chair == "王区长"


async def test_walk_with_clock_overrun_note_and_close(demo_store: Store) -> None:
    clock = Clock()
    app = DiaoduApp(District(demo_store, clock), "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n")  # start: the first item, the review
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.shown == "review-commitments"
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None and meeting.state is MeetingState.IN_PROGRESS
        assert meeting.started_at == NOW

        clock.now = NOW + timedelta(minutes=17, seconds=5)  # the review's box is 15 minutes
        screen._tick()
        bar = screen_text(screen.query_one("#item-bar"))
        assert "OVERRUN 02:05" in bar
        assert "Item 17:05 / 15:00" in bar

        await pilot.press("n")  # on to the scorecard; the review's time is banked
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None
        assert meeting.current_item == "scorecard"
        assert meeting.item_seconds["review-commitments"] == 17 * 60 + 5

        await pilot.press("o")  # a note on the item, markup-looking text kept as typed
        await pilot.press(*"[b]开发区[/b] leads", "ctrl+s")
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None and meeting.notes["scorecard"] == "[b]开发区[/b] leads"

        await pilot.press("p")  # back to the review
        assert screen.shown == "review-commitments"

        await pilot.press("w")
        assert isinstance(app.screen, CloseScreen)
        text = screen_text(app.screen)
        assert "Close the 2026-10 meeting?" in text
        assert "17:05" in text  # the review's time against its 15:00 plan
        clock.now = NOW + timedelta(minutes=40)
        await pilot.press("c")
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None and meeting.state is MeetingState.CLOSED
        assert meeting.ended_at == NOW + timedelta(minutes=40)
        assert "The 2026-10 meeting is closed" in screen_text(app.screen)
        await pilot.press("escape")  # a closed meeting: straight home
        assert isinstance(app.screen, HomeScreen)
        assert "The 2026-10 meeting has been held" in screen_text(app.screen)


async def test_escape_from_close_screen_returns_to_the_meeting(demo_store: Store) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter", "n", "w", "escape")
        assert isinstance(app.screen, MeetingScreen)
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None and meeting.state is MeetingState.IN_PROGRESS


async def test_a_second_window_sees_the_first_ones_moves(demo_store: Store) -> None:
    """Chair and secretary on one data folder: each sees the other's saves."""
    chair = DiaoduApp(District(demo_store, Clock()), "zh")
    other = Store.open(demo_store.root, clock=lambda: NOW.date())
    async with chair.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n")
        assert isinstance(chair.screen, MeetingScreen)
        # The secretary's window moves the meeting on to the scorecard.
        other.update_meeting("2026-10.1", lambda m: m.move_to("scorecard", NOW))
        chair.watch_store()
        await pilot.pause()
        assert chair.screen.shown == "scorecard"
        unit = find_unit(demo_store.units(), "河口乡")
        assert unit is not None


async def test_typing_is_not_thrown_away_when_the_other_window_moves_on(
    demo_store: Store,
) -> None:
    secretary = DiaoduApp(District(demo_store, Clock()), "zh")
    chair = Store.open(demo_store.root, clock=lambda: NOW.date())
    async with secretary.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n")
        screen = secretary.screen
        assert isinstance(screen, MeetingScreen)
        screen.call_later(screen._go, "commitments")  # in the app's own task
        await pilot.pause()
        await pilot.press(*"河口", "enter", *"半句话")
        chair.update_meeting("2026-10.1", lambda m: m.move_to("closing-remarks", NOW))
        secretary.watch_store()
        await pilot.pause()
        assert screen.shown == "commitments"  # stayed, with the half-typed text
        assert "半句话" in str(screen.query_one("#text").value)  # type: ignore[attr-defined]


async def test_a_new_district_with_nothing_yet_walks_without_a_crash(store: Store) -> None:
    """No units, no figures, no commitments: every section says so instead of failing."""
    app = DiaoduApp(District(store, Clock()), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter", "n")
        for _ in range(4):
            await pilot.press("n")
        await pilot.press("escape")  # out of the assignments form's field
        await pilot.press("n", "escape", "w", "c")
        assert isinstance(app.screen, CloseScreen)
        assert "已结束" in screen_text(app.screen)
    closed = store.meetings(include_archive=True)
    assert [m.state for m in closed] == [MeetingState.CLOSED]


async def test_one_escape_never_throws_the_chair_out_of_a_running_meeting(
    demo_store: Store,
) -> None:
    from tui.dialogs import ConfirmPrompt

    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter", "n")  # the review, the meeting under way
        await settled(pilot)
        for _ in range(2):  # Escape asks; Escape again answers no: still in the meeting
            await pilot.press("escape")
            assert isinstance(app.screen, ConfirmPrompt)
            await pilot.press("escape")
            await settled(pilot)
            assert isinstance(app.screen, MeetingScreen)
        await pilot.press("escape")
        assert "会议尚未结束，返回首页吗？" in screen_text(app.screen)
        await pilot.press("y")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None and meeting.state is MeetingState.IN_PROGRESS


async def test_the_close_screen_points_at_what_the_roll_call_has_not_said(
    demo_store: Store,
) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await settled(pilot)
        await pilot.press("3", "enter")  # a deputy, name left for later
        await settled(pilot)
        await pilot.press("w")
        await settled(pilot)
        assert isinstance(app.screen, CloseScreen)
        assert "点名待补记：城关镇代会人员姓名未填写" in screen_text(app.screen)


async def test_observers_and_the_place_are_kept_from_the_roll_call(demo_store: Store) -> None:
    from agenda.meetings import Observer

    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await settled(pilot)
        await pilot.press("l", *"王明 区发改局局长;李华 区融媒体中心记者", "enter")  # ; or ；
        await settled(pilot)
        assert "列席：王明 区发改局局长；李华 区融媒体中心记者" in screen_text(app.screen)
        await pilot.press("tab", "tab", "tab", *"区政府三楼会议室")  # chair, secretary, place
        await settled(pilot)
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None
        assert meeting.observers == (
            Observer("王明", "区发改局局长"),
            Observer("李华", "区融媒体中心记者"),
        )
        assert meeting.place == "区政府三楼会议室"


async def test_the_chair_back_on_the_roll_call_stays_there_after_noting_a_deputy(
    demo_store: Store,
) -> None:
    """Found by hand: a deputy's name noted during the meeting threw the chair's window
    to the item the meeting is on, as if another window had moved it."""
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter", "n", "p")  # the review, then back to the roll call
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.shown == "roll-call"
        await pilot.press("3", *"刘振华", "enter")
        await settled(pilot)
        app.watch_store()  # what the app's one-second watch does
        await settled(pilot)
        assert screen.shown == "roll-call"
        assert "刘振华" in screen_text(screen)
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None and meeting.current_item == "review-commitments"


async def test_the_chairs_remarks_are_kept_as_paragraphs(demo_store: Store) -> None:
    """O on an item takes paragraphs (Enter starts a new one, Ctrl+S keeps them), and
    Escape asks before it throws typing away."""
    app = demo_app(demo_store, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n", "n", "o")
        await pilot.press(*"一要抓项目", "enter", *"二要抓落实", "escape")
        assert isinstance(app.screen, ConfirmPrompt)  # typed: asks, Enter or N keeps it
        await pilot.press("n")
        assert isinstance(app.screen, ParagraphsPrompt)
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = demo_store.meeting("2026-10.1")
        assert meeting is not None and meeting.notes["scorecard"] == "一要抓项目\n二要抓落实"
        await pilot.press("w", "c")
        district = District(demo_store, lambda: NOW)
        markdown = render_document(minutes(district, "2026-10.1", "zh"), "md").text or ""
        paragraphs = [line.strip() for line in markdown.splitlines()]
        assert "一要抓项目" in paragraphs and "二要抓落实" in paragraphs  # one paragraph each


def in_sight(app: App[None], words: str) -> bool:
    """Whether `words` are drawn on the screen: said by a displayed line of text (a Static,
    or one of the footer's keys) that lies whole inside the screen, not past its edge."""
    screen = app.screen
    for widget in screen.query("*"):
        if not isinstance(widget, Static | FooterKey) or not shown(widget):
            continue
        said = " ".join(str(widget.render()).split())
        if words in said and screen.region.contains_region(widget.region):
            return True
    return False


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_at_80_columns_the_talking_points_key_is_in_sight(
    demo_store: Store, lang: str
) -> None:
    """肯定成绩 and 认清差距 at 80x24: their keys, the last of them T (讲话要点), are not cut
    off by the meeting's footer."""
    words = {"zh": "t 讲话要点", "en": "t Talking points"}[lang]
    app = demo_app(demo_store, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter", "n", "n")  # start, the review, then 肯定成绩
        await settled(pilot)
        assert in_sight(app, words)
        await pilot.press("n")  # 认清差距
        await settled(pilot)
        assert in_sight(app, words)
