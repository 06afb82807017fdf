"""The units tab: add, rename, set head and kind, retire or restore, reorder.

Every change is one `store.save_units` call at once. A retired unit is never deleted:
its commitments and figures stay, and new meetings leave it out.
"""

from __future__ import annotations

from dataclasses import replace

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from agenda.errors import DiaoduError
from agenda.units import Unit, UnitKind, name_refusal
from tui.context import Context
from tui.dialogs import TextPrompt
from tui.saving import try_save
from tui.text import plain
from tui.theme import Palette
from tui.views.base import StoreView
from tui.widgets.tables import cursor_row_key


def kind_label(ctx: Context, kind: UnitKind) -> str:
    return ctx.t(f"units.kind_{kind.value}")


def parse_kind(ctx: Context, text: str) -> UnitKind | None:
    """A kind as typed: its label in either language (乡镇街道, Park) or a known alias (镇)."""
    typed = text.strip()
    for kind in UnitKind:
        labels = {ctx.t(f"units.kind_{kind.value}").lower(), kind.value}
        if typed.lower() in labels:
            return kind
    try:
        return UnitKind.parse(typed)
    except DiaoduError:
        return None


def name_problem(ctx: Context, units: list[Unit], name: str, unit_id: str = "") -> str | None:
    """Why `name` cannot be a unit's name: the domain's rule (empty, or another unit's
    name or alias, compared after NFKC and trimming), in the UI language."""
    refusal = name_refusal(units, name, unit_id)
    return None if refusal is None else ctx.t.error(refusal)


