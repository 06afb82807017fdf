"""Many districts in one database: the server, not the app, keeps each district's data
to its own accounts; the city's account reads them all. Tried with real logins (over TCP,
with passwords), created as the README tells the DBA to create them."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from psycopg import sql

from agenda.commitments import Commitment, Status
from agenda.periods import Period
from store import StoreError
from store.opening import init_store, open_store
from store.pg.schema import CITY_ROLE, district_role
from tests.backends import TODAY, new_district
from tests.pgserver import Server

NOV = Period(2026, 11)


def create_login(server: Server, name: str, password: str, group: str) -> None:
    """What the DBA runs for each person (README: setting up a district on a server)."""
    with psycopg.connect(server.admin_url(), autocommit=True) as admin:
        admin.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                sql.Identifier(name), sql.Literal(password), sql.Identifier(group)
            )
        )


def district_with_a_commitment(server: Server, text: str) -> str:
    district = new_district()
    store = init_store(server.admin_url(district=district), clock=lambda: TODAY)
    store.add_commitment(NOV, lambda id_: Commitment(id_, "u001", text, "张三", date(2026, 12, 31)))
    store.close()
    return district


@pytest.fixture
def two_districts(pg_server: Server) -> tuple[str, str]:
    chengguan = district_with_a_commitment(pg_server, "城关镇的任务")
    hekou = district_with_a_commitment(pg_server, "河口乡的任务")
    create_login(pg_server, f"{chengguan}_mishu", "cg-Pw-1", district_role(chengguan))
    create_login(pg_server, f"{hekou}_mishu", "hk-Pw-2", district_role(hekou))
    return chengguan, hekou


def url(server: Server, user: str, password: str, district: str) -> str:
    return server.tcp_url(user, password=password) + f"?district={district}"


def test_a_district_account_reads_and_writes_its_own_district(
    pg_server: Server, two_districts: tuple[str, str]
) -> None:
    chengguan, _ = two_districts
    mine = open_store(url(pg_server, f"{chengguan}_mishu", "cg-Pw-1", chengguan))
    assert [c.text for c in mine.commitments()] == ["城关镇的任务"]
    mine.update_commitment(f"{NOV}.1", lambda c: c.mark(Status.DONE, TODAY))
    assert mine.commitment(f"{NOV}.1").status is Status.DONE
    mine.close()


def test_one_districts_account_cannot_read_anothers_data(
    pg_server: Server, two_districts: tuple[str, str]
) -> None:
    chengguan, hekou = two_districts
    # Through the app: refused, in words, before anything is read.
    with pytest.raises(StoreError) as refused:
        open_store(url(pg_server, f"{chengguan}_mishu", "cg-Pw-1", hekou))
    assert refused.value.code == "pg.denied"
    assert f"may not use the district {hekou}" in str(refused.value)
    # Around the app, in SQL with the same login: the server itself says no.
    login = pg_server.tcp_url(f"{chengguan}_mishu", password="cg-Pw-1")
    with psycopg.connect(login, autocommit=True) as conn:
        for statement in (
            f"SELECT doc FROM {hekou}.commitments",
            f"SELECT * FROM {hekou}.units",
            f"DELETE FROM {hekou}.commitments",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute(statement)
        # Nor may it change its own district's tables or version, only their rows.
        for statement in (
            f"UPDATE {chengguan}.meta SET value = '99' WHERE key = 'schema'",
            f"CREATE TABLE {chengguan}.extra (x int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="must be owner"):
            conn.execute(f"DROP TABLE {chengguan}.commitments")
        conn.execute(f"GRANT SELECT ON {chengguan}.commitments TO PUBLIC")  # a mere warning
    # ... and it granted nothing: the other district still cannot read this one.
    other = pg_server.tcp_url(f"{hekou}_mishu", password="hk-Pw-2")
    with psycopg.connect(other) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"SELECT doc FROM {chengguan}.commitments")


def test_the_city_account_reads_every_district_and_writes_none(
    pg_server: Server, two_districts: tuple[str, str]
) -> None:
    chengguan, hekou = two_districts
    create_login(pg_server, "shi_duchaban", "city-Pw-3", CITY_ROLE)
    texts = {}
    for district in (chengguan, hekou):
        city = open_store(url(pg_server, "shi_duchaban", "city-Pw-3", district))
        texts[district] = [c.text for c in city.commitments()]
        with pytest.raises(StoreError) as refused:
            city.update_commitment(f"{NOV}.1", lambda c: c.mark(Status.DONE, TODAY))
        assert refused.value.code == "pg.denied"
        city.close()
    assert texts == {chengguan: ["城关镇的任务"], hekou: ["河口乡的任务"]}
    # An analyst's query across districts, with the city's login.
    with psycopg.connect(pg_server.tcp_url("shi_duchaban", password="city-Pw-3")) as conn:
        rows = conn.execute(
            f"SELECT '{chengguan}', count(*) FROM {chengguan}.commitments WHERE status = 'open'"
            f" UNION ALL SELECT '{hekou}', count(*) FROM {hekou}.commitments"
        ).fetchall()
    assert dict(rows) == {chengguan: 1, hekou: 1}


def test_only_the_dba_creates_a_district(pg_server: Server, two_districts: tuple[str, str]) -> None:
    chengguan, _ = two_districts
    with pytest.raises(StoreError) as refused:
        init_store(url(pg_server, f"{chengguan}_mishu", "cg-Pw-1", "xinqu"))
    assert refused.value.code == "pg.init_denied"
    assert "database administrator" in str(refused.value)


def test_init_again_changes_nothing(pg_server: Server) -> None:
    district = district_with_a_commitment(pg_server, "已有的任务")
    again = init_store(pg_server.admin_url(district=district), clock=lambda: TODAY)
    assert [c.text for c in again.commitments()] == ["已有的任务"]
    again.close()
