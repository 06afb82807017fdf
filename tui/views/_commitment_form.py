"""The secretary's commitment form: unit, text, owner, due, metric, quantity, and who else
carries it: the lead leader (牵头领导, free text) and supporting units (配合单位: names or
aliases of units on record, separated by 、 or a comma).

Built for a run of entries typed while people speak: Enter moves to the next field, the
due date has quick choices on Up/Down, the owner follows the unit's head, and every
problem is said under its own field before anything is saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select

from agenda.commitments import Commitment, supporting_refusal, validate
from agenda.errors import DiaoduError, InputError, RuleError
from agenda.metrics import Metric
from agenda.periods import end_of_month, parse_due
from agenda.sayings import commitment_number, due_words
from agenda.templates import Template
from agenda.texts import Line, one_line
from agenda.units import Unit, find_unit
from agenda.words import say
from tui.context import Context
from tui.text import plain
from tui.views.base import unless_removed
from tui.widgets.unit_picker import UnitPicker

FIELDS = ("unit", "text", "owner", "due", "metric", "quantity", "lead", "supporting")
# How supporting units are typed apart: 、，, ; and spaces.
SEPARATORS = re.compile(r"[、，,；;\s]+")
T = TypeVar("T")


@dataclass(frozen=True)
class Draft:
    """A commitment as typed and checked, ready to save."""

    unit: Unit
    text: str
    owner: str
    due: date
    metric: str | None
    quantity: float | None
    lead: str = ""
    supporting: tuple[str, ...] = ()  # unit ids


class DueInput(Input):
    """A date field whose Up/Down step through the quick choices (end of this month, …)."""

    BINDINGS = [
        Binding("down", "choice(1)", show=False),
        Binding("up", "choice(-1)", show=False),
    ]

    def __init__(self, choices: list[date], *, value: str, placeholder: str, id: str) -> None:
        super().__init__(value=value, placeholder=placeholder, id=id)
        self.choices = choices

    def action_choice(self, step: int) -> None:
        typed = self.value.strip()
        days = [day.isoformat() for day in self.choices]
        index = days.index(typed) + step if typed in days else (0 if step > 0 else -1)
        self.value = days[index % len(days)]
        self.cursor_position = len(self.value)


class CommitmentForm(Vertical):
    @dataclass
    class SaveRequested(Message):
        """Enter on the last field."""

        form: CommitmentForm

    @dataclass
    class EditingChanged(Message):
        """A saved commitment was loaded, or the form became a new one again."""

        form: CommitmentForm

    def __init__(
        self,
        ctx: Context,
        units: list[Unit],
        metrics: list[Metric],
        template: Template | None = None,
    ) -> None:
        super().__init__(id="commitment-form")
        self.ctx = ctx
        self.units = units
        self.metrics = metrics
        today = ctx.today()
        self.due_choices = [end_of_month(today, months) for months in (0, 1, 2)]
        self.default_due = self.due_choices[1]
        # The meeting's template says how long its commitments run (a weekly meeting's
        # to-dos: a week, reviewed at the next one).
        self.in_days = template is not None and template.due_in_days is not None
        if template is not None:
            self.due_choices = list(template.due_choices(today))
            self.default_due = template.default_due(today)
        self.editing: Commitment | None = None
        # The unit whose head the owner field was last filled with: the owner follows the
        # unit, except a name typed by hand, which is for this commitment only.
        self.owner_for: Unit | None = None

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Label(t("assignments.new"), id="form-title")
        with Horizontal(classes="row"):
            with Vertical(classes="field", id="unit-field"):
                yield UnitPicker(self.units, placeholder=t("assignments.unit_placeholder"))
                yield Label(classes="error", id="unit-error")
            with Vertical(classes="field", id="text-field"):
                yield Input(placeholder=t("assignments.text_placeholder"), id="text")
                yield Label(classes="error", id="text-error")
        with Horizontal(classes="row"):
            with Vertical(classes="field", id="owner-field"):
                yield Input(id="owner")
                yield Label(classes="error", id="owner-error")
            with Vertical(classes="field", id="due-field"):
                yield DueInput(
                    self.due_choices,
                    value=self.default_due.isoformat(),  # by default: end of next month
                    placeholder=t("assignments.due_placeholder"),
                    id="due",
                )
                yield Label(classes="error", id="due-error")
            with Vertical(classes="field", id="metric-field"):
                yield Select(
                    [(metric.label(self.ctx.lang), metric.key) for metric in self.metrics],
                    prompt=t("assignments.field_metric"),
                    id="metric",
                )
                yield Label(classes="error", id="metric-error")
            with Vertical(classes="field", id="quantity-field"):
                yield Input(id="quantity")
                yield Label(classes="error", id="quantity-error")
        with Horizontal(classes="row"):
            with Vertical(classes="field", id="lead-field"):
                yield Input(placeholder=t("assignments.lead_placeholder"), id="lead")
                yield Label(classes="error", id="lead-error")
            with Vertical(classes="field", id="supporting-field"):
                placeholder = t("assignments.supporting_placeholder")
                yield Input(placeholder=placeholder, id="supporting")
                yield Label(classes="error", id="supporting-error")
        yield Label(self._hint(), id="form-hint")

    @unless_removed
    def on_mount(self) -> None:
        t = self.ctx.t
        for name in ("text", "owner", "due", "quantity", "lead", "supporting"):
            self.query_one(f"#{name}", Input).border_title = t(f"assignments.field_{name}")
        self.picker.input.border_title = t("assignments.field_unit")

    def _hint(self) -> str:
        t = self.ctx.t
        labels = (
            "dialogs.end_of_this_month",
            "dialogs.end_of_next_month",
            "dialogs.end_of_month_after",
        )
        today, lang = self.ctx.today(), self.ctx.lang
        names = (
            [due_words(day, today, lang) for day in self.due_choices]
            if self.in_days  # a week, two, three: "还有7天"
            else [t(label) for label in labels]
        )
        choices = " / ".join(
            f"{name} {day:%m-%d}" for name, day in zip(names, self.due_choices, strict=True)
        )
        return t("assignments.hint", choices=choices)

    @property
    def picker(self) -> UnitPicker:
        return self.query_one(UnitPicker)

    def value_of(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def _set(self, name: str, value: str) -> None:
        self.query_one(f"#{name}", Input).value = value

    # --- moving through the fields -------------------------------------------------------
    @on(UnitPicker.Picked)
    def _unit_picked(self, event: UnitPicker.Picked) -> None:
        event.stop()
        self._owner_follows(event.unit)
        self.query_one("#text", Input).focus()

    def _owner_follows(self, unit: Unit) -> None:
        """Another unit: its head is the owner, unless a name was typed by hand for this
        commitment (the field no longer holds the previous unit's head)."""
        if self.owner_for is not None and unit.id == self.owner_for.id:
            return
        owner = self.value_of("owner").strip()
        if not owner or self.owner_for is None or owner == self.owner_for.head:
            self._set("owner", unit.head)
        self.owner_for = unit

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        following = {
            "text": "#owner",
            "owner": "#due",
            "due": "#metric",
            # Enter on the quantity saves: who else carries it (optional) is a Tab away,
            # and Enter there saves too.
            "quantity": None,
            "lead": None,
            "supporting": None,
        }
        name = event.input.id or ""
        if name not in following:
            return
        target = following[name]
        if target is None:
            self.post_message(self.SaveRequested(self))
        else:
            self.query_one(target).focus()

    @on(Select.Changed)
    def _metric_chosen(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is not Select.NULL and self.query_one("#metric").has_focus:
            self.query_one("#quantity", Input).focus()

    def focus_first(self) -> None:
        self.picker.input.focus()

    # --- reading and checking ------------------------------------------------------------
    def read(self) -> Draft | None:
        """The draft if every field is right; otherwise each problem shown by its field, in
        the domain's words (agenda.commitments.validate: one rule, said the same everywhere)."""
        problems: dict[str, str] = {}
        unit = self.picker.unit
        if unit is not None:  # named by typing alone, without Enter: the owner follows too
            self._owner_follows(unit)
        if unit is None:
            typed = self.picker.text.strip()
            problems["unit"] = (
                self.ctx.t("assignments.error_unknown_unit", text=typed)
                if typed
                else self.ctx.t("assignments.error_no_unit")
            )
        text, owner = self.value_of("text"), self.value_of("owner")
        due = self._read("due", self._due, problems)
        quantity = self._read("quantity", self._quantity, problems)
        lead = self.value_of("lead")
        supporting = self._read("supporting", self._supporting, problems) or ()
        today = self.ctx.today()
        codes = validate(text, owner, due or today, today, quantity)
        if due is None or (self.editing is not None and due == self.editing.due):
            codes.pop("due", None)  # no date to judge, or the one on record, kept as it is
        for name, code in codes.items():
            problems.setdefault(name, say(code, self.ctx.lang, due=due))
        try:
            one_line(lead, Line.LEAD)
        except RuleError as error:
            problems.setdefault("lead", self.ctx.t.error(error))
        refusal = supporting_refusal(unit.id if unit else None, supporting)
        if refusal is not None:  # said with the unit's name, not its id
            name = self.supporting_names((str(refusal.params.get("unit", "")),))
            problems.setdefault("supporting", say(refusal.code, self.ctx.lang, unit=name))
        self.show_problems(problems)
        if problems or unit is None or due is None:
            first = next(name for name in FIELDS if name in problems)
            target = self.picker.input if first == "unit" else self.query_one(f"#{first}")
            target.focus()
            return None
        metric = self.query_one("#metric", Select).value
        return Draft(
            unit=unit,
            text=text.strip(),
            owner=owner.strip(),
            due=due,
            metric=metric if isinstance(metric, str) else None,
            quantity=quantity,
            lead=lead.strip(),
            supporting=tuple(supporting),
        )

    def _read(
        self, name: str, parse: Callable[[str], T | None], problems: dict[str, str]
    ) -> T | None:
        """A field as typed, parsed; a refusal said under it."""
        try:
            return parse(self.value_of(name).strip())
        except DiaoduError as error:
            problems[name] = self.ctx.t.error(error)
            return None

    def _due(self, typed: str) -> date:
        if not typed:
            raise InputError("commitment.due_empty")
        return parse_due(typed, self.ctx.today())

    def _supporting(self, typed: str) -> tuple[str, ...]:
        """配合单位 as typed (names or aliases), as unit ids: each one on record."""
        ids = []
        for name in SEPARATORS.split(typed):
            if not name:
                continue
            found = find_unit(self.units, name)
            if found is None:
                raise RuleError("commitment.supporting_unknown", unit=name)
            ids.append(found.id)
        return tuple(ids)

    def supporting_names(self, unit_ids: tuple[str, ...]) -> str:
        names = {unit.id: unit.name for unit in self.units}
        return self.ctx.t("review.list_separator").join(names.get(u, u) for u in unit_ids)

    def _quantity(self, typed: str) -> float | None:
        from agenda.importing.number import parse_figure

        if not typed:
            return None
        try:
            return parse_figure(typed)  # the one number parser: no guessing at 12,5
        except InputError as error:
            if error.code == "number.negative":
                raise InputError("commitment.quantity_negative") from None
            raise

    def show_problems(self, problems: dict[str, str]) -> None:
        for name in FIELDS:
            label = self.query_one(f"#{name}-error", Label)
            label.update(plain(problems.get(name, "")))
            label.set_class(name in problems, "-shown")

    # --- filling -------------------------------------------------------------------------
    def load(self, commitment: Commitment) -> None:
        """Put a saved commitment in the form to change it."""
        self.editing = commitment
        unit = next((u for u in self.units if u.id == commitment.unit_id), None)
        self.picker.choose(unit)
        self.owner_for = unit
        self._set("text", commitment.text)
        self._set("owner", commitment.owner)
        self._set("due", commitment.due.isoformat())
        metric = self.query_one("#metric", Select)
        keys = {m.key for m in self.metrics}
        metric.value = commitment.metric if commitment.metric in keys else Select.NULL
        quantity = commitment.quantity
        self._set("quantity", "" if quantity is None else f"{quantity:g}")
        self._set("lead", commitment.lead)
        self._set("supporting", self.supporting_names(commitment.supporting))
        self.show_problems({})
        self.show_title()
        self.query_one("#text", Input).focus()

    def changed_since_loaded(self) -> bool:
        """Has anything been typed over the commitment loaded for editing?"""
        loaded = self.editing
        if loaded is None:
            return False
        quantity = "" if loaded.quantity is None else f"{loaded.quantity:g}"
        metric = self.query_one("#metric", Select).value
        return (
            (self.picker.unit is None or self.picker.unit.id != loaded.unit_id)
            or self.value_of("text") != loaded.text
            or self.value_of("owner") != loaded.owner
            or self.value_of("due") != loaded.due.isoformat()
            or self.value_of("quantity") != quantity
            or (metric if isinstance(metric, str) else None) != loaded.metric
            or self.value_of("lead") != loaded.lead
            or self.value_of("supporting") != self.supporting_names(loaded.supporting)
        )

    def clear_after_save(self) -> None:
        """Ready for the next commitment: keep unit and due (often the same); the owner is
        the unit's head again (a name typed by hand was for that commitment only)."""
        self.editing = None
        unit = self.picker.unit
        self._set("owner", unit.head if unit else "")
        self.owner_for = unit
        self._set("text", "")
        self._set("quantity", "")
        self._set("lead", "")
        self._set("supporting", "")
        self.query_one("#metric", Select).value = Select.NULL
        self.show_problems({})
        self.show_title()
        self.focus_first()

    def show_title(self) -> None:
        self.post_message(self.EditingChanged(self))
        title = self.query_one("#form-title", Label)
        if self.editing is None:
            title.update(self.ctx.t("assignments.new"))
        else:
            number = commitment_number(self.editing, self.ctx.lang)
            title.update(self.ctx.t("assignments.editing", id=number))
        title.set_class(self.editing is not None, "-editing")

    def set_units(self, units: list[Unit]) -> None:
        self.units = units
        self.picker.set_units(units)