class UnitsPane(StoreView):
    BINDINGS = [
        Binding("a", "add", "units.key_add", id="units.add"),
        Binding("r", "rename", "units.key_rename", id="units.rename"),
        Binding("h", "head", "units.key_head", id="units.head"),
        Binding("t", "kind", "units.key_kind", id="units.kind"),
        Binding("x", "retire", "units.key_retire", id="units.retire"),
        Binding("K,ctrl+up", "move(-1)", "units.key_up", id="units.up"),
        Binding("J,ctrl+down", "move(1)", "units.key_down", id="units.down"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.units: list[Unit] = []

    def compose(self) -> ComposeResult:
        yield Static(classes="hint", id="units-hint")
        yield Static(classes="flash", id="units-flash")
        table: DataTable[object] = DataTable(id="units-table", cursor_type="row")
        t = self.ctx.t
        table.add_columns(
            t("units.col_order"),
            t("units.col_name"),
            t("units.col_kind"),
            t("units.col_head"),
            t("units.col_state"),
            t("units.col_aliases"),
        )
        yield table

    def on_mount(self) -> None:
        self.reload()

    # --- reading -------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.seen = self.ctx.generation
        table = self.query_one(DataTable)
        keep = select or self.selected_id()
        self.units = self.ctx.store.units()  # in their order, retired ones too
        table.clear()
        for number, unit in enumerate(self.units, start=1):
            style = Style() if unit.active else Palette.of(self).muted
            state = "units.state_active" if unit.active else "units.state_retired"
            table.add_row(
                Text(str(number), justify="right"),
                plain(unit.name, style=style),
                Text(kind_label(self.ctx, unit.kind)),
                plain(unit.head),
                Text(self.ctx.t(state), style=style),
                plain(self.ctx.t("units.alias_separator").join(unit.aliases)),
                key=unit.id,
            )
        active = sum(1 for unit in self.units if unit.active)
        self.query_one("#units-hint", Static).update(
            self.ctx.t("units.units_hint", count=len(self.units), active=active)
        )
        ids = [unit.id for unit in self.units]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False)

    def selected_id(self) -> str | None:
        return cursor_row_key(self.query_one(DataTable))

    def selected(self) -> Unit | None:
        unit_id = self.selected_id()
        return next((unit for unit in self.units if unit.id == unit_id), None)

    def flash(self, message: str, *, error: bool = False) -> None:
        widget = self.query_one("#units-flash", Static)
        widget.update(plain(message))
        widget.set_class(error, "-error")

    def _save(self, units: list[Unit], message: str, select: str | None = None) -> None:
        saved = try_save(self.ctx, self, lambda: self.ctx.store.save_units(units))
        if saved is None:  # said on screen; nothing changed
            return
        self.flash(message)
        self.reload(select or (saved[0].id if saved else None))

    # --- actions -------------------------------------------------------------------------
    @work(exclusive=True, group="dialog")
    async def action_add(self) -> None:
        """Name, then kind, then head; Escape on a later question goes back to the one
        before with the answer still there, so nothing typed is lost by backing out."""
        t = self.ctx.t
        name, kind = "", UnitKind.TOWN
        step = "name"
        while True:
            if step == "name":
                typed = await self._ask(
                    TextPrompt(
                        t("units.add_name_title"),
                        name,
                        validate=lambda text: name_problem(self.ctx, self.ctx.store.units(), text),
                    )
                )
                if typed is None:
                    return  # Escape on the name: nothing was added
                name, step = typed.strip(), "kind"
            elif step == "kind":
                typed = await self._ask(
                    TextPrompt(
                        t("units.add_kind_title", name=name),
                        kind_label(self.ctx, kind),
                        validate=self._kind_problem,
                    )
                )
                chosen = parse_kind(self.ctx, typed) if typed is not None else None
                if chosen is None:
                    step = "name"  # back to the name
                    continue
                kind, step = chosen, "head"
            else:
                head = await self._ask(TextPrompt(t("units.add_head_title", name=name)))
                if head is None:
                    step = "kind"  # back to the kind
                    continue
                order = max((unit.order for unit in self.units), default=0) + 1
                unit = Unit(id="", name=name, kind=kind, head=head.strip(), order=order)
                self._save([unit], t("units.added", name=name))
                return

    async def _ask(self, prompt: TextPrompt) -> str | None:
        return await self.app.push_screen_wait(prompt)

    def _kind_problem(self, text: str) -> str | None:
        if parse_kind(self.ctx, text) is None:
            return self.ctx.t("units.kind_unknown", text=text.strip())
        return None

    @work(exclusive=True, group="dialog")
    async def action_rename(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        name = await self._ask(
            TextPrompt(
                self.ctx.t("units.rename_title", name=unit.name),
                unit.name,
                validate=lambda text: name_problem(self.ctx, self.ctx.store.units(), text, unit.id),
            )
        )
        if name is None or name.strip() == unit.name:
            return
        new = name.strip()
        # The old name stays as an alias: last year's sheets still say it.
        aliases = tuple(dict.fromkeys((*unit.aliases, unit.name)))
        aliases = tuple(alias for alias in aliases if alias != new)
        renamed = replace(unit, name=new, aliases=aliases)
        self._save([renamed], self.ctx.t("units.renamed", old=unit.name, new=new), unit.id)

    @work(exclusive=True, group="dialog")
    async def action_head(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        head = await self._ask(
            TextPrompt(self.ctx.t("units.head_title", name=unit.name), unit.head)
        )
        if head is None:
            return
        message = self.ctx.t("units.head_saved", name=unit.name, head=head.strip())
        self._save([replace(unit, head=head.strip())], message, unit.id)

    @work(exclusive=True, group="dialog")
    async def action_kind(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        typed = await self._ask(
            TextPrompt(
                self.ctx.t("units.kind_title", name=unit.name),
                kind_label(self.ctx, unit.kind),
                validate=self._kind_problem,
            )
        )
        kind = parse_kind(self.ctx, typed) if typed is not None else None
        if kind is None:
            return
        message = self.ctx.t("units.kind_saved", name=unit.name, kind=kind_label(self.ctx, kind))
        self._save([replace(unit, kind=kind)], message, unit.id)

    def action_retire(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        key = "units.restored" if not unit.active else "units.retired"
        self._save(
            [replace(unit, active=not unit.active)], self.ctx.t(key, name=unit.name), unit.id
        )

    def action_move(self, step: int) -> None:
        unit = self.selected()
        if unit is None:
            return
        order = list(self.units)
        at = order.index(unit)
        to = at + step
        if not 0 <= to < len(order):
            return
        order[at], order[to] = order[to], order[at]
        # Renumber everyone: orders typed by hand or imported may repeat or have gaps.
        renumbered = [replace(u, order=n) for n, u in enumerate(order, start=1)]
        message = self.ctx.t("units.moved", name=unit.name, order=to + 1)
        self._save(renumbered, message, unit.id)
