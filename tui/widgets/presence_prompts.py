"""The roll call's questions: who came in the head's place (代会: name and post), why the
head is away (请假: the reason), and who sits in without a vote (列席).

Each is checked as the domain checks it (`agenda.meetings.presence`, `observer`): a
refusal is said under the fields and nothing is answered until it is right. Escape
answers None: nothing changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from agenda.errors import DiaoduError
from agenda.meetings import Attendance, Observer, Presence, observer, presence
from tui.context import Context
from tui.dialogs import _Dialog
from tui.text import plain

# How observers are typed on one line: 王明 区发改局局长；李华 区融媒体中心记者
OBSERVER_SEPARATORS = ("；", ";")


class PresencePrompt(_Dialog[Presence | None]):
    """代会: the deputy's name and post; 请假 or 缺席: the reason. Enter on any field."""

    BINDINGS = [Binding("escape", "cancel", "dialogs.cancel")]

    def __init__(self, ctx: Context, title: str, current: Presence) -> None:
        super().__init__()
        self.ctx = ctx
        self.prompt_title = title
        self.current = current

    @property
    def deputy(self) -> bool:
        return self.current.status is Attendance.DEPUTY

    def compose(self) -> ComposeResult:
        t, now = self.ctx.t, self.current
        with Vertical(id="dialog", classes="presence"):
            yield Label(plain(self.prompt_title), classes="title")
            if self.deputy:
                with Horizontal(classes="field"):
                    yield Label(t("meeting.deputy_name"))
                    yield Input(now.name, placeholder=t("meeting.deputy_name_hint"), id="name")
                with Horizontal(classes="field"):
                    yield Label(t("meeting.deputy_post"))
                    yield Input(now.post, placeholder=t("meeting.deputy_post_hint"), id="post")
            else:
                with Horizontal(classes="field"):
                    yield Label(t("meeting.reason"))
                    yield Input(now.reason, placeholder=t("meeting.reason_hint"), id="reason")
            yield Label("", classes="error", id="error")
            yield Label(t("meeting.details_hint"), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query(Input).first().focus()

    def _value(self, field: str) -> str:
        found = self.query(f"#{field}").results(Input)
        return next((widget.value for widget in found), "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            entry = presence(
                self.current.status,
                name=self._value("name"),
                post=self._value("post"),
                reason=self._value("reason"),
            )
        except DiaoduError as error:
            self.query_one("#error", Label).update(plain(self.ctx.t.error(error)))
            return
        self.dismiss(entry)

    def action_cancel(self) -> None:
        self.dismiss(None)


def observers_text(observers: tuple[Observer, ...]) -> str:
    """列席 as typed: 王明 区发改局局长；李华 区融媒体中心记者"""
    return "；".join(f"{o.name} {o.post}".strip() for o in observers)


def parse_observers(text: str) -> tuple[Observer, ...]:
    """Each one separated by ；(or ;), the name first, then after a space the post or
    unit. Raises RuleError as `observer()` does."""
    for separator in OBSERVER_SEPARATORS[1:]:
        text = text.replace(separator, OBSERVER_SEPARATORS[0])
    found = []
    for part in text.split(OBSERVER_SEPARATORS[0]):
        words = part.replace("\u3000", " ").strip().split(maxsplit=1)
        if words:
            found.append(observer(words[0], words[1] if len(words) > 1 else ""))
    return tuple(found)


class ObserversPrompt(_Dialog[tuple[Observer, ...] | None]):
    """列席: everyone on one line, name then post, separated by ；"""

    BINDINGS = [Binding("escape", "cancel", "dialogs.cancel")]

    def __init__(self, ctx: Context, current: tuple[Observer, ...]) -> None:
        super().__init__()
        self.ctx = ctx
        self.current = current

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        with Vertical(id="dialog"):
            yield Label(t("meeting.observers_title"), classes="title")
            yield Input(
                observers_text(self.current),
                placeholder=t("meeting.observers_placeholder"),
                id="observers",
            )
            yield Label("", classes="error", id="error")
            yield Label(t("meeting.observers_hint"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            found = parse_observers(event.value)
        except DiaoduError as error:
            self.query_one("#error", Label).update(plain(self.ctx.t.error(error)))
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)
