"""The connection to a district's server, kept: opened again when it was lost.

A server restarted, a DBA ending our session, a network gone: the connection is found
lost the next time it is used (a dead socket says nothing until then). `current()` then
opens a new one, or raises at once the failure of a slow attempt made moments ago (a
server out of reach holds a window up once, not at every read). The watch asks for a new one
in the background (`reconnect_in_background`), so that it never waits on a server.
Every new connection runs `on_open` (LISTEN on the district's channel) before it is used,
and counts as reopened: saves made meanwhile by others were not heard.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg

from store.errors import StoreError
from store.pg.connect import connect
from store.pg.location import Location

Connection = psycopg.Connection[tuple[Any, ...]]
# After an attempt to connect failed slowly (a server out of reach: no answer until the
# timeout), the next one waits this long: until then the same failure is said at once, and
# the watch goes on trying in the background. A quick refusal (the server is down, its
# machine up) is tried again every time: it costs nothing, and a server back is back.
RETRY_SECONDS = 5.0
SLOW_SECONDS = 1.0


class Link:
    def __init__(
        self, location: Location, conn: Connection, on_open: Callable[[Connection], object]
    ) -> None:
        self.location = location
        self.conn = conn
        self.checked_at = time.monotonic()  # the connection's last round trip
        self._on_open = on_open
        self._reopened = False
        self._failed: tuple[float, StoreError] | None = None
        # From the background: a new connection, or the failure and how long it took.
        self._spare: Connection | tuple[StoreError, float] | None = None
        self._spare_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def lost(self) -> bool:
        return self.conn.closed or self.conn.broken

    def current(self) -> Connection:
        """The connection; a lost one replaced first (by the background's, or a new one)."""
        if not self.lost() or self.adopt_spare():
            return self.conn
        if self._failed is not None and time.monotonic() - self._failed[0] < RETRY_SECONDS:
            raise _again(self._failed[1])
        started = time.monotonic()
        try:
            conn = connect(self.location)
        except StoreError as error:
            self._note_failure(error, time.monotonic() - started)
            raise
        self._install(conn)
        return self.conn

    def _note_failure(self, error: StoreError, took: float) -> None:
        if took >= SLOW_SECONDS:
            self._failed = (time.monotonic(), error)

    def take_reopened(self) -> bool:
        """True once after a new connection replaced a lost one."""
        reopened, self._reopened = self._reopened, False
        return reopened

    def adopt_spare(self) -> bool:
        """Put the background's new connection to use, if the current one is lost."""
        with self._spare_lock:
            spare, self._spare = self._spare, None
        if spare is None:
            return False
        if isinstance(spare, tuple):  # the background's attempt failed
            self._note_failure(*spare)
            return False
        if not self.lost():  # opened again meanwhile by a read or a save
            spare.close()
            return False
        try:
            self._install(spare)
        except psycopg.Error:
            spare.close()
            return False
        return True

    def reconnect_in_background(self) -> None:
        """Connect again on a thread of its own; `adopt_spare` takes the result up."""
        if self._thread is not None and self._thread.is_alive():
            return

        def reconnect() -> None:
            started = time.monotonic()
            try:
                spare: Connection | tuple[StoreError, float] = connect(self.location)
            except StoreError as error:
                spare = (error, time.monotonic() - started)
            with self._spare_lock:
                if isinstance(self._spare, psycopg.Connection):
                    self._spare.close()
                self._spare = spare

        self._thread = threading.Thread(target=reconnect, daemon=True, name="diaodu-pg-link")
        self._thread.start()

    def wait_for_background(self, timeout: float) -> None:
        """For tests: let a reconnection under way finish."""
        if self._thread is not None:
            self._thread.join(timeout)

    def close(self) -> None:
        self.conn.close()
        with self._spare_lock:
            if isinstance(self._spare, psycopg.Connection):
                self._spare.close()
            self._spare = None

    def _install(self, conn: Connection) -> None:
        self._on_open(conn)
        self.conn = conn
        self._reopened = True
        self._failed = None
        self.checked_at = time.monotonic()


def _again(error: StoreError) -> StoreError:
    """The same failure, as a new error (an exception raised twice keeps its traceback)."""
    return StoreError(error.code, **error.params)
