"""Targets and readings from CSV or Excel: parsed whole, then a preview of what would change.

Nothing is written here. The caller shows the preview (new values, old → new) and saves
only when the user says so; a file with any error is refused whole, with where it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from agenda.errors import InputError
from agenda.imports import parse_readings, parse_targets
from agenda.metrics import Metric, Reading, Target, metric_by_key
from agenda.numbers import fmt_number
from agenda.periods import Period
from agenda.tables import Table, read_csv
from agenda.units import Unit
from agenda.xlsx_tables import EXCEL_SUFFIXES, located, read_xlsx


def load_import_table(path: Path | str, *, sheet: str | None = None) -> Table:
    """A .csv file, or the first (or the named) sheet of an .xlsx workbook."""
    suffix = Path(path).suffix.lower()
    if suffix in (*EXCEL_SUFFIXES, ".xls"):
        return read_xlsx(path, sheet)
    if sheet is not None:
        raise InputError("--sheet is for Excel workbooks; this is not one", source=str(path))
    return read_csv(path)


@dataclass(frozen=True)
class Change:
    """One value the import would set: new (old is None), changed, or the same again."""

    unit: str
    metric: str
    key: str  # the year of a target, the period of a reading
    old: float | None
    new: float

    @property
    def is_new(self) -> bool:
        return self.old is None

    @property
    def is_changed(self) -> bool:
        return self.old is not None and self.old != self.new


@dataclass(frozen=True)
class Preview:
    source: str
    changes: tuple[Change, ...]

    @property
    def new(self) -> list[Change]:
        return [c for c in self.changes if c.is_new]

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.is_changed]

    @property
    def unchanged(self) -> list[Change]:
        return [c for c in self.changes if not c.is_new and not c.is_changed]

    def summary(self, lang: str) -> str:
        counts = len(self.new), len(self.changed), len(self.unchanged)
        if lang == "zh":
            return "{}：新增{}项，修改{}项，不变{}项".format(self.source, *counts)
        return "{}: {} new, {} changed, {} unchanged".format(self.source, *counts)

    def lines(self, lang: str, *, new: bool = True) -> list[str]:
        """The summary, then every new (unless `new` is False) and changed value;
        unchanged ones are only counted."""
        zh = lang == "zh"
        out = [self.summary(lang)]
        for change in [*(self.new if new else []), *self.changed]:
            what = f"{change.unit} / {change.metric} / {change.key}"
            if change.is_new:
                out.append(f"  {'新增' if zh else 'new'}  {what}: {fmt_number(change.new)}")
            else:
                value = f"{fmt_number(change.old)} → {fmt_number(change.new)}"
                out.append(f"  {'修改' if zh else 'changed'}  {what}: {value}")
        return out


def _preview(
    source: str,
    incoming: Iterable[tuple[str, str, str, float]],
    existing: dict[tuple[str, str, str], float],
    units: list[Unit],
    metrics: list[Metric],
    lang: str,
) -> Preview:
    names = {unit.id: unit.name for unit in units}
    changes = []
    for unit_id, metric_key, key, value in incoming:
        metric = metric_by_key(metrics, metric_key)
        label = metric.label(lang) if metric else metric_key
        old = existing.get((unit_id, metric_key, key))
        changes.append(Change(names.get(unit_id, unit_id), label, key, old, value))
    return Preview(source, tuple(changes))


@dataclass(frozen=True)
class ReadingsImport:
    readings: list[Reading]
    preview: Preview


@dataclass(frozen=True)
class TargetsImport:
    targets: list[Target]
    preview: Preview


def prepare_readings(
    table: Table,
    units: list[Unit],
    metrics: list[Metric],
    existing: Callable[[list[int]], Iterable[Reading]],
    *,
    today: date,
    period: Period | None = None,
    lang: str = "en",
) -> ReadingsImport:
    """Parse every reading (or raise, located) and compare with what is on file.

    `existing(years)` gives the readings on file for those years (`Store.readings`).
    """
    try:
        readings = parse_readings(table, units, metrics, today=today, period=period)
    except InputError as error:
        raise located(error, table) from None
    years = sorted({r.period.year for r in readings})
    on_file = {(r.unit_id, r.metric, str(r.period)): r.value for r in existing(years)}
    incoming = [(r.unit_id, r.metric, str(r.period), r.value) for r in readings]
    return ReadingsImport(readings, _preview(table.source, incoming, on_file, units, metrics, lang))


def prepare_targets(
    table: Table,
    units: list[Unit],
    metrics: list[Metric],
    existing: Iterable[Target],
    *,
    year: int | None = None,
    lang: str = "en",
) -> TargetsImport:
    try:
        targets = parse_targets(table, units, metrics, year=year)
    except InputError as error:
        raise located(error, table) from None
    on_file = {(t.unit_id, t.metric, str(t.year)): t.value for t in existing}
    incoming = [(t.unit_id, t.metric, str(t.year), t.value) for t in targets]
    return TargetsImport(targets, _preview(table.source, incoming, on_file, units, metrics, lang))
