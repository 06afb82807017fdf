"""A free agenda item (a speech, the chair's remarks 主要领导讲话要点): what was said, in a
multi-line editor, kept exactly as typed, paragraphs and blank lines included (the minutes
make each line a paragraph: `agenda.texts.paragraphs`).

Ctrl+S saves over the note as this window showed it; if the other window saved one
meanwhile, both are shown and the user chooses (`tui.saving.save_meeting_part`). Escape
leaves the editor, keeping what is typed (the meeting asks before anything is lost);
Enter or O on the view goes back into it. Another window's save is shown at once unless
something is typed here.
"""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TextArea

from agenda.meetings import Meeting
from agenda.templates import Item, Section
from tui.context import Context
from tui.saving import Outcome, Part, save_meeting_part
from tui.views.base import SectionView, unless_removed
from tui.widgets.keybar import KeyBar


class NotesView(SectionView, can_focus=True):
    BINDINGS = [
        Binding("ctrl+s", "save", "notes.key_save", id="notes.save", show=False),
        Binding("escape", "leave_editor", "notes.key_leave", id="notes.leave", show=False),
        Binding("enter,o", "edit", "notes.key_edit", id="notes.edit", show=False),
    ]

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.was = ""  # the note as on record when this window last showed it

    def compose(self) -> ComposeResult:
        editor = TextArea(id="note", soft_wrap=True, show_line_numbers=False)
        editor.border_title = self.ctx.t("notes.title", item=self.item.title(self.ctx.lang))
        yield editor
        yield Static(id="note-state", classes="hint")
        yield KeyBar(self, id="note-keys")

    @unless_removed
    def on_mount(self) -> None:
        self.reload()

    @property
    def editor(self) -> TextArea:
        return self.query_one("#note", TextArea)

    def _on_record(self, meeting: Meeting | None = None) -> str:
        meeting = meeting or self.ctx.store.meeting(self.meeting_id)
        return meeting.notes.get(self.item.key, "") if meeting else ""

    def reload(self) -> None:
        """The note as on record; what is typed here and not saved stays."""
        typing = self.has_unsaved_typing()
        self.was = self._on_record()
        if not typing and self.editor.text != self.was:  # the same: the editor stays as it is
            self.editor.load_text(self.was)
        self._show_state()

    def has_unsaved_typing(self) -> bool:
        return self.is_mounted and self.editor.text != self.was

    def focus_first(self) -> None:
        self.editor.focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._show_state()

    def on_descendant_focus(self) -> None:
        self.query_one(KeyBar).show_keys()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.query_one(KeyBar).show_keys)

    def _show_state(self) -> None:
        t = self.ctx.t
        key = "notes.unsaved" if self.has_unsaved_typing() else "notes.saved_state"
        if not self.editor.text.strip() and not self.has_unsaved_typing():
            key = "notes.empty"
        self.query_one("#note-state", Static).update(t(key))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action == "leave_editor":
            return self.editor.has_focus
        if action == "edit":
            return not self.editor.has_focus
        return True

    def action_leave_editor(self) -> None:
        self.focus()  # the view: a second Escape leaves the meeting's item (it asks first)
        self.query_one(KeyBar).show_keys()

    def action_edit(self) -> None:
        self.editor.focus()

    def action_save(self) -> None:
        text = self.editor.text
        title = self.item.title(self.ctx.lang)
        part = Part(
            label=title,
            read=lambda m: m.notes.get(self.item.key, ""),
            say=lambda value: str(value) if value else self.ctx.t("conflicts.none"),
            mine=text or self.ctx.t("conflicts.none"),
            change=partial(_with_note, key=self.item.key, text=text),
        )
        save_meeting_part(self.ctx, self, self.meeting_id, part, self.was, self._saved)

    def _saved(self, outcome: Outcome, seen: object) -> None:
        if outcome is Outcome.NOT_SAVED:
            self.was = str(seen)  # theirs, once shown: a next save builds on it
            self._show_state()
            return
        if outcome is Outcome.DROPPED:
            self.editor.load_text(str(seen))
        self.was = self._on_record()
        self._show_state()
        if outcome is Outcome.SAVED:
            self.notify(self.ctx.t("common.saved"))


def _with_note(meeting: Meeting, *, key: str, text: str) -> Meeting:
    return meeting.with_note(key, text)
