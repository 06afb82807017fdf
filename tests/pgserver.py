"""A throwaway PostgreSQL server for the tests and the bench: made, started, stopped.

PostgreSQL's `initdb` and `pg_ctl` refuse to run as root, and CI runs as root: then they
run as the `postgres` user (`runuser`), in a folder that user owns. The server listens on
127.0.0.1 only, on a free port, with its socket in its own folder.

Superuser `postgres` logs in over the socket without a password (trust: the tests' admin,
like the DBA on a real server); over TCP every login needs its password (scram), so the
district accounts and a wrong password are tried for real.

Set DIAODU_TEST_NO_POSTGRES=1 only on a machine that has no PostgreSQL: the server tests
are then skipped, said so. Without it, a server that cannot start fails them (CI never sets
it: `.ci/run` unsets it).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

NO_POSTGRES = "DIAODU_TEST_NO_POSTGRES"
DATABASE = "diaodu"
SUPERUSER_PASSWORD = "admin-Pw-7"  # over TCP; the socket trusts
START_SECONDS = 30


class NoServer(RuntimeError):
    """PostgreSQL could not be made or started here; the message says what was tried."""


@dataclass(frozen=True)
class Server:
    folder: Path
    port: int

    def admin_url(self, database: str = DATABASE, **params: str) -> str:
        """The superuser over the socket: what the DBA's `diaodu init` uses."""
        query = "&".join(f"{k}={quote(v)}" for k, v in {"host": str(self.folder), **params}.items())
        return f"postgresql://postgres@/{database}?port={self.port}&{query}"

    def tcp_url(self, user: str, database: str = DATABASE, password: str | None = None) -> str:
        login = quote(user) + (f":{quote(password)}" if password is not None else "")
        return f"postgresql://{login}@127.0.0.1:{self.port}/{database}"


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise NoServer(f"{name} is not on PATH nor in /usr/lib/postgresql/*/bin")


def _as_postgres(args: list[str]) -> list[str]:
    """initdb and pg_ctl refuse root: run them as the postgres user then."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run(args: list[str], what: str) -> None:
    done = subprocess.run(
        _as_postgres(args), capture_output=True, text=True, timeout=START_SECONDS, check=False
    )
    if done.returncode != 0:
        raise NoServer(f"{what} failed ({done.returncode}): {done.stderr.strip()[-600:]}")


def start(folder: Path | None = None, *, durable: bool = False) -> Server:
    """initdb and start a server in a new folder (owned by postgres when we are root).

    The tests' server skips fsync (a throwaway: nothing to keep across a power cut); the
    bench's is `durable`, as a real server is, so its figures count the disk's flush."""
    folder = folder or Path(tempfile.mkdtemp(prefix="diaodu-pg-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    _run(
        [
            _binary("initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",  # a throwaway server: nothing to keep across a power cut
        ],
        "initdb",
    )
    last_error: NoServer | None = None
    for _ in range(3):  # a free port may be taken by another worker between probe and start
        port = free_port()
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=80"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        try:
            _run(
                [
                    _binary("pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(folder / "log"),
                    "-w",
                    "-t",
                    str(START_SECONDS),
                    "start",
                ],
                "pg_ctl start",
            )
        except NoServer as error:
            last_error = error
            continue
        server = Server(folder, port)
        _prepare(server)
        return server
    assert last_error is not None
    log = folder / "log"
    tail = log.read_text("utf-8", "replace")[-600:] if log.exists() else ""
    shutil.rmtree(folder, ignore_errors=True)
    raise NoServer(f"{last_error}\n{tail}")


def _prepare(server: Server) -> None:
    """The test database, and a password for the superuser over TCP."""
    import psycopg

    with psycopg.connect(server.admin_url("postgres"), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {DATABASE}")
        admin.execute(f"ALTER ROLE postgres PASSWORD '{SUPERUSER_PASSWORD}'")


def halt(server: Server) -> None:
    """Stop the server and keep its data, to start it again (`resume`): a server that
    goes away in the middle of a meeting."""
    _run([_binary("pg_ctl"), "-D", str(server.folder / "data"), "-m", "fast", "-w", "stop"], "stop")


def resume(server: Server) -> None:
    """Start a halted server again, on its port."""
    options = f"-p {server.port} -k {server.folder} -c listen_addresses=127.0.0.1"
    options += " -c max_connections=80 -c fsync=off -c synchronous_commit=off"
    data, log = str(server.folder / "data"), str(server.folder / "log")
    _run([_binary("pg_ctl"), "-D", data, "-o", options, "-l", log, "-w", "start"], "start")


def stop(server: Server) -> None:
    """Stop fast and remove the folder; never raises (it runs while a failure unwinds),
    and a second call does nothing."""
    if not server.folder.exists():
        return
    with contextlib.suppress(Exception):
        subprocess.run(
            _as_postgres(
                [_binary("pg_ctl"), "-D", str(server.folder / "data"), "-m", "fast", "-w", "stop"]
            ),
            capture_output=True,
            timeout=START_SECONDS,
            check=False,
        )
    shutil.rmtree(server.folder, ignore_errors=True)


@contextlib.contextmanager
def running() -> Iterator[Server]:
    server = start()
    try:
        yield server
    finally:
        stop(server)
