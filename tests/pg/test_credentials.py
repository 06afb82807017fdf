"""Credentials are libpq's business and never shown; a server that cannot be used is one
readable coded line (never a traceback), in English and in Chinese."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import app
from store import StoreError
from store.opening import open_store
from store.pg.location import parse, redact
from tests.backends import new_district
from tests.pgserver import SUPERUSER_PASSWORD, Server, free_port

SECRET = "s3cret-Pw_of-the-DBA"
ROOT = Path(__file__).resolve().parents[2]


def assert_never_shown(error: BaseException, secret: str = SECRET) -> None:
    """Not in either language, the repr, the parameters, nor anything chained to it."""
    assert isinstance(error, StoreError)
    for text in (str(error), error.words("zh"), repr(error), repr(error.params)):
        assert secret not in text
    assert error.__cause__ is None and error.__context__ is None


def refused(url: str) -> StoreError:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert_never_shown(caught.value)
    return caught.value


# --- what goes wrong, said as one line -------------------------------------------------------


def test_a_wrong_password_says_so(pg_server: Server) -> None:
    url = pg_server.tcp_url("postgres", password=SECRET) + "?district=chengguan"
    error = refused(url)
    assert error.code == "pg.login_failed"
    assert str(error) == (
        f"Login to postgresql://postgres@127.0.0.1:{pg_server.port}/diaodu?district=chengguan"
        " failed: wrong user name or password, or this account may not log in from here."
    )
    assert error.words("zh").startswith("登录数据库 postgresql://postgres@127.0.0.1:")


def test_a_server_that_is_down_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", SECRET)
    error = refused(f"postgresql://wang:{SECRET}@127.0.0.1:{free_port()}/city?district=hekou")
    assert error.code == "pg.unreachable"
    assert "is down or out of reach" in str(error)
    assert "无法连接数据库服务器" in error.words("zh")


def test_a_missing_database_says_so(pg_server: Server) -> None:
    url = pg_server.tcp_url("postgres", "nosuchdb", SUPERUSER_PASSWORD) + "?district=a"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert caught.value.code == "pg.no_database"
    assert "The server has no database nosuchdb" in str(caught.value)
    assert SUPERUSER_PASSWORD not in str(caught.value)


def test_a_missing_district_says_who_creates_it(pg_server: Server) -> None:
    error = refused(pg_server.admin_url(district="xinqu", password=SECRET))
    assert error.code == "pg.no_district"
    assert str(error) == (
        "The database diaodu has no district xinqu: the database administrator runs "
        "diaodu init on this URL to create it."
    )


def test_a_url_without_a_district_or_with_a_bad_one(pg_server: Server) -> None:
    assert refused(pg_server.admin_url(password=SECRET)).code == "pg.no_district_given"
    assert refused(pg_server.admin_url(district="城关镇")).code == "pg.bad_district"
    assert refused(pg_server.admin_url(district="public")).code == "pg.bad_district"


def test_a_url_libpq_cannot_read_is_refused_without_echoing_the_password() -> None:
    # libpq quotes the bad token, which here is part of the password.
    error = refused(f"postgresql://wang:{SECRET}%zz@127.0.0.1/city?district=a")
    assert error.code == "pg.bad_url"
    assert "%zz" not in str(error)


# --- where a password may come from: libpq's usual places ---------------------------------


def test_the_password_may_come_from_the_url_pgpassword_or_pgpass(
    pg_server: Server, pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    district = parse(pg_url).district
    bare = pg_server.tcp_url("postgres") + f"?district={district}&sslmode=disable"
    with_password = pg_server.tcp_url("postgres", password=SUPERUSER_PASSWORD)
    open_store(f"{with_password}?district={district}").close()
    monkeypatch.setenv("PGPASSWORD", SUPERUSER_PASSWORD)
    open_store(bare).close()
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_server.port}:*:postgres:{SUPERUSER_PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    open_store(bare).close()
    monkeypatch.delenv("PGPASSFILE")
    assert refused(bare).code == "pg.login_failed"  # and none at all


def test_a_url_is_shown_without_its_password() -> None:
    assert redact(f"postgresql://wang:{SECRET}@db.city.gov.cn:5433/zs?district=cg") == (
        "postgresql://wang@db.city.gov.cn:5433/zs?district=cg"
    )
    assert redact(f"postgres://h/zs?password={SECRET}&district=cg&sslmode=require") == (
        "postgres://h/zs?district=cg&sslmode=require"
    )
    assert redact("postgresql://wang:p%40ss@h/zs") == "postgresql://wang@h/zs"
    location = parse(f"postgresql://wang:{SECRET}@h/zs?sslmode=require&district=cg")
    assert location.conninfo == f"postgresql://wang:{SECRET}@h/zs?sslmode=require"
    assert SECRET not in repr(location)
    assert (location.district, location.database) == ("cg", "zs")


# --- the command line ----------------------------------------------------------------------


def test_init_on_a_server_says_what_it_made_and_never_the_password(
    pg_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    district = new_district()
    url = pg_server.tcp_url("postgres", password=SUPERUSER_PASSWORD) + f"?district={district}"
    assert app.main(["--db", url, "init"]) == 0
    out = capsys.readouterr().out
    assert f"district {district}: postgresql://postgres@127.0.0.1:{pg_server.port}/" in out
    assert f"role diaodu_{district}: reads and writes this district only" in out
    assert SUPERUSER_PASSWORD not in out


def test_a_failure_on_the_command_line_is_one_line_without_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(
        "DIAODU_DB", f"postgresql://wang:{SECRET}@127.0.0.1:{free_port()}/c?district=a"
    )
    assert app.main(["commitments"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(
        "diaodu: Cannot reach the server postgresql://wang@"
    )
    assert SECRET not in err
    assert app.main(["--db", f"postgresql://wang:{SECRET}@/c", "init"]) == 1
    err = capsys.readouterr().err
    assert err == "diaodu: postgresql://wang@/c names no district: add ?district=NAME to the URL.\n"


def test_a_folder_never_needs_psycopg(tmp_path: Path) -> None:
    """Without the driver a folder opens and a URL says what to install."""
    script = (
        "import sys; sys.modules['psycopg'] = None\n"
        "import app\n"
        "from store.opening import open_store\n"
        f"open_store({str(tmp_path / 'data')!r}).close()\n"
        "assert 'psycopg' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "try:\n"
        "    open_store('postgresql://h/c?district=a')\n"
        "except Exception as error:\n"
        "    print(error.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pg.no_driver"
