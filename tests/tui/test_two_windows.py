"""The chair's and the secretary's windows on one data folder, both driven here: an edit
made on an older copy is never saved silently, a closed meeting takes nothing more, and
only the chair's window moves the meeting."""

from __future__ import annotations

from store import Store
from tests.tui.support import Window, settled, two_windows
from tui.conflicts import ConflictPrompt
from tui.dialogs import SeatPrompt
from tui.screens.meeting import MeetingScreen


async def to_assignments(chair: Window, secretary: Window) -> None:
    """The chair starts the meeting and walks to 安排部署; the secretary joins there."""
    await chair.press("s", "enter", "n", "n", "n", "n")
    assert chair.store.meeting("2026-10.1").current_item == "commitments"
    await secretary.press("s")
    assert isinstance(secretary.screen, SeatPrompt)  # a meeting under way: which seat?
    await secretary.press("enter")  # the secretary's, preselected
    assert isinstance(secretary.screen, MeetingScreen)
    assert secretary.screen.shown == "commitments"


async def test_a_stale_edit_shows_theirs_and_mine_and_puts_mine_on_top(
    demo_store: Store,
) -> None:
    async with two_windows(demo_store.root) as (chair, secretary):
        await to_assignments(chair, secretary)
        await chair.press(*"河口", "enter", *"签约1个项目", "ctrl+s")
        (made,) = [c for c in chair.store.commitments() if c.meeting_id == "2026-10.1"]
        await secretary.sees_saves()
        # Both load it into their forms.
        for window in (chair, secretary):
            await window.press("escape")  # out of the field, onto the list
            await window.press("enter")
            assert window.screen.query_one("#text").value == "签约1个项目"
        # The chair changes the text and saves.
        chair.screen.query_one("#text").value = "签约2个项目"
        await chair.press("ctrl+s")
        assert chair.store.commitment(made.id).text == "签约2个项目"
        # The secretary, whose form still holds the old text, changes the owner.
        secretary.screen.query_one("#owner").value = "李四"
        await secretary.press("ctrl+s")
        assert isinstance(secretary.screen, ConflictPrompt)
        shown = secretary.text()
        assert "签约2个项目" in shown and "李四" in shown  # theirs and mine, field by field
        assert secretary.store.commitment(made.id).owner != "李四"  # nothing saved yet
        await secretary.press("m")  # mine on top: only the owner I changed
        saved = secretary.store.commitment(made.id)
        assert (saved.text, saved.owner) == ("签约2个项目", "李四")


async def test_a_stale_edit_can_be_dropped_for_what_is_saved(demo_store: Store) -> None:
    async with two_windows(demo_store.root) as (chair, secretary):
        await to_assignments(chair, secretary)
        await chair.press(*"河口", "enter", *"签约1个项目", "ctrl+s")
        (made,) = [c for c in chair.store.commitments() if c.meeting_id == "2026-10.1"]
        await secretary.sees_saves()
        for window in (chair, secretary):
            await window.press("escape", "enter")
        chair.screen.query_one("#text").value = "签约2个项目"
        await chair.press("ctrl+s")
        secretary.screen.query_one("#owner").value = "李四"
        await secretary.press("ctrl+s", "t")  # drop mine: the form shows what is saved
        assert secretary.screen.query_one("#text").value == "签约2个项目"
        assert secretary.screen.query_one("#owner").value == made.owner
        assert secretary.store.commitment(made.id).text == "签约2个项目"


async def test_a_meeting_closed_in_one_window_takes_no_commitment_from_the_other(
    demo_store: Store,
) -> None:
    async with two_windows(demo_store.root) as (chair, secretary):
        await to_assignments(chair, secretary)
        await secretary.press(*"河口", "enter", *"会后才录入的一项")
        await chair.press("escape", "w", "c")  # the chair closes the meeting meanwhile
        assert chair.store.meeting("2026-10.1").is_closed
        assert "共 0 项" in chair.text()
        await secretary.press("ctrl+s")
        # Refused in the store, said on screen in Chinese; the typing stays.
        assert [c for c in secretary.store.commitments() if c.meeting_id == "2026-10.1"] == []
        assert any("已结束" in note for note in secretary.notes())
        assert secretary.screen.query_one("#text").value == "会后才录入的一项"
        await secretary.sees_saves()
        assert "会议已结束" in secretary.text()
        # The chair's close screen still counts what the meeting decided: nothing.
        await chair.sees_saves()
        assert "共 0 项" in chair.text()


