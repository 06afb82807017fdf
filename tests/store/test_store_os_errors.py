"""The operating system says no: a folder that cannot be written to, a full disk, a file
too large. Reads work where they can; every write is one coded line, nothing changed."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import app
import store.atomic
from agenda.commitments import Commitment
from agenda.demo import build_demo
from agenda.metrics import Target
from agenda.periods import Period
from agenda.units import Unit
from store import Store, StoreError
from store.errors import os_error
from store.seed import seed
from tests.conftest import NOW, TODAY

NOBODY = 65534
READS = (("minutes", "last"), ("bulletin",), ("commitments", "--overdue"))


def fingerprint(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): (
            "folder" if path.is_dir() else hashlib.blake2b(path.read_bytes()).hexdigest()
        )
        for path in sorted(root.rglob("*"))
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = app.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The demo district in a folder others may read (under /tmp, not pytest's private
    folder), as on a share."""
    monkeypatch.setattr(app, "CLOCK", lambda: NOW)
    parent = Path(tempfile.mkdtemp(prefix="diaodu-shared-"))
    parent.chmod(0o755)
    root = parent / "district"
    store = Store.open(root, clock=lambda: TODAY)
    seed(store, build_demo(TODAY))
    store.close()
    yield root
    shutil.rmtree(parent)


@contextmanager
def cannot_write(root: Path) -> Iterator[None]:
    """The folder as a user without write access has it: every file and folder made
    read-only; as root, who may write anything, the block runs as nobody."""
    if not hasattr(os, "seteuid"):
        pytest.skip("no POSIX permissions here")
    paths = [root, *root.rglob("*")]
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    as_root = os.geteuid() == 0
    try:
        if as_root:
            os.seteuid(NOBODY)
        yield
    finally:
        if as_root:
            os.seteuid(0)
        for path in paths:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_folder_that_cannot_be_written_to_is_read_and_every_save_says_why(
    shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writable = {argv: run(capsys, "--db", shared, "--lang", "en", *argv) for argv in READS}
    importing = Path(tempfile.mkdtemp(prefix="diaodu-import-")) / "r.csv"
    importing.write_text("unit,metric,period,value\n城关镇,signed_projects,2026-10,99\n", "utf-8")
    importing.parent.chmod(0o755)
    importing.chmod(0o644)
    before = fingerprint(shared)
    with cannot_write(shared):
        for argv in READS:  # the reports: as on a folder one can write to
            assert run(capsys, "--db", shared, "--lang", "en", *argv) == writable[argv]
        store = Store.open(shared, clock=lambda: TODAY)  # the app, to look
        assert store.read_only
        assert store.meetings(include_archive=1) and store.commitments()
        with pytest.raises(StoreError) as caught:
            store.save_units([Unit("", "新区")])
        assert caught.value.code == "store.read_only"
        assert str(shared) in str(caught.value)
        assert "无法写入（只读或无写入权限）" in caught.value.words("zh")
        code, _out, err = run(
            capsys, "--db", shared, "--lang", "en", "readings", "import", importing
        )
        assert code == 1
        assert err == f"diaodu: {shared} cannot be written to (read-only, or no permission): " + (
            "it can be read, not saved to. To make changes, copy the folder somewhere you "
            "can write to, or ask for write access.\n"
        )
    assert fingerprint(shared) == before
    shutil.rmtree(importing.parent)


def test_a_read_only_folder_with_a_save_left_unfinished_is_refused(shared: Path) -> None:
    (shared / ".commit.json").write_text('{"renames": []}', "utf-8")
    with cannot_write(shared), pytest.raises(StoreError) as caught:
        Store.open(shared)
    assert caught.value.code == "store.read_only_unfinished"


def test_a_new_folder_on_a_read_only_disk_is_refused(shared: Path) -> None:
    empty = shared.parent / "empty"
    empty.mkdir()
    with cannot_write(empty), pytest.raises(StoreError) as caught:
        Store.open(empty)
    assert caught.value.code == "store.read_only"


# --- a full disk, a file too large -------------------------------------------------------
class _Failing:
    """A file being written that takes half of what it is given, then fails."""

    def __init__(self, handle: Any, number: int) -> None:
        self.handle, self.number = handle, number

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        raise OSError(self.number, os.strerror(self.number))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)

    def __enter__(self) -> _Failing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def failing_writes(monkeypatch: pytest.MonkeyPatch, number: int, *, from_write: int = 1) -> None:
    """Every file the store writes, from the `from_write`th on, fails with `number`."""
    count = [0]

    def opening(path: Path, mode: str = "r") -> Any:
        handle = open(path, mode)  # noqa: SIM115 - closed by _Failing or the caller
        count[0] += 1
        return _Failing(handle, number) if count[0] >= from_write else handle

    monkeypatch.setattr(store.atomic, "open", opening, raising=False)


