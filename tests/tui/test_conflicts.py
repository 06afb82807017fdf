"""Another window saved the same thing first: the app shows theirs and mine and the user
chooses (M mine on top, T theirs), for notes, unit notes, gaps ticks, attendance and undo.
The other window is a second Store on the same folder."""

from __future__ import annotations

from dataclasses import replace

from agenda.meetings import Attendance
from agenda.usecases.district import District
from store import Store
from tests.conftest import NOW
from tests.tui.support import (
    Clock,
    ViewHost,
    screen_text,
    section_view,
    settled,
    this_months_meeting,
)
from tui.app import DiaoduApp
from tui.conflicts import ConflictPrompt
from tui.context import Context
from tui.dialogs import ParagraphsPrompt
from tui.views.assignments import AssignmentsView
from tui.views.gaps import GapsView
from tui.widgets.attendance import AttendanceView

HEKOU = "u014"  # 河口乡


def other_window(store: Store) -> Store:
    return Store.open(store.root, clock=lambda: NOW.date())


async def test_an_item_note_written_meanwhile_is_shown_before_mine_goes_on_top(
    demo_store: Store,
) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n", "n", "o")  # the scorecard's note, empty as shown
        other_window(demo_store).update_meeting(
            "2026-10.1", lambda m: m.with_note("scorecard", "主持人窗口记的")
        )
        await pilot.press(*"记录人记的", "ctrl+s")
        assert isinstance(app.screen, ConflictPrompt)
        shown = screen_text(app.screen)
        assert "主持人窗口记的" in shown and "记录人记的" in shown
        assert demo_store.meeting("2026-10.1").notes["scorecard"] == "主持人窗口记的"
        await pilot.press("m")
        await settled(pilot)
        assert demo_store.meeting("2026-10.1").notes["scorecard"] == "记录人记的"


async def test_a_unit_note_kept_as_theirs(demo_store: Store) -> None:
    view = section_view(GapsView, demo_store, "behind-pace")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        table = view.query_one("#gaps-table")
        table.move_cursor(row=table.get_row_index(HEKOU))
        await pilot.press("e")
        other_window(demo_store).update_meeting(
            view.meeting_id, lambda m: m.with_unit_note("gaps", HEKOU, "会后约谈")
        )
        await pilot.press(*"限期整改", "enter")
        assert isinstance(pilot.app.screen, ConflictPrompt)
        await pilot.press("t")  # theirs stands; the view shows it
        await settled(pilot)
        assert demo_store.meeting(view.meeting_id).unit_notes["gaps"][HEKOU] == "会后约谈"
        assert "会后约谈" in screen_text(view.query_one("#gaps-detail"))


async def test_a_tick_on_top_of_another_windows_tick_keeps_both(demo_store: Store) -> None:
    view = section_view(GapsView, demo_store, "behind-pace")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        table = view.query_one("#gaps-table")
        table.move_cursor(row=table.get_row_index(HEKOU))
        other_window(demo_store).update_meeting(
            view.meeting_id, lambda m: m.with_problems(HEKOU, ("方法不够灵活",))
        )
        await pilot.press("1")  # as shown here, nothing was ticked
        assert isinstance(pilot.app.screen, ConflictPrompt)
        shown = screen_text(pilot.app.screen)
        assert "方法不够灵活" in shown and "勾选「思想不够主动」" in shown
        await pilot.press("m")
        await settled(pilot)
        problems = demo_store.meeting(view.meeting_id).problems[HEKOU]
        assert problems == ("思想不够主动", "方法不够灵活")


