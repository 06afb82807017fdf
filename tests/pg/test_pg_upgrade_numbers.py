"""A district on a server from before meetings were numbered (its schema 2, or 1) upgrades as a
folder of schema 3 does, in the transaction that raises its version: the templates table
made, the docs of meetings and commitments numbered and counted, attendance as records."""

from __future__ import annotations

from psycopg import sql
from psycopg.types.json import Jsonb

from agenda.demo import build_demo
from store.migrate_metrics import SCHEMA_1_DEFAULTS
from store.migrate_numbers import COMMITMENT_DEFAULTS, MEETING_DEFAULTS
from store.pg import schema
from store.seed import seed
from tests.pg.test_pg_store import TODAY, admin, open_pg
from tests.store.test_store_upgrade_numbers import upgraded_demo


def as_schema_2(pg_url: str, district: sql.Identifier) -> None:
    """Set a district back to what a diaodu of schema 2 wrote: no templates table, the
    docs without issue 10's fields nor their revision, attendance as bare statuses."""
    with admin(pg_url) as conn:
        conn.execute(sql.SQL("DROP TABLE {}.templates").format(district))
        for table, defaults in (
            ("meetings", MEETING_DEFAULTS),
            ("commitments", COMMITMENT_DEFAULTS),
        ):
            rows = conn.execute(
                sql.SQL("SELECT id, doc FROM {}.{}").format(district, sql.Identifier(table))
            ).fetchall()
            for record_id, doc in rows:
                for key in [*defaults, "rev"]:
                    doc.pop(key, None)
                if table == "meetings":
                    doc["attendance"] = {u: v["status"] for u, v in doc["attendance"].items()}
                conn.execute(
                    sql.SQL("UPDATE {}.{} SET doc = %s WHERE id = %s").format(
                        district, sql.Identifier(table)
                    ),
                    (Jsonb(doc), record_id),
                )
        conn.execute(
            sql.SQL("UPDATE {}.meta SET value = '2' WHERE key = 'schema'").format(district)
        )


def test_a_schema_2_district_upgrades_and_reads_every_record(pg_url: str) -> None:
    demo = build_demo(TODAY)
    store = open_pg(pg_url)
    seed(store, demo)
    district = sql.Identifier(store.district)
    store.close()
    as_schema_2(pg_url, district)
    upgraded = open_pg(pg_url)
    with admin(pg_url) as conn:
        found = conn.execute(
            sql.SQL("SELECT value FROM {}.meta WHERE key = 'schema'").format(district)
        ).fetchone()
        assert found is not None and int(found[0]) == schema.SCHEMA_VERSION == 3
        row = conn.execute(
            sql.SQL("SELECT doc FROM {}.meetings WHERE id = '2026-09.1'").format(district)
        ).fetchone()
        assert row is not None and row[0]["attendance"]["u001"] == {"status": "present"}
    meetings, commitments = upgraded_demo(demo)
    assert upgraded.meetings(include_archive=True) == meetings
    by_id = {c.id: c for c in upgraded.commitments(include_archive=True)}
    assert [by_id[c.id] for c in commitments] == commitments
    assert upgraded.templates() == []
    upgraded.save_template(demo.templates[0])  # the new table takes them
    assert [template.key for template in upgraded.templates()] == ["weekly"]


def test_a_schema_1_district_takes_every_step_in_one_opening(pg_url: str) -> None:
    """The chain: 1 -> 2 keeps the built-in metrics it read (it never stored any and holds
    figures), 2 -> 3 numbers the records and puts each row's revision in its doc."""
    demo = build_demo(TODAY)
    store = open_pg(pg_url)
    seed(store, demo)
    district = sql.Identifier(store.district)
    store.close()
    as_schema_2(pg_url, district)
    with admin(pg_url) as conn:
        conn.execute(sql.SQL("DELETE FROM {}.metrics").format(district))
        conn.execute(
            sql.SQL("UPDATE {}.meta SET value = '1' WHERE key = 'schema'").format(district)
        )
    upgraded = open_pg(pg_url)
    assert [m.key for m in upgraded.metrics()] == [doc["key"] for doc in SCHEMA_1_DEFAULTS]
    meetings, commitments = upgraded_demo(demo)
    assert upgraded.meetings(include_archive=True) == meetings
    by_id = {c.id: c for c in upgraded.commitments(include_archive=True)}
    assert [by_id[c.id] for c in commitments] == commitments
    with admin(pg_url) as conn:
        found = conn.execute(
            sql.SQL(
                "SELECT count(*) FROM (SELECT rev, doc FROM {0}.meetings UNION ALL"
                " SELECT rev, doc FROM {0}.commitments) AS records"
                " WHERE doc -> 'rev' IS DISTINCT FROM to_jsonb(rev)"
                " UNION ALL SELECT value::bigint FROM {0}.meta WHERE key = 'schema'"
            ).format(district)
        ).fetchall()
    assert found == [(0,), (schema.SCHEMA_VERSION,)]
