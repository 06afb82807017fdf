"""Starting a meeting (S on home): which month's figures, the day, the agenda, a topic.

Proposed: the month of the latest figures, today, the district's template. A make-up
meeting for an earlier month, a meeting on a month held already (another one), a
专题调度会 on one subject: each is a field changed. What the meeting would be is said as
it is typed (2026年第12次; the month's meetings so far) and so is why it may not be held
("period 2026-12 is in the future"), next to the field; Enter starts it, Esc does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from agenda.errors import DiaoduError
from agenda.periods import Period
from agenda.planning import NextMeeting, parse_meeting_day
from agenda.texts import Line, one_line
from agenda.usecases.meetings import NewMeeting, new_meeting
from agenda.usecases.templates import templates
from agenda.words import say
from tui.context import Context
from tui.dialogs import _Dialog
from tui.labels import period_label


@dataclass(frozen=True)
class StartChoice:
    period: Period
    day: date
    template: str
    topic: str = ""


class StartDialog(_Dialog[StartChoice | None]):
    BINDINGS = [Binding("escape", "cancel", "dialogs.cancel")]

    def __init__(self, ctx: Context, planned: NextMeeting) -> None:
        super().__init__()
        self.ctx = ctx
        self.planned = planned
        self.choices = templates(ctx.district)
        default = ctx.settings.template
        keys = [template.key for template in self.choices]
        self.default_template = default if default in keys else keys[0]

    def compose(self) -> ComposeResult:
        t, lang = self.ctx.t, self.ctx.lang
        with Vertical(id="dialog", classes="start"):
            yield Label(t("start.title"), classes="title")
            with Horizontal(classes="field"):
                yield Label(t("start.period"))
                yield Input(str(self.planned.period), id="start-period")
            with Horizontal(classes="field"):
                yield Label(t("start.day"))
                yield Input(self.ctx.today().isoformat(), id="start-day")
            with Horizontal(classes="field"):
                yield Label(t("start.template"))
                yield Select(
                    [
                        (
                            t(
                                "start.template_choice",
                                name=template.name(lang),
                                items=len(template.items()),
                                minutes=f"{template.minutes:g}",
                            ),
                            template.key,
                        )
                        for template in self.choices
                    ],
                    value=self.default_template,
                    allow_blank=False,
                    id="start-template",
                )
            with Horizontal(classes="field"):
                yield Label(t("start.topic"))
                yield Input(placeholder=t("start.topic_placeholder"), id="start-topic")
            yield Static(id="start-summary")
            yield Label("", classes="error", id="start-error")
            yield Label(t("start.hint"), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self._check()
        self.query_one("#start-period", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._check()

    def on_select_changed(self, event: Select.Changed) -> None:
        """An agenda picked: on to the topic, where Enter starts the meeting (on the
        agenda field Enter would only open its list again)."""
        event.stop()
        if self.is_mounted and event.select.has_focus:
            self.query_one("#start-topic", Input).focus()

    def _read(self) -> tuple[StartChoice | None, NewMeeting | None, str]:
        """What is typed, as a choice, what it would be, and why it may not be: a field
        that cannot be read, or the rule's refusal."""
        value = self.query_one
        try:
            period = Period.parse(value("#start-period", Input).value.strip())
            day = parse_meeting_day(value("#start-day", Input).value, self.ctx.today())
            topic = one_line(value("#start-topic", Input).value, Line.TOPIC)
        except DiaoduError as error:
            return None, None, self.ctx.t.error(error)
        facts = new_meeting(self.ctx.district, period, day)
        template = str(value("#start-template", Select).value)
        choice = StartChoice(period, day, template, topic)
        return choice, facts, self.ctx.t.error(facts.refusal) if facts.refusal else ""

    def _check(self) -> StartChoice | None:
        choice, facts, problem = self._read()
        self.query_one("#start-error", Label).update(Text(problem))
        self.query_one("#start-summary", Static).update(self._summary(facts) if facts else "")
        return None if problem else choice

    def _summary(self, facts: NewMeeting) -> Text:
        t, lang = self.ctx.t, self.ctx.lang
        number = say("saying.meeting", lang, year=facts.day.year, nth=facts.nth_in_year)
        line = Text(t("start.number", number=number), style="bold")
        period = period_label(self.ctx, facts.period)
        if facts.held:
            line.append("\n" + t("start.held", period=period, count=len(facts.held)))
        return line

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        choice = self._check()
        if choice is not None:
            self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
