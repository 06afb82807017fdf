"""The Store: what the TUI and the CLI call to read and save a district's meetings.

Layout of the data folder (every file a TinyDB JSON file, UTF-8, readable):

    meta.json             schema version and settings
    units.json            units            metrics.json   metric definitions
    templates.json        the district's own agenda templates
    targets.json          annual targets   readings/2026.json  one file per year
    periods/2026-05.json  the meetings and commitments made in that period
    archive/2026-05.json  a past period whose meetings are closed and commitments settled

A save rewrites one small file, so its cost does not grow with history; opening reads
only the active periods, not the archive. A save of several files (readings over two
years, a carry-over) is one commit: all of them or none (store/transaction.py).

Every record is checked as it is read (store/records.py); a file in these folders whose
name is not a data file's (periods/notes.json, a copy "2026-09 - 副本.json") is left
alone and reported once through `on_notice`. A folder that cannot be written to (a
read-only share or stick) opens for reading; every save then says it is read-only.
Meetings and commitments, their revisions and the rules of a closed meeting, are in
store/periods.py.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agenda.figures import Figures
from agenda.metrics import Metric, Reading, Target, default_metrics, replacement_refusal
from agenda.periods import Period
from agenda.templates import Template, saving_refusal, template_setting_refusal
from agenda.units import Unit, next_unit_id
from store import codec
from store.atomic import TEMP_MARK, has_temps, remove_orphaned_temps
from store.briefs import Briefs
from store.errors import NOT_WRITABLE, StoreError, os_error
from store.fields import FieldError
from store.keyed import reading_key, target_key, upsert_keyed
from store.periods import PeriodRecords
from store.records import SETTINGS, is_data_name, tables_of
from store.schema import MARKER, MIGRATIONS, SCHEMA_VERSION
from store.tablefile import TableFile
from store.transaction import Journal, Transaction, finish_unfinished, unfinished

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_SECONDS = 15


Notice = Callable[[StoreError], None]


class Store(PeriodRecords):
    def __init__(
        self,
        root: Path,
        *,
        clock: Callable[[], date] = date.today,
        on_notice: Notice | None = None,
    ) -> None:
        self.root = Path(root)
        self.clock = clock
        self.read_only = False  # found so at open: the folder cannot be written to
        # What the user should know but need not stop for (a stray file, left alone):
        # each said once, to `on_notice` (the CLI prints it) and kept in `notices`.
        self.notices: list[StoreError] = []
        self._on_notice = on_notice
        self._journal = Journal()
        self._files: dict[Path, TableFile] = {}
        self._thread_lock = threading.RLock()
        self._process_lock: FileLock | None = None  # made at the first save (_acquire)
        self._signature: tuple[Any, ...] | None = None
        # Another window saved before this one's save began: its save takes a new look at
        # the files, which would hide that one from `changed` (the watch) otherwise.
        self._unseen = False
        self._depth = 0
        self._briefs = Briefs(self.root)
        # Figures of a year, kept while the files they come from are unchanged: home's
        # plan, its list of who is behind pace and the sections of a meeting each ask for
        # them, and indexing two years of readings costs more than reading them again.
        self._figures: dict[int, tuple[tuple[int, ...], Figures]] = {}
        self._latest: tuple[tuple[int, ...], Period | None] | None = None

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        root: Path | str,
        *,
        clock: Callable[[], date] = date.today,
        on_notice: Notice | None = None,
    ) -> Store:
        """Open a data folder, creating it if it does not exist yet."""
        root = Path(root)
        if root.exists() and not root.is_dir():
            raise StoreError("store.folder_is_file", path=root)
        if root.is_dir() and not (root / MARKER).exists() and _foreign_files(root):
            raise StoreError("store.not_data_folder", path=root, marker=MARKER)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError("store.cannot_create", path=root, reason=reason) from None
        store = cls(root, clock=clock, on_notice=on_notice)
        if store._tended():
            return store
        try:
            with store._locked(finish=False):
                store._check_schema()  # first: a folder we may not touch is left as it is
                finish_unfinished(root)
                remove_orphaned_temps(root)
                store._brief_archived()
        except StoreError as error:
            if error.code != "store.read_only":
                raise
            store._open_read_only()
        return store

    def _tended(self) -> bool:
        """A look without the lock: a folder of this schema with no commit to finish, no
        temp file and a brief for every archived month has nothing to write at its
        opening, and is opened without locking. Any other is opened under the lock, which
        looks again. (An app that only reads never loads the lock's library: ~15 ms of its
        start.)"""
        meta = self._file(MARKER)
        if not meta.exists():
            return False
        raw = meta.raw().get("meta", {}).get("1")
        if not isinstance(raw, dict) or raw.get("schema") != SCHEMA_VERSION:
            return False  # new, older, newer or unreadable: said or done under the lock
        if unfinished(self.root) or has_temps(self.root) or (self.root / ".lock").is_dir():
            return False
        if any(brief is None for _, brief in self._archived_months()):
            return False
        meta.docs("meta")  # every field checked, as the opening under the lock does
        self.read_only = not _writable(self.root)
        self._signature = self._current_signature()  # what a later save by another is seen against
        return True

    def _open_read_only(self) -> None:
        """A folder we cannot write to: read it as it is, if it is whole and current."""
        if not (self.root / MARKER).exists():
            raise StoreError("store.read_only", path=self.root)
        self._check_schema(writable=False)
        if unfinished(self.root):
            raise StoreError("store.read_only_unfinished", path=self.root)
        self.read_only = True

    def _check_schema(self, *, writable: bool = True) -> None:
        meta = self._file(MARKER)
        existed = meta.exists()
        raw = meta.raw().get("meta", {}).get("1")
        if raw is None and not existed and writable:  # a new folder
            meta.put("meta", 1, {"schema": SCHEMA_VERSION, "created": datetime.now().isoformat()})
            return
        version = raw.get("schema") if isinstance(raw, dict) else None
        if type(version) is not int:
            raise StoreError("store.no_schema", path=meta.path)
        if version > SCHEMA_VERSION:
            raise StoreError(
                "store.newer_schema", path=self.root, version=version, known=SCHEMA_VERSION
            )
        if version < SCHEMA_VERSION:
            if not writable:
                raise StoreError("store.read_only_upgrade", path=self.root, version=version)
            self._upgrade(meta, version)
        meta.docs("meta")  # as this diaodu knows it: every field checked

    def _upgrade(self, meta: TableFile, version: int) -> None:
        backup = self._backup_folder(version)
        try:
            shutil.copytree(self.root, backup)
        except OSError as error:
            raise os_error(backup, error, writing=True) from None
        try:
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](self.root)
        except Exception as error:
            raise StoreError(
                "store.upgrade_failed",
                path=self.root,
                version=version,
                reason=str(error),
                backup=backup,
            ) from error
        meta.put("meta", 1, {**meta.raw()["meta"]["1"], "schema": SCHEMA_VERSION})

    def _backup_folder(self, version: int) -> Path:
        """A new folder beside the data for the copy kept before an upgrade; an earlier
        copy (say, from an upgrade that failed half-way) is never overwritten."""
        base = self.root.with_name(f"{self.root.name}.schema{version}.backup")
        candidate, number = base, 1
        while candidate.exists():
            number += 1
            candidate = base.with_name(f"{base.name}-{number}")
        return candidate

    # --- files and locking -----------------------------------------------------------------
    def _file(self, relative: str | Path) -> TableFile:
        path = self.root / relative
        if path not in self._files:
            file = TableFile(path, tables_of(Path(relative)))
            file.storage.journal = self._journal
            self._files[path] = file
        return self._files[path]

    @contextmanager
    def _locked(self, *, finish: bool = True) -> Iterator[None]:
        """One writer at a time, across threads and processes; reads inside see the disk.

        Taking the lock first finishes a commit another process was killed in the middle
        of (`finish`; not at open, where the schema is checked first).
        """
        with self._thread_lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._acquire()
            self._depth = 1
            if self._signature is not None and not self._unseen:
                with suppress(StoreError):  # a folder gone or damaged: the save says so
                    self._unseen = self._differs(self._signature, self._current_signature())
            for file in self._files.values():
                file.strict(True)
            try:
                if finish:
                    finish_unfinished(self.root)
                yield
            finally:
                for file in self._files.values():
                    file.strict(False)
                self._depth = 0
                with suppress(StoreError):  # a folder gone or damaged: the next read says so
                    self._signature = self._current_signature()
                if self._process_lock is not None:  # taken by _acquire above
                    self._process_lock.release()

    def _acquire(self) -> None:
        # Imported here, not at the top: a window that only reads never needs it.
        from filelock import FileLock, Timeout

        lock = self.root / ".lock"
        if self._process_lock is None:
            self._process_lock = FileLock(str(lock), timeout=LOCK_TIMEOUT_SECONDS)
        try:
            self._process_lock.acquire()
        except Timeout:
            raise StoreError("store.busy", path=self.root, seconds=LOCK_TIMEOUT_SECONDS) from None
        except OSError as error:
            if error.errno in NOT_WRITABLE and not lock.is_dir():
                raise StoreError("store.read_only", path=self.root) from None
            raise os_error(lock, error, writing=True) from None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """The saves inside are one commit, all or nothing (store/transaction.py); a save
        that touches one file only is written as any other. Hold the lock around it."""
        if self._journal.active is not None:
            yield
            return
        transaction = self._journal.active = Transaction(self.root)
        try:
            yield
        except BaseException:
            self._journal.active = None
            transaction.discard()
            raise
        self._journal.active = None
        transaction.commit()

    @contextmanager
    def one_commit(self) -> Iterator[None]:
        """The saves inside are one commit, all or nothing, under the lock throughout
        (copying a district into this folder: a copy that fails leaves it as it was)."""
        with self._locked(), self._transaction():
            yield

    def _current_signature(self) -> tuple[Any, ...]:
        return (
            self._names("periods"),
            self._names("archive"),
            {path: file.storage.stamp() for path, file in self._files.items()},
        )

    def changed(self) -> bool:
        """True when another process saved since the last call (or since our last save,
        or just before it)."""
        with self._thread_lock:
            before = self._signature
            if unfinished(self.root) and not self.read_only and not self._depth:
                with self._locked():  # another process was killed mid-commit: finish it
                    pass
            signature = self._current_signature()
            self._signature = signature
            unseen, self._unseen = self._unseen, False
            if before is None:
                return unseen
            return unseen or self._differs(before, signature)

    def _differs(self, before: tuple[Any, ...], signature: tuple[Any, ...]) -> bool:
        """Whether another window saved between the two looks at the files."""
        # A file read for the first time since the last call (a year of readings, an
        # archived month) is no save of another window by itself; it is one if it
        # changed after this window read it (the month the chair started, read here
        # to join, then the chair's first commitment in it).
        watched: dict[Any, Any] = before[2]
        read = {path: file.storage.read_stamp for path, file in self._files.items()}
        return signature[:2] != before[:2] or any(
            stamp != watched.get(path, read.get(path) or stamp)
            for path, stamp in signature[2].items()
        )

    def _names(self, folder: str) -> tuple[str, ...]:
        """The data files in a folder, cheaply: this runs after every save, and a glob
        of ten years of archived months cost a millisecond a save."""
        try:
            return tuple(sorted(n for n in os.listdir(self.root / folder) if n.endswith(".json")))
        except FileNotFoundError:
            return ()
        except OSError as error:
            raise os_error(self.root / folder, error, writing=False) from None

    def _dir(self, name: str) -> list[Path]:
        """The data files of a folder (readings, periods, archive), by their exact names:
        2026.json, 2026-09.json. Anything else there is not ours: it is left alone and
        said once (a copy of a month kept by hand must not hide or double the month)."""
        folder = self.root / name
        try:
            entries = sorted(os.listdir(folder))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise os_error(folder, error, writing=False) from None
        chosen = []
        for entry in entries:
            if is_data_name(name, entry):
                chosen.append(folder / entry)
            elif TEMP_MARK not in entry and not _system_file(entry):
                self._notice(StoreError("store.stray_file", path=folder / entry))
        return chosen

    def _notice(self, notice: StoreError) -> None:
        if any(
            known.params == notice.params and known.code == notice.code for known in self.notices
        ):
            return
        self.notices.append(notice)
        if self._on_notice is not None:
            self._on_notice(notice)

    # --- settings ----------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return dict(self._file(MARKER).docs("settings").get(1, {}))

    def save_settings(self, **values: Any) -> None:
        with self._locked():
            file = self._file(MARKER)
            settings = {**file.docs("settings").get(1, {}), **values}
            try:  # never write a setting the next read would refuse
                SETTINGS.check(1, settings, MARKER)
            except FieldError as error:
                raise StoreError("store.bad_setting", name=error.field) from None
            refusal = template_setting_refusal(values, self.templates())
            if refusal is not None:
                raise refusal
            file.put("settings", 1, settings)

    # --- agenda templates the district keeps -----------------------------------------------
    def templates(self) -> list[Template]:
        """The district's own templates, by key (the shipped ones are not stored)."""
        found = self._file("templates.json").records("templates", codec.template_from)
        return sorted(found, key=lambda template: template.key)

    def save_template(self, template: Template, *, replace: bool = False) -> Template:
        """Keep a template (see `agenda.templates.saving_refusal`: a shipped key, an
        existing one unless `replace`, an item dropped from one replaced are refused)."""
        with self._locked():
            file = self._file("templates.json")
            docs = file.docs("templates")
            number = next((n for n, doc in docs.items() if doc["key"] == template.key), None)
            old = codec.template_from(docs[number]) if number is not None else None
            refusal = saving_refusal(template, old, replace=replace)
            if refusal is not None:
                raise refusal
            file.put("templates", number or file.next_id("templates"), codec.template_doc(template))
            return template

    # --- units -------------------------------------------------------------------------------
    def units(self) -> list[Unit]:
        """All units, retired ones too, in their sort order."""
        units = self._file("units.json").records("units", codec.unit_from)
        return sorted(units, key=lambda unit: (unit.order, unit.name))

    def unit(self, unit_id: str) -> Unit | None:
        return next((unit for unit in self.units() if unit.id == unit_id), None)

    def save_units(self, units: Iterable[Unit]) -> list[Unit]:
        """Add or update units in one save; a unit without an id is given one."""
        with self._locked():
            file = self._file("units.json")
            known = {doc["id"]: doc_id for doc_id, doc in file.docs("units").items()}
            existing = file.records("units", codec.unit_from)
            saved: list[Unit] = []
            changes: list[tuple[int, dict[str, Any]]] = []
            next_doc = max(known.values(), default=0) + 1
            given = list(units)
            for unit in given:
                if not unit.id:
                    # Past every id in use, those later in this batch included: a new unit
                    # must not take an id that another unit of the batch is about to claim.
                    taken = [*existing, *saved, *given]
                    unit = Unit(**{**unit.__dict__, "id": next_unit_id(taken)})
                doc_id = known.get(unit.id)
                if doc_id is None:
                    doc_id, next_doc = next_doc, next_doc + 1
                    known[unit.id] = doc_id
                changes.append((doc_id, codec.unit_doc(unit)))
                saved.append(unit)
            file.replace_all({"units": changes})
            return saved

    def save_unit(self, unit: Unit) -> Unit:
        return self.save_units([unit])[0]

    # --- metrics, targets, readings -------------------------------------------------------
    def metrics(self) -> list[Metric]:
        stored = self._file("metrics.json").docs("metrics")
        if not stored:
            return default_metrics()
        return [codec.metric_from(stored[key]) for key in sorted(stored)]

    def save_metrics(self, metrics: Iterable[Metric]) -> None:
        """Replace the metric definitions, in one save. Refused, with nothing changed: a
        damaged metrics.json (named: never overwritten), and a new set that leaves out a
        metric with readings or targets (named: it must be retired, not dropped)."""
        metrics = list(metrics)
        with self._locked():
            file = self._file("metrics.json")
            file.records("metrics", codec.metric_from)  # raises, naming the file, if damaged
            in_use = {reading.metric for reading in self.readings(self.reading_years())}
            in_use |= {target.metric for target in self.targets()}
            refusal = replacement_refusal(metrics, in_use)
            if refusal is not None:
                raise refusal
            file.storage.write(
                {"metrics": {str(i): codec.metric_doc(m) for i, m in enumerate(metrics, start=1)}}
            )

    def targets(self, year: int | None = None) -> list[Target]:
        targets = self._file("targets.json").records("targets", codec.target_from)
        return [t for t in targets if year is None or t.year == year]

    def save_targets(self, targets: Iterable[Target]) -> int:
        """Set annual targets (one per unit, metric and year), in one save."""
        with self._locked():
            file = self._file("targets.json")
            return upsert_keyed(file, "targets", targets, codec.target_doc, target_key)

    def readings(self, years: Iterable[int]) -> list[Reading]:
        result: list[Reading] = []
        for year in years:
            file = self._file(f"readings/{year}.json")
            result.extend(file.records("readings", codec.reading_from))
        return result

    def reading_years(self) -> list[int]:
        return [int(p.stem) for p in self._dir("readings")]

    def save_readings(self, readings: Iterable[Reading]) -> int:
        """Set year-to-date readings: one file per year touched, all of them or none."""
        by_year: dict[int, list[Reading]] = {}
        for reading in readings:
            by_year.setdefault(reading.period.year, []).append(reading)
        with self._locked(), self._transaction():
            return sum(
                upsert_keyed(
                    self._file(f"readings/{year}.json"),
                    "readings",
                    items,
                    codec.reading_doc,
                    reading_key,
                )
                for year, items in sorted(by_year.items())
            )

    def figures(self, period: Period) -> Figures:
        """What a scorecard for `period` needs: this year's and last year's readings.
        The same object while those files are unchanged (a Figures is never changed)."""
        years = (period.year - 1, period.year)
        readings, targets = self.readings(years), self.targets(period.year)
        versions = self._versions(*(f"readings/{year}.json" for year in years), "targets.json")
        kept = self._figures.get(period.year)
        if kept is not None and kept[0] == versions:
            return kept[1]
        figures = Figures(readings, targets)
        self._figures[period.year] = (versions, figures)
        return figures

    def latest_reading_period(self) -> Period | None:
        years = self.reading_years()
        if not years:
            return None
        readings = self.readings(years[-1:])
        versions = (years[-1], *self._versions(f"readings/{years[-1]}.json"))
        if self._latest is not None and self._latest[0] == versions:
            return self._latest[1]
        latest = max((reading.period for reading in readings), default=None)
        self._latest = (versions, latest)
        return latest

    def _versions(self, *names: str) -> tuple[int, ...]:
        """Which data the files (just read) hold now: each one's version in memory. The
        kept figures are dropped with the files at `close`, when versions start again."""
        return tuple(self._file(name).storage.version for name in names)

    def close(self) -> None:
        for file in self._files.values():
            file.db.close()
        self._files.clear()
        self._figures.clear()
        self._latest = None


def _writable(folder: Path) -> bool:
    """As the user the process runs as now (its effective ids, where the system can say)."""
    effective = os.access in os.supports_effective_ids
    return os.access(folder, os.W_OK, effective_ids=effective)


def _foreign_files(root: Path) -> list[str]:
    """What in a folder without meta.json is not ours: a first open killed before it wrote
    meta.json leaves only its lock (and perhaps a temp file), and must not lock the user out."""
    try:
        names = os.listdir(root)
    except OSError as error:
        raise os_error(root, error, writing=False) from None
    return [name for name in names if name != ".lock" and TEMP_MARK not in name]


def _system_file(name: str) -> bool:
    """Files the operating system leaves in any folder (hidden ones, Thumbs.db): not
    worth a word."""
    return name.startswith(".") or name.lower() in ("thumbs.db", "desktop.ini")
