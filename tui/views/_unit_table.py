"""What the scorecard and gaps views share: a table of units on one metric, with notes.

Both read the meeting's month (`agenda.usecases.standings`), cycle the metric with [ and ],
keep the cursor on the same unit when the table is rebuilt, and keep a note per unit in
the meeting (`meeting.unit_notes[section key][unit id]`).

Their keys are on a line of their own (`KeyBar`, each view's last child), not in the
footer: at 80 columns the view's keys and the meeting's do not fit on one line. So every
binding here and in the views is `show=False`.
"""

from __future__ import annotations

from functools import partial

from textual import work
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from agenda.meetings import Meeting
from agenda.scorecard import Scorecard
from agenda.settings import Settings
from agenda.templates import Item, Section
from agenda.units import Unit
from agenda.usecases.standings import load_standings
from tui.context import Context
from tui.saving import Outcome, Part, save_part
from tui.views import _cells as cells
from tui.views.base import SectionView, unless_removed
from tui.widgets.tables import cursor_row_key


class UnitTableView(SectionView):
    BINDINGS = [
        Binding("left_square_bracket", "metric(-1)", "scorecard.key_previous_metric", show=False),
        Binding("right_square_bracket", "metric(1)", "scorecard.key_next_metric", show=False),
        # An alias of ]: no description, so the command palette lists the action once.
        Binding("m", "metric(1)", "", show=False),
        Binding("e", "note", "scorecard.key_note", show=False),
    ]

    NOTE_TITLE = "scorecard.note_title"  # catalog key, {unit}
    NOTE_PLACEHOLDER = "scorecard.note_placeholder"

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.meeting = ctx.meeting(meeting_id)
        self.standings = load_standings(ctx.district, self.meeting.period)
        self.choice = cells.MetricChoice(self.standings.metrics)

    # --- data ----------------------------------------------------------------------------
    def _read_store(self) -> None:
        self.seen = self.ctx.generation
        self.meeting = self.ctx.meeting(self.meeting_id)
        self.standings = load_standings(self.ctx.district, self.meeting.period)
        self.choice.refresh(self.standings.metrics)

    @property
    def units(self) -> dict[str, Unit]:
        return self.standings.units

    @property
    def order(self) -> list[str]:
        return self.standings.order

    @property
    def settings(self) -> Settings:
        return self.standings.settings

    def scorecard(self) -> Scorecard:
        return self.standings.card(self.choice.current)

    def unit_name(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return unit.name if unit else unit_id

    @property
    def _sep(self) -> str:
        return self.ctx.t("scorecard.separator")

    def notes(self) -> dict[str, str]:
        return dict(self.meeting.unit_notes.get(self.section.key, {}))

    @unless_removed
    def on_mount(self) -> None:
        if self.stale:  # the store changed since it was read, as the view was built
            self._read_store()
        self.show()

    def reload(self) -> None:
        self._read_store()
        self.show()

    def show(self) -> None:
        """Rebuild the table from the data read; subclasses fill it."""
        raise NotImplementedError

    # --- the cursor ----------------------------------------------------------------------
    def cursor_unit(self) -> str | None:
        """The unit on the cursor row (None on a total row or in an empty table)."""
        key = cursor_row_key(self.query_one(DataTable))
        return key if key in self.units else None

    def move_cursor_to(self, unit_id: str | None) -> None:
        table = self.query_one(DataTable)
        if unit_id is None:
            return
        try:
            table.move_cursor(row=table.get_row_index(unit_id), animate=False)
        except RowDoesNotExist:  # the unit left the table (retired, or caught up)
            table.move_cursor(row=0, animate=False)

    # --- actions -------------------------------------------------------------------------
    def action_metric(self, delta: int) -> None:
        self.choice.step(delta)
        self.show()

    @work(exclusive=True, group="dialog")
    async def action_note(self) -> None:
        """E: a note on the unit on the cursor, saved over the note as shown here; if the
        other window wrote one meanwhile, both are shown and the user chooses; put off, it
        is asked again with what was typed."""
        from tui.dialogs import TextPrompt

        unit_id = self.cursor_unit()
        if unit_id is None:
            self.notify(self.ctx.t("scorecard.no_unit_here"), severity="warning")
            return
        unit, key = self.units[unit_id], self.section.key
        title = self.ctx.t(self.NOTE_TITLE, unit=unit.name)
        placeholder = self.ctx.t(self.NOTE_PLACEHOLDER)

        def said(value: object) -> str:
            return str(value) if value else self.ctx.t("conflicts.none")

        was = text = self.notes().get(unit_id, "")
        while True:
            value = await self.app.push_screen_wait(
                TextPrompt(title, text, placeholder=placeholder)
            )
            if value is None:  # Escape: nothing changes
                return
            note = value.strip()
            part = Part(
                label=title,
                read=partial(_unit_note, key=key, unit_id=unit_id),
                say=said,
                mine=said(note),
                change=partial(_with_unit_note, key=key, unit_id=unit_id, note=note),
            )
            outcome, seen = await save_part(self.ctx, self, self.meeting_id, part, was)
            if outcome is not Outcome.NOT_SAVED:
                break
            was, text = str(seen), value
        self.reload()
        if outcome is Outcome.SAVED:
            self.notify(self.ctx.t("scorecard.note_saved", unit=unit.name), markup=False)


def _unit_note(meeting: Meeting, *, key: str, unit_id: str) -> str:
    notes = meeting.unit_notes.get(key)
    return notes.get(unit_id, "") if notes is not None else ""


def _with_unit_note(meeting: Meeting, *, key: str, unit_id: str, note: str) -> Meeting:
    return meeting.with_unit_note(key, unit_id, note)
