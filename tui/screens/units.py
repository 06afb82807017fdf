"""单位与目标: the units of the district, their annual targets and their monthly readings.

Opened from home; Escape goes back. Three tabs (1, 2, 3), each saving every change at once.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, TabbedContent, TabPane

from tui.context import Context
from tui.screens._units_figures import ReadingsPane, TargetsPane
from tui.screens._units_list import UnitsPane
from tui.screens.base import DiaoduScreen
from tui.views.base import StoreView
from tui.widgets.footer import SteadyFooter


class UnitsScreen(DiaoduScreen):
    BINDINGS = [
        Binding("1", "show_tab('units')", "units.key_tab_units", id="units.tab_units"),
        Binding("2", "show_tab('targets')", "units.key_tab_targets", id="units.tab_targets"),
        Binding("3", "show_tab('readings')", "units.key_tab_readings", id="units.tab_readings"),
        Binding("escape", "back", "common.back", id="units.back"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.title = ctx.t("units.title")  # not sub_title: Textual joins those with an em dash

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Header()
        with TabbedContent(initial="units"):
            with TabPane(t("units.tab_units"), id="units"):
                yield UnitsPane(self.ctx)
            with TabPane(t("units.tab_targets"), id="targets"):
                yield TargetsPane(self.ctx)
            with TabPane(t("units.tab_readings"), id="readings"):
                yield ReadingsPane(self.ctx)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.seen = self.ctx.generation  # each tab fills itself as it is mounted
        self.query_one("#units-table", DataTable).focus()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _show_tab(self, event: TabbedContent.TabActivated) -> None:
        # A unit added or retired on the first tab is a row on the others: read again.
        for pane in event.pane.query(StoreView):
            if pane.stale:
                pane.show_store()
        # Keys act on the table of the tab in view.
        event.pane.query_one(DataTable).focus()

    def action_back(self) -> None:
        self.dismiss()

    def reload(self) -> None:
        """The store changed: the tab on view shows it (the others when shown), cursors
        kept."""
        active = self.query_one(TabbedContent).active_pane
        for pane in active.query(StoreView) if active is not None else []:
            pane.show_store()
