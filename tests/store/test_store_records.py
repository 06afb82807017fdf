"""Every record is checked as it is read: a hand edit that breaks one is refused naming the
file, the record and the field, in the user's language; files that are not ours are left
alone and named once."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agenda.metrics import Reading
from agenda.periods import Period
from store import Store, StoreError
from tests.conftest import NOW, TODAY


def edit(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def refusal(read: Callable[[], object]) -> StoreError:
    with pytest.raises(StoreError) as caught:
        read()
    return caught.value


def test_a_metric_without_its_chinese_label_is_refused_by_name(demo_store: Store) -> None:
    path = demo_store.root / "metrics.json"
    edit(path, lambda data: data["metrics"]["2"].pop("label_zh"))
    error = refusal(Store.open(demo_store.root).metrics)
    assert str(error) == (
        f"{path} is damaged (record 2 of table 'metrics': field 'label_zh' is missing). "
        "diaodu has not changed it: restore it from a backup or correct it by hand, then "
        "start again."
    )
    assert error.words("zh") == (
        f"{path} 已损坏（metrics 表第2条记录缺少字段 label_zh）。diaodu 未改动该文件："
        "请从备份恢复，或手工改正后重试。"
    )


def test_an_unknown_kind_of_metric_lists_the_kinds(demo_store: Store) -> None:
    edit(demo_store.root / "metrics.json", lambda d: d["metrics"]["1"].update(kind="ratio"))
    error = refusal(Store.open(demo_store.root).metrics)
    assert "field 'kind' is \"ratio\", not one of amount, rate" in str(error)
    assert '字段 kind 为 "ratio"，应为以下之一：amount, rate' in error.words("zh")


def test_a_meeting_whose_attendance_is_a_list_is_refused(demo_store: Store) -> None:
    path = demo_store.root / "periods" / "2026-09.json"
    edit(path, lambda data: data["meetings"]["1"].update(attendance=[]))
    error = refusal(Store.open(demo_store.root).meetings)
    assert f"{path} is damaged (record 1 of table 'meetings': field 'attendance' " in str(error)
    assert "should be an object {...}, not []" in str(error)


def test_a_roll_call_entry_read_in_either_shape_and_refused_in_any_other(
    demo_store: Store,
) -> None:
    path = demo_store.root / "periods" / "2026-09.json"
    edit(path, lambda data: data["meetings"]["1"]["attendance"].update(u001="deputy"))
    assert Store.open(demo_store.root).meetings()[-1].attendance["u001"].value == "deputy"
    edit(path, lambda data: data["meetings"]["1"]["attendance"].update(u001={"name": "刘"}))
    error = refusal(Store.open(demo_store.root).meetings)
    assert "field 'attendance.u001.status' is missing" in str(error)


def test_a_stored_template_that_cannot_be_walked_is_refused(demo_store: Store) -> None:
    path = demo_store.root / "templates.json"

    def twice(data: dict[str, Any]) -> None:
        sections = data["templates"]["1"]["sections"]
        sections.append(sections[0])

    edit(path, twice)
    error = refusal(Store.open(demo_store.root).templates)
    assert str(error).startswith(
        f"{path} is damaged (record 1 of table 'templates' cannot be read: "
        "item key 'good-news' is used twice in this template)."
    )


def test_a_unit_named_by_a_number_is_refused(demo_store: Store) -> None:
    edit(demo_store.root / "units.json", lambda data: data["units"]["3"].update(name=12))
    error = refusal(Store.open(demo_store.root).units)
    assert "record 3 of table 'units': field 'name' should be text in quotes, not 12" in str(error)


def test_a_nested_field_is_named_by_its_place(demo_store: Store) -> None:
    path = demo_store.root / "periods" / "2026-09.json"
    edit(path, lambda data: data["commitments"]["2"]["history"][0].update(on="11月12日"))
    error = refusal(Store.open(demo_store.root).commitments)
    assert "field 'history[1].on' should be a date in quotes, YYYY-MM-DD" in str(error)


def test_a_field_diaodu_does_not_know_is_refused_not_dropped(demo_store: Store) -> None:
    """A misspelt optional field would otherwise fall back to its default unseen, and
    vanish from the file at the next save of that record."""
    path = demo_store.root / "metrics.json"
    edit(path, lambda data: data["metrics"]["1"].update(higher_is_beter=False))
    before = path.read_bytes()
    error = refusal(Store.open(demo_store.root).metrics)
    assert "'higher_is_beter' is not a field diaodu knows (misspelt?)" in str(error)
    assert path.read_bytes() == before


def test_a_reading_entered_twice_by_hand_is_refused(demo_store: Store) -> None:
    path = demo_store.root / "readings" / "2026.json"
    edit(path, lambda data: data["readings"].update({"99999": data["readings"]["1"]}))
    error = refusal(Store.open(demo_store.root).latest_reading_period)
    assert "records 1 and 99999 of table 'readings' are both for " in str(error)


def test_a_reading_filed_under_the_wrong_year_is_refused(demo_store: Store) -> None:
    path = demo_store.root / "readings" / "2026.json"
    edit(path, lambda data: data["readings"]["1"].update(period="2025-03"))
    error = refusal(lambda: Store.open(demo_store.root).readings([2026]))
    assert "field 'period' is \"2025-03\", where this file holds 2026-MM" in error.words("en")


def test_a_commitment_filed_under_another_month_is_refused(demo_store: Store) -> None:
    """The store finds a commitment by its id: one filed elsewhere would be lost."""
    path = demo_store.root / "periods" / "2026-09.json"
    edit(path, lambda data: data["commitments"]["1"].update(id="2026-10.1"))
    error = refusal(Store.open(demo_store.root).commitments)
    assert "field 'id' is \"2026-10.1\", where this file holds 2026-09.1" in str(error)


def test_a_save_is_not_built_on_a_damaged_record(demo_store: Store) -> None:
    path = demo_store.root / "readings" / "2026.json"
    edit(path, lambda data: data["readings"]["5"].update(value="12,5"))
    before = path.read_bytes()
    store = Store.open(demo_store.root, clock=lambda: TODAY)
    error = refusal(
        lambda: store.save_readings([Reading("u001", "signed_projects", Period(2026, 10), 3)])
    )
    assert "field 'value' should be a number, not \"12,5\"" in str(error)
    assert path.read_bytes() == before


# --- files that are not ours -------------------------------------------------------------
def test_a_copy_and_a_note_in_the_months_folder_are_left_alone_and_named_once(
    demo_store: Store,
) -> None:
    periods = demo_store.root / "periods"
    copy = periods / "2026-09 - 副本.json"
    shutil.copyfile(periods / "2026-09.json", copy)
    (periods / "notes.json").write_text("不是数据", "utf-8")
    (periods / "2026-9.json").write_text("{}", "utf-8")  # not 2026-09: never read as it
    heard: list[StoreError] = []
    store = Store.open(demo_store.root, clock=lambda: TODAY, on_notice=heard.append)
    meetings = store.meetings()
    store.commitments()
    assert [m.id for m in meetings] == ["2026-09.1"]  # the copy neither hides nor doubles it
    assert [(n.code, n.params["path"]) for n in heard] == [
        ("store.stray_file", copy),
        ("store.stray_file", periods / "2026-9.json"),
        ("store.stray_file", periods / "notes.json"),
    ]
    assert store.notices == heard
    assert heard[0].words("zh") == f"{copy} 不是 diaodu 的数据文件（文件名不符），已忽略，未读取"


def test_a_month_both_active_and_archived_is_read_once_and_said(demo_store: Store) -> None:
    root = demo_store.root
    shutil.copyfile(root / "archive" / "2026-08.json", root / "periods" / "2026-08.json")
    heard: list[StoreError] = []
    store = Store.open(root, clock=lambda: TODAY, on_notice=heard.append)
    ids = [m.id for m in store.meetings(include_archive=True)]
    assert ids.count("2026-08.1") == 1
    assert [n.code for n in heard] == ["store.archived_twice"]
    assert heard[0].params["path"] == root / "archive" / "2026-08.json"


def test_the_cli_names_a_stray_file_on_stderr_and_goes_on(
    demo_store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import app

    monkeypatch.setattr(app, "CLOCK", lambda: NOW)
    stray = demo_store.root / "periods" / "notes.json"
    stray.write_text("{}", "utf-8")
    assert app.main(["--db", str(demo_store.root), "--lang", "zh", "commitments"]) == 0
    out, err = capsys.readouterr()
    assert err == f"diaodu: {stray} 不是 diaodu 的数据文件（文件名不符），已忽略，未读取\n"
    assert out.startswith("会议,序号,单位,")  # the task table, read all the same
