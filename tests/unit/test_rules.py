"""A closed meeting is closed: what may still change, written once in the domain."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from agenda.commitments import Commitment, Status
from agenda.errors import RuleError
from agenda.meetings import Meeting, MeetingEventKind, MeetingState
from agenda.periods import Period
from agenda.rules import check_commitment_change, check_meeting_change

AT = datetime(2026, 11, 22, 9, 30)
TODAY = AT.date()
OCTOBER = Meeting(
    "2026-09.1", Period(2026, 9), date(2026, 10, 25), "zhaoshang", state=MeetingState.CLOSED
)
NOVEMBER = Meeting("2026-10.1", Period(2026, 10), TODAY, "zhaoshang").start(AT, "review")
MEETINGS = {m.id: m for m in (OCTOBER, NOVEMBER)}
MADE_IN_OCTOBER = Commitment(
    "2026-09.3", "u001", "签约1个项目", "王镇长", date(2026, 11, 30), "2026-09.1"
)
MADE_NOW = Commitment(
    "2026-10.1", "u002", "外资到位500万美元", "李局长", date(2026, 12, 31), "2026-10.1"
)


def check(before: Commitment | None, after: Commitment | None) -> None:
    check_commitment_change(before, after, MEETINGS.get)


def test_a_closed_meeting_changes_only_by_being_reopened() -> None:
    with pytest.raises(RuleError) as refused:
        check_meeting_change(OCTOBER, OCTOBER.with_note("scorecard", "补记"))
    assert refused.value.code == "meeting.closed_change"
    for change in (
        lambda m: m.with_problems("u001", ("思想不够主动",)),
        lambda m: m.with_unit_note("achievements", "u001", "经验"),
        lambda m: replace(m, current_item="scorecard"),
        lambda m: replace(m, chair="王区长"),
    ):
        with pytest.raises(RuleError, match="is closed"):
            check_meeting_change(OCTOBER, change(OCTOBER))
    check_meeting_change(OCTOBER, replace(OCTOBER, revision=5))  # the same record: no change
    reopened = OCTOBER.reopen(AT, "chair 张立新")
    check_meeting_change(OCTOBER, reopened)
    assert reopened.state is MeetingState.IN_PROGRESS
    assert reopened.events[-1].kind is MeetingEventKind.REOPENED
    assert reopened.events[-1].by == "chair 张立新"
    # Reopening and changing in one save is still a change to a closed meeting.
    with pytest.raises(RuleError, match="is closed"):
        check_meeting_change(OCTOBER, reopened.with_note("scorecard", "补记"))
    # Once reopened, it changes as any open meeting.
    check_meeting_change(reopened, reopened.with_note("scorecard", "补记"))


def test_closing_and_reopening_are_kept_in_the_record() -> None:
    closed = NOVEMBER.close(AT, "chair 张立新")
    again = closed.reopen(datetime(2026, 11, 22, 10, 0), "secretary 李晓东")
    assert [(e.kind, e.by) for e in again.events] == [
        (MeetingEventKind.CLOSED, "chair 张立新"),
        (MeetingEventKind.REOPENED, "secretary 李晓东"),
    ]
    assert again.ended_at is None
    with pytest.raises(RuleError) as refused:
        NOVEMBER.reopen(AT, "chair")
    assert refused.value.code == "meeting.reopen_not_closed"


def test_commitments_of_a_closed_meeting_cannot_be_added_edited_or_deleted() -> None:
    new = replace(MADE_NOW, id="2026-09.9", meeting_id="2026-09.1")
    with pytest.raises(RuleError) as refused:
        check(None, new)
    assert refused.value.code == "meeting.closed_add"
    with pytest.raises(RuleError) as refused:
        check(MADE_IN_OCTOBER, replace(MADE_IN_OCTOBER, owner="张三"))
    assert refused.value.code == "meeting.closed_edit"
    with pytest.raises(RuleError) as refused:
        check(MADE_IN_OCTOBER, None)
    assert refused.value.code == "meeting.closed_delete"
    with pytest.raises(RuleError, match="closed"):  # nor moved into one
        check(MADE_NOW, replace(MADE_NOW, meeting_id="2026-09.1"))
    # At an open meeting all three are allowed.
    check(None, MADE_NOW)
    check(MADE_NOW, replace(MADE_NOW, owner="张三"))
    check(MADE_NOW, None)


def test_last_months_commitments_are_marked_at_this_meeting_not_at_the_closed_one() -> None:
    marked = MADE_IN_OCTOBER.mark(Status.DONE, TODAY, meeting_id=NOVEMBER.id, note="已签约")
    check(MADE_IN_OCTOBER, marked)  # the review at this month's (open) meeting
    extended = MADE_IN_OCTOBER.extend(date(2026, 12, 31), "客商推迟", TODAY, meeting_id=NOVEMBER.id)
    check(MADE_IN_OCTOBER, extended)
    at_closed = MADE_IN_OCTOBER.mark(Status.DONE, TODAY, meeting_id=OCTOBER.id)
    with pytest.raises(RuleError) as refused:
        check(MADE_IN_OCTOBER, at_closed)
    assert refused.value.code == "meeting.closed_outcome"
    # What was recorded at the closed meeting stays: neither its note nor its removal.
    renoted = replace(at_closed, history=(replace(at_closed.history[0], note="改"),))
    with pytest.raises(RuleError, match="cannot change"):
        check(at_closed, renoted)
    with pytest.raises(RuleError, match="cannot change"):
        check(at_closed, replace(at_closed, history=(), status=Status.OPEN))


def test_every_refusal_is_worded_in_both_languages() -> None:
    with pytest.raises(RuleError) as refused:
        check(MADE_IN_OCTOBER, replace(MADE_IN_OCTOBER, owner="张三"))
    assert refused.value.words("zh") == (
        "任务 2026-09.3 是会议 2026-09.1 布置的，该会议已结束，任务不能再修改。"
    )
    assert str(refused.value).startswith("Commitment 2026-09.3 was made at meeting 2026-09.1")


def test_who_carries_a_commitment_of_a_closed_meeting_is_fixed_too() -> None:
    for change in (
        lambda c: replace(c, lead="王建国副区长"),
        lambda c: replace(c, supporting=("u002",)),
        lambda c: replace(c, nth_in_meeting=7),
    ):
        with pytest.raises(RuleError, match="it cannot be changed"):
            check(MADE_IN_OCTOBER, change(MADE_IN_OCTOBER))


def test_a_progress_note_is_taken_now_and_one_recorded_at_a_closed_meeting_stays() -> None:
    noted = MADE_IN_OCTOBER.note_progress("洽谈中", TODAY, meeting_id=NOVEMBER.id)
    check(MADE_IN_OCTOBER, noted)  # at this month's open meeting: the review's business
    between = MADE_IN_OCTOBER.note_progress("洽谈中", TODAY)  # between meetings
    check(MADE_IN_OCTOBER, between)
    at_closed = MADE_IN_OCTOBER.note_progress("洽谈中", date(2026, 10, 25), meeting_id=OCTOBER.id)
    with pytest.raises(RuleError) as refused:
        check(MADE_IN_OCTOBER, at_closed)
    assert refused.value.code == "meeting.closed_outcome"
    with pytest.raises(RuleError):
        check(at_closed, replace(at_closed, progress=()))
