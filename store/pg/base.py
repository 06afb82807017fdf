"""The connection to a district on a server: opening, creating and upgrading it, one
caller at a time on the connection, transactions with their locks, and `changed()`.

- A save returns once committed; a change of several rows is one transaction, holding
  the advisory locks it names (in one order: no deadlock) until it commits.
- Every commit NOTIFYs the district's channel; `changed()` reads this connection's
  notifications without waiting for any, and ignores our own.
- A psycopg error leaves as one coded StoreError (store/pg/connect.py).
- A lost connection (a server restarted, a DBA ending our session, a network drop) is
  opened again (store/pg/link.py): a read, or a save whose transaction never reached its
  COMMIT, is tried once more on the new connection, so that nothing is said when the
  server is back. One lost at the COMMIT is said (the save may or may not have happened).
- While the server cannot be reached, a read asked before gives the answer it gave last
  (`lookup`): a window in the middle of a meeting goes on showing what it showed, the
  watch has said the connection is lost, and every save says it cannot be made. Once the
  server is back, the watch reports a change and the window reads everything again.
- The watch (`changed()`) finds a lost connection within HEARTBEAT_SECONDS, says so once,
  and connects again in the background: the app never waits on a server.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, Self, TypeVar, cast

import psycopg
from psycopg import Cursor, sql

from store.errors import StoreError
from store.pg import schema
from store.pg.connect import connect, failure
from store.pg.link import Link
from store.pg.location import Location, Shown, parse, scrub, secrets_in

Row = tuple[Any, ...]
F = TypeVar("F", bound=Callable[..., Any])
TABLE_NAMES = [
    *("meta", "settings", "units", "metrics", "targets", "readings"),
    *("periods", "meetings", "commitments", "templates"),
]


# How often the watch makes sure the connection is still there (one round trip): a lost
# connection receives no notifications and says nothing until it is used.
HEARTBEAT_SECONDS = 5.0


def guarded(method: F) -> F:
    """One caller at a time on the connection; a psycopg error leaves as a coded
    StoreError raised outside the `except` block, so that it chains nothing. A call that
    found the connection lost before anything was committed runs once more, on a new one
    (its `change` callbacks are pure: running them twice is harmless)."""

    @functools.wraps(method)
    def run(self: PgBase, *args: Any, **kwargs: Any) -> Any:
        problem: StoreError | None = None
        with self._lock:
            for attempt in (1, 2):
                self._committing = False
                try:
                    return method(self, *args, **kwargs)
                except psycopg.Error as error:
                    lost = self._link.lost()
                    if lost and attempt == 1 and not self._committing and not self._outer:
                        continue
                    committing = lost and self._committing
                    problem = failure(
                        error, self.location, self.district, lost=lost, committing=committing
                    )
                    break
        assert problem is not None
        raise problem

    return cast(F, run)


# A server that cannot be reached, as opposed to one that refuses.
OUT_OF_REACH = frozenset({"pg.unreachable", "pg.lost", "pg.connect_failed"})
KEPT_ANSWERS = 256


def lookup(method: F) -> F:
    """A read: `guarded`, and while the server cannot be reached, the answer it gave last
    time to the same question (none asked before: the error)."""
    inner = guarded(method)

    @functools.wraps(method)
    def run(self: PgBase, *args: Any, **kwargs: Any) -> Any:
        args = tuple(
            tuple(arg) if isinstance(arg, Iterator) or not isinstance(arg, Hashable) else arg
            for arg in args
        )
        question = (method.__name__, args, tuple(sorted(kwargs.items())))
        try:
            answer = inner(self, *args, **kwargs)
        except StoreError as error:
            if error.code in OUT_OF_REACH and question in self._answers:
                return _copied(self._answers[question])
            raise
        self._answers.pop(question, None)
        self._answers[question] = _copied(answer)
        if len(self._answers) > KEPT_ANSWERS:
            del self._answers[next(iter(self._answers))]
        return answer

    return cast(F, run)


def _copied(answer: Any) -> Any:
    """A copy a caller may change without changing the one kept (records are frozen)."""
    if isinstance(answer, list):
        return list(answer)
    if isinstance(answer, dict):
        return dict(answer)
    if isinstance(answer, tuple):
        return tuple(_copied(part) for part in answer)
    return answer


class PgBase:
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
        self._lock = threading.RLock()
        self._schema = sql.Identifier(district)
        self._listen = sql.SQL("LISTEN {}").format(sql.Identifier(schema.channel(district)))
        self._notify = sql.SQL("NOTIFY {}").format(sql.Identifier(schema.channel(district)))
        self._link = Link(location, connection, lambda conn: conn.execute(self._listen))
        self._missed = False
        self._committing = False  # the current write has sent its COMMIT
        self._outer = 0  # inside one_commit(): the caller's transaction is the one
        self._said_lost = False  # the watch has said the connection is lost
        self._answers: dict[tuple[Any, ...], Any] = {}  # the last answer to each read

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str, *, clock: Callable[[], date] = date.today) -> Self:
        """Open a district that exists (a district account cannot create one)."""
        location = _with_district(url)
        assert location.district is not None
        store = cls(location, location.district, connect(location), clock=clock)
        try:
            store._check_schema()
            connection = store._link.conn
            connection.execute(store._listen)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def init(cls, url: str, *, clock: Callable[[], date] = date.today) -> Self:
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

    @guarded
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

    # --- the connection, transactions and locks ---------------------------------------------
    @property
    def _conn(self) -> psycopg.Connection[Row]:
        return self._link.conn

    def _connection(self) -> psycopg.Connection[Row]:
        """The connection, opened again if the last one was lost (store/pg/link.py)."""
        return self._link.current()

    @contextmanager
    def one_commit(self) -> Iterator[None]:
        """The saves inside are one transaction, all or nothing (copying a district): each
        save's own becomes a savepoint in it, and its notice goes out at the commit."""
        problem: StoreError | None = None
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    self._outer += 1
                    try:
                        yield
                    finally:
                        self._outer -= 1
            except psycopg.Error as error:
                problem = failure(error, self.location, self.district, lost=self._link.lost())
        if problem is not None:
            raise problem

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
            self._committing = not self._outer  # what fails from here may have committed
        self._link.checked_at = time.monotonic()

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
        """True when another window saved since the last call. It reads the notifications
        the server already sent, and every HEARTBEAT_SECONDS makes one round trip to be
        sure the connection is there. A lost one is said once (StoreError `pg.lost_watch`)
        and connected again in the background; once it is back, True (saves made
        meanwhile were not heard). Never waits for a connection another call is using."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            return self._changed()
        finally:
            self._lock.release()

    def _changed(self) -> bool:
        link = self._link
        if link.lost():
            link.adopt_spare()
        if not link.lost():
            try:
                if time.monotonic() - link.checked_at >= HEARTBEAT_SECONDS:
                    link.conn.execute("SELECT 1")  # also brings notices the server holds
                    link.checked_at = time.monotonic()
                own = link.conn.info.backend_pid
                for note in link.conn.notifies(timeout=0):
                    if note.pid != own:
                        self._missed = True
            except psycopg.Error:
                pass  # lost, said below; anything else is said by the next read or save
        if link.lost():
            link.reconnect_in_background()
            if self._said_lost:
                return False
            self._said_lost = True
            raise StoreError("pg.lost_watch", url=Shown(self.root))
        if link.take_reopened():
            self._missed, self._said_lost = True, False
        changed, self._missed = self._missed, False
        return changed

    def close(self) -> None:
        with self._lock:
            self._link.close()


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
