"""What only the server store has: tables an analyst can query, its schema version and
migrations. (What both backends promise is the contract suite, tests/store/test_contract_*.py.)"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import psycopg
import pytest
from psycopg import sql

from agenda.commitments import Commitment
from agenda.metrics import MetricKind, RateSource, Reading
from agenda.periods import Period
from store import StoreError, codec
from store.opening import open_store
from store.pg import schema
from store.pg.location import parse
from store.pg.store import PgStore
from tests.backends import TODAY

NOV = Period(2026, 11)


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


def test_a_schema_2_district_upgrades_and_keeps_every_revision(pg_url: str) -> None:
    """Before meetings carried their closings (schema 2), a doc could lack `rev` and
    `events`: the upgrade puts each record's revision into its doc, and an older diaodu,
    which would save a closed meeting past its rules, is now told the district is newer."""
    store = open_pg(pg_url)
    commitment = store.update_commitment(add(store).id, lambda c: replace(c, owner="李四"))
    meeting = store.create_meeting(NOV, TODAY, "zhaoshang")
    district = sql.Identifier(store.district)
    store.close()
    with admin(pg_url) as conn:
        for table in ("meetings", "commitments"):
            conn.execute(
                sql.SQL("UPDATE {}.{} SET doc = doc - 'rev' - 'events'").format(
                    district, sql.Identifier(table)
                )
            )
        conn.execute(
            sql.SQL("UPDATE {}.meta SET value = '2' WHERE key = 'schema'").format(district)
        )
    upgraded = open_pg(pg_url)
    assert upgraded.commitment(commitment.id) == commitment  # revision 2, from its row
    assert upgraded.meeting(meeting.id) == meeting
    with admin(pg_url) as conn:
        docs = conn.execute(
            sql.SQL(
                "SELECT doc -> 'rev' FROM {0}.commitments UNION ALL SELECT doc -> 'rev'"
                " FROM {0}.meetings UNION ALL SELECT to_jsonb(value) FROM {0}.meta"
                " WHERE key = 'schema'"
            ).format(district)
        ).fetchall()
    assert docs == [(2,), (1,), ("3",)]
    assert schema.SCHEMA_VERSION == 3


def test_the_other_window_hears_a_save_within_a_second_without_asking(pg_url: str) -> None:
    """LISTEN/NOTIFY: the notice comes to the other connection by itself (no query, no
    polling of the tables); the app's watch, looking every second, finds it there."""
    import select

    chair, secretary = open_pg(pg_url), open_pg(pg_url)
    assert not chair.changed()
    add(secretary)
    ready, _, _ = select.select([chair._link.conn.fileno()], [], [], 1.0)
    assert ready, "no notice within a second"
    assert chair.changed()
    assert not chair.changed(), "reported once"
    chair.close()
    secretary.close()
