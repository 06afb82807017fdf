"""The two places a district lives, for the tests: a data folder and a district on a
PostgreSQL server (one throwaway server per xdist worker: it starts in about a second).

- `backend`: a new, empty district on each backend in turn (the contract suite,
  tests/store/test_contract_*.py).
- `pg_url`: a new district on the server; `pg_demo_url`: the demo district on the server,
  seeded once per worker and only read (the CLI's report tests); `demo_district`: the demo
  on each backend in turn, a fresh copy per test (the Pilot walk writes to it).

The server fixture fails, never skips, when no server can be started: in CI these tests
must run. Only DIAODU_TEST_NO_POSTGRES=1 (a machine without PostgreSQL) skips them.
"""

from __future__ import annotations

import atexit
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from agenda.demo import build_demo
from store.opening import AnyStore, init_store, open_store
from store.seed import seed
from tests import pgserver
from tests.pgserver import Server

TODAY = date(2026, 11, 22)
BACKENDS = ("folder", "postgresql")
_districts = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_libpq_settings_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's PGHOST, PGSSLMODE or PGPASSWORD must not reach the tests' connections
    (HOME is a temporary folder already, so no ~/.pgpass either)."""
    for name in [n for n in os.environ if n.startswith("PG")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    if os.environ.get(pgserver.NO_POSTGRES) == "1":
        pytest.skip(f"{pgserver.NO_POSTGRES}=1: this machine has no PostgreSQL")
    try:
        server = pgserver.start()
    except pgserver.NoServer as error:
        pytest.fail(f"no PostgreSQL server could be started: {error}", pytrace=False)
    atexit.register(pgserver.stop, server)  # should the session die before its teardown
    try:
        yield server
    finally:
        pgserver.stop(server)


def new_district() -> str:
    """A district name no other test of this worker's server uses."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"t_{worker}_{next(_districts)}"


@dataclass
class Backend:
    """Where a test's district lives, and its first window on it."""

    name: str
    where: str | Path
    store: AnyStore

    def window(self) -> AnyStore:
        """Another window on the same district (a new connection, or a new folder Store)."""
        return open_store(self.where, clock=lambda: TODAY)

    def reopen(self) -> AnyStore:
        """A fresh store: nothing can come from the first one's memory."""
        self.store.close()
        self.store = self.window()
        return self.store

    def snapshot(self) -> dict[str, Any]:
        """Everything the district holds as it is kept: each file's bytes, or each table's
        rows. Equal before and after a refused save: nothing at all was written."""
        if isinstance(self.where, Path):
            return {
                str(path.relative_to(self.where)): path.read_bytes()
                for path in sorted(self.where.rglob("*.json"))
            }
        import psycopg
        from psycopg import sql

        from store.pg.base import TABLE_NAMES
        from store.pg.location import parse

        location = parse(self.where)
        with psycopg.connect(location.conninfo, autocommit=True) as conn:
            return {
                table: conn.execute(
                    sql.SQL("SELECT * FROM {}.{} ORDER BY 1, 2").format(
                        sql.Identifier(str(location.district)), sql.Identifier(table)
                    )
                ).fetchall()
                for table in TABLE_NAMES
            }


def district_at(request: pytest.FixtureRequest, kind: str, folder: Path) -> str | Path:
    """Where a new district of `kind` goes: a folder, or the URL of a new district."""
    if kind == "folder":
        return folder
    server: Server = request.getfixturevalue("pg_server")
    return server.admin_url(district=new_district())


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    where = district_at(request, request.param, tmp_path / "data")
    chosen = Backend(request.param, where, init_store(where, clock=lambda: TODAY))
    yield chosen
    chosen.store.close()


@pytest.fixture
def pg_url(pg_server: Server) -> str:
    """A new district's URL (the superuser's), created."""
    url = pg_server.admin_url(district=new_district())
    init_store(url, clock=lambda: TODAY).close()
    return url


def seeded(where: str | Path) -> AnyStore:
    """The demo district as it stands on TODAY, at `where`."""
    store = init_store(where, clock=lambda: TODAY)
    seed(store, build_demo(TODAY))
    return store


@pytest.fixture(scope="session")
def pg_demo_url(pg_server: Server) -> str:
    """The demo district on the server, seeded once per worker: for tests that only read."""
    url = pg_server.admin_url(district=new_district())
    seeded(url).close()
    return url


@pytest.fixture(params=BACKENDS)
def demo_district(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AnyStore]:
    """The demo district on each backend in turn, a copy of its own for the test."""
    store = seeded(district_at(request, request.param, tmp_path / "demo"))
    yield store
    store.close()
