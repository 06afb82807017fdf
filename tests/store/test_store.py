"""The data folder itself: readable Chinese, one record a line, one file a month, the archive
as a folder, the schema version and its upgrades. What every backend keeps (round trips,
the archive's rule, two windows) is the contract suite, tests/store/test_contract_*.py."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from agenda.commitments import Commitment, Status
from agenda.periods import Period
from agenda.units import Unit
from store import Store, StoreError
from store import schema as schema_module
from store import store as store_module

TODAY = date(2026, 11, 22)
OCT = Period(2026, 10)
NOV = Period(2026, 11)


def reopen(store: Store) -> Store:
    """A fresh Store on the same folder: nothing can come from the first one's memory."""
    store.close()
    return Store.open(store.root, clock=lambda: TODAY)


def add(store: Store, period: Period, unit: str = "u001", due: date = date(2026, 11, 30)):
    return store.add_commitment(
        period,
        lambda id_: Commitment(
            id=id_, unit_id=unit, text="确保签约1个亿元项目", owner="张三", due=due
        ),
    )


# --- the files themselves -------------------------------------------------------------------


def test_chinese_is_stored_as_readable_utf8(store: Store) -> None:
    store.save_units([Unit("u001", "城关镇", head="王建国")])
    add(store, NOV)
    for relative in ("units.json", "periods/2026-11.json"):
        raw = (store.root / relative).read_bytes()
        text = raw.decode("utf-8")  # refuses anything but UTF-8
        assert "\\u" not in text, relative
    assert "城关镇" in (store.root / "units.json").read_text("utf-8")
    assert "确保签约1个亿元项目" in (store.root / "periods/2026-11.json").read_text("utf-8")


def test_each_record_is_one_line_of_the_file(store: Store) -> None:
    """A hand-editor (or a diff) sees one commitment per line, not one field per line."""
    add(store, NOV)
    add(store, NOV)
    store.create_meeting(NOV, TODAY, "zhaoshang")
    text = (store.root / "periods/2026-11.json").read_text("utf-8")
    lines = text.splitlines()
    records = [line for line in lines if line.startswith('  "')]
    assert len(records) == 3  # two commitments, one meeting
    commitments = [line for line in records if "确保签约1个亿元项目" in line]
    assert len(commitments) == 2
    assert all('"owner": "张三"' in line for line in commitments)
    assert json.loads(text)["commitments"]["2"]["id"] == "2026-11.2"


def test_one_file_per_period(store: Store) -> None:
    add(store, OCT)
    add(store, NOV)
    store.create_meeting(NOV, TODAY, "zhaoshang")
    assert sorted(p.name for p in (store.root / "periods").iterdir()) == [
        "2026-10.json",
        "2026-11.json",
    ]
    doc = json.loads((store.root / "periods/2026-11.json").read_text("utf-8"))
    assert set(doc) == {"commitments", "meetings"}


def test_schema_version_is_in_the_folder(store: Store) -> None:
    meta = json.loads((store.root / "meta.json").read_text("utf-8"))
    assert meta["meta"]["1"]["schema"] == schema_module.SCHEMA_VERSION


# --- the archive ----------------------------------------------------------------------------


def test_a_settled_past_month_is_a_file_moved_to_archive(store: Store) -> None:
    """The rule of the archive is the contract's (tests/store/test_contract.py); here, what
    it does to the folder: the month's file moves, whole, and opening does not read it."""
    meeting = store.create_meeting(OCT, date(2026, 10, 28), "zhaoshang")
    commitment = add(store, OCT, due=date(2026, 11, 15))
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 10, 28, 11, 0)))
    assert (store.root / "periods/2026-10.json").exists()  # a commitment is still open
    store.update_commitment(commitment.id, lambda c: c.mark(Status.DONE, date(2026, 11, 14)))
    assert not (store.root / "periods/2026-10.json").exists()
    assert (store.root / "archive/2026-10.json").exists()
    store.update_commitment(commitment.id, lambda c: c.mark(Status.OPEN, TODAY))
    assert (store.root / "periods/2026-10.json").exists()
    assert not (store.root / "archive/2026-10.json").exists()


