"""A folder written before meetings were numbered (schema 3) opens, upgrades and reads:
attendance written as text, meetings numbered by date in their year, commitments in their
meeting, carry-overs counted along chains that cross into the archive."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from agenda.demo import Demo, build_demo
from agenda.meetings import Meeting
from store import Store
from store.migrate_numbers import COMMITMENT_DEFAULTS, MEETING_DEFAULTS, upgrade_records
from store.schema import SCHEMA_VERSION
from store.seed import seed

TODAY = date(2026, 11, 22)


def as_schema_3(root: Path) -> None:
    """The folder as diaodu wrote it before: no new fields, attendance as plain text."""
    for path in [*(root / "periods").glob("*.json"), *(root / "archive").glob("*.json")]:
        data = json.loads(path.read_text("utf-8"))
        for doc in data.get("meetings", {}).values():
            for key in MEETING_DEFAULTS:
                doc.pop(key, None)
            doc["attendance"] = {u: v["status"] for u, v in doc["attendance"].items()}
        for doc in data.get("commitments", {}).values():
            for key in COMMITMENT_DEFAULTS:
                doc.pop(key, None)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (root / "templates.json").unlink()
    meta = json.loads((root / "meta.json").read_text("utf-8"))
    meta["meta"]["1"]["schema"] = 3
    (root / "meta.json").write_text(json.dumps(meta), "utf-8")


def upgraded_demo(demo: Demo) -> tuple[list[Meeting], list[Any]]:
    """What the upgrade makes of the demo's records: numbers by place, no details."""
    meetings = [
        replace(
            m,
            nth_in_year=place,
            topic="",
            place="",
            observers=(),
            attendance_details=MappingProxyType({}),
        )
        for place, m in enumerate(demo.meetings, start=1)
    ]
    commitments = [replace(c, lead="", supporting=(), progress=()) for c in demo.commitments]
    return meetings, commitments


def test_a_schema_3_folder_upgrades_and_reads_every_record(tmp_path: Path) -> None:
    root = tmp_path / "data"
    demo = build_demo(TODAY)
    seed(Store.open(root, clock=lambda: TODAY), demo)
    as_schema_3(root)
    store = Store.open(root, clock=lambda: TODAY)
    meta = json.loads((root / "meta.json").read_text("utf-8"))
    assert meta["meta"]["1"]["schema"] == SCHEMA_VERSION == 4
    assert (tmp_path / "data.schema3.backup").is_dir()
    meetings, commitments = upgraded_demo(demo)
    assert store.meetings(include_archive=True) == meetings
    by_id = {c.id: c for c in store.commitments(include_archive=True)}
    assert [by_id[c.id] for c in commitments] == commitments
    # The chain: made in July (archived), carried in September (archived), then October.
    assert [by_id[i].carried_times for i in ("2026-07.1", "2026-08.9", "2026-09.1")] == [0, 1, 2]
    assert store.templates() == []
    # Written in the new shape: one record per unit at the roll call.
    october = json.loads((root / "periods" / "2026-09.json").read_text("utf-8"))
    assert october["meetings"]["1"]["attendance"]["u001"] == {"status": "present"}
    assert october["meetings"]["1"]["nth_in_year"] == 4


def test_the_upgrade_run_again_changes_nothing(tmp_path: Path) -> None:
    meetings: list[dict[str, Any]] = [
        {"id": "2026-10.1", "date": "2026-11-20", "attendance": {"u001": "deputy"}},
        {"id": "2026-09.1", "date": "2026-10-20", "attendance": {}},
        {"id": "2025-12.1", "date": "2026-01-10", "attendance": {}},
        {"id": "2025-11.1", "date": "2025-12-10", "attendance": {}},
    ]
    commitments: list[dict[str, Any]] = [
        {"id": "2026-10.2", "meeting": "2026-10.1", "carried_from": "2026-10.1"},
        {"id": "2026-10.1", "meeting": "2026-10.1", "carried_from": "2026-09.4"},
        {"id": "2026-09.4", "meeting": "2026-09.1", "carried_from": "2026-08.1"},  # gone
        {"id": "2026-09.10", "meeting": "2026-09.1", "carried_from": None},
        {"id": "2026-11.1", "meeting": None},
    ]
    assert upgrade_records(meetings, commitments) == ({0, 1, 2, 3}, {0, 1, 2, 3, 4})
    assert [m["nth_in_year"] for m in meetings] == [3, 2, 1, 1]
    assert meetings[0]["attendance"] == {"u001": {"status": "deputy"}}
    assert [c["nth_in_meeting"] for c in commitments] == [2, 1, 1, 2, None]
    # 2026-10.2 ← 2026-10.1 ← 2026-09.4 ← 2026-08.1 (no longer on record: counted once)
    assert [c["carried_times"] for c in commitments] == [3, 2, 1, 0, 0]
    before = json.dumps([meetings, commitments])
    assert upgrade_records(meetings, commitments) == (set(), set())
    assert json.dumps([meetings, commitments]) == before


def test_a_damaged_month_is_left_for_its_read_to_refuse(tmp_path: Path) -> None:
    root = tmp_path / "data"
    seed(Store.open(root, clock=lambda: TODAY), build_demo(TODAY))
    as_schema_3(root)
    damaged = root / "archive" / "2026-07.json"
    damaged.write_text('{"meetings": {', "utf-8")
    store = Store.open(root, clock=lambda: TODAY)  # the upgrade passes it over
    assert damaged.read_text("utf-8") == '{"meetings": {'
    assert [m.nth_in_year for m in store.meetings()] == [2]  # October: 2nd of the year read
