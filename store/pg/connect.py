"""Connecting to the server, and a failure said as one coded line without a password.

libpq reports a failed connection in words, without an SQLSTATE (psycopg's `sqlstate` is
None then), so the usual causes are told apart by libpq's and the server's English
wording; anything else keeps libpq's own reason, scrubbed of every password it was given.
The StoreError is raised outside the `except` block: it carries no chained psycopg error
whose message or connection info could show the password in a traceback.
"""

from __future__ import annotations

import os

import psycopg
from psycopg import errors as pgerrors

from store.errors import StoreError
from store.pg.location import Location, Shown, scrub, secrets_in

CONNECT_TIMEOUT_SECONDS = 10
# How long sent data may stay unacknowledged before the connection counts as lost (a
# network gone quiet, not refused): without it a save would wait for TCP's own limit,
# a quarter of an hour.
TCP_USER_TIMEOUT_MS = 15_000

_UNREACHABLE = (
    "connection refused",
    "could not connect",
    "could not translate host name",
    "failed to resolve host",
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "no such file or directory",  # a socket folder with no server
    "server closed the connection",
)
_AUTH = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "no pg_hba.conf entry",
    'role "',  # role "x" does not exist
)


def connect(location: Location) -> psycopg.Connection[tuple[object, ...]]:
    """An autocommit connection (transactions are explicit), or a coded StoreError."""
    options: dict[str, object] = {"autocommit": True}
    if "connect_timeout" not in location.conninfo and "PGCONNECT_TIMEOUT" not in os.environ:
        options["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    if "tcp_user_timeout" not in location.conninfo:
        options["tcp_user_timeout"] = TCP_USER_TIMEOUT_MS
    if "application_name" not in location.conninfo:
        options["application_name"] = "diaodu"
    failure: StoreError | None = None
    try:
        return psycopg.connect(location.conninfo, **options)  # type: ignore[arg-type]
    except psycopg.Error as error:
        failure = connect_failure(error, location)
    raise failure


def connect_failure(error: psycopg.Error, location: Location) -> StoreError:
    message = str(error)
    lowered = message.lower()
    url = location.shown
    if isinstance(error, psycopg.ProgrammingError):  # libpq could not read the URL
        return StoreError("pg.bad_url", url=Shown(url), reason=_reason(message, location))
    if "does not exist" in lowered and "database" in lowered:
        return StoreError("pg.no_database", url=Shown(url), database=location.database)
    if any(mark in lowered for mark in _AUTH):
        return StoreError("pg.login_failed", url=Shown(url))
    if any(mark in lowered for mark in _UNREACHABLE):
        return StoreError("pg.unreachable", url=Shown(url))
    return StoreError("pg.connect_failed", url=Shown(url), reason=_reason(message, location))


def _reason(message: str, location: Location) -> str:
    text = message.removeprefix("connection failed: ")
    return scrub(text, secrets_in(location.conninfo))


def failure(
    error: psycopg.Error,
    location: Location,
    district: str,
    *,
    lost: bool = False,
    committing: bool = False,
) -> StoreError:
    """A psycopg error during work on a district, as one coded StoreError. The caller
    raises it outside its `except` block, so that it chains nothing. `committing`: the
    connection was lost after the COMMIT was sent, so the save may have been made."""
    if isinstance(error, pgerrors.InsufficientPrivilege):
        return StoreError("pg.denied", district=district, url=Shown(location.shown))
    if isinstance(error, pgerrors.InvalidSchemaName | pgerrors.UndefinedTable):
        return StoreError(
            "pg.no_district",
            district=district,
            database=location.database,
            url=Shown(location.shown),
        )
    if lost and committing:
        return StoreError("pg.lost_committing", url=Shown(location.shown))
    if lost:  # the connection is gone (other OperationalErrors, e.g. a full disk, are not)
        return StoreError("pg.lost", url=Shown(location.shown))
    primary = error.diag.message_primary or str(error)
    return StoreError("pg.failed", reason=_reason(primary, location))
