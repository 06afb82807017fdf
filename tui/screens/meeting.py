"""The meeting: roll call, then the agenda walked item by item with a clock for each."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from agenda.meetings import Meeting, MeetingState
from agenda.templates import Item, Section, Template, builtin_template
from tui.clock import mmss, remaining
from tui.context import Context, Seat
from tui.dialogs import ConfirmPrompt, TextPrompt
from tui.labels import period_label
from tui.saving import Outcome, Part, save_meeting_part, try_save
from tui.screens.base import DiaoduScreen
from tui.theme import GREEN, MUTED, RED, YELLOW
from tui.views import preload as preload_views
from tui.views import view_class
from tui.widgets.attendance import AttendanceView

ROLL_CALL = "roll-call"  # the sidebar entry before the agenda; not an item of the template


class MeetingScreen(DiaoduScreen):
    DEFAULT_CSS = """
    MeetingScreen #meeting-body { height: 1fr; }
    MeetingScreen #sidebar { width: 26; border-right: tall $primary; }
    MeetingScreen #meeting-info { height: auto; padding: 0 1; }
    MeetingScreen #agenda { height: 1fr; border: none; }
    MeetingScreen #main { width: 1fr; }
    MeetingScreen #item-bar { height: auto; padding: 0 1; background: $panel; }
    MeetingScreen #pane { height: 1fr; }
    /* Below 100 columns the view needs the width: the agenda hides unless asked for. */
    MeetingScreen.-narrow #sidebar { display: none; }
    MeetingScreen.-narrow.-agenda-toggled #sidebar { display: block; }
    MeetingScreen.-wide.-agenda-toggled #sidebar { display: none; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("n", "next_item", "meeting.key_next"),
        Binding("p", "previous_item", "meeting.key_previous"),
        Binding("o", "item_note", "meeting.key_note"),
        Binding("w", "close_meeting", "meeting.key_close"),
        Binding("g", "follow", "meeting.key_follow"),
        Binding("escape", "leave", "meeting.key_leave"),
        Binding("f2", "toggle_agenda", "meeting.key_agenda"),
    ]

    def __init__(self, ctx: Context, meeting_id: str) -> None:
        super().__init__(ctx)
        self.meeting_id = meeting_id
        self.meeting = self._read()
        self.template: Template = builtin_template(self.meeting.template)
        self.walk: list[tuple[Section, Item]] = self.template.items()
        self.shown: str | None = None  # the item key (or ROLL_CALL) in the main pane
        # The secretary's window shows the meeting's item until the secretary looks
        # elsewhere (then it says where the meeting is, and G brings it back).
        self.following = True
        self.view: Widget | None = None  # the roll call or the item's view, in the pane

    @property
    def seat(self) -> Seat:
        return self.ctx.seat(self.meeting_id)

    @property
    def moves_the_meeting(self) -> bool:
        return self.seat is Seat.CHAIR

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="meeting-body"):
            with Vertical(id="sidebar"):
                yield Static(id="meeting-info")
                yield OptionList(id="agenda")
            with Vertical(id="main"):
                yield Static(id="item-bar")
                yield Vertical(id="pane")
        yield Footer()

    def on_screen_resume(self) -> None:
        # Back from the close screen (closed or reopened there) or a dialog: as saved now.
        if self.shown is not None:
            self.reload()

    def on_mount(self) -> None:
        # The title, not a subtitle: Textual joins those with an em dash, which is
        # ambiguous-width in Chinese terminals.
        self.title = self.ctx.t(
            "meeting.period_title", period=period_label(self.ctx, self.meeting.period)
        )
        self._show(self.meeting.current_item or ROLL_CALL)
        self.set_interval(1.0, self._tick)
        # While the chair takes the roll call, load the other sections' code.
        self.set_timer(0.3, preload_views)

    # --- reading and saving ----------------------------------------------------------------
    def _read(self) -> Meeting:
        return self.ctx.meeting(self.meeting_id)

    def _save(self, change: Callable[[Meeting], Meeting]) -> bool:
        saved = try_save(
            self.ctx, self, lambda: self.ctx.store.update_meeting(self.meeting_id, change)
        )
        if saved is not None:
            self.meeting = saved
        return saved is not None

    def reload(self) -> None:
        self.meeting = self._read()
        target = self.meeting.current_item or ROLL_CALL
        in_progress = self.meeting.state is MeetingState.IN_PROGRESS
        if target == self.shown:
            self.following = True  # where the meeting is: from here on, go with it
        elif in_progress and target != self.shown and self._follows():
            # The chair's window moved the meeting on: follow, unless that would throw
            # away what is being typed here (then say where the meeting is).
            if not self._unsaved_typing():
                self._show(target)
                return
            _, item = self.walk[self._index(target)]
            self.notify(self.ctx.t("meeting.moved_elsewhere", item=item.title(self.ctx.lang)))
        self._paint_sidebar()
        self._tick()
        view = self.view
        reload = getattr(view, "reload", None)
        if callable(reload) and view is not None and view.is_mounted:  # a new one reads itself
            reload()

    def _follows(self) -> bool:
        """Whether this window goes where the meeting goes: the chair's always (another
        chair's window moved it), the secretary's unless the secretary looked elsewhere."""
        return self.moves_the_meeting or self.following

    # --- the walk --------------------------------------------------------------------------
    def _index(self, key: str | None) -> int:
        keys = [item.key for _, item in self.walk]
        return keys.index(key) if key in keys else -1

    def action_next_item(self) -> None:
        if self.meeting.is_closed:
            return
        if self.meeting.state is MeetingState.PLANNED or self.shown == ROLL_CALL:
            self._switch(self.meeting.current_item or self.walk[0][1].key)
            return
        index = self._index(self.shown)
        if index + 1 >= len(self.walk):
            self.notify(self.ctx.t("meeting.last_item"))
            return
        self._switch(self.walk[index + 1][1].key)

    def action_previous_item(self) -> None:
        index = self._index(self.shown)
        self._switch(ROLL_CALL if index <= 0 else self.walk[index - 1][1].key)

    def action_follow(self) -> None:
        """G: back to the item the meeting is on (the secretary looked elsewhere)."""
        if self._elsewhere() and self.meeting.current_item is not None:
            self._switch(self.meeting.current_item)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow":  # offered only while this window is not where the meeting is
            return self._elsewhere()
        return True

    def _elsewhere(self) -> bool:
        """Whether the meeting is on an item this window does not show (a meeting just
        reopened is on none until the chair's window moves it)."""
        meeting = self.meeting
        return (
            meeting.state is MeetingState.IN_PROGRESS
            and meeting.current_item is not None
            and self._index(meeting.current_item) >= 0
            and self.shown != meeting.current_item
        )

    def _switch(self, key: str) -> None:
        """To another item (or the roll call), asking first if something typed would be
        lost."""
        if key == self.shown:
            return
        if not self._unsaved_typing():
            self._go(key)
            return

        def answer(switch: bool | None) -> None:
            if switch:
                self._go(key)

        self.app.push_screen(ConfirmPrompt(self.ctx, self.ctx.t("meeting.switch_typed")), answer)

    def _go(self, key: str) -> None:
        """Show `key`; in the chair's window the meeting moves there too (started first,
        if it was only planned)."""
        if self.moves_the_meeting and key != ROLL_CALL and not self.meeting.is_closed:
            now = self.ctx.now()
            if self.meeting.state is MeetingState.PLANNED:
                if not self._save(lambda m: m.start(now, key)):
                    return
            elif key != self.meeting.current_item and not self._save(lambda m: m.move_to(key, now)):
                return
        self.following = key == (self.meeting.current_item or ROLL_CALL)
        self._show(key)

    def _show(self, key: str) -> None:
        """Put the roll call or an item's view in the main pane."""
        self.shown = key
        pane = self.query_one("#pane")
        pane.remove_children()
        widget: Widget
        if key == ROLL_CALL or self._index(key) < 0:
            self.shown = ROLL_CALL
            widget = AttendanceView(self.ctx, self.meeting_id)
        else:
            section, item = self.walk[self._index(key)]
            widget = view_class(section.kind)(self.ctx, self.meeting_id, section, item)
        pane.mount(widget)
        # The view now shown; the one removed above may linger in the pane a moment.
        self.view = widget
        self._paint_sidebar()
        self._tick()
        self.call_after_refresh(self._focus_in, widget)

    def _focus_in(self, widget: Widget) -> None:
        """Focus where the view wants it (its `focus_first`), else its first focusable."""
        chosen = getattr(widget, "focus_first", None)
        if callable(chosen):
            chosen()
            return
        first = next((w for w in widget.query("*") if w.focusable), None)
        if first is not None:
            first.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "agenda" or event.option.id is None:
            return
        event.stop()
        self._switch(event.option.id)

    # --- sidebar and clocks ----------------------------------------------------------------
    def _paint_sidebar(self) -> None:
        t, meeting = self.ctx.t, self.meeting
        info = Text.assemble(
            (t("meeting.period_title", period=period_label(self.ctx, meeting.period)), "bold"),
            "\n",
            (t(f"home.state_{meeting.state.value}"), MUTED),
        )
        self.query_one("#meeting-info", Static).update(info)
        agenda = self.query_one("#agenda", OptionList)
        current = self._index(self.shown)
        options: list[Option] = [Option(self._entry(t("meeting.roll_call"), ROLL_CALL), ROLL_CALL)]
        last_section = None
        for index, (section, item) in enumerate(self.walk):
            if section.key != last_section:
                last_section = section.key
                options.append(
                    Option(Text(section.title(self.ctx.lang), style="bold"), disabled=True)
                )
            visited = meeting.item_seconds.get(item.key, 0) > 0 and index != current
            options.append(
                Option(self._entry(item.title(self.ctx.lang), item.key, visited), item.key)
            )
        agenda.clear_options()
        agenda.add_options(options)
        agenda.highlighted = next(
            (i for i, option in enumerate(options) if option.id == self.shown), 0
        )

    def _entry(self, title: str, key: str, visited: bool = False) -> Text:
        if key == self.shown:
            return Text.assemble(("> ", "bold"), (title, "bold reverse"))
        if key == self.meeting.current_item:  # the meeting is there, this window is not
            return Text.assemble(("* ", YELLOW), (title, YELLOW))
        mark = ("✓ ", GREEN) if visited or (key == ROLL_CALL and self.meeting.started_at) else "  "
        return Text.assemble(mark, title)

    def _seat_line(self) -> Text:
        """This window's seat, and where the meeting is when this window is elsewhere."""
        t, meeting = self.ctx.t, self.meeting
        line = Text(t(f"meeting.seat_{self.seat.value}"), style="bold reverse")
        if meeting.is_closed:
            line.append("  ")
            line.append(t("meeting.closed_here"), style=RED)
        elif self._elsewhere():
            where = self.walk[self._index(meeting.current_item)][1].title(self.ctx.lang)
            line.append("  ")
            line.append(t("meeting.elsewhere", item=where), style=YELLOW)
        return line

    def _tick(self) -> None:
        t, meeting, now = self.ctx.t, self.meeting, self.ctx.now()
        bar = self.query_one("#item-bar", Static)
        if self.shown == ROLL_CALL:
            hint = "meeting.start_hint" if self.moves_the_meeting else "meeting.start_hint_follow"
            bar.update(
                Text.assemble(
                    (t("meeting.roll_call"), "bold"), "   ", t(hint), "\n", self._seat_line()
                )
            )
            return
        section, item = self.walk[self._index(self.shown)]
        spent = meeting.seconds_on(item.key, now)
        left = remaining(spent, item.minutes)
        item_clock = (
            Text(t("meeting.left", time=mmss(left)), style=GREEN)
            if left >= 0
            else Text(t("meeting.overrun", time=mmss(-left)), style=RED)
        )
        total = (now - meeting.started_at).total_seconds() if meeting.started_at else 0.0
        if meeting.ended_at and meeting.started_at:
            total = (meeting.ended_at - meeting.started_at).total_seconds()
        bar.update(
            Text.assemble(
                (f"{section.title(self.ctx.lang)} - {item.title(self.ctx.lang)}", "bold"),
                "\n",
                t("meeting.item_clock", spent=mmss(spent), planned=mmss(item.minutes * 60)),
                "  ",
                item_clock,
                "    ",
                t(
                    "meeting.meeting_clock",
                    spent=mmss(total),
                    planned=mmss(self.template.minutes * 60),
                ),
                "\n",
                self._seat_line(),
            )
        )

    # --- notes, closing, leaving -------------------------------------------------------------
    def action_item_note(self) -> None:
        """O: what was said on this item. Saved over the note as this window showed it; if
        the other window wrote one meanwhile, both are shown and the user chooses."""
        if self.shown == ROLL_CALL:
            return
        key = str(self.shown)
        _, item = self.walk[self._index(key)]
        title = self.ctx.t("meeting.note_title", item=item.title(self.ctx.lang))
        was = self.meeting.notes.get(key, "")
        self._ask_note(key, title, was, was)

    def _ask_note(self, key: str, title: str, was: str, text: str) -> None:
        def typed(value: str | None) -> None:
            if value is None:
                return
            part = Part(
                label=title,
                read=lambda m: m.notes.get(key, ""),
                say=self._said,
                mine=self._said(value),
                change=lambda m: m.with_note(key, value),
            )
            save_meeting_part(
                self.ctx, self, self.meeting_id, part, was, lambda o, seen: done(o, value, seen)
            )

        def done(outcome: Outcome, value: str, seen: object) -> None:
            if outcome is Outcome.NOT_SAVED:  # ask again, with what was typed
                self._ask_note(key, title, str(seen), value)
                return
            self.reload()
            if outcome is Outcome.SAVED:
                self.notify(self.ctx.t("common.saved"))

        self.app.push_screen(TextPrompt(title, text), typed)

    def _said(self, value: object) -> str:
        return str(value) if value else self.ctx.t("conflicts.none")

    def action_toggle_agenda(self) -> None:
        self.toggle_class("-agenda-toggled")

    def action_close_meeting(self) -> None:
        """W: to the close screen, asking first if something typed would be lost there."""
        from tui.screens.close import CloseScreen

        def answer(go: bool | None) -> None:
            if go:
                self.app.push_screen(CloseScreen(self.ctx, self.meeting_id))

        if self.meeting.is_closed or not self._unsaved_typing():  # closed: R there reopens
            answer(True)
            return
        self.app.push_screen(ConfirmPrompt(self.ctx, self.ctx.t("meeting.close_typed")), answer)

    def action_leave(self) -> None:
        """Escape: out of a text field first; then home, asking if something is typed."""
        focused = self.focused
        if isinstance(focused, Input):
            self._focus_out_of(focused)
            return
        if not self._unsaved_typing():
            self.app.pop_screen()
            return

        def answer(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(ConfirmPrompt(self.ctx, self.ctx.t("meeting.leave_typed")), answer)

    def has_unsaved_typing(self) -> bool:
        """For the app's quit: would closing this window lose something typed?"""
        return self._unsaved_typing()

    def _unsaved_typing(self) -> bool:
        """Whether leaving would lose something typed and not saved.

        A view that keeps values on purpose (the assignments form keeps unit, owner and
        due for the next commitment) says so itself with `has_unsaved_typing()`.
        """
        if self.shown == ROLL_CALL:
            return False  # the roll call saves names as they are typed
        view = self.view
        ask = getattr(view, "has_unsaved_typing", None)
        if callable(ask):
            return bool(ask())
        return view is not None and any(field.value.strip() for field in view.query(Input))

    def _focus_out_of(self, field: Input) -> None:
        """Escape in a text field: to the view's table (else any other control, else the
        agenda), so a second Escape leaves."""
        view = self.view
        others = [w for w in (view.query("*") if view else []) if w.focusable]
        table = next((w for w in others if isinstance(w, DataTable)), None)
        other = next((w for w in others if not isinstance(w, Input)), None)
        (table or other or self.query_one("#agenda", OptionList)).focus()
