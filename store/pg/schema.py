"""A district's schema on the server: its tables, its version, its migrations, its roles.

Each district is a schema of its own (`chengguan.commitments`, `hekou.commitments`, ...).
Tables have the columns an analyst filters and joins on, and the whole record as `doc`
(jsonb), written by the same `store/codec.py` functions as the folder's JSON: a field
added to a record reaches the server without a change here. Plain SQL only (no
extensions, no ON CONFLICT): KingbaseES, HighGo and openGauss take it too.

Who may do what is the server's business, not the app's:

- `diaodu_<district>` (a group role, no login): reads and writes its own schema's tables,
  reads its `meta`; has no privilege at all on any other district's schema.
- `diaodu_city` (a group role, no login): reads every district's tables.
- The DBA creates the people's logins and puts each in one of these roles. The tables
  belong to whoever ran `diaodu init` (the DBA): no district account can alter, drop or
  grant them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from psycopg import Cursor, sql

# 2: metrics may be rates formed from two others or from the review (as the folder's 2).
# 3: the district's own agenda templates (table templates); meetings numbered in the year,
#    commitments in their meeting, carry-overs counted, attendance as records (the
#    folder's 4, store/migrate_numbers.py: in the jsonb docs, no column changes); meetings
#    carry their closings and reopenings ("events") and a closed meeting refuses changes
#    (the folder's 3): a diaodu that knows 2 would save past both, so it calls the
#    district newer.
SCHEMA_VERSION = 3
CITY_ROLE = "diaodu_city"

TEMPLATES_TABLE = "CREATE TABLE {s}.templates (key text PRIMARY KEY, doc jsonb NOT NULL)"
# This version, table by table; "{s}" is the district's schema.
TABLES: tuple[str, ...] = (
    "CREATE TABLE {s}.meta (key text PRIMARY KEY, value text NOT NULL)",
    "CREATE TABLE {s}.settings (key text PRIMARY KEY, value jsonb NOT NULL)",
    """CREATE TABLE {s}.units (
        id text PRIMARY KEY, name text NOT NULL, kind text NOT NULL,
        sort_order integer NOT NULL, active boolean NOT NULL, doc jsonb NOT NULL)""",
    """CREATE TABLE {s}.metrics (
        position integer PRIMARY KEY, key text NOT NULL UNIQUE, kind text NOT NULL,
        doc jsonb NOT NULL)""",
    # seq: the order records were first given in, which the folder keeps too.
    """CREATE TABLE {s}.targets (
        unit_id text NOT NULL, metric text NOT NULL, year integer NOT NULL,
        value double precision NOT NULL, seq bigint NOT NULL, doc jsonb NOT NULL,
        PRIMARY KEY (unit_id, metric, year))""",
    """CREATE TABLE {s}.readings (
        unit_id text NOT NULL, metric text NOT NULL, period text NOT NULL,
        year integer NOT NULL, value double precision NOT NULL, seq bigint NOT NULL,
        doc jsonb NOT NULL, PRIMARY KEY (unit_id, metric, period))""",
    "CREATE INDEX readings_year ON {s}.readings (year, seq)",
    # A period (YYYY-MM) whose meetings are closed and commitments settled is archived:
    # the app's first screens read only the others, as the folder reads only periods/.
    """CREATE TABLE {s}.periods (
        period text PRIMARY KEY, archived boolean NOT NULL DEFAULT false)""",
    # rev: the record's revision, +1 on every save; a save built on an older one is refused.
    """CREATE TABLE {s}.meetings (
        id text PRIMARY KEY, period text NOT NULL REFERENCES {s}.periods,
        number integer NOT NULL, meeting_date date NOT NULL, state text NOT NULL,
        rev integer NOT NULL, doc jsonb NOT NULL, UNIQUE (period, number))""",
    """CREATE TABLE {s}.commitments (
        id text PRIMARY KEY, period text NOT NULL REFERENCES {s}.periods,
        number integer NOT NULL, unit_id text NOT NULL, meeting_id text,
        status text NOT NULL, due date NOT NULL, effective_due date NOT NULL,
        rev integer NOT NULL, doc jsonb NOT NULL, UNIQUE (period, number))""",
    "CREATE INDEX commitments_unit ON {s}.commitments (unit_id, status)",
    TEMPLATES_TABLE,
)
# Tables a district's own role may only read.
READ_ONLY_TABLES = ("meta",)


# from-version -> what brings a district's schema to from-version + 1, run in the same
# transaction as the version's update (PostgreSQL's DDL is transactional: a failed
# upgrade leaves the schema as it was, and there is nothing to back up by hand).
def _pin_schema_1_metrics(cur: Cursor[tuple[object, ...]], schema: sql.Identifier) -> None:
    """A district that never stored its metrics read the built-in set: if it holds figures,
    keep the set it read (store/migrate_metrics.py says why), as the folder's upgrade does."""
    from psycopg.types.json import Jsonb

    from store.migrate_metrics import SCHEMA_1_DEFAULTS

    def one(query: str) -> bool:
        cur.execute(sql.SQL(query).format(s=schema))
        return cur.fetchone() is not None

    if one("SELECT 1 FROM {s}.metrics LIMIT 1"):
        return
    if not (one("SELECT 1 FROM {s}.readings LIMIT 1") or one("SELECT 1 FROM {s}.targets LIMIT 1")):
        return
    insert = sql.SQL("INSERT INTO {s}.metrics VALUES (%s, %s, %s, %s)").format(s=schema)
    cur.executemany(
        insert,
        [(n, doc["key"], doc["kind"], Jsonb(doc)) for n, doc in enumerate(SCHEMA_1_DEFAULTS, 1)],
    )


