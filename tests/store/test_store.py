"""The store keeps what it is given: round trips, readable Chinese, the archive, the schema."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from agenda.commitments import Commitment, Status
from agenda.errors import RuleError
from agenda.meetings import Attendance
from agenda.metrics import Metric, MetricKind, Reading, Target, default_metrics
from agenda.periods import Period
from agenda.units import Unit, UnitKind
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


# --- round trips --------------------------------------------------------------------------


def test_units_round_trip_and_get_ids(store: Store) -> None:
    saved = store.save_units(
        [
            Unit("u001", "城关镇", UnitKind.TOWN, "王建国", 1, True, ("城关",)),
            Unit("", "区商务局", UnitKind.DEPARTMENT, "赵强", 2),
            Unit("u009", "旧城镇", order=3, active=False),
        ]
    )
    assert saved[1].id == "u010"  # not u002: past every id in use, later ones included
    again = reopen(store)
    assert again.units() == saved
    assert again.unit("u009") == Unit("u009", "旧城镇", order=3, active=False)
    # Saving one unit again updates it in place.
    again.save_unit(Unit("u001", "城关镇", UnitKind.TOWN, "李明", 1))
    assert [u.head for u in reopen(again).units()] == ["李明", "赵强", ""]


def test_new_units_never_take_an_id_claimed_later_in_the_batch(store: Store) -> None:
    saved = store.save_units([Unit("", "新华街道"), Unit("u001", "城关镇")])
    assert [u.id for u in saved] == ["u002", "u001"]
    assert sorted(u.name for u in reopen(store).units()) == ["城关镇", "新华街道"]


def test_metrics_default_until_replaced(store: Store) -> None:
    assert store.metrics() == default_metrics()
    mine = [Metric("visits", "走访企业", "Firms visited", "家", MetricKind.AMOUNT, True, None)]
    store.save_metrics(mine)
    assert reopen(store).metrics() == mine


def test_targets_and_readings_round_trip_and_upsert(store: Store) -> None:
    store.save_targets([Target("u001", "signed_amount", 2026, 358.0)])
    store.save_targets(
        [
            Target("u001", "signed_amount", 2026, 400.0),  # replaces the first
            Target("u001", "signed_amount", 2027, 450.0),
        ]
    )
    store.save_readings(
        [
            Reading("u001", "signed_amount", Period(2025, 10), 300.0),
            Reading("u001", "signed_amount", OCT, 412.0),
        ]
    )
    store.save_readings([Reading("u001", "signed_amount", OCT, 412.63)])
    again = reopen(store)
    assert again.targets(2026) == [Target("u001", "signed_amount", 2026, 400.0)]
    assert len(again.targets()) == 2
    assert again.readings([2026]) == [Reading("u001", "signed_amount", OCT, 412.63)]
    assert again.reading_years() == [2025, 2026]
    assert again.latest_reading_period() == OCT
    figures = again.figures(OCT)
    assert figures.ytd("u001", "signed_amount", OCT) == 412.63
    assert figures.ytd("u001", "signed_amount", Period(2025, 10)) == 300.0
    assert figures.target("u001", "signed_amount", 2026) == 400.0
    assert (again.root / "readings" / "2025.json").is_file()


def test_meetings_round_trip_with_everything_said(store: Store) -> None:
    meeting = store.create_meeting(OCT, date(2026, 11, 5), "zhaoshang", chair="刘区长")
    assert meeting.id == "2026-10.1"
    assert store.create_meeting(OCT, date(2026, 11, 6), "zhaoshang").id == "2026-10.2"
    start = datetime(2026, 11, 5, 9, 0)
    store.update_meeting(
        meeting.id,
        lambda m: (
            m.start(start, "review-commitments")
            .with_attendance("u001", Attendance.DEPUTY)
            .with_note("scorecard", "全区签约[b]增长[/b]")
            .with_unit_note("achievements", "u001", "经验做法：以商招商")
            .with_problems("u002", ("思想不够主动", "方法不够灵活"))
            .move_to("scorecard", datetime(2026, 11, 5, 9, 12))
        ),
    )
    loaded = reopen(store).meeting(meeting.id)
    assert loaded is not None
    assert loaded.chair == "刘区长"
    assert loaded.started_at == start
    assert loaded.attendance["u001"] is Attendance.DEPUTY
    assert loaded.notes["scorecard"] == "全区签约[b]增长[/b]"
    assert loaded.unit_notes["achievements"]["u001"] == "经验做法：以商招商"
    assert loaded.problems["u002"] == ("思想不够主动", "方法不够灵活")
    assert loaded.current_item == "scorecard"
    assert loaded.item_seconds["review-commitments"] == 720.0


def test_update_of_a_missing_record_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match=r"no meeting 2026-10\.1"):
        store.update_meeting("2026-10.1", lambda m: m)
    with pytest.raises(StoreError, match=r"no commitment 2026-10\.1"):
        store.update_commitment("2026-10.1", lambda c: c)


def test_commitments_round_trip_with_history_extensions_and_links(store: Store) -> None:
    first = add(store, NOV)
    assert first.id == "2026-11.1"
    assert add(store, NOV, "u002").id == "2026-11.2"
    store.update_commitment(
        first.id,
        lambda c: c.extend(date(2026, 12, 15), "客商推迟来访", TODAY, meeting_id="2026-11.1").mark(
            Status.PARTIAL, date(2026, 12, 1), note="签约1个"
        ),
    )
    closed, new = store.carry_over(
        store.commitment(first.id), date(2026, 12, 31), date(2026, 12, 2), period=Period(2026, 12)
    )
    assert new.id == "2026-12.1"
    again = reopen(store)
    loaded = again.commitment(first.id)
    assert loaded == closed
    assert loaded.due == date(2026, 11, 30)
    assert loaded.effective_due == date(2026, 12, 15)
    assert loaded.extensions[0].reason == "客商推迟来访"
    assert loaded.history[0].note == "签约1个"
    assert loaded.carried_to == "2026-12.1"
    assert again.commitment("2026-12.1") == new
    assert again.commitment("2026-12.1").carried_from == first.id
    assert [c.id for c in again.commitments()] == ["2026-11.1", "2026-11.2", "2026-12.1"]


def test_carrying_over_a_stale_copy_does_not_undo_another_windows_outcome(
    store: Store,
) -> None:
    stale = add(store, NOV)
    secretary = Store.open(store.root, clock=lambda: TODAY)  # the other window
    secretary.update_commitment(stale.id, lambda c: c.mark(Status.DONE, TODAY, note="已签约"))
    with pytest.raises(RuleError, match="marked done is not carried over"):
        store.carry_over(stale, date(2026, 12, 31), TODAY, period=Period(2026, 12))
    kept = reopen(store).commitment(stale.id)
    assert kept.status is Status.DONE
    assert kept.carried_to is None
    assert reopen(store).commitments() == [kept]


def test_delete_commitment(store: Store) -> None:
    first = add(store, NOV)
    add(store, NOV)
    store.delete_commitment(first.id, expected_revision=first.revision)
    assert [c.id for c in reopen(store).commitments()] == ["2026-11.2"]


def test_settings_round_trip(store: Store) -> None:
    store.save_settings(warn_days=5)
    store.save_settings(lang="en")
    assert reopen(store).settings() == {"warn_days": 5, "lang": "en"}


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


def test_a_settled_past_period_moves_to_the_archive(store: Store) -> None:
    meeting = store.create_meeting(OCT, date(2026, 10, 28), "zhaoshang")
    commitment = add(store, OCT, due=date(2026, 11, 15))
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 10, 28, 11, 0)))
    assert (store.root / "periods/2026-10.json").exists()  # a commitment is still open
    store.update_commitment(commitment.id, lambda c: c.mark(Status.DONE, date(2026, 11, 14)))
    assert not (store.root / "periods/2026-10.json").exists()
    assert (store.root / "archive/2026-10.json").exists()

    again = reopen(store)
    assert again.active_periods() == []
    assert again.archived_periods() == [OCT]
    assert again.commitments() == []  # opening reads only active periods
    assert [c.id for c in again.commitments(include_archive=True)] == [commitment.id]
    assert again.commitment(commitment.id).status is Status.DONE  # found by id all the same
    assert [m.id for m in again.meetings(include_archive=1)] == [meeting.id]


def test_reopening_an_archived_commitment_brings_its_period_back(store: Store) -> None:
    meeting = store.create_meeting(OCT, date(2026, 10, 28), "zhaoshang")
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 10, 28, 11, 0)))
    commitment = add(store, OCT)
    store.update_commitment(commitment.id, lambda c: c.mark(Status.DONE, TODAY))
    assert store.archived_periods() == [OCT]
    store.update_commitment(commitment.id, lambda c: c.mark(Status.OPEN, TODAY))
    assert store.active_periods() == [OCT]
    assert store.archived_periods() == []
    assert reopen(store).commitment(commitment.id).is_open


def test_the_current_period_is_never_archived(store: Store) -> None:
    meeting = store.create_meeting(NOV, TODAY, "zhaoshang")
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 11, 22, 11, 0)))
    assert store.active_periods() == [NOV]


def test_the_demo_archives_its_settled_past(demo_store: Store) -> None:
    # July's and August's meetings are closed and all their commitments settled;
    # September's are not.
    assert demo_store.archived_periods() == [Period(2026, 7), Period(2026, 8)]
    assert demo_store.active_periods() == [Period(2026, 9)]
    everything = demo_store.commitments(include_archive=True)
    archived = [c for c in everything if c.id.startswith("2026-08.")]
    assert archived and not any(c.is_open for c in archived)
    assert {c.id for c in everything if c.is_open} <= {c.id for c in demo_store.commitments()}


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


def test_opening_creates_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "a" / "b"
    Store.open(root)
    assert (root / "meta.json").is_file()
