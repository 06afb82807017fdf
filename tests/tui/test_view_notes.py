"""A free item's notes (主要领导讲话要点): paragraphs typed in a multi-line editor, kept as
typed; Escape leaves the editor without losing them."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from store import Store
from tests.tui.support import ViewHost, section_view
from tui.views.notes import NotesView

KEY = "closing-remarks"


def host(store: Store) -> ViewHost:
    return ViewHost(section_view(NotesView, store, KEY))


def state(app: ViewHost) -> str:
    return str(app.view.query_one("#note-state", Static).render())


async def test_paragraphs_are_saved_as_typed(demo_store: Store) -> None:
    app = host(demo_store)
    view = app.view
    assert isinstance(view, NotesView)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = view.query_one(TextArea)
        assert pilot.app.focused is editor
        assert state(app).startswith("尚无记录")
        editor.insert("一、要素保障是项目落地的前提。")
        await pilot.press("enter", "enter")  # Enter starts a paragraph, never saves
        editor.insert("二、各单位要对照清单逐项销号。")
        await pilot.pause()
        assert view.has_unsaved_typing() and state(app).startswith("有未保存的修改")
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None and KEY not in meeting.notes
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None
        typed = "一、要素保障是项目落地的前提。\n\n二、各单位要对照清单逐项销号。"
        assert meeting.notes[KEY] == typed
        assert not view.has_unsaved_typing() and state(app).startswith("已保存")


async def test_escape_leaves_the_editor_and_keeps_the_typing(demo_store: Store) -> None:
    app = host(demo_store)
    view = app.view
    assert isinstance(view, NotesView)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = view.query_one(TextArea)
        editor.insert("会议要求")
        await pilot.press("escape")
        assert pilot.app.focused is view and editor.text == "会议要求"
        assert view.has_unsaved_typing()  # the meeting asks before leaving
        # Another window saves a note meanwhile: what is typed here stays on screen.
        demo_store.update_meeting(view.meeting_id, lambda m: m.with_note(KEY, "另一窗口"))
        view.show_store()
        await pilot.pause()
        assert editor.text == "会议要求"
        await pilot.press("enter")  # back into the editor
        assert pilot.app.focused is editor
