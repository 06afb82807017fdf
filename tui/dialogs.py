"""Small modal questions: a line of text, a due date, yes or no, this window's seat.

Each returns its answer through `dismiss`; Escape answers None (or False) and changes
nothing, so backing out never loses what was typed on the screen underneath.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from agenda.errors import DiaoduError, RuleError
from agenda.periods import end_of_month, parse_due
from tui.context import Context, Seat
from tui.i18n import Catalog
from tui.keys import translate_bindings
from tui.text import plain

ResultType = TypeVar("ResultType")


class _Dialog(ModalScreen[ResultType]):
    def _catalog(self) -> Catalog:
        ctx: Context | None = getattr(self.app, "ctx", None)
        return ctx.t if ctx is not None else Catalog("en")

    def on_mount(self) -> None:
        translate_bindings(self, self._catalog())
        self.refresh_bindings()


class TextPrompt(_Dialog[str | None]):
    """Ask for one line of text; `validate` returns why it is refused, or None."""

    BINDINGS = [Binding("escape", "cancel", "dialogs.cancel")]

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        placeholder: str = "",
        validate: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.prompt_title = title
        self.value = value
        self.placeholder = placeholder
        self.validator = validate

    def compose(self) -> ComposeResult:
        t = self._catalog()
        with Vertical(id="dialog"):
            yield Label(plain(self.prompt_title), classes="title")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Label("", classes="error", id="error")
            yield Label(t("dialogs.text_hint"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.validator(event.value) if self.validator else None
        if problem:
            self.query_one("#error", Label).update(plain(problem))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ParagraphsPrompt(_Dialog[str | None]):
    """Ask for text that runs to paragraphs (the chair's remarks on an item): Enter starts
    a new line, Ctrl+S keeps it. Escape with something typed asks before it is thrown
    away; with nothing changed it just closes."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "dialogs.keep"),
        Binding("escape", "cancel", "dialogs.cancel"),
    ]

    def __init__(self, ctx: Context, title: str, value: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        self.prompt_title = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="paragraphs"):
            yield Label(plain(self.prompt_title), classes="title")
            yield TextArea(self.value, id="answer", soft_wrap=True, show_line_numbers=False)
            yield Label(self.ctx.t("dialogs.paragraphs_hint"), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        area = self.query_one("#answer", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def typed(self) -> str:
        return self.query_one("#answer", TextArea).text

    def action_keep(self) -> None:
        self.dismiss(self.typed)

    def action_cancel(self) -> None:
        if self.typed == self.value:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmPrompt(self.ctx, self.ctx.t("dialogs.paragraphs_discard")), answered
        )


class DatePrompt(_Dialog[date | None]):
    """Ask for a due date: Enter takes the highlighted quick choice, or the date typed."""

    BINDINGS = [
        Binding("escape", "cancel", "dialogs.cancel"),
        Binding("down", "choice(1)", "dialogs.next_choice", show=False),
        Binding("up", "choice(-1)", "dialogs.previous_choice", show=False),
    ]

    def __init__(
        self,
        ctx: Context,
        title: str,
        *,
        default: date | None = None,
        allow_past: bool = False,
        choices: list[tuple[str, date]] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.prompt_title = title
        self.default = default
        self.allow_past = allow_past
        today = ctx.today()
        # The quick choices (a caller may offer its own: the first is highlighted).
        self.choices: list[tuple[str, date]] = choices or [
            (ctx.t("dialogs.end_of_this_month"), end_of_month(today)),
            (ctx.t("dialogs.end_of_next_month"), end_of_month(today, 1)),
            (ctx.t("dialogs.end_of_month_after"), end_of_month(today, 2)),
        ]

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        with Vertical(id="dialog"):
            yield Label(plain(self.prompt_title), classes="title")
            yield Input(placeholder=t("dialogs.date_placeholder"), id="answer")
            yield Label("", classes="error", id="error")
            yield OptionList(
                *(Option(f"{label}  {day.isoformat()}") for label, day in self.choices),
                id="choices",
            )
            yield Label("", classes="hint", id="selected")
            yield Label(t("dialogs.date_hint"), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        choices = self.query_one("#choices", OptionList)
        days = [day for _, day in self.choices]
        choices.highlighted = days.index(self.default) if self.default in days else 0
        if self.default is not None and self.default not in days:
            self.query_one("#answer", Input).value = self.default.isoformat()
        self.query_one("#answer", Input).focus()
        self._say_selected()

    def action_choice(self, step: int) -> None:
        choices = self.query_one("#choices", OptionList)
        current = choices.highlighted or 0
        choices.highlighted = max(0, min(len(self.choices) - 1, current + step))
        self._say_selected()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._say_selected()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._say_selected()

    def _say_selected(self) -> None:
        """What Enter takes, in words: the date typed, else the highlighted choice."""
        typed = self.query_one("#answer", Input).value.strip()
        if typed:
            said = self.ctx.t("dialogs.selected_typed")
        else:
            label, day = self.choices[self.query_one("#choices", OptionList).highlighted or 0]
            said = self.ctx.t("dialogs.selected", choice=f"{label}  {day.isoformat()}")
        self.query_one("#selected", Label).update(plain(said))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            highlighted = self.query_one("#choices", OptionList).highlighted or 0
            self.dismiss(self.choices[highlighted][1])
            return
        try:
            day = parse_due(text, self.ctx.today())
            if not self.allow_past and day < self.ctx.today():
                raise RuleError("commitment.due_past", due=day)
        except DiaoduError as error:
            self._refuse(self.ctx.t.error(error))
            return
        self.dismiss(day)

    def _refuse(self, message: str) -> None:
        self.query_one("#error", Label).update(plain(message))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmPrompt(_Dialog[bool]):
    """Yes or no. Every question asked here would throw something away (a commitment,
    something typed), so Enter and Escape both answer no: only Y says yes."""

    BINDINGS = [
        Binding("y", "answer(True)", "dialogs.confirm_yes"),
        Binding("n,escape,enter", "answer(False)", "dialogs.confirm_no"),
    ]

    def __init__(self, ctx: Context, question: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(self.question), classes="title")
            yield Label(self.ctx.t("dialogs.confirm_hint"), classes="hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class SeatPrompt(_Dialog[Seat | None]):
    """Which seat this window takes at a meeting already under way: the chair's (moves the
    meeting from item to item) or the secretary's (follows it). Enter takes the
    highlighted one; Escape does not open the meeting."""

    BINDINGS = [Binding("escape", "cancel", "dialogs.cancel")]

    def __init__(self, ctx: Context, question: str, preselect: Seat) -> None:
        super().__init__()
        self.ctx = ctx
        self.question = question
        self.preselect = preselect

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        with Vertical(id="dialog"):
            yield Label(plain(self.question), classes="title")
            yield OptionList(
                *(Option(t(f"dialogs.seat_{seat.value}"), id=seat.value) for seat in Seat),
                id="seats",
            )
            yield Label(t("dialogs.seat_hint"), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        seats = self.query_one("#seats", OptionList)
        seats.highlighted = list(Seat).index(self.preselect)
        seats.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Seat(str(event.option.id)))

    def action_cancel(self) -> None:
        self.dismiss(None)
