"""archived.json: the folder's brief of each archived month lets a report read only the months
it shows; a brief that is missing, out of date or unreadable never changes an answer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from store import Store
from store.briefs import FILE
from tests.conftest import TODAY
from tests.store.test_contract_reports import HISTORY, history

THIS_YEAR = (date(2026, 1, 1), date(2026, 10, 31))


def answers(store: Store) -> tuple[object, ...]:
    return (
        store.commitments_due(*THIS_YEAR),
        store.commitments_due(date(2025, 8, 1), date(2025, 8, 31)),
        store.commitments_of_meeting("2025-07.1"),
        store.latest_meetings(3),
        store.archive_briefs(12),
    )


def reopened(root: Path) -> Store:
    return Store.open(root, clock=lambda: TODAY)


def test_archiving_a_month_writes_its_brief(demo_store: Store) -> None:
    history(demo_store)
    briefs = json.loads((demo_store.root / FILE).read_text("utf-8"))["months"]
    periods = [brief["period"] for brief in briefs.values()]
    # and the demo's settled months
    assert periods == [*(str(p) for p in HISTORY), "2026-07", "2026-08"]
    june = next(b for b in briefs.values() if b["period"] == "2025-06")
    assert (june["first_due"], june["last_due"]) == ("2025-08-31", "2025-09-10")
    assert june["acted"] == ["2025-06.1", "2025-07.1"]
    assert june["meetings"] == [
        {"id": "2025-06.1", "date": "2025-07-20", "special": False, "closed": True}
    ]
    # 督办 reads a month only if its commitments may count (agenda/archive.py)
    assert (june["units"], june["settled_by"], june["carried"]) == (["u001"], "2025-08-31", 0)


def test_a_report_of_this_year_reads_no_older_archived_month(demo_store: Store) -> None:
    history(demo_store)
    store = reopened(demo_store.root)
    store.commitments_due(*THIS_YEAR)
    read = {path.name for path in store._files if path.parent.name == "archive"}
    assert read <= {"2026-07.json", "2026-08.json"}  # the demo's settled months, not 2025's


def test_without_briefs_the_answers_are_the_same_and_the_next_opening_writes_them(
    demo_store: Store,
) -> None:
    history(demo_store)
    root = demo_store.root
    wanted = answers(reopened(root))
    (root / FILE).unlink()  # a folder archived by an older diaodu
    assert answers(Store(root, clock=lambda: TODAY)) == wanted  # read whole, not opened
    assert not (root / FILE).exists()
    assert answers(reopened(root)) == wanted
    assert (root / FILE).exists()


def test_a_month_changed_since_its_brief_is_read_whole(demo_store: Store) -> None:
    history(demo_store)
    root = demo_store.root
    wanted = answers(reopened(root))
    briefs = json.loads((root / FILE).read_text("utf-8"))
    for brief in briefs["months"].values():  # briefs that would hide every month
        brief["first_due"] = brief["last_due"] = "1999-01-01"
        brief["acted"], brief["meetings"] = [], []
    (root / FILE).write_text(json.dumps(briefs), "utf-8")
    for path in (root / "archive").iterdir():  # ...but no file is the one it describes
        path.touch()
    store = Store(root, clock=lambda: TODAY)  # no opening: the briefs stay as they are
    assert answers(store) == wanted


def test_an_unreadable_brief_file_is_taken_as_none(demo_store: Store) -> None:
    history(demo_store)
    root = demo_store.root
    wanted = answers(reopened(root))
    (root / FILE).write_text("{not json", "utf-8")
    assert answers(Store(root, clock=lambda: TODAY)) == wanted
    store = reopened(root)  # and written anew
    assert json.loads((root / FILE).read_text("utf-8"))["months"]
    assert answers(store) == wanted


def test_briefs_of_an_older_diaodu_are_read_as_none_and_written_anew(demo_store: Store) -> None:
    history(demo_store)
    root = demo_store.root
    wanted = answers(reopened(root))
    briefs = json.loads((root / FILE).read_text("utf-8"))
    for brief in briefs["months"].values():  # as written before 督办 read briefs
        for name in ("units", "settled_by", "carried"):
            del brief[name]
        for meeting in brief["meetings"]:
            del meeting["special"], meeting["closed"]
    (root / FILE).write_text(json.dumps(briefs), "utf-8")
    assert answers(Store(root, clock=lambda: TODAY)) == wanted
    store = reopened(root)
    again = json.loads((root / FILE).read_text("utf-8"))["months"]
    assert all({"units", "settled_by", "carried"} <= set(brief) for brief in again.values())
    assert answers(store) == wanted
