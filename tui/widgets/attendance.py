"""The roll call (点名) before the agenda: each unit's attendance with who came in the
head's place (代会: name and post) or why the head is away (请假: the reason), those who
sit in without a vote (列席), and the chair, the secretary and the place."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from agenda.meetings import Attendance, Meeting, Presence
from agenda.units import sorted_units
from tui.context import Context
from tui.saving import Outcome, Part, save_meeting_part, try_save
from tui.text import plain
from tui.theme import Palette
from tui.views.base import StoreView
from tui.widgets.presence_prompts import ObserversPrompt, PresencePrompt, observers_text
from tui.widgets.tables import cursor_row_key

STATUS_KEYS = {
    "1": Attendance.PRESENT,
    "2": Attendance.EXCUSED,
    "3": Attendance.DEPUTY,
    "4": Attendance.ABSENT,
}
CYCLE = list(Attendance)
# What each status asks for when it is marked: 代会 the deputy, 请假 the reason.
ASKS_DETAILS = (Attendance.DEPUTY, Attendance.EXCUSED)
# The one-line texts kept as typed: the chair, the secretary, the place (地点).
PEOPLE = ("chair", "secretary", "place")


class AttendanceView(StoreView):
    # 1-4 are said in the hint above the table; the footer keeps room for N, P, W, Esc.
    BINDINGS = [
        Binding("1", "mark('present')", "meeting.key_present", show=False),
        Binding("2", "mark('excused')", "meeting.key_excused", show=False),
        Binding("3", "mark('deputy')", "meeting.key_deputy", show=False),
        Binding("4", "mark('absent')", "meeting.key_absent", show=False),
        Binding("e", "details", "meeting.key_details", tooltip="meeting.cmd_details"),
        Binding("l", "observers", "meeting.key_observers", tooltip="meeting.cmd_observers"),
        Binding("space", "cycle", "meeting.key_cycle", show=False),
    ]

    def __init__(self, ctx: Context, meeting_id: str) -> None:
        super().__init__(ctx)
        self.meeting_id = meeting_id
        self.names: dict[str, str] = {}  # chair, secretary, place: as last saved or shown
        self.unit_names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Static(t("meeting.roll_call_hint"), classes="hint")
        yield DataTable(id="roll", cursor_type="row", zebra_stripes=True)
        yield Static(id="roll-counts")
        yield Static(id="roll-observers")
        with Horizontal(id="people"):  # after the table: Tab from the roll reaches them
            for field in PEOPLE:
                yield Label(t(f"meeting.{field}"))
                yield Input(id=field)

    def on_mount(self) -> None:
        t = self.ctx.t
        meeting = self._meeting()
        self.names = {field: getattr(meeting, field) for field in PEOPLE}
        for field in PEOPLE:
            self.query_one(f"#{field}", Input).value = self.names[field]
        table = self.query_one("#roll", DataTable)
        table.add_columns(
            t("meeting.col_unit"),
            t("meeting.col_head"),
            t("meeting.col_attendance"),
            t("meeting.col_details"),
        )
        units = [unit for unit in sorted_units(self.ctx.store.units()) if unit.active]
        self.unit_names = {unit.id: unit.name for unit in units}
        missing = [unit.id for unit in units if unit.id not in meeting.attendance]
        if missing and not meeting.is_closed:  # everyone present unless marked: one save

            def present(m: Meeting) -> Meeting:
                for unit_id in missing:
                    m = m.with_attendance(unit_id, m.attendance.get(unit_id, Attendance.PRESENT))
                return m

            store = self.ctx.store
            meeting = (
                try_save(self.ctx, self, lambda: store.update_meeting(self.meeting_id, present))
                or meeting
            )
        self.meeting = meeting  # as this window shows it: a mark is made against it
        for unit in units:
            table.add_row(
                plain(unit.name),
                plain(unit.head),
                self._status_cell(meeting, unit.id),
                self._details_cell(meeting, unit.id),
                key=unit.id,
            )
        self._show_counts(meeting)

    def focus_first(self) -> None:
        self.query_one("#roll", DataTable).focus()

    def _meeting(self) -> Meeting:
        return self.ctx.meeting(self.meeting_id)

    def _status_cell(self, meeting: Meeting, unit_id: str) -> Text:
        status = meeting.attendance.get(unit_id, Attendance.PRESENT)
        palette = Palette.of(self)
        style = {Attendance.PRESENT: palette.good, Attendance.ABSENT: palette.bad}
        return Text(
            self.ctx.t(f"meeting.attendance_{status.value}"), style=style.get(status, palette.warn)
        )

    def _details_cell(self, meeting: Meeting, unit_id: str) -> Text:
        return plain(self._details(meeting.presence(unit_id)))

    def _details(self, entry: Presence) -> str:
        """刘振华（副镇长） for a deputy, the reason for an absence."""
        if entry.status is Attendance.DEPUTY and (entry.name or entry.post):
            if entry.name and entry.post:
                return self.ctx.t("meeting.deputy_as", name=entry.name, post=entry.post)
            return entry.name or entry.post
        return entry.reason

    def _show_counts(self, meeting: Meeting) -> None:
        counts = Counter(meeting.attendance.values())
        parts = [
            f"{self.ctx.t(f'meeting.attendance_{status.value}')} {counts.get(status, 0)}"
            for status in Attendance
        ]
        self.query_one("#roll-counts", Static).update("    ".join(parts))
        observers = observers_text(meeting.observers) or self.ctx.t("meeting.no_observers")
        line = Text(self.ctx.t("meeting.observers_line"), style="bold")
        line.append_text(plain(observers))
        self.query_one("#roll-observers", Static).update(line)

    def _selected_unit(self) -> str | None:
        return cursor_row_key(self.query_one("#roll", DataTable))

    def _said(self, entry: object) -> str:
        assert isinstance(entry, Presence)
        status = self.ctx.t(f"meeting.attendance_{entry.status.value}")
        details = self._details(entry)
        return f"{status} {details}".strip()

    def action_mark(self, status: str) -> None:
        """Mark the unit on the cursor: 代会 asks who came (name, post), 请假 why; Escape
        there marks nothing."""
        unit_id = self._selected_unit()
        if unit_id is None:
            return
        chosen = Attendance(status)
        if chosen in ASKS_DETAILS:
            self._ask_details(unit_id, chosen)
            return
        kept = self.meeting.with_attendance(unit_id, chosen).presence(unit_id)
        self._save_presence(unit_id, kept, next_row=True)

    def action_details(self) -> None:
        """E: the deputy (代会) or the reason (请假, 缺席) of the unit on the cursor."""
        unit_id = self._selected_unit()
        if unit_id is None:
            return
        status = self.meeting.presence(unit_id).status
        if status is Attendance.PRESENT:
            self.app.notify(self.ctx.t("meeting.present_no_details"))
            return
        self._ask_details(unit_id, status)

    @work(exclusive=True, group="dialog")
    async def _ask_details(self, unit_id: str, status: Attendance) -> None:
        now = self.meeting.presence(unit_id)
        asked = now if now.status is status else Presence(status)
        name = self.unit_names.get(unit_id, unit_id)
        title = self.ctx.t(f"meeting.details_{status.value}", unit=name)
        entry = await self.app.push_screen_wait(PresencePrompt(self.ctx, title, asked))
        if entry is not None:
            self._save_presence(unit_id, entry, next_row=now.status is not status)

    def _save_presence(self, unit_id: str, entry: Presence, *, next_row: bool) -> None:
        """Save over the unit's entry as shown here: if the other window marked it
        otherwise meanwhile, both are shown and the user chooses."""
        part = Part(
            label=self.ctx.t("meeting.attendance_of", unit=self.unit_names.get(unit_id, unit_id)),
            read=lambda m: m.presence(unit_id),
            say=self._said,
            mine=self._said(entry),
            change=lambda m: m.with_presence(unit_id, entry),
        )
        was = self.meeting.presence(unit_id)

        def then(outcome: Outcome, seen: object) -> None:
            self.reload()
            if outcome is Outcome.SAVED and next_row:
                self.query_one("#roll", DataTable).action_cursor_down()

        save_meeting_part(self.ctx, self, self.meeting_id, part, was, then)

    @work(exclusive=True, group="dialog")
    async def action_observers(self) -> None:
        """L: 列席, those in the room without a vote, on one line."""
        was = self.meeting.observers
        found = await self.app.push_screen_wait(ObserversPrompt(self.ctx, was))
        if found is None:
            return
        label = self.ctx.t("meeting.observers_title")
        part = Part(
            label=label,
            read=lambda m: m.observers,
            say=lambda seen: observers_text(seen) or self.ctx.t("conflicts.none"),
            mine=observers_text(found) or self.ctx.t("conflicts.none"),
            change=lambda m: m.with_observers(found),
        )
        save_meeting_part(self.ctx, self, self.meeting_id, part, was, lambda *_: self.reload())

    def action_cycle(self) -> None:
        unit_id = self._selected_unit()
        if unit_id is None:
            return
        current = self.meeting.presence(unit_id).status
        chosen = CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)]
        kept = self.meeting.with_attendance(unit_id, chosen).presence(unit_id)
        self._save_presence(unit_id, kept, next_row=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        # Saved as typed: names are short, and a crash must not lose them.
        field = str(event.input.id)
        if field not in self.names or event.value == self.names[field]:
            return
        value = event.value
        part = Part(
            label=self.ctx.t(f"meeting.{field}"),
            read=lambda m: getattr(m, field),
            say=lambda name: str(name) or self.ctx.t("conflicts.none"),
            mine=value or self.ctx.t("conflicts.none"),
            change=lambda m: _with_person(m, field, value),
        )

        def then(outcome: Outcome, seen: object) -> None:
            if outcome is Outcome.SAVED:
                self.names[field] = value
            elif outcome is Outcome.DROPPED:  # theirs stands: show it
                self.names[field] = getattr(self._meeting(), field)
                with event.input.prevent(Input.Changed):
                    event.input.value = self.names[field]

        save_meeting_part(self.ctx, self, self.meeting_id, part, self.names[field], then)

    def reload(self) -> None:
        self.seen = self.ctx.generation
        meeting = self.meeting = self._meeting()
        table = self.query_one("#roll", DataTable)
        status, details = (column.key for column in table.ordered_columns[2:4])
        for row_key in list(table.rows):
            unit_id = str(row_key.value)
            # Widened to what is written now: a deputy's name and post are shown whole.
            table.update_cell(
                row_key, status, self._status_cell(meeting, unit_id), update_width=True
            )
            table.update_cell(
                row_key, details, self._details_cell(meeting, unit_id), update_width=True
            )
        self._show_counts(meeting)
        for field, name in self.names.items():
            shown = self.query_one(f"#{field}", Input)
            if shown.value == name and getattr(meeting, field) != name:  # nothing unsaved
                self.names[field] = getattr(meeting, field)
                with shown.prevent(Input.Changed):
                    shown.value = self.names[field]


def _with_person(meeting: Meeting, field: str, value: str) -> Meeting:
    """The chair's or the secretary's name as typed; the place checked (one line)."""
    if field == "place":
        return meeting.with_place(value)
    return replace(meeting, chair=value) if field == "chair" else replace(meeting, secretary=value)