@pytest.mark.parametrize(
    ("number", "code", "zh"),
    [
        (errno.ENOSPC, "store.disk_full", "磁盘已满"),
        (errno.EDQUOT, "store.disk_full", "磁盘已满"),
        (errno.EFBIG, "store.too_large", "文件超出"),
    ],
)
def test_a_save_on_a_full_disk_says_so_and_changes_nothing(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, number: int, code: str, zh: str
) -> None:
    before = fingerprint(demo_store.root)
    failing_writes(monkeypatch, number)
    with pytest.raises(StoreError) as caught:
        demo_store.add_commitment(
            Period(2026, 11),
            lambda id_: Commitment(id_, "u001", "完成签约", "张三", date(2026, 12, 31)),
        )
    assert caught.value.code == code
    assert str(demo_store.root / "periods" / "2026-11.json") in str(caught.value)
    assert zh in caught.value.words("zh")
    assert fingerprint(demo_store.root) == before
    monkeypatch.undo()  # space again: the store goes on as if nothing had happened
    saved = demo_store.save_targets([Target("u001", "signed_projects", 2027, 10.0)])
    assert saved == 1 and demo_store.targets(2027)


@pytest.mark.parametrize("from_write", [1, 2, 3])  # a year's file, the next, the record
def test_an_import_over_two_years_on_a_full_disk_changes_nothing(
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    from_write: int,
) -> None:
    monkeypatch.setattr(app, "CLOCK", lambda: NOW)
    path = tmp_path / "r.csv"
    path.write_text(
        "unit,metric,period,value\n城关镇,signed_projects,2025-12,7\n城关镇,signed_projects,2026-10,9\n",
        "utf-8",
    )
    before = fingerprint(demo_store.root)
    failing_writes(monkeypatch, errno.ENOSPC, from_write=from_write)
    code, out, err = run(
        capsys, "--db", demo_store.root, "--lang", "zh", "readings", "import", path
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "磁盘已满。数据未作改动" in err
    assert fingerprint(demo_store.root) == before


@pytest.mark.parametrize(
    ("number", "writing", "code"),
    [
        (errno.EROFS, True, "store.read_only"),
        (errno.EACCES, True, "store.read_only"),
        (errno.EPERM, True, "store.read_only"),
        (errno.ENOSPC, True, "store.disk_full"),
        (errno.EFBIG, True, "store.too_large"),
        (errno.EIO, True, "store.write_failed"),
        (errno.EACCES, False, "store.read_failed"),
        (errno.EISDIR, False, "store.folder_in_place"),
    ],
)
def test_each_error_of_the_system_has_its_words(number: int, writing: bool, code: str) -> None:
    error = os_error(
        Path("/data/units.json"), OSError(number, os.strerror(number)), writing=writing
    )
    assert error.code == code
    assert "/data/units.json" in error.words("zh") and "/data/units.json" in str(error)


def test_a_file_where_a_folder_belongs_is_named(demo_store: Store) -> None:
    root = demo_store.root
    shutil.rmtree(root / "periods")
    (root / "periods").write_text("x", "utf-8")
    with pytest.raises(StoreError) as caught:
        Store.open(root).commitments()
    assert caught.value.code == "store.file_in_place"
    assert caught.value.params["path"] == root / "periods"
    with pytest.raises(StoreError) as caught:  # nor is a save tried on top of it
        Store.open(root, clock=lambda: TODAY).add_commitment(
            Period(2026, 11),
            lambda id_: Commitment(id_, "u001", "完成签约", "张三", date(2026, 12, 31)),
        )
    assert caught.value.code == "store.file_in_place"
    assert (root / "periods").read_text("utf-8") == "x"
