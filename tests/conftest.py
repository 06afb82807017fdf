"""Shared fixtures: tests never touch the real home folder, and the clock is fixed."""

from __future__ import annotations

import gc
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from agenda.demo import build_demo
from store import Store
from store.seed import seed

# The backends (a folder, a district on a throwaway PostgreSQL server) for every tier.
from tests.backends import (  # noqa: F401
    _no_libpq_settings_from_outside,
    backend,
    demo_district,
    pg_demo_url,
    pg_server,
    pg_url,
)

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 30)


def pytest_collection_finish(session: pytest.Session) -> None:
    """The collector, tuned for a run of a thousand short tests: what is loaded by now
    (Textual, the modules under test, the tests) lives to the end, so it is frozen out of
    every collection, and the young objects are collected ~30 times less often (a Pilot
    test makes hundreds of thousands). ~18% of the TUI tier's CPU time; nothing asserted
    depends on when garbage is collected."""
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's data folder or depends on their locale."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DIAODU_DB", raising=False)
    monkeypatch.delenv("DIAODU_LANG", raising=False)
    # The language a test expects is the one it asks for, not the machine's locale.
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty data folder."""
    return Store.open(tmp_path / "data", clock=lambda: TODAY)


@pytest.fixture(scope="session")
def _demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo district seeded once per test process: seeding writes some forty files with
    an fsync each, and some three hundred tests start from it."""
    root = tmp_path_factory.mktemp("demo-seeded") / "demo"
    seed(Store.open(root, clock=lambda: TODAY), build_demo(TODAY))
    return root


@pytest.fixture
def demo_store(tmp_path: Path, _demo_folder: Path) -> Store:
    """The demo district as it stands on 2026-11-22: a copy of the seeded folder (copy2
    keeps the files' times, so the archive's briefs hold), opened as the app opens one."""
    shutil.copytree(_demo_folder, tmp_path / "demo")
    return Store.open(tmp_path / "demo", clock=lambda: TODAY)
