"""Open a district wherever it lives: the one factory the CLI, the app and the tests call.

A folder path opens the folder store (TinyDB files); a `postgresql://` URL opens a
district on a server (PgStore), imported only then: the folder works without psycopg.

`open_district` hands back the domain's `District` (agenda/usecases/district.py): the use
cases know the store only by its contract, so opening one is the one job that lives
with the backends.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeAlias

from agenda.usecases.district import Clock, District
from store.errors import StoreError
from store.locations import data_location
from store.store import Notice, Store

if TYPE_CHECKING:
    from store.pg.store import PgStore

AnyStore: TypeAlias = "Store | PgStore"
Where = str | os.PathLike[str] | None


def open_store(
    where: Where = None,
    *,
    clock: Callable[[], date] = date.today,
    on_notice: Notice | None = None,
) -> AnyStore:
    """Open the district at `where` (else DIAODU_DB, else the user data folder).

    `on_notice` hears what a folder store noticed and went on (a stray file it left
    alone); a server has no such files."""
    location = data_location(where)
    if isinstance(location, str):
        return _pg_store().open(location, clock=clock)
    return Store.open(location, clock=clock, on_notice=on_notice)


def open_district(
    where: Where = None, *, clock: Clock = datetime.now, on_notice: Notice | None = None
) -> District:
    """The district at `where`, on `clock`: its store opened, and said where it is."""
    return district_of(open_store(where, clock=clock, on_notice=on_notice), clock)


def init_district(where: Where = None, *, clock: Clock = datetime.now) -> District:
    """Create the district (see `init_store`) and hand it back open."""
    return district_of(init_store(where, clock=clock), clock)


def district_of(store: AnyStore, clock: Clock = datetime.now) -> District:
    """A store already open, as a district on `clock` (the store takes the same clock)."""
    where = store.root / "meta.json" if isinstance(store, Store) else store.root
    return District(store, clock, where=str(where))


def init_store(where: Where = None, *, clock: Callable[[], date] = date.today) -> AnyStore:
    """Create the district: a folder, or a schema with its tables and roles on a server."""
    location = data_location(where)
    if isinstance(location, str):
        return _pg_store().init(location, clock=clock)
    return Store.open(location, clock=clock)


def _pg_store() -> type[PgStore]:
    try:
        import psycopg  # noqa: F401  (the question is only whether it is installed)
    except ImportError:
        raise StoreError("pg.no_driver") from None
    from store.pg.store import PgStore

    return PgStore