# --- the schema ------------------------------------------------------------------------------


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "newer"
    Store.open(root).close()
    meta = root / "meta.json"
    meta.write_text(json.dumps({"meta": {"1": {"schema": 99}}}), encoding="utf-8")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with pytest.raises(StoreError) as caught:
        Store.open(root)
    assert "written by a newer diaodu (schema 99" in str(caught.value)
    assert "the data was not changed" in str(caught.value)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_an_older_schema_is_migrated_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "district"
    old = Store.open(root, clock=lambda: TODAY)
    add(old, NOV)
    old.close()

    def rename_owner(folder: Path) -> None:
        path = folder / "periods" / "2026-11.json"
        path.write_text(path.read_text("utf-8").replace("张三", "张三（已迁移）"), "utf-8")

    now = schema_module.SCHEMA_VERSION  # the folder's; the code's is one ahead of it
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, now, rename_owner)
    migrated = Store.open(root, clock=lambda: TODAY)
    assert migrated.commitment("2026-11.1").owner == "张三（已迁移）"
    meta = json.loads((root / "meta.json").read_text("utf-8"))
    assert meta["meta"]["1"]["schema"] == now + 1
    backup = tmp_path / f"district.schema{now}.backup"
    assert json.loads((backup / "meta.json").read_text("utf-8"))["meta"]["1"]["schema"] == now
    assert "张三（已迁移）" not in (backup / "periods" / "2026-11.json").read_text("utf-8")
    migrated.close()
    # Opening again does not migrate twice.
    assert Store.open(root, clock=lambda: TODAY).commitment("2026-11.1").owner == "张三（已迁移）"


def test_a_failed_upgrade_keeps_every_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "district"
    old = Store.open(root, clock=lambda: TODAY)
    add(old, NOV)
    old.close()
    original = (root / "periods" / "2026-11.json").read_bytes()

    def half_then_fail(folder: Path) -> None:
        (folder / "periods" / "2026-11.json").write_text("{}", "utf-8")
        raise RuntimeError("disk full")

    now = schema_module.SCHEMA_VERSION
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, now, half_then_fail)
    with pytest.raises(StoreError) as caught:
        Store.open(root, clock=lambda: TODAY)
    backup = tmp_path / f"district.schema{now}.backup"
    assert str(caught.value) == (
        f"upgrading {root} from schema {now} failed (disk full); "
        f"the data as it was before is in {backup}"
    )
    # A second try must not overwrite the good copy with the half-upgraded folder.
    with pytest.raises(StoreError, match=rf"schema{now}\.backup-2"):
        Store.open(root, clock=lambda: TODAY)
    assert (backup / "periods" / "2026-11.json").read_bytes() == original


def test_a_folder_written_before_revisions_upgrades_and_reads_them_as_zero(
    store: Store,
) -> None:
    held = add(store, OCT)
    meeting = store.create_meeting(OCT, TODAY, "zhaoshang")
    store.close()
    path = store.root / "periods" / "2026-10.json"
    data = json.loads(path.read_text("utf-8"))
    for table in data.values():
        for doc in table.values():
            del doc["rev"]
            doc.pop("events", None)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    meta = json.loads((store.root / "meta.json").read_text("utf-8"))
    meta["meta"]["1"]["schema"] = 2  # as the diaodu before revisions wrote it
    (store.root / "meta.json").write_text(json.dumps(meta), "utf-8")
    old = Store.open(store.root, clock=lambda: TODAY)
    upgraded = json.loads((store.root / "meta.json").read_text("utf-8"))
    assert upgraded["meta"]["1"]["schema"] == schema_module.SCHEMA_VERSION == 4
    assert old.commitment(held.id).revision == 0
    assert old.meeting(meeting.id).revision == 0
    assert old.save_commitment(replace(old.commitment(held.id), owner="李四")).revision == 1
    assert old.update_meeting(meeting.id, lambda m: m.with_note("a", "b")).revision == 1


def test_opening_creates_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "a" / "b"
    Store.open(root)
    assert (root / "meta.json").is_file()


def test_a_window_opens_and_reads_while_another_holds_the_lock(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The secretary's window opens at once while the chair's is in the middle of a long
    save (an import of several years): a folder with nothing to tend at its opening is
    read without the lock. Its own save waits for the lock, and says so if it never comes."""
    from filelock import FileLock

    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    expected = demo_store.commitments()
    with FileLock(str(demo_store.root / ".lock")):
        window = Store.open(demo_store.root)
        assert window.commitments() == expected
        with pytest.raises(StoreError) as busy:
            window.save_settings(top_n=4)
        assert busy.value.code == "store.busy"
    window.save_settings(top_n=4)
    assert reopen(window).settings()["top_n"] == 4