async def test_only_the_chairs_window_moves_the_meeting(demo_store: Store) -> None:
    async with two_windows(demo_store.root) as (chair, secretary):
        await chair.press("s", "enter", "n")  # the first window to start it: the chair's
        assert "本窗口：主持人" in chair.text()
        await secretary.press("s", "enter")
        assert "本窗口：记录人" in secretary.text()
        assert secretary.screen.shown == "review-commitments"
        # The secretary looks ahead: the meeting stays, and the chair's screen too.
        await secretary.press("n", "n")
        assert secretary.screen.shown == "behind-pace"
        assert chair.store.meeting("2026-10.1").current_item == "review-commitments"
        await chair.sees_saves()
        assert chair.screen.shown == "review-commitments"
        assert "会议在「上次会议任务落实情况」" in secretary.text()
        # The chair moves on; the secretary, looking elsewhere, is told, not moved.
        await chair.press("n")
        await secretary.sees_saves()
        assert secretary.screen.shown == "behind-pace"
        assert "会议在「通报招商引资进展」" in secretary.text()
        await secretary.press("g")  # back to where the meeting is, and following again
        assert secretary.screen.shown == "scorecard"
        await chair.press("n")
        await secretary.sees_saves()
        assert secretary.screen.shown == "behind-pace"


async def test_s_pressed_before_the_window_saw_the_chair_start_joins_the_meeting(
    demo_store: Store,
) -> None:
    """In the room both press S at the start. The secretary's window looks for another's
    saves once a second; pressed sooner, S still finds the meeting the chair has just
    started, and joins it: never a second meeting for the month."""
    async with two_windows(demo_store.root) as (chair, secretary):
        secretary.app.watch_timer.pause()  # its watch has not come round yet
        await chair.press("s", "enter")
        await secretary.press("s")
        assert isinstance(secretary.screen, SeatPrompt)
        await secretary.press("enter")
        assert "本窗口：记录人" in secretary.text()
        assert [m.id for m in secretary.store.meetings() if m.period.month == 10] == ["2026-10.1"]


async def test_two_start_dialogs_open_at_once_make_one_meeting(demo_store: Store) -> None:
    """Both windows opened the start dialog before either started: the second to press
    Enter joins the meeting the first one started."""
    async with two_windows(demo_store.root) as (chair, secretary):
        await chair.press("s")
        await secretary.press("s")
        await chair.press("enter")
        assert "本窗口：主持人" in chair.text()
        await secretary.press("enter")  # its start dialog, opened before the chair's start
        assert isinstance(secretary.screen, SeatPrompt)
        await secretary.press("enter")
        assert "本窗口：记录人" in secretary.text()
        assert [m.id for m in secretary.store.meetings() if m.period.month == 10] == ["2026-10.1"]


async def test_the_secretary_saving_just_after_the_chair_moved_on_still_follows(
    demo_store: Store,
) -> None:
    """The chair moves on as the secretary saves a commitment: the secretary's own save
    does not hide the chair's move from its window."""
    async with two_windows(demo_store.root) as (chair, secretary):
        await to_assignments(chair, secretary)
        secretary.app.watch_timer.pause()  # its watch not round before it saves
        await secretary.press(*"河口", "enter", *"签约1个项目")
        await chair.press("escape", "n")  # on to 主要领导讲话
        assert chair.store.meeting("2026-10.1").current_item == "closing-remarks"
        await secretary.press("ctrl+s")
        assert secretary.screen.shown == "commitments"
        await secretary.sees_saves()
        await settled(secretary.pilot)
        followed = secretary.screen.shown == "closing-remarks"
        told = any("主要领导讲话" in note for note in secretary.notes())
        assert followed or told, (secretary.screen.shown, secretary.notes())
