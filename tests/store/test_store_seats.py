"""Two windows on one folder (the chair's and the secretary's): a save built on an older
copy is refused and changes nothing; a closed meeting takes no change from either."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from agenda.commitments import Commitment, Status
from agenda.errors import RuleError, StaleError
from agenda.meetings import Attendance, Meeting, MeetingEventKind, MeetingState
from agenda.periods import Period
from store import Store, StoreError
from store.schema import SCHEMA_VERSION

TODAY = date(2026, 11, 22)
AT = datetime(2026, 11, 22, 9, 30)
OCT = Period(2026, 10)


def window(root: Path) -> Store:
    return Store.open(root, clock=lambda: TODAY)


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.json")}


def commit(store: Store, meeting_id: str | None = None, text: str = "签约1个项目") -> Commitment:
    return store.add_commitment(
        OCT,
        lambda id_: Commitment(
            id_, "u001", text, "王镇长", date(2026, 12, 31), meeting_id, created=TODAY
        ),
    )


@pytest.fixture
def two(tmp_path: Path) -> tuple[Store, Store]:
    chair = window(tmp_path / "district")
    return chair, window(chair.root)


def meeting_in_progress(store: Store) -> Meeting:
    meeting = store.create_meeting(OCT, TODAY, "zhaoshang")
    return store.update_meeting(meeting.id, lambda m: m.start(AT, "review-commitments"))


# --- revisions ------------------------------------------------------------------------------


def test_every_save_counts_a_revision_kept_on_disk(two: tuple[Store, Store]) -> None:
    chair, secretary = two
    added = commit(chair)
    assert added.revision == 1
    edited = chair.save_commitment(replace(added, owner="张三"))
    assert edited.revision == 2
    marked = secretary.update_commitment(added.id, lambda c: c.mark(Status.DONE, TODAY))
    assert marked.revision == 3
    assert window(chair.root).commitment(added.id) == marked
    meeting = chair.create_meeting(OCT, TODAY, "zhaoshang")
    assert meeting.revision == 1
    assert secretary.update_meeting(meeting.id, lambda m: m.with_note("a", "b")).revision == 2
    # An update that changes nothing writes nothing.
    before = files(chair.root)
    assert chair.update_meeting(meeting.id, lambda m: m).revision == 2
    assert files(chair.root) == before


def test_a_stale_whole_commitment_is_refused_and_nothing_changes(
    two: tuple[Store, Store],
) -> None:
    """Both windows hold 2026-10.1; the chair saves new text; the secretary's save of an
    owner on the old copy would put the old text back: refused, the disk as it was."""
    chair, secretary = two
    commit(chair)
    commit(chair)
    held = secretary.commitment("2026-10.1")
    assert held is not None
    chair.save_commitment(replace(held, text="签约2个项目"))
    on_disk = files(chair.root)
    with pytest.raises(StaleError) as refused:
        secretary.save_commitment(replace(held, owner="李四"))
    assert refused.value.code == "store.stale_commitment"
    assert refused.value.current.text == "签约2个项目"  # what the other window saved
    assert files(chair.root) == on_disk
    with pytest.raises(StaleError):  # one stale record refuses the whole batch
        secretary.save_commitments(
            [replace(secretary.commitment("2026-10.2"), owner="赵六"), replace(held, owner="李四")]
        )
    assert files(chair.root) == on_disk
    assert "任务 2026-10.1 已在另一窗口修改" in refused.value.words("zh")


def test_updates_refuse_a_record_moved_since_the_caller_read_it(two: tuple[Store, Store]) -> None:
    chair, secretary = two
    held = commit(chair)
    meeting = meeting_in_progress(chair)
    chair.update_commitment(held.id, lambda c: replace(c, text="新的"))
    chair.update_meeting(meeting.id, lambda m: m.with_note("scorecard", "主持人写的"))
    on_disk = files(chair.root)
    with pytest.raises(StaleError) as stale:
        secretary.update_commitment(
            held.id, lambda c: replace(c, owner="李四"), expected_revision=held.revision
        )
    assert stale.value.current.text == "新的"
    with pytest.raises(StaleError) as stale:
        secretary.update_meeting(
            meeting.id,
            lambda m: m.with_note("scorecard", "记录人写的"),
            expected_revision=meeting.revision,
        )
    assert stale.value.code == "store.stale_meeting"
    assert stale.value.current.notes["scorecard"] == "主持人写的"
    assert files(chair.root) == on_disk


def test_a_stale_meeting_and_a_stale_delete_are_refused(two: tuple[Store, Store]) -> None:
    chair, secretary = two
    meeting = meeting_in_progress(chair)
    chair.update_meeting(meeting.id, lambda m: m.with_attendance("u001", Attendance.ABSENT))
    held = commit(chair)
    chair.update_commitment(held.id, lambda c: replace(c, text="改过"))
    on_disk = files(chair.root)
    with pytest.raises(StaleError):
        secretary.save_meeting(meeting.with_note("scorecard", "旧副本上写的"))
    with pytest.raises(StaleError):
        secretary.delete_commitment(held.id, expected_revision=held.revision)
    assert files(chair.root) == on_disk
    chair.delete_commitment(held.id, expected_revision=2)
    with pytest.raises(StaleError) as gone:  # an edit never brings a deleted one back
        secretary.save_commitment(replace(held, revision=2, owner="李四"))
    assert gone.value.code == "store.gone_commitment" and gone.value.current is None
    with pytest.raises(StaleError):
        secretary.delete_commitment(held.id, expected_revision=2)


def test_a_new_record_may_not_take_an_id_on_record(store: Store) -> None:
    held = commit(store)
    with pytest.raises(StaleError):
        store.save_commitment(replace(held, revision=0, text="同号的另一项"))
    restored = store.save_commitment(replace(held, id="2026-10.7", revision=0))
    assert restored.revision == 1


def test_a_folder_written_before_revisions_upgrades_and_reads_them_as_zero(
    store: Store,
) -> None:
    held = commit(store)
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
    old = window(store.root)
    upgraded = json.loads((store.root / "meta.json").read_text("utf-8"))
    assert upgraded["meta"]["1"]["schema"] == SCHEMA_VERSION == 4
    assert old.commitment(held.id).revision == 0
    assert old.meeting(meeting.id).revision == 0
    assert old.save_commitment(replace(old.commitment(held.id), owner="张三")).revision == 1
    assert old.update_meeting(meeting.id, lambda m: m.with_note("a", "b")).revision == 1


# --- closed means closed ---------------------------------------------------------------------


@pytest.fixture
def closed(two: tuple[Store, Store]) -> tuple[Store, Store, Commitment]:
    """The chair closed this month's meeting, with one commitment made at it."""
    chair, secretary = two
    meeting = meeting_in_progress(chair)
    made = commit(chair, meeting.id)
    chair.update_meeting(meeting.id, lambda m: m.close(AT, "chair 张立新"))
    return chair, secretary, made


