"""Bring in a unit's return (Excel or CSV): see what would change, then write it whole.

Nothing is written until the secretary has seen the preview and pressed Ctrl+S; a bad
file is refused with its sheet, row and column, and the store stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from agenda.errors import DiaoduError
from agenda.importing import CheckedFile, ImportKind, PreparedImport
from agenda.numbers import fmt_number
from agenda.usecases.importing import Known, check_file, commit, compare, known
from tui.context import Context
from tui.saving import try_save
from tui.screens.base import DiaoduScreen
from tui.text import plain
from tui.theme import Palette
from tui.widgets.footer import SteadyFooter

KINDS = tuple(ImportKind)


class ImportScreen(DiaoduScreen):
    BINDINGS = [
        Binding("ctrl+s", "write", "importing.key_write", priority=True),
        Binding("escape", "back", "common.back"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.prepared: PreparedImport | None = None  # once previewed

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Header()
        yield Static(t("importing.hint"), classes="hint")
        with Horizontal(id="import-row"):
            yield Select(
                [(t(f"importing.kind_{kind.value}"), kind.value) for kind in KINDS],
                value=ImportKind.READINGS.value,
                allow_blank=False,
                id="import-kind",
            )
            yield Input(placeholder=t("importing.path_placeholder"), id="import-path")
        yield Label(id="import-error")
        yield Static(id="import-summary")
        yield DataTable(id="import-changes", cursor_type="row", zebra_stripes=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        t = self.ctx.t
        self.query_one("#import-changes", DataTable).add_columns(
            t("importing.col_what"),
            t("importing.col_unit"),
            t("importing.col_metric"),
            t("importing.col_when"),
            t("importing.col_old"),
            t("importing.col_new"),
        )
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.preview()

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.query_one("#import-path", Input).value.strip():
            self.preview()

    def _forget(self, error: str = "") -> None:
        self.prepared = None
        self.query_one("#import-error", Label).update(plain(error))
        self.query_one("#import-summary", Static).update("")
        self.query_one("#import-changes", DataTable).clear()

    def preview(self) -> None:
        """Read the file in a worker thread (a workbook takes a while), then show it."""
        typed = self.query_one("#import-path", Input).value.strip().strip("'\"")
        if not typed:
            self._forget(self.ctx.t("importing.no_path"))
            return
        path = Path(typed).expanduser()
        kind = str(self.query_one("#import-kind", Select).value)
        if not path.is_file():
            missing = self.ctx.t("importing.not_a_file", path=str(path))
            self._forget(self.ctx.t("importing.refused", error=missing))
            return
        self._forget()
        self.query_one("#import-summary", Static).update(self.ctx.t("importing.reading"))
        self._read(known(self.ctx.district), kind, path)

    @work(thread=True, exclusive=True, group="import")
    def _read(self, against: Known, kind: str, path: Path) -> None:
        """In a thread: the file, read and checked; no store and no widget touched."""
        try:
            checked = check_file(against, kind, path)
        except DiaoduError as error:
            self.app.call_from_thread(self._refused, error)
            return
        self.app.call_from_thread(self._show, checked)

    def _refused(self, error: DiaoduError) -> None:
        self._forget(self.ctx.t("importing.refused", error=self.ctx.t.error(error)))

    def _show(self, checked: CheckedFile) -> None:
        """Compared with what is on file now: what would change, for the user to write."""
        try:
            prepared = compare(self.ctx.district, checked)
        except DiaoduError as error:
            self._refused(error)
            return
        self._forget()
        self.prepared = prepared
        preview, lang, palette = prepared.preview, self.ctx.lang, Palette.of(self)
        changes = preview.changed + preview.new
        summary = Text.assemble(
            (preview.summary(lang), "bold"),
            "\n",
            (self.ctx.t("importing.confirm_hint"), palette.good if changes else palette.warn),
        )
        self.query_one("#import-summary", Static).update(summary)
        table = self.query_one("#import-changes", DataTable)
        for change in changes:
            what = (
                Text(self.ctx.t("importing.new"), style=palette.good)
                if change.is_new
                else Text(self.ctx.t("importing.changed"), style=palette.bad)
            )
            table.add_row(
                what,
                plain(change.unit),
                plain(change.metric.label(lang)),
                change.key,
                fmt_number(change.old),
                fmt_number(change.new),
            )

    def action_write(self) -> None:
        prepared = self.prepared
        if prepared is None:
            self.notify(self.ctx.t("importing.preview_first"), severity="warning")
            return
        count = try_save(self.ctx, self, lambda: commit(self.ctx.district, prepared))
        if count is None:
            return
        self._forget()
        self.query_one("#import-path", Input).value = ""
        self.notify(self.ctx.t("importing.written", count=count))

    def action_back(self) -> None:
        self.app.pop_screen()
