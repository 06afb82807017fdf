"""A damaged or foreign file is refused by name, and never overwritten, emptied or repaired."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from agenda.commitments import Commitment
from agenda.periods import Period
from agenda.units import Unit
from store import Store, StoreError

TODAY = date(2026, 11, 22)
NOV = Period(2026, 11)


def add(store: Store, period: Period = NOV) -> Commitment:
    return store.add_commitment(
        period,
        lambda id_: Commitment(
            id=id_, unit_id="u001", text="确保签约", owner="张三", due=date(2026, 12, 31)
        ),
    )


def snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def district(tmp_path: Path) -> Path:
    root = tmp_path / "district"
    store = Store.open(root, clock=lambda: TODAY)
    store.save_units([Unit("u001", "城关镇")])
    add(store)
    add(store)
    store.close()
    return root


def damage(path: Path, how: bytes | None = None) -> bytes:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2] if how is None else how)
    return path.read_bytes()


def test_a_truncated_period_file_is_refused_by_name_and_left_as_it_is(district: Path) -> None:
    period_file = district / "periods" / "2026-11.json"
    damage(period_file)
    before = snapshot(district)
    store = Store.open(district, clock=lambda: TODAY)  # opening reads only meta.json
    with pytest.raises(StoreError) as caught:
        store.commitments()
    message = str(caught.value)
    assert str(period_file) in message
    assert "is damaged (line " in message
    assert "diaodu has not changed it" in message
    # A save into that period is refused as well, and writes nothing.
    with pytest.raises(StoreError, match="is damaged"):
        add(store)
    with pytest.raises(StoreError, match="is damaged"):
        store.create_meeting(NOV, TODAY, "zhaoshang")
    assert snapshot(district) == before
    # Other periods still work.
    assert add(store, Period(2026, 12)).id == "2026-12.1"
    assert period_file.read_bytes() == before[period_file]


def test_a_file_changed_by_hand_while_open_is_refused_on_the_next_read(district: Path) -> None:
    store = Store.open(district, clock=lambda: TODAY)
    assert len(store.commitments()) == 2
    path = district / "periods" / "2026-11.json"
    broken = damage(path, path.read_bytes().replace(b'"commitments"', b"commitments", 1))
    with pytest.raises(StoreError, match="is damaged"):
        store.commitments()
    with pytest.raises(StoreError, match="is damaged"):
        add(store)
    assert path.read_bytes() == broken


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "line 1, column 1: Expecting value"),
        (b'{"commitments": {"1": {"id": "2026-11.1"}}}', "record 1 of table 'commitments'"),
        (b'{"commitments": [1, 2]}', "not a table file of diaodu"),
        (b"[]", "not a table file of diaodu"),
        # Saved by a Windows editor in GBK: 张三 is b"\xd5\xc5\xc8\xfd", not UTF-8.
        (b'{"x": "' + "张三".encode("gb18030") + b'"}', "not UTF-8 at byte 7"),
    ],
)
def test_each_kind_of_damage_is_named(district: Path, content: bytes, problem: str) -> None:
    path = district / "periods" / "2026-11.json"
    damage(path, content)
    with pytest.raises(StoreError) as caught:
        Store.open(district).commitments()
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)
    assert path.read_bytes() == content


def test_a_damaged_units_file_refuses_a_save_of_units(district: Path) -> None:
    path = district / "units.json"
    broken = damage(path)
    store = Store.open(district)
    with pytest.raises(StoreError, match=r"units\.json is damaged"):
        store.save_units([Unit("u002", "新华街道")])
    assert path.read_bytes() == broken


def test_a_damaged_meta_file_is_refused_on_open(district: Path) -> None:
    damage(district / "meta.json")
    before = snapshot(district)
    with pytest.raises(StoreError, match=r"meta\.json is damaged"):
        Store.open(district)
    assert snapshot(district) == before


@pytest.mark.parametrize("content", [b'{"meta": {"1": {"created": "2026-01-01"}}}', b"{}"])
def test_a_meta_file_without_a_schema_is_refused(district: Path, content: bytes) -> None:
    damage(district / "meta.json", content)
    before = snapshot(district)
    with pytest.raises(StoreError, match="has no schema version: not a diaodu data folder"):
        Store.open(district)
    assert snapshot(district) == before


def test_a_folder_of_other_files_is_not_a_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "报告.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(StoreError) as caught:
        Store.open(folder)
    assert str(folder) in str(caught.value)
    assert "not a diaodu data folder" in str(caught.value)
    assert [p.name for p in folder.iterdir()] == ["报告.docx"]


def test_a_file_given_as_the_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "district.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file; the data folder must be a folder"):
        Store.open(path)
    assert path.read_text("utf-8") == "{}"


def test_a_first_open_killed_before_meta_json_leaves_a_folder_that_opens(tmp_path: Path) -> None:
    root = tmp_path / "district"
    root.mkdir()
    (root / ".lock").touch()  # all a first open had made when it was killed
    (root / "meta.json.tmp-123-abcd").write_bytes(b'{"meta": {"1"')
    store = Store.open(root)
    assert (root / "meta.json").is_file()
    assert not (root / "meta.json.tmp-123-abcd").exists()
    assert add(store).id == "2026-11.1"


def test_a_folder_that_cannot_be_made_is_refused_by_name(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker / "district")
    assert str(caught.value).startswith(f"cannot create the data folder {blocker / 'district'}: ")
    assert blocker.read_text("utf-8") == "mine"
