"""Pick a unit by typing part of its name or alias: 河口, 发改, 商务局 — Chinese typed or pasted.

The list of matches opens under the field while it has focus; Up/Down move through it
without leaving the field, Enter picks (a click too). The picked unit is `unit`; typing
something else forgets it unless the text names a unit exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from agenda.units import Unit, find_unit, sorted_units
from tui.text import plain

MAX_SHOWN = 6  # leaves room for the rest of the form at 80x24


def matching(units: list[Unit], typed: str) -> list[Unit]:
    """Units whose name or alias contains `typed`: names starting with it first."""
    query = typed.strip()
    if not query:
        return sorted_units(units)
    names = [(unit, (unit.name, *unit.aliases)) for unit in sorted_units(units)]
    starts = [unit for unit, known in names if any(n.startswith(query) for n in known)]
    contains = [
        unit
        for unit, known in names
        if unit not in starts and (unit.id == query or any(query in n for n in known))
    ]
    return starts + contains


class UnitPicker(Vertical):
    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    @dataclass
    class Picked(Message):
        picker: UnitPicker
        unit: Unit

    def __init__(self, units: list[Unit], *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.units = [unit for unit in units if unit.active]
        self.unit: Unit | None = None
        self.placeholder = placeholder
        self._shown: list[Unit] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder)
        options = OptionList()
        options.can_focus = False  # focus stays in the field; a click still picks
        yield options

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def text(self) -> str:
        return self.input.value

    def set_units(self, units: list[Unit]) -> None:
        """New unit list from the store; the picked unit is kept if it still exists."""
        self.units = [unit for unit in units if unit.active]
        if self.unit is not None:
            self.unit = next((u for u in self.units if u.id == self.unit.id), None)

    def choose(self, unit: Unit | None) -> None:
        """Show `unit` as picked (or clear the field)."""
        self.unit = unit
        with self.input.prevent(Input.Changed):
            self.input.value = unit.name if unit else ""
        self._close()

    # --- the list of matches -------------------------------------------------------------
    def _fill(self) -> None:
        self._shown = matching(self.units, self.text)[:MAX_SHOWN]
        options = self.query_one(OptionList)
        options.set_options(Option(_shown_as(unit), id=unit.id) for unit in self._shown)
        if self._shown:
            options.highlighted = 0
        self.set_class(bool(self._shown), "-open")

    def _close(self) -> None:
        self.remove_class("-open")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.unit = find_unit(self.units, event.value) if event.value.strip() else None
        self._fill()

    def on_descendant_focus(self) -> None:
        if self.unit is None:
            self._fill()

    def on_descendant_blur(self) -> None:
        self._close()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.has_class("-open"):
            self._fill()
            return
        if self._shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self._shown) - 1, current + step))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter picks the highlighted match; with the list closed it keeps the pick."""
        event.stop()
        options = self.query_one(OptionList)
        if self.has_class("-open") and options.highlighted is not None and self._shown:
            self.choose(self._shown[options.highlighted])
        elif self.unit is None:
            self.unit = find_unit(self.units, self.text)
        if self.unit is not None:
            self.choose(self.unit)
            self.post_message(self.Picked(self, self.unit))

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        unit = self._shown[event.option_index]
        self.choose(unit)
        self.post_message(self.Picked(self, unit))


def _shown_as(unit: Unit) -> Text:
    """The name, and any alias that is not just part of it (发改局 adds nothing to 区发改局)."""
    extra = [alias for alias in unit.aliases if alias not in unit.name]
    shown = plain(unit.name)
    if extra:
        shown.append("  " + " ".join(extra), "italic")
    return shown