async def test_attendance_marked_otherwise_meanwhile_is_asked_about(demo_store: Store) -> None:
    meeting = this_months_meeting(demo_store)
    view = AttendanceView(Context(District(demo_store, lambda: NOW), "zh"), meeting.id)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:  # type: ignore[arg-type]
        first = view._selected_unit()
        other_window(demo_store).update_meeting(
            meeting.id, lambda m: m.with_attendance(first, Attendance.ABSENT)
        )
        await pilot.press("2", "enter")  # excused (no reason yet), over "present" as shown
        await settled(pilot)
        assert isinstance(pilot.app.screen, ConflictPrompt)
        shown = screen_text(pilot.app.screen)
        assert "缺席" in shown and "请假" in shown
        await pilot.press("t")
        await settled(pilot)
        assert demo_store.meeting(meeting.id).attendance[first] is Attendance.ABSENT
        assert view._selected_unit() == first  # not marked: the cursor stays
        assert "缺席 1" in screen_text(view)


async def test_undo_of_an_add_changed_meanwhile_asks_and_keeps_theirs(demo_store: Store) -> None:
    view = section_view(AssignmentsView, demo_store, "commitments")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"签约1个项目", "ctrl+s")
        await pilot.pause()
        (made,) = [c for c in demo_store.commitments() if c.meeting_id == view.meeting_id]
        other_window(demo_store).update_commitment(made.id, lambda c: replace(c, owner="李四"))
        view.query_one("#commitment-list").focus()
        await pilot.press("u")
        assert isinstance(pilot.app.screen, ConflictPrompt)
        assert "李四" in screen_text(pilot.app.screen)
        await pilot.press("escape")  # decide later: nothing deleted, the undo kept
        await settled(pilot)
        assert demo_store.commitment(made.id) is not None
        await pilot.press("u", "m")  # asked again; mine: the add is undone all the same
        await settled(pilot)
        assert demo_store.commitment(made.id) is None


async def test_undo_of_an_edit_is_one_conditional_save(demo_store: Store) -> None:
    view = section_view(AssignmentsView, demo_store, "commitments")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"签约1个项目", "ctrl+s")
        await pilot.pause()
        (made,) = [c for c in demo_store.commitments() if c.meeting_id == view.meeting_id]
        table = view.query_one("#commitment-list")
        table.focus()
        await pilot.press("enter")
        view.query_one("#text").value = "签约2个项目"
        await pilot.press("ctrl+s")
        await pilot.pause()
        other_window(demo_store).update_commitment(made.id, lambda c: replace(c, owner="李四"))
        table.focus()
        await pilot.press("u", "m")  # my edit taken back, their owner kept
        await settled(pilot)
        undone = demo_store.commitment(made.id)
        assert (undone.text, undone.owner) == ("签约1个项目", "李四")


async def test_the_same_tick_made_in_both_windows_stays_ticked(demo_store: Store) -> None:
    """Ticking what the other window has just ticked must not untick it."""
    view = section_view(GapsView, demo_store, "behind-pace")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        table = view.query_one("#gaps-table")
        table.move_cursor(row=table.get_row_index(HEKOU))
        other_window(demo_store).update_meeting(
            view.meeting_id, lambda m: m.with_problems(HEKOU, ("思想不够主动",))
        )
        await pilot.press("1")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConflictPrompt)  # nothing to choose
        assert demo_store.meeting(view.meeting_id).problems[HEKOU] == ("思想不够主动",)
        assert "问题：思想不够主动" in screen_text(view.query_one("#gaps-detail"))


async def test_a_note_put_off_is_asked_again_and_then_builds_on_theirs(demo_store: Store) -> None:
    """Esc on the choice: the note comes back as typed; saved then, it goes over theirs,
    which the user has now seen (no second question)."""
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n", "n", "o")
        other_window(demo_store).update_meeting(
            "2026-10.1", lambda m: m.with_note("scorecard", "开发区势头强劲")
        )
        await pilot.press(*"城关镇成效明显", "ctrl+s")
        assert isinstance(app.screen, ConflictPrompt)
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, ParagraphsPrompt)
        assert app.screen.typed == "城关镇成效明显"
        await pilot.press("home", *"开发区势头强劲 ", "ctrl+s")  # both, by hand
        await settled(pilot)
        assert not isinstance(app.screen, (ConflictPrompt, ParagraphsPrompt))
        note = demo_store.meeting("2026-10.1").notes["scorecard"]
        assert note == "开发区势头强劲 城关镇成效明显"
