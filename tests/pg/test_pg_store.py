"""What only the server store has, or has first: revisions, tables an analyst can query,
its schema version and migrations, and windows saving at the same moment."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date

import psycopg
import pytest
from psycopg import sql

from agenda.commitments import Commitment, Status
from agenda.errors import StaleError
from agenda.metrics import MetricKind, RateSource, Reading
from agenda.periods import Period
from store import StoreError, codec
from store.opening import open_store
from store.pg import schema
from store.pg.location import parse
from store.pg.store import PgStore
from tests.pg.conftest import TODAY

NOV = Period(2026, 11)


@dataclass(frozen=True)
class RevisedCommitment(Commitment):
    """A commitment as it will be once records carry their revision (another branch)."""

    revision: int = 0


def admin(url: str) -> psycopg.Connection:
    return psycopg.connect(url.split("&district=")[0], autocommit=True)


def open_pg(url: str) -> PgStore:
    store = open_store(url, clock=lambda: TODAY)
    assert isinstance(store, PgStore)
    return store


def add(store: PgStore, text: str = "确保签约1个亿元项目") -> Commitment:
    return store.add_commitment(
        NOV, lambda id_: Commitment(id_, "u001", text, "张三", date(2026, 12, 31))
    )


# --- revisions ------------------------------------------------------------------------------


def test_each_save_is_a_new_revision_and_an_older_one_is_refused(pg_url: str) -> None:
    chair, secretary = open_pg(pg_url), open_pg(pg_url)
    first = add(chair)
    with admin(pg_url) as conn:
        rev = sql.SQL("SELECT rev FROM {}.commitments").format(sql.Identifier(chair.district))
        assert conn.execute(rev).fetchone() == (1,)
        secretary.update_commitment(
            first.id, lambda c: replace(c, text="改过的"), expected_revision=1
        )
        assert conn.execute(rev).fetchone() == (2,)
    # The chair's change was built on revision 1: refused, with the record as it is now.
    with pytest.raises(StaleError) as stale:
        chair.update_commitment(first.id, lambda c: replace(c, owner="李四"), expected_revision=1)
    assert stale.value.current.text == "改过的"
    assert stale.value.current.owner == "张三"
    assert "was changed in another window" in str(stale.value)
    assert chair.commitment(first.id).owner == "张三"


def test_a_meeting_change_built_on_an_older_revision_is_refused(pg_url: str) -> None:
    store = open_pg(pg_url)
    meeting = store.create_meeting(NOV, TODAY, "zhaoshang")
    store.update_meeting(meeting.id, lambda m: m.with_note("review", "第一"), expected_revision=1)
    with pytest.raises(StaleError) as stale:
        store.update_meeting(
            meeting.id, lambda m: m.with_note("review", "第二"), expected_revision=1
        )
    assert stale.value.current.notes["review"] == "第一"
    assert store.meeting(meeting.id).notes["review"] == "第一"


def test_a_record_carrying_its_revision_is_checked_on_save(pg_url: str) -> None:
    store = open_pg(pg_url)
    saved = store.add_commitment(
        NOV, lambda id_: RevisedCommitment(id_, "u001", "任务", "张三", date(2026, 12, 31))
    )
    assert saved.revision == 1
    store.save_commitments([replace(saved, text="第二版")])  # built on revision 1: saved
    other = add(store, "另一项")
    with pytest.raises(StaleError):  # built on revision 1 again, the server has 2
        store.save_commitments([replace(other, text="不应保存"), replace(saved, text="旧的改动")])
    assert [c.text for c in store.commitments()] == ["第二版", "另一项"], "all or nothing"


# --- tables an analyst can query ------------------------------------------------------------


def test_records_are_rows_with_key_columns_and_the_codecs_doc(pg_url: str) -> None:
    store = open_pg(pg_url)
    commitment = store.update_commitment(
        add(store).id, lambda c: c.extend(date(2027, 1, 15), "客商推迟", TODAY)
    )
    table = sql.SQL(
        "SELECT id, period, number, unit_id, status, due, effective_due, doc FROM {}.commitments"
    )
    with admin(pg_url) as conn:
        row = conn.execute(table.format(sql.Identifier(store.district))).fetchone()
    assert row[:7] == (
        "2026-11.1",
        "2026-11",
        1,
        "u001",
        "open",
        date(2026, 12, 31),
        date(2027, 1, 15),
    )
    assert row[7] == {**codec.commitment_doc(commitment), "rev": 2}


def test_the_schema_version_is_in_meta_and_a_newer_one_is_refused(pg_url: str) -> None:
    district = parse(pg_url).district
    meta = sql.SQL("UPDATE {}.meta SET value = '99' WHERE key = 'schema'")
    with admin(pg_url) as conn:
        version = conn.execute(
            sql.SQL("SELECT value FROM {}.meta WHERE key = 'schema'").format(
                sql.Identifier(district)
            )
        ).fetchone()
        assert version == (str(schema.SCHEMA_VERSION),)
        conn.execute(meta.format(sql.Identifier(district)))
    with pytest.raises(StoreError) as caught:
        open_store(pg_url)
    assert caught.value.code == "pg.newer_schema"
    assert "written by a newer diaodu (schema 99" in str(caught.value)


def test_an_older_district_is_upgraded_by_its_owner_in_one_transaction(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(open_pg(pg_url))

    def add_a_column(cur: psycopg.Cursor, district: sql.Identifier) -> None:
        cur.execute(
            sql.SQL("ALTER TABLE {}.commitments ADD COLUMN escalated boolean").format(district)
        )

    def fail(cur: psycopg.Cursor, district: sql.Identifier) -> None:
        add_a_column(cur, district)
        raise RuntimeError("disk full")

    now = schema.SCHEMA_VERSION  # the district's; the code's is one ahead of it
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, fail)
    with pytest.raises(StoreError, match="disk full"):
        open_store(pg_url)
    monkeypatch.setitem(schema.MIGRATIONS, now, add_a_column)
    upgraded = open_pg(pg_url)  # the failed try left nothing behind: the column is new
    assert [c.text for c in upgraded.commitments()] == ["确保签约1个亿元项目"]
    with admin(pg_url) as conn:
        query = sql.SQL(
            "SELECT escalated, (SELECT value FROM {0}.meta WHERE key = 'schema')"
            " FROM {0}.commitments"
        ).format(sql.Identifier(upgraded.district))
        assert conn.execute(query).fetchone() == (None, str(now + 1))


# --- two windows at once ---------------------------------------------------------------------


def test_two_windows_saving_at_once_lose_nothing(pg_url: str) -> None:
    saves = 30
    meeting = open_pg(pg_url).create_meeting(NOV, TODAY, "zhaoshang")
    first = add(open_pg(pg_url), "共同修改的任务")
    go = threading.Barrier(2)
    errors: list[BaseException] = []

    def window(name: str) -> None:
        store = open_pg(pg_url)
        go.wait()
        try:
            for number in range(saves):
                add(store, f"{name} 第{number}项")
                said = f"{name}-{number}"
                store.update_meeting(meeting.id, lambda m, said=said: m.with_note(said, "记录"))
                store.update_commitment(
                    first.id, lambda c, said=said: c.mark(Status.OPEN, TODAY, note=said)
                )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        store.close()

    threads = [threading.Thread(target=window, args=(n,)) for n in ("chair", "secretary")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    again = open_pg(pg_url)
    commitments = again.commitments()
    assert sorted(int(c.id.split(".")[1]) for c in commitments) == list(range(1, 2 * saves + 2))
    assert len(again.meeting(meeting.id).notes) == 2 * saves
    assert len(again.commitment(first.id).history) == 2 * saves


def test_a_schema_1_district_keeps_the_metrics_it_read(pg_url: str) -> None:
    """As the folder's upgrade: a district that never stored its metrics and holds figures
    keeps the built-in set it read, with 开工率 typed in (store/migrate_metrics.py)."""
    store = open_pg(pg_url)
    store.save_readings([Reading("u001", "start_rate", Period(2026, 10), 72.5)])
    district = sql.Identifier(store.district)
    store.close()
    with admin(pg_url) as conn:
        conn.execute(
            sql.SQL("UPDATE {}.meta SET value = '1' WHERE key = 'schema'").format(district)
        )
    metrics = open_pg(pg_url).metrics()
    rate = next(m for m in metrics if m.key == "start_rate")
    assert (rate.kind, rate.source) == (MetricKind.RATE, RateSource.REPORTED)
    assert [m.key for m in metrics][-1] == "start_rate"
