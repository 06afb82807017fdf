"""A PostgreSQL server for the session (one per xdist worker: it starts in about a second),
and the store tests' backends: the folder and a district on that server.

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

import pytest

from store.opening import AnyStore, init_store, open_store
from tests import pgserver
from tests.pgserver import Server

TODAY = date(2026, 11, 22)
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


@pytest.fixture(params=["folder", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    where: str | Path
    if request.param == "folder":
        where = tmp_path / "data"
    else:
        server: Server = request.getfixturevalue("pg_server")
        where = server.admin_url(district=new_district())
    chosen = Backend(request.param, where, init_store(where, clock=lambda: TODAY))
    yield chosen
    chosen.store.close()


@pytest.fixture
def pg_url(pg_server: Server) -> str:
    """A new district's URL (the superuser's), created."""
    url = pg_server.admin_url(district=new_district())
    init_store(url, clock=lambda: TODAY).close()
    return url
