"""Figures and units from a file, as the command line and the app both import them: read
and check the whole file, show what would change, then save it in one call. All or
nothing: a file with any problem is refused whole, located, and nothing is written.

The app reads a workbook away from its screen: `known` (from the store, on the screen's
side), then `check_file` (the file, anywhere), then `compare` (the store again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from agenda import importing as pipeline
from agenda.importing import CheckedFile, ImportKind, PreparedImport
from agenda.importing.units import IncomingUnit
from agenda.metrics import Metric
from agenda.periods import Period
from agenda.units import Unit
from agenda.usecases.district import District


@dataclass(frozen=True)
class Known:
    """What a file is checked against: the units and metrics, and today."""

    units: list[Unit]
    metrics: list[Metric]
    today: date


def known(district: District) -> Known:
    store = district.store
    return Known(store.units(), store.metrics(), district.today())


def check_file(
    against: Known,
    kind: ImportKind | str,
    path: Path | str,
    *,
    sheet: str | None = None,
    period: Period | None = None,
    year: int | None = None,
) -> CheckedFile:
    """Read and check the file; no store is touched (a worker thread may run it)."""
    return pipeline.check_file(
        kind,
        path,
        units=against.units,
        metrics=against.metrics,
        today=against.today,
        sheet=sheet,
        period=period,
        year=year,
    )


def compare(district: District, checked: CheckedFile) -> PreparedImport:
    return pipeline.compare(checked, district.store)


def prepare(
    district: District,
    kind: ImportKind | str,
    path: Path | str,
    *,
    sheet: str | None = None,
    period: Period | None = None,
    year: int | None = None,
) -> PreparedImport:
    """The file read, checked and compared with what is on file; nothing written."""
    checked = check_file(known(district), kind, path, sheet=sheet, period=period, year=year)
    return compare(district, checked)


def commit(district: District, prepared: PreparedImport) -> int:
    """Save what `prepare` checked, in one call; the number of values saved."""
    return pipeline.commit_import(prepared, district.store)


def read_units(path: Path | str) -> list[IncomingUnit]:
    """Units from CSV or YAML, every row checked; nothing is written."""
    return pipeline.read_units_file(path)


def import_units(district: District, incoming: list[IncomingUnit]) -> list[Unit]:
    """Units read from a file merged with those on file in one save: a name or alias that
    would name two units is refused, and nothing is written."""
    store = district.store
    return store.save_units(pipeline.merge_units(store.units(), incoming))
