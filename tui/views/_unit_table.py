"""What the scorecard and gaps views share: a table of units on one metric, with notes.

Both read the meeting's period figures, cycle the metric with [ and ], keep the cursor on
the same unit when the table is rebuilt, and keep a note per unit in the meeting
(`meeting.unit_notes[section key][unit id]`).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from agenda.metrics import RateSource, active_metrics
from agenda.review import FulfilmentBook
from agenda.scorecard import Scorecard, build_scorecard
from agenda.settings import Settings
from agenda.templates import Item, Section
from agenda.units import Unit, sorted_units
from tui.context import Context
from tui.saving import Outcome, Part, save_meeting_part
from tui.views import _cells as cells
from tui.views.base import SectionView
from tui.widgets.tables import cursor_row_key


class UnitTableView(SectionView):
    BINDINGS = [
        Binding("left_square_bracket", "metric(-1)", "scorecard.key_previous_metric"),
        Binding("right_square_bracket", "metric(1)", "scorecard.key_next_metric"),
        # An alias of ]: no description, so the command palette lists the action once.
        Binding("m", "metric(1)", "", show=False),
        Binding("e", "note", "scorecard.key_note"),
    ]

    NOTE_TITLE = "scorecard.note_title"  # catalog key, {unit}
    NOTE_PLACEHOLDER = "scorecard.note_placeholder"

    def __init__(self, ctx: Context, meeting_id: str, section: Section, item: Item) -> None:
        super().__init__(ctx, meeting_id, section, item)
        self.choice = cells.MetricChoice(active_metrics(ctx.store.metrics()))
        self._read_store()

    # --- data ----------------------------------------------------------------------------
    def _read_store(self) -> None:
        store = self.ctx.store
        self.meeting = self.ctx.meeting(self.meeting_id)
        units = store.units()
        self.units: dict[str, Unit] = {unit.id: unit for unit in units}
        self.order = [unit.id for unit in sorted_units(units)]
        self.figures = store.figures(self.meeting.period)
        self.settings: Settings = self.ctx.settings
        self.choice.refresh(active_metrics(store.metrics()))
        self._review: FulfilmentBook | None = None

    def review(self) -> FulfilmentBook:
        """The commitments, for 履约率: read only when that metric is shown."""
        if self._review is None:
            commitments = self.ctx.store.commitments(include_archive=True)
            self._review = FulfilmentBook(commitments, self.ctx.today())
        return self._review

    def scorecard(self) -> Scorecard:
        metric = self.choice.current
        return build_scorecard(
            metric,
            self.units.values(),
            self.figures,
            self.meeting.period,
            metrics=self.choice.metrics,
            grouping=self.settings.groups,
            review=self.review() if metric.source is RateSource.REVIEW else None,
        )

    def unit_name(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return unit.name if unit else unit_id

    @property
    def _sep(self) -> str:
        return self.ctx.t("scorecard.separator")

    def notes(self) -> dict[str, str]:
        return dict(self.meeting.unit_notes.get(self.section.key, {}))

    def reload(self) -> None:
        self._read_store()
        if self.is_mounted:
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

    def action_note(self) -> None:
        """E: a note on the unit on the cursor, saved over the note as shown here; if the
        other window wrote one meanwhile, both are shown and the user chooses."""
        unit_id = self.cursor_unit()
        if unit_id is None:
            self.notify(self.ctx.t("scorecard.no_unit_here"), severity="warning")
            return
        was = self.notes().get(unit_id, "")
        self._ask_note(unit_id, was, was)

    def _ask_note(self, unit_id: str, was: str, text: str) -> None:
        from tui.dialogs import TextPrompt

        unit, key = self.units[unit_id], self.section.key
        title = self.ctx.t(self.NOTE_TITLE, unit=unit.name)

        def said(value: object) -> str:
            return str(value) if value else self.ctx.t("conflicts.none")

        def typed(value: str | None) -> None:
            if value is None:  # Escape: nothing changes
                return
            part = Part(
                label=title,
                read=lambda m: m.unit_notes.get(key, {}).get(unit_id, ""),
                say=said,
                mine=said(value.strip()),
                change=lambda m: m.with_unit_note(key, unit_id, value.strip()),
            )
            save_meeting_part(
                self.ctx, self, self.meeting_id, part, was, lambda o, seen: done(o, value, seen)
            )

        def done(outcome: Outcome, value: str, seen: object) -> None:
            if outcome is Outcome.NOT_SAVED:  # ask again, with what was typed
                self._ask_note(unit_id, str(seen), value)
                return
            self.reload()
            if outcome is Outcome.SAVED:
                self.notify(self.ctx.t("scorecard.note_saved", unit=unit.name), markup=False)

        placeholder = self.ctx.t(self.NOTE_PLACEHOLDER)
        self.app.push_screen(TextPrompt(title, text, placeholder=placeholder), typed)
