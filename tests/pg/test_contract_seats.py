"""Two windows on one district, on both backends (agenda/ports.py): a save built on an
older copy is refused and changes nothing; a closed meeting takes no change but its
reopening; records new to the district go in as they are, never over one on record."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from agenda.commitments import Commitment, Status
from agenda.errors import RuleError, StaleError
from agenda.meetings import Attendance, Meeting, MeetingEventKind, MeetingState
from agenda.periods import Period
from store import StoreError
from store.opening import AnyStore
from tests.pg.conftest import Backend

TODAY = date(2026, 11, 22)
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


def test_a_stale_whole_record_is_refused_and_nothing_changes(backend: Backend) -> None:
    chair, secretary = backend.store, backend.window()
    held = commit(chair)
    assert held.revision == 1
    chair.save_commitment(replace(held, text="签约2个项目"))
    with pytest.raises(StaleError) as refused:
        secretary.save_commitment(replace(held, owner="李四"))
    assert refused.value.current.text == "签约2个项目"
    with pytest.raises(StaleError):
        secretary.update_commitment(
            held.id, lambda c: replace(c, owner="李四"), expected_revision=held.revision
        )
    with pytest.raises(StaleError):
        secretary.delete_commitment(held.id, expected_revision=held.revision)
    meeting = in_progress(chair)
    chair.update_meeting(meeting.id, lambda m: m.with_note("scorecard", "主持人写的"))
    with pytest.raises(StaleError):
        secretary.save_meeting(meeting.with_note("scorecard", "旧副本上写的"))
    again = backend.reopen()
    stored = again.commitment(held.id)
    assert (stored.text, stored.owner, stored.revision) == ("签约2个项目", "王镇长", 2)
    assert again.meeting(meeting.id).notes["scorecard"] == "主持人写的"


def test_a_closed_meeting_refuses_every_change_from_the_other_window(backend: Backend) -> None:
    chair, secretary = backend.store, backend.window()
    meeting = in_progress(chair)
    made = commit(chair, meeting.id)
    chair.update_meeting(meeting.id, lambda m: m.close(AT, "chair 张立新"))
    for change in (
        lambda m: m.with_note("scorecard", "会后补记"),
        lambda m: m.with_attendance("u001", Attendance.ABSENT),
        lambda m: m.move_to("scorecard", AT),
    ):
        with pytest.raises(RuleError, match="is closed"):
            secretary.update_meeting(meeting.id, change)
    with pytest.raises(RuleError) as refused:
        commit(secretary, meeting.id, text="会后补录")
    assert refused.value.code == "meeting.closed_add"
    with pytest.raises(RuleError, match="cannot be changed"):
        secretary.update_commitment(made.id, lambda c: replace(c, owner="李四"))
    with pytest.raises(RuleError, match="cannot be deleted"):
        secretary.delete_commitment(made.id, expected_revision=made.revision)
    with pytest.raises(RuleError, match="cannot change"):
        secretary.update_commitment(
            made.id, lambda c: c.mark(Status.DONE, TODAY, meeting_id=meeting.id)
        )
    again = backend.reopen()
    assert [c.id for c in again.commitments() if c.meeting_id == meeting.id] == [made.id]
    assert again.commitment(made.id) == made
    # Next month's meeting marks it; reopening lets changes in again, on record.
    november = secretary.create_meeting(Period(2026, 11), TODAY, "zhaoshang")
    marked = secretary.update_commitment(
        made.id, lambda c: c.mark(Status.PARTIAL, TODAY, meeting_id=november.id)
    )
    assert marked.status is Status.PARTIAL
    secretary.update_meeting(meeting.id, lambda m: m.reopen(AT, "secretary 李晓东"))
    reopened = backend.reopen().meeting(meeting.id)
    assert reopened.state is MeetingState.IN_PROGRESS
    assert [e.kind for e in reopened.events] == [MeetingEventKind.CLOSED, MeetingEventKind.REOPENED]


def test_records_are_added_as_they_are_never_over_one_on_record(backend: Backend) -> None:
    store = backend.store
    september = Meeting(
        "2026-09.1", Period(2026, 9), date(2026, 10, 20), "zhaoshang", state=MeetingState.CLOSED
    )
    made_then = Commitment(
        "2026-09.1", "u001", "签约", "王镇长", date(2026, 10, 31), september.id
    ).mark(Status.DONE, date(2026, 10, 30), meeting_id=september.id)
    store.add_records([september], [made_then])
    assert store.archived_periods() == [Period(2026, 9)]
    assert store.commitment(made_then.id) == made_then
    with pytest.raises(StoreError) as taken:
        store.add_records([], [replace(made_then, text="覆盖")])
    assert taken.value.code == "store.exists"
    with pytest.raises(RuleError):  # into the closed meeting now on record
        store.add_records([], [replace(made_then, id="2026-09.2")])
    assert backend.reopen().commitment(made_then.id).text == "签约"
