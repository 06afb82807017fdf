"""A free agenda item (a speech, a report): what was said, as the secretary noted it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.text import plain
from tui.views.base import SectionView


class NotesView(SectionView):
    def compose(self) -> ComposeResult:
        yield Static(id="note")
        yield Static(self.ctx.t("meeting.note_hint"), classes="hint")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        meeting = self.ctx.store.meeting(self.meeting_id)
        note = meeting.notes.get(self.item.key, "") if meeting else ""
        shown = plain(note) if note else Text(self.ctx.t("meeting.no_note"), style="italic")
        self.query_one("#note", Static).update(shown)
