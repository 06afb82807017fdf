"""PgStore: a district on a PostgreSQL server, with the folder Store's methods and promises.

- A save returns once committed; a change of several rows is one transaction.
- Two windows (now perhaps on two machines) never undo each other: every write into a
  period holds that period's advisory lock for its transaction (ids are numbered per
  period, and whether a period is settled depends on all of it), a read-modify-write
  locks its row (`SELECT ... FOR UPDATE`) and changes what is committed now, not what the
  caller read; meetings and commitments carry a revision (`rev`), and a save built on an
  older one is refused with StaleError and the record as it is now.
- Every commit NOTIFYs the district's channel; `changed()` polls this connection's
  notifications without blocking, and ignores our own.
- Errors are one coded line (store/pg/connect.py); a lost connection is reopened on the
  next call.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import date
from typing import Any, TypeVar, cast

import psycopg
from psycopg import Cursor, sql
from psycopg.types.json import Jsonb

from agenda import commitments as commitment_rules
from agenda.commitments import Commitment
from agenda.errors import StaleError
from agenda.figures import Figures
from agenda.meetings import Meeting, MeetingState, meeting_id, period_of_id
from agenda.metrics import Metric, Reading, Target, default_metrics
from agenda.periods import Period
from agenda.units import Unit, next_unit_id
from store import codec
from store.errors import StoreError
from store.pg import schema
from store.pg.connect import connect, failure
from store.pg.location import Location, Shown, parse, scrub, secrets_in

Row = tuple[Any, ...]
Doc = dict[str, Any]
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
DISTRICT_LOCK = "district"  # units, metrics, targets, readings, settings
TABLE_NAMES = [
    "meta",
    "settings",
    "units",
    "metrics",
    "targets",
    "readings",
    "periods",
    "meetings",
    "commitments",
]


def _guarded(method: F) -> F:
    """One caller at a time on the connection; a psycopg error leaves as a coded
    StoreError raised outside the `except` block, so that it chains nothing."""

    @functools.wraps(method)
    def run(self: PgStore, *args: Any, **kwargs: Any) -> Any:
        problem: StoreError | None = None
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except psycopg.Error as error:
                lost = self._conn.closed or self._conn.broken
                problem = failure(error, self.location, self.district, lost=lost)
        raise problem

    return cast(F, run)


class PgStore:
    def __init__(
        self,
        location: Location,
        district: str,
        connection: psycopg.Connection[Row],
        *,
        clock: Callable[[], date] = date.today,
    ) -> None:
        self.location = location
        self.district = district
        self.clock = clock
        # Where, for a message: the URL without its password (the folder store's root).
        self.root = location.shown
        self._conn = connection
        self._lock = threading.RLock()
        self._schema = sql.Identifier(district)
        self._notify = sql.SQL("NOTIFY {}").format(sql.Identifier(schema.channel(district)))
        self._missed = False

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str, *, clock: Callable[[], date] = date.today) -> PgStore:
        """Open a district that exists (a district account cannot create one)."""
        location = _with_district(url)
        assert location.district is not None
        store = cls(location, location.district, connect(location), clock=clock)
        try:
            store._check_schema()
            store._listen()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def init(cls, url: str, *, clock: Callable[[], date] = date.today) -> PgStore:
        """Create the district (its schema, tables and roles), or bring it up to date; the
        DBA's job. Run again, it changes nothing but missing grants."""
        location = _with_district(url)
        district = location.district
        assert district is not None
        conn = connect(location)
        problem: StoreError | None = None
        try:
            with conn.transaction(), conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (_key(district, "init"),))
                cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (district,))
                if cur.fetchone() is None:
                    schema.create(cur, district)
                else:
                    _upgrade(cur, location, district)
                schema.grant(cur, district)
        except psycopg.errors.InsufficientPrivilege:
            problem = StoreError("pg.init_denied", district=district, url=Shown(location.shown))
        except psycopg.Error as error:
            problem = failure(error, location, district)
        finally:
            conn.close()
        if problem is not None:
            raise problem
        return cls.open(url, clock=clock)

    @_guarded
    def _check_schema(self) -> None:
        with self._conn.cursor() as cur:
            cur.execute(
                "SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = %s",
                (self.district,),
            )
            row = cur.fetchone()
            if row is None:
                raise StoreError(
                    "pg.no_district",
                    district=self.district,
                    database=self.location.database,
                    url=Shown(self.root),
                )
            if not row[0]:
                raise StoreError("pg.denied", district=self.district, url=Shown(self.root))
            found = _known_version(cur, self.location, self.district)
        if found == schema.SCHEMA_VERSION:
            return
        problem: StoreError | None = None
        try:  # older: upgrade it, if this account owns the schema (the DBA's does)
            with self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (self._key("init"),))
                _upgrade(cur, self.location, self.district)
                schema.grant(cur, self.district)
        except psycopg.errors.InsufficientPrivilege:
            problem = StoreError(
                "pg.older_schema", district=self.district, version=found, url=Shown(self.root)
            )
        if problem is not None:
            raise problem

    def _listen(self) -> None:
        self._conn.execute(
            sql.SQL("LISTEN {}").format(sql.Identifier(schema.channel(self.district)))
        )

    # --- the connection, transactions and locks ---------------------------------------------
    def _connection(self) -> psycopg.Connection[Row]:
        """The connection, opened again if the last one was lost (a server restart, a
        network drop): saves we may have missed meanwhile count as a change."""
        if self._conn.closed or self._conn.broken:
            self._conn = connect(self.location)
            self._listen()
            self._missed = True
        return self._conn

    def _key(self, name: str) -> int:
        return _key(self.district, name)

    @contextmanager
    def _writing(self, *locks: str) -> Iterator[Cursor[Row]]:
        """One transaction holding the named advisory locks (in one order: no deadlock);
        its commit is announced on the district's channel."""
        conn = self._connection()
        with conn.transaction(), conn.cursor() as cur:
            for name in sorted(set(locks)):
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (self._key(name),))
            yield cur
            cur.execute(self._notify)

    def _table(self, name: str) -> sql.Composed:
        return sql.SQL("{}.{}").format(self._schema, sql.Identifier(name))

    def _query(self, cur: Cursor[Row] | None, text: str, params: Iterable[Any] = ()) -> list[Row]:
        """Run `text`, its tables written {name}: on `cur` (inside a write) or on its own."""
        names = {name: self._table(name) for name in TABLE_NAMES if "{" + name + "}" in text}
        statement = sql.SQL(text).format(**names)
        if cur is None:
            cur = self._connection().cursor()
        cur.execute(statement, tuple(params))
        return cur.fetchall() if cur.description else []

    def changed(self) -> bool:
        """True when another window saved since the last call. Never blocks: it reads the
        notifications the server already sent; a server out of reach is said by the next
        read or save, not here."""
        with self._lock:
            try:
                conn = self._connection()
                own = conn.info.backend_pid
                for note in conn.notifies(timeout=0):
                    if note.pid != own:
                        self._missed = True
            except (psycopg.Error, StoreError):
                return False
            changed, self._missed = self._missed, False
            return changed

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- settings ----------------------------------------------------------------------------
    @_guarded
    def settings(self) -> dict[str, Any]:
        return dict(self._query(None, "SELECT key, value FROM {settings} ORDER BY key"))

    @_guarded
    def save_settings(self, **values: Any) -> None:
        with self._writing(DISTRICT_LOCK) as cur:
            for key, value in values.items():
                self._query(cur, "DELETE FROM {settings} WHERE key = %s", (key,))
                self._query(cur, "INSERT INTO {settings} VALUES (%s, %s)", (key, Jsonb(value)))

    # --- units -------------------------------------------------------------------------------
    @_guarded
    def units(self) -> list[Unit]:
        """All units, retired ones too, in their sort order."""
        return self._units(None)

    def _units(self, cur: Cursor[Row] | None) -> list[Unit]:
        units = [codec.unit_from(doc) for (doc,) in self._query(cur, "SELECT doc FROM {units}")]
        return sorted(units, key=lambda unit: (unit.order, unit.name))

    @_guarded
    def unit(self, unit_id: str) -> Unit | None:
        rows = self._query(None, "SELECT doc FROM {units} WHERE id = %s", (unit_id,))
        return codec.unit_from(rows[0][0]) if rows else None

    @_guarded
    def save_units(self, units: Iterable[Unit]) -> list[Unit]:
        """Add or update units in one save; a unit without an id is given one."""
        with self._writing(DISTRICT_LOCK) as cur:
            existing = self._units(cur)
            given = list(units)
            saved: list[Unit] = []
            for unit in given:
                if not unit.id:
                    # Past every id in use, those later in this batch included (as the folder).
                    unit = replace(unit, id=next_unit_id([*existing, *saved, *given]))
                saved.append(unit)
            docs = {unit.id: (unit, codec.unit_doc(unit)) for unit in saved}  # the last wins
            self._query(cur, "DELETE FROM {units} WHERE id = ANY(%s)", (list(docs),))
            cur.executemany(
                sql.SQL("INSERT INTO {} VALUES (%s, %s, %s, %s, %s, %s)").format(
                    self._table("units")
                ),
                [
                    (u.id, u.name, u.kind.value, u.order, u.active, Jsonb(doc))
                    for u, doc in docs.values()
                ],
            )
            return saved

    def save_unit(self, unit: Unit) -> Unit:
        return self.save_units([unit])[0]

    # --- metrics, targets, readings -------------------------------------------------------
    @_guarded
    def metrics(self) -> list[Metric]:
        rows = self._query(None, "SELECT doc FROM {metrics} ORDER BY position")
        return [codec.metric_from(doc) for (doc,) in rows] if rows else default_metrics()

    @_guarded
    def save_metrics(self, metrics: Iterable[Metric]) -> None:
        """Replace the metric definitions (readings of a dropped metric stay on file)."""
        rows = [
            (n, m.key, m.kind.value, Jsonb(codec.metric_doc(m)))
            for n, m in enumerate(metrics, start=1)
        ]
        with self._writing(DISTRICT_LOCK) as cur:
            self._query(cur, "DELETE FROM {metrics}")
            insert = sql.SQL("INSERT INTO {} VALUES (%s, %s, %s, %s)")
            cur.executemany(insert.format(self._table("metrics")), rows)

    @_guarded
    def targets(self, year: int | None = None) -> list[Target]:
        if year is None:
            rows = self._query(None, "SELECT doc FROM {targets} ORDER BY seq")
        else:
            text = "SELECT doc FROM {targets} WHERE year = %s ORDER BY seq"
            rows = self._query(None, text, (year,))
        return [codec.target_from(doc) for (doc,) in rows]

    @_guarded
    def save_targets(self, targets: Iterable[Target]) -> int:
        """Set annual targets (one per unit, metric and year), in one save."""
        rows = []
        for target in targets:
            doc = codec.target_doc(target)
            key = (doc["unit"], doc["metric"], doc["year"])
            rows.append((key, (float(doc["value"]),), doc))
        with self._writing(DISTRICT_LOCK) as cur:
            return self._upsert(cur, "targets", ("unit_id", "metric", "year"), rows)

    @_guarded
    def readings(self, years: Iterable[int]) -> list[Reading]:
        wanted = list(years)
        text = "SELECT year, doc FROM {readings} WHERE year = ANY(%s) ORDER BY year, seq"
        by_year: dict[int, list[Reading]] = {}
        for year, doc in self._query(None, text, (wanted,)):
            by_year.setdefault(year, []).append(codec.reading_from(doc))
        return [reading for year in wanted for reading in by_year.get(year, [])]

    @_guarded
    def reading_years(self) -> list[int]:
        rows = self._query(None, "SELECT DISTINCT year FROM {readings} ORDER BY year")
        return [year for (year,) in rows]

    @_guarded
    def save_readings(self, readings: Iterable[Reading]) -> int:
        """Set year-to-date readings, in one transaction."""
        rows = []
        for reading in readings:
            doc = codec.reading_doc(reading)
            key = (doc["unit"], doc["metric"], doc["period"])
            rows.append((key, (reading.period.year, float(doc["value"])), doc))
        with self._writing(DISTRICT_LOCK) as cur:
            return self._upsert(cur, "readings", ("unit_id", "metric", "period"), rows)

    def figures(self, period: Period) -> Figures:
        """What a scorecard for `period` needs: this year's and last year's readings."""
        years = (period.year - 1, period.year)
        return Figures(self.readings(years), self.targets(period.year))

    def latest_reading_period(self) -> Period | None:
        years = self.reading_years()
        return Figures(self.readings(years[-1:])).latest_period() if years else None

    def _upsert(
        self,
        cur: Cursor[Row],
        table: str,
        key_columns: tuple[str, str, str],
        rows: list[tuple[tuple[Any, ...], tuple[Any, ...], Doc]],
    ) -> int:
        """Add or replace records by key; a replaced one keeps its place (seq), as the
        folder's does; within a batch the last of one key wins."""
        if not rows:
            return 0
        keys = sql.SQL(", ").join(map(sql.Identifier, key_columns))
        found = sql.SQL("SELECT {}, seq FROM {} WHERE {} = ANY(%s)").format(
            keys, self._table(table), sql.Identifier(key_columns[0])
        )
        cur.execute(found, (sorted({key[0] for key, _, _ in rows}),))
        places: dict[tuple[Any, ...], int] = {tuple(row[:3]): row[3] for row in cur.fetchall()}
        cur.execute(sql.SQL("SELECT coalesce(max(seq), 0) FROM {}").format(self._table(table)))
        last = cur.fetchone()
        next_seq = int(last[0]) + 1 if last else 1
        latest: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        replaced = []
        for key, values, doc in rows:
            if key in places and key not in latest:
                replaced.append(key)
            elif key not in places:
                places[key], next_seq = next_seq, next_seq + 1
            latest[key] = (*key, *values, places[key], Jsonb(doc))
        where = sql.SQL(" AND ").join(
            sql.SQL("{} = %s").format(sql.Identifier(c)) for c in key_columns
        )
        cur.executemany(
            sql.SQL("DELETE FROM {} WHERE {}").format(self._table(table), where), replaced
        )
        marks = sql.SQL(", ").join(sql.Placeholder() * len(next(iter(latest.values()))))
        cur.executemany(
            sql.SQL("INSERT INTO {} VALUES ({})").format(self._table(table), marks),
            list(latest.values()),
        )
        return len(rows)

    # --- periods ---------------------------------------------------------------------------
    @_guarded
    def active_periods(self) -> list[Period]:
        text = "SELECT period FROM {periods} WHERE NOT archived ORDER BY period"
        return [Period.parse(p) for (p,) in self._query(None, text)]

    @_guarded
    def archived_periods(self) -> list[Period]:
        text = "SELECT period FROM {periods} WHERE archived ORDER BY period"
        return [Period.parse(p) for (p,) in self._query(None, text)]

    def _periods(self, include_archive: bool | int) -> list[str] | None:
        """The periods to read, as text; None for all of them."""
        if include_archive is True:
            return None
        archived = self.archived_periods()
        chosen = archived[-int(include_archive) :] if include_archive else []
        return [str(p) for p in sorted({*self.active_periods(), *chosen})]

    def _open_period(self, cur: Cursor[Row], period: Period, *, create: bool = True) -> None:
        """A write into a period: it exists, and is active again if it was archived (as the
        folder moves a month's file back out of archive/)."""
        text = str(period)
        self._query(cur, "UPDATE {periods} SET archived = false WHERE period = %s", (text,))
        if create and cur.rowcount == 0:
            self._query(cur, "INSERT INTO {periods} (period) VALUES (%s)", (text,))

    def _archive_if_settled(self, cur: Cursor[Row], period: Period) -> None:
        """A past period is archived once its meetings are closed and nothing is open."""
        if period >= Period.of(self.clock()):
            return
        text = (
            "UPDATE {periods} SET archived = true WHERE period = %s"
            " AND NOT EXISTS (SELECT 1 FROM {meetings} WHERE period = %s AND state <> %s)"
            " AND NOT EXISTS (SELECT 1 FROM {commitments} WHERE period = %s AND status = 'open')"
        )
        self._query(cur, text, (str(period), str(period), MeetingState.CLOSED.value, str(period)))

    def _next_number(self, cur: Cursor[Row], table: str, period: Period) -> int:
        """Max + 1, as the folder numbers (called under the period's lock)."""
        text = "SELECT coalesce(max(number), 0) + 1 FROM {" + table + "} WHERE period = %s"
        return int(self._query(cur, text, (str(period),))[0][0])

    # --- meetings ----------------------------------------------------------------------------
    @_guarded
    def meetings(self, *, include_archive: bool | int = False) -> list[Meeting]:
        """Meetings of the active periods (and of the archive: all, or the last N periods)."""
        periods = self._periods(include_archive)
        if periods is None:
            rows = self._query(None, "SELECT rev, doc FROM {meetings}")
        else:
            text = "SELECT rev, doc FROM {meetings} WHERE period = ANY(%s)"
            rows = self._query(None, text, (periods,))
        meetings = [_meeting(rev, doc) for rev, doc in rows]
        return sorted(meetings, key=lambda m: (m.date, m.id))

    @_guarded
    def meeting(self, meeting_id_: str) -> Meeting | None:
        rows = self._query(None, "SELECT rev, doc FROM {meetings} WHERE id = %s", (meeting_id_,))
        return _meeting(*rows[0]) if rows else None

    @_guarded
    def create_meeting(
        self,
        period: Period,
        day: date,
        template: str,
        *,
        chair: str = "",
        secretary: str = "",
    ) -> Meeting:
        with self._writing(f"period {period}") as cur:
            self._open_period(cur, period)
            number = self._next_number(cur, "meetings", period)
            meeting = Meeting(
                id=meeting_id(period, number),
                period=period,
                date=day,
                template=template,
                chair=chair,
                secretary=secretary,
            )
            return self._put_meeting(cur, meeting, None)

    @_guarded
    def save_meeting(self, meeting: Meeting) -> Meeting:
        """Save a meeting; one that carries a revision older than the server's is refused."""
        with self._writing(f"period {meeting.period}") as cur:
            self._open_period(cur, meeting.period)
            saved = self._put_meeting(cur, meeting, _revision(meeting))
            self._archive_if_settled(cur, meeting.period)
            return saved

    @_guarded
    def update_meeting(
        self,
        meeting_id_: str,
        change: Callable[[Meeting], Meeting],
        expected_revision: int | None = None,
    ) -> Meeting:
        """Read, change and save a meeting in one transaction, its row locked: two windows
        never undo each other; `expected_revision` refuses a change built on an older copy."""
        period = period_of_id(meeting_id_)
        with self._writing(f"period {period}") as cur:
            text = "SELECT rev, doc FROM {meetings} WHERE id = %s FOR UPDATE"
            rows = self._query(cur, text, (meeting_id_,))
            if not rows:
                raise StoreError("pg.no_meeting", id=meeting_id_)
            rev, current = rows[0][0], _meeting(*rows[0])
            if expected_revision is not None and expected_revision != rev:
                raise StaleError("pg.stale_meeting", current=current, id=meeting_id_)
            updated = change(current)
            self._open_period(cur, period)
            saved = self._put_meeting(cur, updated, rev)
            self._archive_if_settled(cur, period)
            return saved

    def _put_meeting(self, cur: Cursor[Row], meeting: Meeting, expected: int | None) -> Meeting:
        """Insert or replace, at the revision after the one on the server."""
        text = "SELECT rev, doc FROM {meetings} WHERE id = %s FOR UPDATE"
        rows = self._query(cur, text, (meeting.id,))
        on_server = rows[0][0] if rows else 0
        if expected is not None and expected != on_server:
            current = _meeting(*rows[0]) if rows else None
            raise StaleError("pg.stale_meeting", current=current, id=meeting.id)
        saved = _revised(meeting, on_server + 1)
        values = (
            str(meeting.period),
            _number(meeting.id),
            meeting.date,
            meeting.state.value,
            on_server + 1,
            Jsonb({**codec.meeting_doc(saved), "rev": on_server + 1}),
            meeting.id,
        )
        if rows:
            text = (
                "UPDATE {meetings} SET period = %s, number = %s, meeting_date = %s,"
                " state = %s, rev = %s, doc = %s WHERE id = %s"
            )
        else:
            text = (
                "INSERT INTO {meetings} (period, number, meeting_date, state, rev, doc, id)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)"
            )
        self._query(cur, text, values)
        return saved

    # --- commitments -------------------------------------------------------------------------
    @_guarded
    def commitments(self, *, include_archive: bool | int = False) -> list[Commitment]:
        """Commitments of the active periods (open ones are always there), or all."""
        periods = self._periods(include_archive)
        if periods is None:
            rows = self._query(None, "SELECT rev, doc FROM {commitments} ORDER BY period, number")
        else:
            text = (
                "SELECT rev, doc FROM {commitments} WHERE period = ANY(%s) ORDER BY period, number"
            )
            rows = self._query(None, text, (periods,))
        return [_commitment(rev, doc) for rev, doc in rows]

    @_guarded
    def commitment(self, commitment_id: str) -> Commitment | None:
        text = "SELECT rev, doc FROM {commitments} WHERE id = %s"
        rows = self._query(None, text, (commitment_id,))
        return _commitment(*rows[0]) if rows else None

    @_guarded
    def new_commitment_id(self, period: Period) -> str:
        """An id to give a commitment about to be added (take it under `add_commitment`)."""
        return f"{period}.{self._next_number(self._connection().cursor(), 'commitments', period)}"

    @_guarded
    def add_commitment(self, period: Period, build: Callable[[str], Commitment]) -> Commitment:
        """Give a new commitment the next id of its period and save it, as one step."""
        with self._writing(f"period {period}") as cur:
            self._open_period(cur, period)
            number = self._next_number(cur, "commitments", period)
            return self._put_commitment(cur, build(f"{period}.{number}"), None)

    @_guarded
    def save_commitments(self, commitments: Iterable[Commitment]) -> None:
        """Save changed commitments in one transaction; each one that carries a revision
        older than the server's refuses the whole save."""
        by_period: dict[Period, list[Commitment]] = {}
        for commitment in commitments:
            by_period.setdefault(period_of_id(commitment.id), []).append(commitment)
        with self._writing(*(f"period {p}" for p in by_period)) as cur:
            for period, items in by_period.items():
                self._open_period(cur, period)
                for commitment in items:
                    self._put_commitment(cur, commitment, _revision(commitment))
                self._archive_if_settled(cur, period)

    def save_commitment(self, commitment: Commitment) -> None:
        self.save_commitments([commitment])

    @_guarded
    def update_commitment(
        self,
        commitment_id: str,
        change: Callable[[Commitment], Commitment],
        expected_revision: int | None = None,
    ) -> Commitment:
        """Read, change and save a commitment in one transaction (see `update_meeting`)."""
        period = period_of_id(commitment_id)
        with self._writing(f"period {period}") as cur:
            rev, current = self._locked_commitment(cur, commitment_id)
            if expected_revision is not None and expected_revision != rev:
                raise StaleError("pg.stale_commitment", current=current, id=commitment_id)
            updated = change(current)
            self._open_period(cur, period)
            saved = self._put_commitment(cur, updated, rev)
            self._archive_if_settled(cur, period)
            return saved

    def _locked_commitment(self, cur: Cursor[Row], commitment_id: str) -> tuple[int, Commitment]:
        text = "SELECT rev, doc FROM {commitments} WHERE id = %s FOR UPDATE"
        rows = self._query(cur, text, (commitment_id,))
        if not rows:
            raise StoreError("pg.no_commitment", id=commitment_id)
        return rows[0][0], _commitment(*rows[0])

    @_guarded
    def delete_commitment(self, commitment_id: str) -> None:
        period = period_of_id(commitment_id)
        with self._writing(f"period {period}") as cur:
            self._open_period(cur, period, create=False)
            self._query(cur, "DELETE FROM {commitments} WHERE id = %s", (commitment_id,))

    @_guarded
    def carry_over(
        self,
        old: Commitment,
        new_due: date,
        on: date,
        *,
        period: Period,
        meeting_id: str | None = None,
    ) -> tuple[Commitment, Commitment]:
        """Carry a commitment over into `period`: the new one and the old one's outcome
        in one transaction. The old one as committed now, not as the caller last read it:
        another window may have marked it done meanwhile."""
        old_period = period_of_id(old.id)
        with self._writing(f"period {period}", f"period {old_period}") as cur:
            rev, current = self._locked_commitment(cur, old.id)
            self._open_period(cur, period)
            number = self._next_number(cur, "commitments", period)
            closed, new = commitment_rules.carry_over(
                current, f"{period}.{number}", new_due, on, meeting_id=meeting_id
            )
            new = self._put_commitment(cur, new, None)
            self._open_period(cur, old_period)
            closed = self._put_commitment(cur, closed, rev)
            self._archive_if_settled(cur, old_period)
            return closed, new

    def _put_commitment(
        self, cur: Cursor[Row], commitment: Commitment, expected: int | None
    ) -> Commitment:
        text = "SELECT rev, doc FROM {commitments} WHERE id = %s FOR UPDATE"
        rows = self._query(cur, text, (commitment.id,))
        on_server = rows[0][0] if rows else 0
        if expected is not None and expected != on_server:
            current = _commitment(*rows[0]) if rows else None
            raise StaleError("pg.stale_commitment", current=current, id=commitment.id)
        saved = _revised(commitment, on_server + 1)
        values = (
            str(period_of_id(commitment.id)),
            _number(commitment.id),
            commitment.unit_id,
            commitment.meeting_id,
            commitment.status.value,
            commitment.due,
            commitment.effective_due,
            on_server + 1,
            Jsonb({**codec.commitment_doc(saved), "rev": on_server + 1}),
            commitment.id,
        )
        if rows:
            text = (
                "UPDATE {commitments} SET period = %s, number = %s, unit_id = %s,"
                " meeting_id = %s, status = %s, due = %s, effective_due = %s, rev = %s,"
                " doc = %s WHERE id = %s"
            )
        else:
            text = (
                "INSERT INTO {commitments} (period, number, unit_id, meeting_id, status, due,"
                " effective_due, rev, doc, id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            )
        self._query(cur, text, values)
        return saved


# --- records and revisions -------------------------------------------------------------------
def _with_district(url: str) -> Location:
    location = parse(url)
    if location.district is None:
        raise StoreError("pg.no_district_given", url=Shown(location.shown))
    return location


def _known_version(cur: Cursor[Row], location: Location, district: str) -> int:
    """The district's schema version, at most ours; a newer one, or a schema that holds
    something else, is refused before anything in it is touched."""
    found = schema.version(cur, district)
    if found is None:
        raise StoreError("pg.not_a_district", district=district, url=Shown(location.shown))
    if found > schema.SCHEMA_VERSION:
        raise StoreError(
            "pg.newer_schema", district=district, version=found, known=schema.SCHEMA_VERSION
        )
    return found


def _upgrade(cur: Cursor[Row], location: Location, district: str) -> None:
    """Run the migrations from the district's version to ours, in the caller's transaction:
    a step that fails leaves the schema as it was (PostgreSQL's DDL is transactional)."""
    found = _known_version(cur, location, district)
    problem: StoreError | None = None
    try:
        schema.upgrade(cur, district, found)
    except psycopg.errors.InsufficientPrivilege:
        raise
    except Exception as error:
        reason = scrub(str(error), secrets_in(location.conninfo))
        problem = StoreError("pg.upgrade_failed", district=district, version=found, reason=reason)
    if problem is not None:
        raise problem


def _key(district: str, name: str) -> int:
    """An advisory lock's key: per database, so the district is part of it."""
    digest = hashlib.blake2b(f"diaodu/{district}/{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _number(record_id: str) -> int:
    return int(record_id.rsplit(".", 1)[1])


_REVISED: dict[type, bool] = {}


def _revised(record: T, rev: int) -> T:
    """The record at revision `rev`, once records carry one (`revision`, doc key `rev`)."""
    kind = type(record)
    if kind not in _REVISED:
        _REVISED[kind] = any(f.name == "revision" for f in fields(kind))  # type: ignore[arg-type]
    return replace(record, revision=rev) if _REVISED[kind] else record  # type: ignore[type-var]


def _revision(record: object) -> int | None:
    """The revision a record was read at, once records carry one (None: not checked)."""
    value = getattr(record, "revision", None)
    return value if isinstance(value, int) else None


def _meeting(rev: int, doc: Doc) -> Meeting:
    return _revised(codec.meeting_from({**doc, "rev": rev}), rev)


def _commitment(rev: int, doc: Doc) -> Commitment:
    return _revised(codec.commitment_from({**doc, "rev": rev}), rev)