def test_a_closed_meetings_record_refuses_every_change_from_either_window(
    closed: tuple[Store, Store, Commitment],
) -> None:
    chair, secretary, _ = closed
    on_disk = files(chair.root)
    for change in (
        lambda m: m.with_note("scorecard", "会后补记"),
        lambda m: m.with_attendance("u001", Attendance.ABSENT),
        lambda m: m.with_problems("u001", ("思想不够主动",)),
        lambda m: m.with_unit_note("behind-pace", "u001", "约谈"),
        lambda m: m.move_to("scorecard", AT),
    ):
        with pytest.raises(RuleError) as refused:
            secretary.update_meeting("2026-10.1", change)
        assert refused.value.code == "meeting.closed_change"
    held = secretary.meeting("2026-10.1")
    with pytest.raises(RuleError):
        secretary.save_meeting(replace(held, chair="王区长"))
    assert files(chair.root) == on_disk


def test_a_closed_meetings_commitments_refuse_adding_editing_and_deleting(
    closed: tuple[Store, Store, Commitment],
) -> None:
    chair, secretary, made = closed
    on_disk = files(chair.root)
    with pytest.raises(RuleError) as refused:
        commit(secretary, "2026-10.1", text="会后补录的一项")
    assert refused.value.code == "meeting.closed_add"
    with pytest.raises(RuleError, match="cannot be changed"):
        secretary.update_commitment(made.id, lambda c: replace(c, owner="李四"))
    with pytest.raises(RuleError, match="cannot be changed"):
        secretary.save_commitment(replace(made, text="改写"))
    with pytest.raises(RuleError, match="cannot be deleted"):
        secretary.delete_commitment(made.id, expected_revision=made.revision)
    with pytest.raises(RuleError, match="cannot change"):  # an outcome recorded at it
        secretary.update_commitment(
            made.id, lambda c: c.mark(Status.DONE, TODAY, meeting_id="2026-10.1")
        )
    with pytest.raises(RuleError):  # nor carried into it
        secretary.carry_over(made, date(2027, 1, 31), TODAY, period=OCT, meeting_id="2026-10.1")
    assert files(chair.root) == on_disk


