"""Nothing typed is lost without asking, a save that fails is said on screen (the app keeps
running, the typing kept), the owner follows the unit, and a closed meeting reopens only
on purpose."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from agenda.meetings import MeetingEventKind, MeetingState
from agenda.usecases.district import District
from store import Store
from tests.conftest import NOW
from tests.tui.support import Clock, ViewHost, screen_text, section_view
from tui.app import DiaoduApp
from tui.dialogs import ConfirmPrompt, ParagraphsPrompt
from tui.screens.close import CloseScreen
from tui.screens.home import HomeScreen
from tui.screens.meeting import MeetingScreen
from tui.views.assignments import AssignmentsView

HEKOU, MAJI = "u014", "u013"  # 河口乡, 马集镇


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write of the store fails as on a full disk."""

    def full(path: Path, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("store.storage.atomic_write", full)


async def walk_to_assignments(app: DiaoduApp, pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s", "enter", "n", "n", "n", "n")
    assert isinstance(app.screen, MeetingScreen) and app.screen.shown == "commitments"
    return app.screen


# --- typing lost ----------------------------------------------------------------------------


async def test_closing_with_a_commitment_typed_asks_first(demo_store: Store) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await walk_to_assignments(app, pilot)
        await pilot.press(*"河口", "enter", *"确保年底前开工")
        await pilot.press("escape", "w")  # out of the field, then close
        assert isinstance(app.screen, ConfirmPrompt)
        await pilot.press("n")  # no: back, with the text
        assert app.screen is screen
        assert screen.query_one("#text").value == "确保年底前开工"
        await pilot.press("w", "y")  # yes: on to the close screen
        assert isinstance(app.screen, CloseScreen)


async def test_leaving_the_item_with_a_commitment_typed_asks_first(demo_store: Store) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await walk_to_assignments(app, pilot)
        await pilot.press(*"河口", "enter", *"确保年底前开工", "escape")
        for key in ("n", "p"):
            await pilot.press(key)
            assert isinstance(app.screen, ConfirmPrompt)
            await pilot.press("escape")  # no
            assert screen.shown == "commitments"
        assert screen.query_one("#text").value == "确保年底前开工"
        await pilot.press("p", "y")
        assert screen.shown == "behind-pace"


async def test_quitting_with_a_commitment_typed_asks_first(demo_store: Store) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await walk_to_assignments(app, pilot)
        await pilot.press(*"河口", "enter", *"确保年底前开工", "ctrl+q")
        assert isinstance(app.screen, ConfirmPrompt)
        assert "仍要退出" in screen_text(app.screen)
        await pilot.press("enter")  # no, the safe answer
        assert app.is_running and app.screen is screen
        assert screen.query_one("#text").value == "确保年底前开工"


async def test_quitting_with_nothing_typed_does_not_ask(demo_store: Store) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await walk_to_assignments(app, pilot)
        await pilot.press("ctrl+q")
        assert not app.is_running


# --- the owner -------------------------------------------------------------------------------


async def test_an_owner_typed_by_hand_is_for_that_commitment_only(demo_store: Store) -> None:
    view = section_view(AssignmentsView, demo_store, "commitments")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"第一项", "enter")  # → owner
        view.query_one("#owner").value = "张三"
        await pilot.press("ctrl+s")
        await pilot.press(*"马集", "enter")  # another unit: its head, not 张三
        maji = demo_store.unit(MAJI)
        assert view.query_one("#owner").value == maji.head
        await pilot.press(*"第二项", "ctrl+s")
        await pilot.pause()
        first, second = sorted(
            (c for c in demo_store.commitments() if c.meeting_id == view.meeting_id),
            key=lambda c: c.text,
        )
        assert (first.unit_id, first.owner) == (HEKOU, "张三")
        assert (second.unit_id, second.owner) == (MAJI, maji.head)


async def test_after_a_hand_typed_owner_the_same_unit_has_its_head_again(
    demo_store: Store,
) -> None:
    view = section_view(AssignmentsView, demo_store, "commitments")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"第一项")
        view.query_one("#owner").value = "张三"
        await pilot.press("ctrl+s", "enter", *"第二项", "ctrl+s")  # Enter keeps the unit
        await pilot.pause()
        owners = [c.owner for c in demo_store.commitments() if c.meeting_id == view.meeting_id]
        assert owners == ["张三", demo_store.unit(HEKOU).head]


# --- a save that fails ------------------------------------------------------------------------


async def test_starting_a_meeting_on_a_full_disk_says_so_and_keeps_running(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        disk_full(monkeypatch)
        await pilot.press("s", "enter")
        assert app.is_running and isinstance(app.screen, HomeScreen)
        (note,) = [n.message for n in app._notifications]
        assert note.startswith("保存失败：No space left on device")
    assert demo_store.meetings() == demo_store.meetings(include_archive=False)
    assert not any(m.id.startswith("2026-10") for m in demo_store.meetings())


async def test_a_commitment_not_saved_keeps_its_typing(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = section_view(AssignmentsView, demo_store, "commitments")
    async with ViewHost(view).run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press(*"河口", "enter", *"确保年底前开工")
        disk_full(monkeypatch)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert view.query_one("#text").value == "确保年底前开工"
        assert any("保存失败" in n.message for n in pilot.app._notifications)
        monkeypatch.undo()  # space again: the same keys save it
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = [c.text for c in demo_store.commitments() if c.meeting_id == view.meeting_id]
        assert saved == ["确保年底前开工"]


async def test_a_note_not_saved_is_asked_again_with_its_text(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press("s", "enter", "n", "n")
        disk_full(monkeypatch)
        await pilot.press("o", *"开发区做法值得推广", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ParagraphsPrompt)
        assert app.screen.typed == "开发区做法值得推广"
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.meeting("2026-10.1").notes["scorecard"] == "开发区做法值得推广"


# --- reopening ---------------------------------------------------------------------------------


async def test_a_closed_meeting_reopens_on_purpose_and_on_record(demo_store: Store) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter", "n", "w", "c")
        assert demo_store.meeting("2026-10.1").is_closed
        assert "按 R 重新开启" in screen_text(app.screen)
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmPrompt)
        await pilot.press("enter")  # no
        assert demo_store.meeting("2026-10.1").is_closed
        await pilot.press("r", "y")
        await pilot.pause()
        meeting = demo_store.meeting("2026-10.1")
        assert meeting.state is MeetingState.IN_PROGRESS
        assert [(e.kind, e.by) for e in meeting.events] == [
            (MeetingEventKind.CLOSED, "chair 张立新"),
            (MeetingEventKind.REOPENED, "chair 张立新"),
        ]
        assert meeting.events[-1].at == NOW
        await pilot.press("escape")  # back into the meeting, open again
        assert isinstance(app.screen, MeetingScreen)
        assert "会议已结束" not in screen_text(app.screen)


async def test_home_reopens_a_closed_meeting_from_the_recent_list(demo_store: Store) -> None:
    app = DiaoduApp(District(demo_store, Clock()), "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        home = app.screen
        assert not home.check_action("reopen", ())  # the recent list is not in focus
        home.query_one("#recent").focus()
        await pilot.pause()
        assert home.check_action("reopen", ())  # September's meeting, closed
        await pilot.press("r", "y")
        await pilot.pause()
        assert demo_store.meeting("2026-09.1").state is MeetingState.IN_PROGRESS
        assert "2026年9月调度会进行中" in screen_text(home)  # to resume and close again
