"""Figures and units coming in from files: one path, all or nothing.

    read the file (CSV in any encoding offices save, or a sheet of an .xlsx workbook)
    → rows (`read.py`)
    → checked records (`parse.py`, `units.py`; numbers by `number.py`)
    → a preview of what would change (`preview.py`)
    → commit: the caller saves them with the store.

Units come in by `read_units_file` then `merge_units`, which refuses a name or alias
that would name two units.

`prepare_import` is the one entry point the CLI and the app both call (through
agenda/usecases/importing.py); it reads and checks the whole file and writes nothing. It
is two halves, `check_file` (the file: slow for a workbook, no store) and `compare` (with
what is on file), so the app reads a workbook away from its screen. A file with any
problem is refused whole, with where (file, sheet, line or row, column) and why.
`commit_import` then saves the checked records in one call. Nothing here knows Textual or argparse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from agenda.importing.parse import parse_readings, parse_targets, parse_year
from agenda.importing.preview import Change, Preview, preview
from agenda.importing.read import read_table
from agenda.importing.units import merge_units, read_units_file
from agenda.metrics import Metric, Reading, Target, metric_by_key
from agenda.periods import Period
from agenda.units import Unit


class ImportKind(StrEnum):
    READINGS = "readings"  # year-to-date figures units report
    TARGETS = "targets"  # annual targets


class OnFile(Protocol):
    """What is on file now, to compare with (the store is one)."""

    def readings(self, years: Iterable[int]) -> list[Reading]: ...

    def targets(self, year: int | None = None) -> list[Target]: ...


class FiguresSink(Protocol):
    """Where checked figures are saved, each kind in one call (the store is one)."""

    def save_readings(self, readings: Iterable[Reading]) -> int: ...

    def save_targets(self, targets: Iterable[Target]) -> int: ...


@dataclass(frozen=True)
class PreparedImport:
    """A file read and checked whole: what would change, and the records to save."""

    kind: ImportKind
    source: str
    preview: Preview
    readings: tuple[Reading, ...] = ()
    targets: tuple[Target, ...] = ()

    @property
    def count(self) -> int:
        return len(self.readings) + len(self.targets)


@dataclass(frozen=True)
class CheckedFile:
    """A file read and every row checked against the units and metrics; not yet compared
    with what is on file (reading a workbook is the slow part, and needs no store)."""

    kind: ImportKind
    source: str
    units: tuple[Unit, ...]
    metrics: tuple[Metric, ...]
    readings: tuple[Reading, ...] = ()
    targets: tuple[Target, ...] = ()


def prepare_import(
    kind: ImportKind | str,
    path: Path | str,
    *,
    units: list[Unit],
    metrics: list[Metric],
    existing: OnFile,
    today: date,
    sheet: str | None = None,
    period: Period | None = None,
    year: int | None = None,
) -> PreparedImport:
    """Read `path` (CSV, or a sheet of a workbook) and check every row against the units
    and metrics; compare with what is on file. Raises InputError, located; writes nothing.

    `period` (readings) or `year` (targets) is used for a file without that column."""
    checked = check_file(
        kind, path, units=units, metrics=metrics, today=today, sheet=sheet, period=period, year=year
    )
    return compare(checked, existing)


def check_file(
    kind: ImportKind | str,
    path: Path | str,
    *,
    units: list[Unit],
    metrics: list[Metric],
    today: date,
    sheet: str | None = None,
    period: Period | None = None,
    year: int | None = None,
) -> CheckedFile:
    """The first half of `prepare_import`: read and check, touching no store."""
    kind = ImportKind(kind)
    if year is not None:
        parse_year(str(year))  # a year given by hand is checked as one in the file
    table = read_table(path, sheet=sheet)
    known = (tuple(units), tuple(metrics))
    if kind is ImportKind.READINGS:
        readings = parse_readings(table, units, metrics, today=today, period=period)
        return CheckedFile(kind, table.source, *known, readings=tuple(readings))
    targets = parse_targets(table, units, metrics, year=year)
    return CheckedFile(kind, table.source, *known, targets=tuple(targets))


def compare(checked: CheckedFile, existing: OnFile) -> PreparedImport:
    """The second half: what would change, against what is on file now."""
    units, metrics = list(checked.units), list(checked.metrics)
    if checked.kind is ImportKind.READINGS:
        readings = checked.readings
        years = sorted({r.period.year for r in readings})
        on_file = {(r.unit_id, r.metric, str(r.period)): r.value for r in existing.readings(years)}
        incoming = _named(
            ((r.unit_id, r.metric, str(r.period), r.value) for r in readings), units, metrics
        )
        shown = preview(checked.source, incoming, on_file)
        return PreparedImport(checked.kind, checked.source, shown, readings=readings)
    targets = checked.targets
    on_file = {(t.unit_id, t.metric, str(t.year)): t.value for t in existing.targets()}
    incoming = _named(
        ((t.unit_id, t.metric, str(t.year), t.value) for t in targets), units, metrics
    )
    shown = preview(checked.source, incoming, on_file)
    return PreparedImport(checked.kind, checked.source, shown, targets=targets)


def _named(
    records: Iterable[tuple[str, str, str, float]], units: list[Unit], metrics: list[Metric]
) -> list[tuple[Unit, Metric, str, float]]:
    by_id = {unit.id: unit for unit in units}
    named = []
    for unit_id, metric_key, key, value in records:
        metric = metric_by_key(metrics, metric_key)
        assert metric is not None  # parsed against these very metrics
        named.append((by_id[unit_id], metric, key, value))
    return named


def commit_import(prepared: PreparedImport, sink: FiguresSink) -> int:
    """Save what `prepare_import` checked, in one call; the number of values saved."""
    if prepared.kind is ImportKind.READINGS:
        return sink.save_readings(prepared.readings)
    return sink.save_targets(prepared.targets)


__all__ = [
    "Change",
    "CheckedFile",
    "FiguresSink",
    "ImportKind",
    "OnFile",
    "PreparedImport",
    "Preview",
    "check_file",
    "commit_import",
    "compare",
    "merge_units",
    "prepare_import",
    "read_units_file",
]
