"""Two windows on one district (the chair's and the secretary's; on a server, perhaps on
two machines), on both backends (agenda/ports.py): every save counts a revision; a save
built on an older copy is refused and changes nothing; a closed meeting takes no change
but its reopening; records new to the district go in as they are, never over one on
record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime

import pytest

from agenda.commitments import Commitment, Status
from agenda.errors import RuleError, StaleError
from agenda.meetings import Attendance, Meeting, MeetingEventKind, MeetingState
from agenda.periods import Period
from store import StoreError
from store.opening import AnyStore
from tests.backends import TODAY, Backend

AT = datetime(2026, 11, 22, 9, 30)
OCT = Period(2026, 10)


def commit(store: AnyStore, meeting_id: str | None = None, text: str = "签约1个项目") -> Commitment:
    return store.add_commitment(
        OCT,
        lambda id_: Commitment(
            id_, "u001", text, "王镇长", date(2026, 12, 31), meeting_id, created=TODAY
        ),
    )


def in_progress(store: AnyStore) -> Meeting:
    meeting = store.create_meeting(OCT, TODAY, "zhaoshang")
    return store.update_meeting(meeting.id, lambda m: m.start(AT, "review-commitments"))


@pytest.fixture
def two(backend: Backend) -> Iterator[tuple[AnyStore, AnyStore]]:
    """The chair's window and the secretary's, on one district."""
    secretary = backend.window()
    yield backend.store, secretary
    secretary.close()


# --- revisions ------------------------------------------------------------------------------


def test_every_save_counts_a_revision_kept_on_record(
    backend: Backend, two: tuple[AnyStore, AnyStore]
) -> None:
    chair, secretary = two
    added = commit(chair)
    assert added.revision == 1
    edited = chair.save_commitment(replace(added, owner="张三"))
    assert edited.revision == 2
    marked = secretary.update_commitment(added.id, lambda c: c.mark(Status.DONE, TODAY))
    assert marked.revision == 3
    assert backend.window().commitment(added.id) == marked
    meeting = chair.create_meeting(OCT, TODAY, "zhaoshang")
    assert meeting.revision == 1
    assert secretary.update_meeting(meeting.id, lambda m: m.with_note("a", "b")).revision == 2
    # A save that changes nothing writes nothing.
    before = backend.snapshot()
    assert chair.update_meeting(meeting.id, lambda m: m).revision == 2
    assert chair.save_commitment(marked).revision == 3
    assert backend.snapshot() == before


def test_a_stale_whole_commitment_is_refused_and_nothing_changes(
    backend: Backend, two: tuple[AnyStore, AnyStore]
) -> None:
    """Both windows hold 2026-10.1; the chair saves new text; the secretary's save of an
    owner on the old copy would put the old text back: refused, the record as it was."""
    chair, secretary = two
    commit(chair)
    commit(chair)
    held = secretary.commitment("2026-10.1")
    assert held is not None
    chair.save_commitment(replace(held, text="签约2个项目"))
    kept = backend.snapshot()
    with pytest.raises(StaleError) as refused:
        secretary.save_commitment(replace(held, owner="李四"))
    assert refused.value.code == "store.stale_commitment"
    assert refused.value.current.text == "签约2个项目"  # what the other window saved
    assert "任务 2026-10.1 已在另一窗口修改" in refused.value.words("zh")
    assert backend.snapshot() == kept
    with pytest.raises(StaleError):  # one stale record refuses the whole batch
        secretary.save_commitments(
            [replace(secretary.commitment("2026-10.2"), owner="赵六"), replace(held, owner="李四")]
        )
    assert backend.snapshot() == kept


def test_updates_refuse_a_record_moved_since_the_caller_read_it(
    backend: Backend, two: tuple[AnyStore, AnyStore]
) -> None:
    chair, secretary = two
    held = commit(chair)
    meeting = in_progress(chair)
    chair.update_commitment(held.id, lambda c: replace(c, text="新的"))
    chair.update_meeting(meeting.id, lambda m: m.with_note("scorecard", "主持人写的"))
    kept = backend.snapshot()
    with pytest.raises(StaleError) as stale:
        secretary.update_commitment(
            held.id, lambda c: replace(c, owner="李四"), expected_revision=held.revision
        )
    assert stale.value.code == "store.stale_commitment"
    assert stale.value.current.text == "新的"
    with pytest.raises(StaleError) as stale:
        secretary.update_meeting(
            meeting.id,
            lambda m: m.with_note("scorecard", "记录人写的"),
            expected_revision=meeting.revision,
        )
    assert stale.value.code == "store.stale_meeting"
    assert stale.value.current.notes["scorecard"] == "主持人写的"
    assert backend.snapshot() == kept


def test_a_stale_meeting_and_a_stale_delete_are_refused(
    backend: Backend, two: tuple[AnyStore, AnyStore]
) -> None:
    chair, secretary = two
    meeting = in_progress(chair)
    chair.update_meeting(meeting.id, lambda m: m.with_attendance("u001", Attendance.ABSENT))
    held = commit(chair)
    chair.update_commitment(held.id, lambda c: replace(c, text="改过"))
    kept = backend.snapshot()
    with pytest.raises(StaleError):
        secretary.save_meeting(meeting.with_note("scorecard", "旧副本上写的"))
    with pytest.raises(StaleError):
        secretary.delete_commitment(held.id, expected_revision=held.revision)
    assert backend.snapshot() == kept
    chair.delete_commitment(held.id, expected_revision=2)
    with pytest.raises(StaleError) as gone:  # an edit never brings a deleted one back
        secretary.save_commitment(replace(held, revision=2, owner="李四"))
    assert gone.value.code == "store.gone_commitment" and gone.value.current is None
    with pytest.raises(StaleError):
        secretary.delete_commitment(held.id, expected_revision=2)


def test_a_new_record_may_not_take_an_id_on_record(backend: Backend) -> None:
    held = commit(backend.store)
    with pytest.raises(StaleError):
        backend.store.save_commitment(replace(held, revision=0, text="同号的另一项"))
    restored = backend.store.save_commitment(replace(held, id="2026-10.7", revision=0))
    assert restored.revision == 1


def test_an_update_of_a_record_deleted_meanwhile_says_it_is_gone(
    two: tuple[AnyStore, AnyStore],
) -> None:
    chair, secretary = two
    held = commit(chair)
    chair.delete_commitment(held.id, expected_revision=1)
    with pytest.raises(StaleError) as gone:
        secretary.update_commitment(held.id, lambda c: c, expected_revision=1)
    assert gone.value.code == "store.gone_commitment"
    with pytest.raises(StoreError) as missing:  # asked for without a revision: no such one
        secretary.update_commitment(held.id, lambda c: c)
    assert missing.value.code == "store.no_commitment"


# --- closed means closed ---------------------------------------------------------------------


@pytest.fixture
def closed(two: tuple[AnyStore, AnyStore]) -> tuple[AnyStore, AnyStore, Commitment]:
    """The chair closed this month's meeting, with one commitment made at it."""
    chair, secretary = two
    meeting = in_progress(chair)
    made = commit(chair, meeting.id)
    chair.update_meeting(meeting.id, lambda m: m.close(AT, "chair 张立新"))
    return chair, secretary, made