def test_next_months_meeting_marks_and_carries_what_the_closed_one_made(
    closed: tuple[Store, Store, Commitment],
) -> None:
    chair, secretary, made = closed
    november = secretary.create_meeting(Period(2026, 11), TODAY, "zhaoshang")
    marked = secretary.update_commitment(
        made.id, lambda c: c.mark(Status.PARTIAL, TODAY, meeting_id=november.id, note="签约1个")
    )
    assert marked.status is Status.PARTIAL
    old, new = chair.carry_over(
        marked, date(2027, 1, 31), TODAY, period=Period(2026, 11), meeting_id=november.id
    )
    assert old.carried_to == new.id and new.revision == 1


def test_reopening_is_on_record_and_lets_changes_in_again(
    closed: tuple[Store, Store, Commitment],
) -> None:
    chair, secretary, made = closed
    secretary.update_meeting("2026-10.1", lambda m: m.reopen(AT, "secretary 李晓东"))
    again = window(chair.root).meeting("2026-10.1")
    assert again.state is MeetingState.IN_PROGRESS
    assert [(e.kind, e.by) for e in again.events] == [
        (MeetingEventKind.CLOSED, "chair 张立新"),
        (MeetingEventKind.REOPENED, "secretary 李晓东"),
    ]
    chair.update_commitment(made.id, lambda c: replace(c, owner="李四"))
    commit(chair, "2026-10.1", text="补录的一项")
    assert len([c for c in chair.commitments() if c.meeting_id == "2026-10.1"]) == 2


# --- seeding and copying: new records only ------------------------------------------------------


def test_records_are_added_as_they_are_but_never_over_what_is_on_record(
    closed: tuple[Store, Store, Commitment],
) -> None:
    chair, _, made = closed
    on_disk = files(chair.root)
    with pytest.raises(StoreError) as taken:
        chair.add_records([], [replace(made, text="覆盖")])
    assert taken.value.code == "store.exists"
    sneaked = replace(made, id="2026-10.9", revision=0)  # into the closed meeting on record
    with pytest.raises(RuleError):
        chair.add_records([], [sneaked])
    assert files(chair.root) == on_disk
    september = Meeting(
        "2026-09.1", Period(2026, 9), date(2026, 10, 20), "zhaoshang", state=MeetingState.CLOSED
    )
    made_then = Commitment(
        "2026-09.1", "u001", "签约", "王镇长", date(2026, 10, 31), september.id
    ).mark(Status.DONE, date(2026, 10, 30), meeting_id=september.id)
    chair.add_records([september], [made_then])
    assert chair.archived_periods() == [Period(2026, 9)]  # closed and settled: archived
    assert chair.commitment(made_then.id) == made_then
