"""The roll call (点名) before the agenda: chair, secretary and each unit's attendance."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from agenda.meetings import Attendance, Meeting
from agenda.units import sorted_units
from tui.context import Context
from tui.saving import Outcome, Part, save_meeting_part, try_save
from tui.text import plain
from tui.theme import Palette
from tui.views.base import StoreView
from tui.widgets.tables import cursor_row_key

STATUS_KEYS = {
    "1": Attendance.PRESENT,
    "2": Attendance.EXCUSED,
    "3": Attendance.DEPUTY,
    "4": Attendance.ABSENT,
}
CYCLE = list(Attendance)


class AttendanceView(StoreView):
    BINDINGS = [
        Binding("1", "mark('present')", "meeting.key_present"),
        Binding("2", "mark('excused')", "meeting.key_excused"),
        Binding("3", "mark('deputy')", "meeting.key_deputy"),
        Binding("4", "mark('absent')", "meeting.key_absent"),
        Binding("space", "cycle", "meeting.key_cycle", show=False),
    ]

    def __init__(self, ctx: Context, meeting_id: str) -> None:
        super().__init__(ctx)
        self.meeting_id = meeting_id
        self.names: dict[str, str] = {}  # chair and secretary, as last saved or shown
        self.unit_names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Static(t("meeting.roll_call_hint"), classes="hint")
        yield DataTable(id="roll", cursor_type="row", zebra_stripes=True)
        yield Static(id="roll-counts")
        with Horizontal(id="people"):  # after the table: Tab from the roll reaches them
            yield Label(t("meeting.chair"))
            yield Input(id="chair")
            yield Label(t("meeting.secretary"))
            yield Input(id="secretary")

    def on_mount(self) -> None:
        t = self.ctx.t
        meeting = self._meeting()
        self.names = {"chair": meeting.chair, "secretary": meeting.secretary}
        self.query_one("#chair", Input).value = meeting.chair
        self.query_one("#secretary", Input).value = meeting.secretary
        table = self.query_one("#roll", DataTable)
        table.add_columns(t("meeting.col_unit"), t("meeting.col_head"), t("meeting.col_attendance"))
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
                plain(unit.name), plain(unit.head), self._status_cell(meeting, unit.id), key=unit.id
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

    def _show_counts(self, meeting: Meeting) -> None:
        counts = Counter(meeting.attendance.values())
        parts = [
            f"{self.ctx.t(f'meeting.attendance_{status.value}')} {counts.get(status, 0)}"
            for status in Attendance
        ]
        self.query_one("#roll-counts", Static).update("    ".join(parts))

    def _selected_unit(self) -> str | None:
        return cursor_row_key(self.query_one("#roll", DataTable))

    def _said(self, status: object) -> str:
        return self.ctx.t(f"meeting.attendance_{Attendance(str(status)).value}")

    def action_mark(self, status: str) -> None:
        """Mark the unit on the cursor, over its attendance as shown here: if the other
        window marked it otherwise meanwhile, both are shown and the user chooses."""
        unit_id = self._selected_unit()
        if unit_id is None:
            return
        chosen = Attendance(status)
        part = Part(
            label=self.ctx.t("meeting.attendance_of", unit=self.unit_names.get(unit_id, unit_id)),
            read=lambda m: m.attendance.get(unit_id, Attendance.PRESENT),
            say=self._said,
            mine=self._said(chosen),
            change=lambda m: m.with_attendance(unit_id, chosen),
        )
        was = self.meeting.attendance.get(unit_id, Attendance.PRESENT)

        def then(outcome: Outcome, seen: object) -> None:
            self.reload()
            if outcome is Outcome.SAVED:
                self.query_one("#roll", DataTable).action_cursor_down()

        save_meeting_part(self.ctx, self, self.meeting_id, part, was, then)

    def action_cycle(self) -> None:
        unit_id = self._selected_unit()
        if unit_id is None:
            return
        current = self.meeting.attendance.get(unit_id, Attendance.PRESENT)
        self.action_mark(CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)].value)

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
            change=lambda m: (
                replace(m, chair=value) if field == "chair" else replace(m, secretary=value)
            ),
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
        for row_key in list(table.rows):
            table.update_cell(
                row_key,
                table.ordered_columns[2].key,
                self._status_cell(meeting, str(row_key.value)),
            )
        self._show_counts(meeting)
        for field, name in self.names.items():
            shown = self.query_one(f"#{field}", Input)
            if shown.value == name and getattr(meeting, field) != name:  # nothing unsaved
                self.names[field] = getattr(meeting, field)
                with shown.prevent(Input.Changed):
                    shown.value = self.names[field]