def test_a_closed_meetings_record_refuses_every_change_from_either_window(
    backend: Backend, closed: tuple[AnyStore, AnyStore, Commitment]
) -> None:
    chair, secretary, _ = closed
    kept = backend.snapshot()
    for store in (chair, secretary):
        for change in (
            lambda m: m.with_note("scorecard", "会后补记"),
            lambda m: m.with_attendance("u001", Attendance.ABSENT),
            lambda m: m.with_problems("u001", ("思想不够主动",)),
            lambda m: m.with_unit_note("behind-pace", "u001", "约谈"),
            lambda m: m.move_to("scorecard", AT),
        ):
            with pytest.raises(RuleError) as refused:
                store.update_meeting("2026-10.1", change)
            assert refused.value.code == "meeting.closed_change"
    held = secretary.meeting("2026-10.1")
    with pytest.raises(RuleError, match="is closed"):
        secretary.save_meeting(replace(held, chair="王区长"))
    assert backend.snapshot() == kept


def test_a_closed_meetings_commitments_refuse_adding_editing_and_deleting(
    backend: Backend, closed: tuple[AnyStore, AnyStore, Commitment]
) -> None:
    _, secretary, made = closed
    kept = backend.snapshot()
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
    assert backend.snapshot() == kept
    assert [c.id for c in backend.window().commitments() if c.meeting_id == "2026-10.1"] == [
        made.id
    ]


def test_next_months_meeting_marks_and_carries_what_the_closed_one_made(
    closed: tuple[AnyStore, AnyStore, Commitment],
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
    backend: Backend, closed: tuple[AnyStore, AnyStore, Commitment]
) -> None:
    chair, secretary, made = closed
    secretary.update_meeting("2026-10.1", lambda m: m.reopen(AT, "secretary 李晓东"))
    again = backend.window().meeting("2026-10.1")
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
    backend: Backend, closed: tuple[AnyStore, AnyStore, Commitment]
) -> None:
    chair, _, made = closed
    kept = backend.snapshot()
    with pytest.raises(StoreError) as taken:
        chair.add_records([], [replace(made, text="覆盖")])
    assert taken.value.code == "store.exists"
    sneaked = replace(made, id="2026-10.9", revision=0)  # into the closed meeting on record
    with pytest.raises(RuleError):
        chair.add_records([], [sneaked])
    assert backend.snapshot() == kept
    september = Meeting(
        "2026-09.1", Period(2026, 9), date(2026, 10, 20), "zhaoshang", state=MeetingState.CLOSED
    )
    made_then = Commitment(
        "2026-09.1", "u001", "签约", "王镇长", date(2026, 10, 31), september.id, revision=4
    ).mark(Status.DONE, date(2026, 10, 30), meeting_id=september.id)
    chair.add_records([september], [made_then])
    assert chair.archived_periods() == [Period(2026, 9)]  # closed and settled: archived
    again = backend.window()
    assert again.commitment(made_then.id) == made_then  # at its own revision
    assert again.periods() == [Period(2026, 9), OCT]
    assert again.period_records(Period(2026, 9)) == ([september], [made_then])
