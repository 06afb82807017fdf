"""The meeting: roll call, then the agenda walked item by item with a clock for each.

Each item's view is built once and kept (a ContentSwitcher): while the roll call is
taken, the views are built one at a time when the screen is idle, so the first visit to
a section costs only showing it; stepping away and back finds its metric, sort and
cursor as they were. A switch is finished (the view mounted and shown) before the next
key is read: keys pressed during one act on the view they land on.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Header, Input, OptionList, Static

from agenda.meetings import Meeting, MeetingState
from agenda.templates import Item, Section, Template
from agenda.usecases.templates import template
from tui.context import Context, Seat
from tui.dialogs import ConfirmPrompt, ParagraphsPrompt
from tui.labels import meeting_title
from tui.saving import Outcome, Part, save_part, try_save
from tui.screens import _meeting_lines as lines
from tui.screens._meeting_lines import ROLL_CALL
from tui.screens.base import DiaoduScreen
from tui.theme import Palette
from tui.views import view_class
from tui.views.base import SectionView, StoreView
from tui.widgets.attendance import AttendanceView
from tui.widgets.footer import SteadyFooter
from tui.widgets.tables import Table

__all__ = ["ROLL_CALL", "MeetingScreen"]


class MeetingScreen(DiaoduScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("n", "next_item", "meeting.key_next", tooltip="meeting.cmd_next"),
        Binding("p", "previous_item", "meeting.key_previous", tooltip="meeting.cmd_previous"),
        Binding("o", "item_note", "meeting.key_note", tooltip="meeting.cmd_note"),
        Binding("w", "close_meeting", "meeting.key_close", tooltip="meeting.cmd_close"),
        Binding("g", "follow", "meeting.key_follow"),
        Binding("escape", "leave", "meeting.key_leave", tooltip="meeting.cmd_leave"),
        Binding("f2", "toggle_agenda", "meeting.key_agenda", show=False),
    ]

    def __init__(self, ctx: Context, meeting_id: str) -> None:
        super().__init__(ctx)
        self.meeting_id = meeting_id
        self.meeting = self._read()
        self.template: Template = template(ctx.district, self.meeting.template)
        self.walk: list[tuple[Section, Item]] = self.template.items()
        self.shown: str | None = None  # the item key (or ROLL_CALL) in the main pane
        # The secretary's window shows the meeting's item until the secretary looks
        # elsewhere (then it says where the meeting is, and G brings it back).
        self.following = True
        self.views: dict[str, Widget] = {}  # built so far, by item key (and ROLL_CALL)
        self._mounting: dict[str, AwaitComplete] = {}
        self._building = True  # the idle building of views goes on until the screen is left
        self._focused: dict[str, Widget] = {}  # where the cursor was in each, when left
        self._frozen = False  # the garbage collector leaves what the window holds alone
        self._cold = [item.key for _, item in self.walk]  # views not drawn yet

    @property
    def seat(self) -> Seat:
        return self.ctx.seat(self.meeting_id)

    @property
    def moves_the_meeting(self) -> bool:
        return self.seat is Seat.CHAIR

    @property
    def view(self) -> Widget | None:
        """The roll call or the item's view on screen."""
        return self.views.get(self.shown) if self.shown is not None else None

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="meeting-body"):
            with Vertical(id="sidebar"):
                yield Static(id="meeting-info")
                yield OptionList(id="agenda")
            with Vertical(id="main"):
                yield Static(id="item-bar")
                yield ContentSwitcher(id="pane")
        yield SteadyFooter()

    @on(Mount)
    async def _first_view(self) -> None:
        # The title, not a subtitle: Textual joins those with an em dash, which is
        # ambiguous-width in Chinese terminals.
        self.title = meeting_title(self.ctx, self.meeting)
        await self._show(self.meeting.current_item or ROLL_CALL)
        self.seen = self.ctx.generation
        self.set_interval(1.0, self._tick)
        # While the chair takes the roll call, build the other sections, one per pause.
        self.call_after_refresh(self._build_next)

    # --- the views, built once -------------------------------------------------------------
    def _new_view(self, key: str) -> Widget:
        if key == ROLL_CALL:
            return AttendanceView(self.ctx, self.meeting_id)
        section, item = self.walk[self._index(key)]
        return view_class(section.kind)(self.ctx, self.meeting_id, section, item)

    async def _view(self, key: str) -> Widget:
        """The view of `key`, mounted (built now if the idle building has not got to it)."""
        if key not in self.views:
            view = self.views[key] = self._new_view(key)
            name = ROLL_CALL if key == ROLL_CALL else f"item-{self._index(key)}"
            self._mounting[key] = self.query_one(ContentSwitcher).add_content(view, id=name)
        await self._mounting[key]  # at once if built; else when it is (once, for everyone)
        return self.views[key]

    async def _build_next(self) -> None:
        """Build one view not yet built, then come back at the next pause for another."""
        keys = [ROLL_CALL, *(item.key for _, item in self.walk)]
        missing = next((key for key in keys if key not in self.views), None)
        if not self.is_attached or not self._building:
            return
        if missing is None:
            self._warm_next()
            return
        await self._view(missing)
        self.call_after_refresh(self._build_next)

    def _warm_next(self) -> None:
        """Draw one built view not shown yet, under the view on screen, then come back at
        the next pause for another. A view shown for the first time was laid out, sent
        its Show and Resize, and had every widget drawn for the first time: some 30 to 50
        ms of a first visit. Drawn here once, while the chair takes the roll call (one
        frame each), its first show costs what a later one does. Under the view on screen
        it is not seen, and out of the focus chain (`SectionView.warming`)."""
        if not self.is_attached or not self._building:
            return
        cold = next((key for key in self._cold if key != self.shown), None)
        if cold is None:
            self._set_aside()
            return
        self._cold.remove(cold)
        view = self.views[cold]
        if isinstance(view, SectionView) and view.is_mounted:
            view.warming = True
            view.display = True
        self.call_after_refresh(self._warmed, view)

    def _warmed(self, view: Widget, tries: int = 20) -> None:
        if isinstance(view, SectionView) and view.warming:  # not shown meanwhile
            if not view.region and tries:  # not laid out (and so drawn) yet: look again
                self.set_timer(0.02, partial(self._warmed, view, tries - 1))
                return
            for table in view.query(Table):
                table.draw_focused()
            view.display = False
            view.warming = False
        self.call_after_refresh(self._warm_next)

    def _set_aside(self) -> None:
        """Every view is built: what the window holds now (the store's years, the views)
        lives as long as the meeting is open. Python's full garbage collection looked
        through all of it, some 200,000 objects with ten years of history, every few
        switches: 70 to 150 ms at once, felt as a stuck key. Frozen, it looks only at
        what is made after; thawed again when the meeting screen goes."""
        if not self._frozen:
            gc.freeze()
            self._frozen = True

    def on_unmount(self) -> None:
        # Python thaws all that is frozen at once, what app.run_app froze at the start
        # too: collected as before from here, until a meeting screen freezes it again.
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    # --- reading and saving ----------------------------------------------------------------
    def _read(self) -> Meeting:
        return self.ctx.meeting(self.meeting_id)

    def _save(self, change: Callable[[Meeting], Meeting]) -> bool:
        """Save the meeting's place (started, moved on): only the place changes."""
        fresh = [v for v in self.views.values() if isinstance(v, StoreView) and not v.stale]
        saved = try_save(
            self.ctx, self, lambda: self.ctx.store.update_meeting(self.meeting_id, change)
        )
        if saved is not None:
            self.meeting = saved
            # No view shows the meeting's place (the screen does): those that showed the
            # store before this save show it still, and need not read it again on every
            # N. Another window's save just before is said by the store's watch.
            for view in fresh:
                view.seen = self.ctx.generation
        return saved is not None

    def reload(self) -> None:
        """The store changed: follow the meeting if it moved on, and show the store."""
        was_on = self.meeting.current_item
        self.meeting = self._read()
        target = self.meeting.current_item or ROLL_CALL
        in_progress = self.meeting.state is MeetingState.IN_PROGRESS
        # Only a move follows: a chair back on the roll call to note a deputy saves, and
        # a save (this window's or the other's) that moves nothing leaves the chair there.
        moved = self.meeting.current_item != was_on
        if target == self.shown:
            self.following = True  # where the meeting is: from here on, go with it
        elif in_progress and moved and self._follows():
            # The chair's window moved the meeting on: follow, unless that would throw
            # away what is being typed here (then say where the meeting is).
            if not self._unsaved_typing():
                self.run_worker(self._show(target), group="walk")
                return
            _, item = self.walk[self._index(target)]
            self.notify(self.ctx.t("meeting.moved_elsewhere", item=item.title(self.ctx.lang)))
        self._paint()
        self._refresh_view()

    def _refresh_view(self) -> None:
        """The view on screen shows the store as it is now (the others when shown)."""
        view = self.view
        if isinstance(view, StoreView) and view.stale:
            view.show_store()

    def _follows(self) -> bool:
        """Whether this window goes where the meeting goes: the chair's always (another
        chair's window moved it), the secretary's unless the secretary looked elsewhere."""
        return self.moves_the_meeting or self.following

    # --- the walk --------------------------------------------------------------------------
    def _index(self, key: str | None) -> int:
        keys = [item.key for _, item in self.walk]
        return keys.index(key) if key in keys else -1

    async def action_next_item(self) -> None:
        if self.meeting.is_closed:
            return
        if self.meeting.state is MeetingState.PLANNED or self.shown == ROLL_CALL:
            await self._switch(self.meeting.current_item or self.walk[0][1].key)
            return
        index = self._index(self.shown)
        if index + 1 >= len(self.walk):
            self.notify(self.ctx.t("meeting.last_item"))
            return
        await self._switch(self.walk[index + 1][1].key)

    async def action_previous_item(self) -> None:
        index = self._index(self.shown)
        await self._switch(ROLL_CALL if index <= 0 else self.walk[index - 1][1].key)

    async def action_follow(self) -> None:
        """G: back to the item the meeting is on (the secretary looked elsewhere)."""
        if self._elsewhere() and self.meeting.current_item is not None:
            await self._switch(self.meeting.current_item)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow":  # offered only while this window is not where the meeting is
            return self._elsewhere()
        if action == "item_note":  # the roll call has no note: room in the footer for Esc
            return self.shown not in (ROLL_CALL, None)
        return True

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The meeting's own keys first (N, P, O, W, Esc), then the view's: the footer
        shows them in this order, so at 80 columns the walk's keys are never cut off."""
        found = super().active_bindings
        mine = {key: active for key, active in found.items() if active.node is self}
        return {**mine, **{key: a for key, a in found.items() if key not in mine}}

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

    async def _switch(self, key: str) -> None:
        """To another item (or the roll call), asking first if something typed would be
        lost."""
        if key == self.shown:
            return
        if self._unsaved_typing():
            self._switch_asking(key)
            return
        await self._go(key)

    @work(exclusive=True, group="dialog")
    async def _switch_asking(self, key: str) -> None:
        question = ConfirmPrompt(self.ctx, self.ctx.t("meeting.switch_typed"))
        if await self.app.push_screen_wait(question):
            await self._go(key)

    async def _go(self, key: str) -> None:
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
        await self._show(key)

    async def _show(self, key: str) -> None:
        """Put the roll call or an item's view in the main pane, as the store is now."""
        if key != ROLL_CALL and self._index(key) < 0:
            key = ROLL_CALL
        self._remember_focus()
        view = await self._view(key)
        if isinstance(view, SectionView):
            view.warming = False  # shown while drawn under the other: shown
        if key in self._cold:
            self._cold.remove(key)
        self.shown = key
        self.refresh_bindings()
        self.query_one(ContentSwitcher).current = view.id
        self._refresh_view()
        self._paint()
        kept = self._focused.get(key)
        if kept is not None and kept.is_attached and kept.focusable:
            kept.focus()
        else:
            focus_first = getattr(view, "focus_first", None)
            if callable(focus_first):
                focus_first()

    def _remember_focus(self) -> None:
        """Where the cursor is in the view being left: back there, it is there again."""
        focused, leaving = self.focused, self.view
        if self.shown is None or focused is None or leaving is None:
            return
        if leaving in focused.ancestors_with_self:
            self._focused[self.shown] = focused

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "agenda" or event.option.id is None:
            return
        event.stop()
        self.run_worker(self._switch(event.option.id), group="walk")

    # --- sidebar and clocks ----------------------------------------------------------------
    def _paint(self) -> None:
        palette = Palette.of(self)
        self.query_one("#meeting-info", Static).update(
            lines.meeting_info(self.ctx, self.meeting, palette)
        )
        agenda = self.query_one("#agenda", OptionList)
        options = lines.agenda_options(self.ctx, self.meeting, self.walk, self.shown, palette)
        agenda.clear_options()
        agenda.add_options(options)
        agenda.highlighted = next(
            (i for i, option in enumerate(options) if option.id == self.shown), 0
        )
        self._tick()

    def _tick(self) -> None:
        meeting, palette = self.meeting, Palette.of(self)
        where = self.walk[self._index(meeting.current_item)][1] if self._elsewhere() else None
        seat = lines.seat_line(self.ctx, self.seat, meeting, where, palette)
        bar = self.query_one("#item-bar", Static)
        if self.shown == ROLL_CALL or self.shown is None:
            bar.update(lines.roll_call_bar(self.ctx, self.moves_the_meeting, seat))
            return
        section, item = self.walk[self._index(self.shown)]
        bar.update(
            lines.item_bar(
                self.ctx, meeting, self.template, section, item, self.ctx.now(), seat, palette
            )
        )

    # --- notes, closing, leaving -------------------------------------------------------------
    @work(exclusive=True, group="dialog")
    async def action_item_note(self) -> None:
        """O: what was said on this item. Saved over the note as this window showed it; if
        the other window wrote one meanwhile, both are shown and the user chooses; put off,
        it is asked again with what was typed."""
        if self.shown == ROLL_CALL or self.shown is None:
            return
        key = self.shown
        _, item = self.walk[self._index(key)]
        title = self.ctx.t("meeting.note_title", item=item.title(self.ctx.lang))
        was = text = self.meeting.notes.get(key, "")
        while True:
            value = await self.app.push_screen_wait(ParagraphsPrompt(self.ctx, title, text))
            if value is None:
                return
            part = Part(
                label=title,
                read=lambda m: m.notes.get(key, ""),
                say=self._said,
                mine=self._said(value),
                change=partial(_with_note, key=key, text=value),
            )
            outcome, seen = await save_part(self.ctx, self, self.meeting_id, part, was)
            if outcome is not Outcome.NOT_SAVED:
                break
            was, text = str(seen), value
        self.show_store()
        if outcome is Outcome.SAVED:
            self.notify(self.ctx.t("common.saved"))

    def _said(self, value: object) -> str:
        return str(value) if value else self.ctx.t("conflicts.none")

    def action_toggle_agenda(self) -> None:
        self.toggle_class("-agenda-toggled")

    @work(exclusive=True, group="dialog")
    async def action_close_meeting(self) -> None:
        """W: to the close screen, asking first if something typed would be lost there."""
        from tui.screens.close import CloseScreen

        if not self.meeting.is_closed and self._unsaved_typing():  # closed: R there reopens
            question = ConfirmPrompt(self.ctx, self.ctx.t("meeting.close_typed"))
            if not await self.app.push_screen_wait(question):
                return
        self.app.push_screen(CloseScreen(self.ctx, self.meeting_id))

    async def action_leave(self) -> None:
        """Escape: out of a text field first; then home, asking first unless the meeting
        is closed and nothing is typed: one Escape too many never throws the chair out of
        a meeting under way (Y goes home; the meeting stays open, S on home resumes it)."""
        focused = self.focused
        if isinstance(focused, Input):
            self._focus_out_of(focused)
            return
        if self.meeting.is_closed and not self._unsaved_typing():
            await self.go_home()
            return
        self._leave_asking()

    @work(exclusive=True, group="dialog")
    async def _leave_asking(self) -> None:
        key = "meeting.leave_typed" if self._unsaved_typing() else "meeting.leave_running"
        if await self.app.push_screen_wait(ConfirmPrompt(self.ctx, self.ctx.t(key))):
            await self.go_home()

    @property
    def prepared(self) -> bool:
        """Whether every section is built and drawn (the work done during the roll call)."""
        return self._frozen

    @property
    def is_building(self) -> bool:
        """Whether a view is still being mounted."""
        return any(not self.views[key].is_mounted for key in self._mounting)

    async def go_home(self) -> None:
        """Leave for home once no view is half mounted: a view still being built when the
        screen goes would mount without its children (the idle building stops first)."""
        self._building = False
        for pending in list(self._mounting.values()):
            await pending
        if self.app.screen is self:
            self.app.pop_screen()

    def has_unsaved_typing(self) -> bool:
        """For the app's quit: would closing this window lose something typed?"""
        return self._unsaved_typing()

    def _unsaved_typing(self) -> bool:
        """Whether leaving would lose something typed and not saved: the view on screen
        says (the roll call saves names as they are typed; the assignments form keeps
        unit, owner and due on purpose for the next commitment)."""
        view = self.view
        return isinstance(view, SectionView) and view.has_unsaved_typing()

    def _focus_out_of(self, field: Input) -> None:
        """Escape in a text field: to the view's table (else any other control, else the
        agenda), so a second Escape leaves."""
        view = self.view
        others = [w for w in (view.query("*") if view else []) if w.focusable]
        table = next((w for w in others if isinstance(w, DataTable)), None)
        other = next((w for w in others if not isinstance(w, Input)), None)
        (table or other or self.query_one("#agenda", OptionList)).focus()


def _with_note(meeting: Meeting, *, key: str, text: str) -> Meeting:
    return meeting.with_note(key, text)
