"""A server that goes away in the middle of a meeting: a lost connection is opened again
on its own; while the server is down a save is one readable line and a read gives the
answer it gave last; once the server is back, the next save works. The watch
(`changed()`) finds a lost connection, says so once, and connects again without holding
the app up."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from agenda.commitments import Commitment
from agenda.periods import Period
from store import StoreError
from store.opening import open_store
from store.pg import base
from store.pg.store import PgStore
from tests import pgserver
from tests.backends import TODAY
from tests.pgserver import Server

NOV = Period(2026, 11)


def open_pg(url: str) -> PgStore:
    store = open_store(url, clock=lambda: TODAY)
    assert isinstance(store, PgStore)
    return store


def end_our_sessions(url: str) -> None:
    """What a DBA's pg_terminate_backend (or a server restart) does to the app."""
    with psycopg.connect(url.split("&district=")[0], autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = 'diaodu' AND pid <> pg_backend_pid()"
        )


def add(store: PgStore, text: str) -> Commitment:
    return store.add_commitment(
        NOV, lambda id_: Commitment(id_, "u001", text, "张三", date(2026, 12, 31))
    )


def test_a_connection_the_server_ended_is_opened_again_unseen(pg_url: str) -> None:
    store = open_pg(pg_url)
    end_our_sessions(pg_url)
    add(store, "断线后保存")  # nothing had been sent: tried again on a new connection
    assert store.changed(), "saves may have been missed while cut off: read again"
    end_our_sessions(pg_url)
    assert [c.text for c in store.commitments()] == ["断线后保存"]  # a read too
    store.close()


def test_a_server_that_goes_away_is_said_once_and_the_next_save_once_back_works(
    pg_server: Server, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "HEARTBEAT_SECONDS", 0.0)  # the watch looks every time
    store, other = open_pg(pg_url), open_pg(pg_url)
    add(store, "停机前")
    assert not store.changed()
    shown = store.commitments()
    pgserver.halt(pg_server)
    try:
        with pytest.raises(StoreError) as lost:  # the app's watch, within a second
            store.changed()
        assert lost.value.code == "pg.lost_watch"
        assert "正在重新连接" in lost.value.words("zh")
        assert not store.changed(), "said once"
        # The window goes on showing what it showed: a read asked before gives the last
        # answer; one never asked is one line.
        assert store.commitments() == shown
        with pytest.raises(StoreError) as never_read:
            store.commitment(f"{NOV}.9")
        assert never_read.value.code == "pg.unreachable"
        with pytest.raises(StoreError) as down:  # a save meanwhile: one line, not saved
            add(store, "停机时")
        assert down.value.code == "pg.unreachable"
        assert down.value.words("zh").startswith("无法连接数据库服务器")
    finally:
        pgserver.resume(pg_server)
    add(other, "另一窗口在恢复后保存")
    for _ in range(3):  # the watch connects again on a thread of its own
        if store.changed():
            break
        store._link.wait_for_background(timeout=30)
    else:
        pytest.fail("the watch did not connect again")
    add(store, "恢复后")
    assert [c.text for c in other.commitments()] == ["停机前", "另一窗口在恢复后保存", "恢复后"]
    add(other, "再一次")
    assert store.changed(), "the new connection listens"
    store.close()
    other.close()


def test_a_slow_failure_to_connect_is_said_again_at_once_a_quick_one_tried_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server out of reach (no answer until the timeout) holds a window up once, not at
    every read; a server that refuses at once (down, its machine up) is asked every time."""
    from types import SimpleNamespace

    from store.pg import link as link_module
    from store.pg.location import parse

    clock = [100.0]
    attempts: list[float] = []

    def connect(location: object, took: float) -> object:
        attempts.append(clock[0])
        clock[0] += took
        raise StoreError("pg.unreachable", url="u")

    monkeypatch.setattr(link_module.time, "monotonic", lambda: clock[0])
    gone = SimpleNamespace(closed=True, broken=True)
    link = link_module.Link(parse("postgresql://h/d?district=a"), gone, lambda conn: None)  # type: ignore[arg-type]
    for took, tries_after_a_failure in ((10.0, 1), (0.01, 2)):
        attempts.clear()
        monkeypatch.setattr(link_module, "connect", lambda loc, took=took: connect(loc, took))
        for _ in range(2):
            with pytest.raises(StoreError):
                link.current()
        assert len(attempts) == tries_after_a_failure
        clock[0] += link_module.RETRY_SECONDS