def _records_carry_revisions(cur: Cursor[tuple[object, ...]], schema: sql.Identifier) -> None:
    """The `rev` columns are there since 1; a record's doc carries its revision too (what
    an analyst reads), set from the column where a doc lacks it or disagrees. A meeting
    without "events" reads as none: no change."""
    for table in ("meetings", "commitments"):
        cur.execute(
            sql.SQL(
                "UPDATE {s}.{t} SET doc = jsonb_set(doc, '{{rev}}', to_jsonb(rev))"
                " WHERE doc -> 'rev' IS DISTINCT FROM to_jsonb(rev)"
            ).format(s=schema, t=sql.Identifier(table))
        )


def _number_records(cur: Cursor[tuple[object, ...]], schema: sql.Identifier) -> None:
    """The templates table, and the docs of meetings and commitments upgraded as a
    folder's records are (store/migrate_numbers.py), each carrying its revision."""
    from psycopg.types.json import Jsonb

    from store.migrate_numbers import upgrade_records

    # IF NOT EXISTS: a district made by an init of this version and set back by hand.
    cur.execute(
        sql.SQL(TEMPLATES_TABLE.replace("TABLE", "TABLE IF NOT EXISTS", 1)).format(s=schema)
    )
    _records_carry_revisions(cur, schema)
    tables = {}
    for table in ("meetings", "commitments"):
        cur.execute(
            sql.SQL("SELECT id, doc FROM {s}.{t} ORDER BY id").format(
                s=schema, t=sql.Identifier(table)
            )
        )
        tables[table] = [(str(row[0]), dict(row[1])) for row in cur.fetchall()]  # type: ignore[call-overload]
    meetings, commitments = tables["meetings"], tables["commitments"]
    changed = upgrade_records([doc for _, doc in meetings], [doc for _, doc in commitments])
    for table, rows, indexes in zip(
        ("meetings", "commitments"), (meetings, commitments), changed, strict=True
    ):
        update = sql.SQL("UPDATE {s}.{t} SET doc = %s WHERE id = %s").format(
            s=schema, t=sql.Identifier(table)
        )
        cur.executemany(update, [(Jsonb(rows[i][1]), rows[i][0]) for i in sorted(indexes)])


MIGRATIONS: dict[int, Callable[[Cursor[tuple[object, ...]], sql.Identifier], None]] = {
    1: _pin_schema_1_metrics,
    2: _number_records,
}


def district_role(district: str) -> str:
    return f"diaodu_{district}"


def channel(district: str) -> str:
    """The LISTEN/NOTIFY channel on which a district's saves are announced."""
    return f"diaodu_{district}"


def create(cur: Cursor[tuple[object, ...]], district: str) -> None:
    """The district's schema and tables, at this version (the schema does not exist yet)."""
    schema = sql.Identifier(district)
    cur.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
    for statement in TABLES:
        cur.execute(sql.SQL(statement).format(s=schema))
    meta = sql.SQL("INSERT INTO {}.meta (key, value) VALUES (%s, %s)").format(schema)
    cur.executemany(
        meta, [("schema", str(SCHEMA_VERSION)), ("created", datetime.now().isoformat())]
    )


def version(cur: Cursor[tuple[object, ...]], district: str) -> int | None:
    """The district's schema version; None when it has no `meta` (not a diaodu schema)."""
    cur.execute(
        "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = %s AND tablename = 'meta'",
        (district,),
    )
    if cur.fetchone() is None:
        return None
    cur.execute(
        sql.SQL("SELECT value FROM {}.meta WHERE key = 'schema'").format(sql.Identifier(district))
    )
    found = cur.fetchone()
    return int(str(found[0])) if found else None


def upgrade(cur: Cursor[tuple[object, ...]], district: str, from_version: int) -> None:
    schema = sql.Identifier(district)
    for step in range(from_version, SCHEMA_VERSION):
        MIGRATIONS[step](cur, schema)
    cur.execute(
        sql.SQL("UPDATE {}.meta SET value = %s WHERE key = 'schema'").format(schema),
        (str(SCHEMA_VERSION),),
    )


def grant(cur: Cursor[tuple[object, ...]], district: str) -> None:
    """The two roles (made if missing) and their privileges on this district, nothing more.
    Run after every create and upgrade: a new table gets its grants too."""
    schema = sql.Identifier(district)
    own, city = sql.Identifier(district_role(district)), sql.Identifier(CITY_ROLE)
    for role in (district_role(district), CITY_ROLE):
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    statements = (
        "REVOKE ALL ON SCHEMA {s} FROM PUBLIC",
        "REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        "GRANT USAGE ON SCHEMA {s} TO {own}, {city}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {own}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {city}",
    )
    for statement in statements:
        cur.execute(sql.SQL(statement).format(s=schema, own=own, city=city))
    for table in READ_ONLY_TABLES:
        cur.execute(
            sql.SQL("REVOKE INSERT, UPDATE, DELETE ON {}.{} FROM {}").format(
                schema, sql.Identifier(table), own
            )
        )
