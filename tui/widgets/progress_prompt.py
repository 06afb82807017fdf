"""推进情况: how a commitment not yet settled is getting on, and the share done if said.

A note (required) and a share in percent (optional: 60, 60%, full-width ６０). Enter moves
from the note to the share and saves from the share; Escape answers None. The last
progress reported is shown above, so the secretary sees what was said before.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from agenda.commitments import Commitment
from agenda.errors import DiaoduError, RuleError
from agenda.importing.number import parse_figure
from agenda.numbers import fmt_number
from tui.context import Context
from tui.keys import translate_bindings
from tui.text import plain

Answer = tuple[str, float | None]


class ProgressPrompt(ModalScreen[Answer | None]):
    BINDINGS = [Binding("escape", "cancel", "dialogs.cancel")]

    def __init__(
        self, ctx: Context, ref: str, commitment: Commitment, typed: Answer | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.ref = ref
        self.commitment = commitment
        self.typed = typed

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        title = t("review.progress_title", ref=self.ref)
        with Vertical(id="dialog"):
            yield Label(plain(title), classes="title")
            yield Label(plain(self.commitment.text), classes="hint")
            last = self.commitment.latest_progress
            if last is not None:
                said = last.note
                if last.percent is not None:
                    percent_done = fmt_number(last.percent)
                    said = t("review.progress_said", percent=percent_done, note=last.note)
                line = t("review.progress_last", on=last.on.isoformat(), said=said)
                yield Label(plain(line), classes="hint", id="last")
            note, percent = self.typed or ("", None)
            yield Input(note, id="note")
            yield Label("", classes="error", id="note-error")
            shown = "" if percent is None else fmt_number(percent)
            placeholder = t("review.progress_percent_placeholder")
            yield Input(shown, placeholder=placeholder, id="percent")
            yield Label("", classes="error", id="percent-error")
            yield Label(t("review.progress_hint"), classes="hint")

    def on_mount(self) -> None:
        translate_bindings(self, self.ctx.t)
        self.refresh_bindings()
        self.query_one("#note", Input).border_title = self.ctx.t("review.progress_note")
        self.query_one("#percent", Input).border_title = self.ctx.t("review.progress_percent")
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "note":
            self.set_focus(self.query_one("#percent", Input))
            return
        self._answer()

    def _answer(self) -> None:
        note = self.query_one("#note", Input).value
        typed = self.query_one("#percent", Input).value.strip()
        problems: dict[str, str] = {}
        if not note.strip():
            problems["note"] = self.ctx.t.error(RuleError("commitment.progress_empty"))
        percent = None
        try:
            percent = parse_figure(typed, percent=True) if typed else None
            if percent is not None and percent > 100:
                raise RuleError("commitment.progress_percent", percent=percent)
        except DiaoduError as error:
            problems["percent"] = self.ctx.t.error(error)
        for name in ("note", "percent"):
            self.query_one(f"#{name}-error", Label).update(plain(problems.get(name, "")))
        if problems:
            self.query_one(f"#{next(iter(problems))}", Input).focus()
            return
        self.dismiss((note.strip(), percent))

    def action_cancel(self) -> None:
        self.dismiss(None)
