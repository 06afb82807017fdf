"""Commitments: history of outcomes, 延期 rules, carrying over, and what a new one needs."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.commitments import (
    Commitment,
    Extension,
    Status,
    StatusChange,
    carry_over,
    new_commitment,
    validate,
)
from agenda.errors import DiaoduError, RuleError

TODAY = date(2026, 11, 22)
DUE = date(2026, 11, 30)


@pytest.fixture
def commitment() -> Commitment:
    return new_commitment(
        id="2026-10.3",
        unit_id="u001",
        text="  确保11月份有签约项目 ",
        owner=" 李四 ",
        due=DUE,
        today=date(2026, 10, 28),
        meeting_id="2026-10.1",
        metric="signed_projects",
        quantity=2,
    )


def test_new_commitment_is_open_trimmed_and_dated(commitment: Commitment) -> None:
    assert commitment.status is Status.OPEN
    assert commitment.text == "确保11月份有签约项目"
    assert commitment.owner == "李四"
    assert commitment.created == date(2026, 10, 28)
    assert commitment.effective_due == DUE
    assert commitment.history == ()


def test_marking_keeps_every_change_in_the_history(commitment: Commitment) -> None:
    partial = commitment.mark(
        Status.PARTIAL, date(2026, 11, 22), meeting_id="2026-11.1", note="签约1个"
    )
    finished = partial.mark(Status.DONE, date(2026, 11, 28), note="第二个已签")
    assert finished.status is Status.DONE
    assert finished.history == (
        StatusChange(Status.PARTIAL, date(2026, 11, 22), "2026-11.1", "签约1个"),
        StatusChange(Status.DONE, date(2026, 11, 28), None, "第二个已签"),
    )
    assert finished.closed_on == date(2026, 11, 28)
    assert finished.done_on_time()
    assert commitment.status is Status.OPEN  # the original is untouched (frozen)


def test_reopening_clears_the_closing_date(commitment: Commitment) -> None:
    reopened = commitment.mark(Status.DONE, TODAY).mark(Status.OPEN, date(2026, 11, 23))
    assert reopened.is_open
    assert reopened.closed_on is None
    assert len(reopened.history) == 2


def test_done_after_the_due_date_is_not_on_time(commitment: Commitment) -> None:
    late = commitment.mark(Status.DONE, date(2026, 12, 1))
    assert not late.done_on_time()
    assert not commitment.mark(Status.PARTIAL, TODAY).done_on_time()


def test_overdue_only_when_open_and_past_the_date(commitment: Commitment) -> None:
    assert not commitment.is_overdue(DUE)
    assert commitment.is_overdue(date(2026, 12, 1))
    assert not commitment.mark(Status.MISSED, DUE).is_overdue(date(2026, 12, 1))


def test_extension_keeps_the_original_date_and_the_reason(commitment: Commitment) -> None:
    extended = commitment.extend(date(2026, 12, 20), "  客商行程推迟 ", TODAY, meeting_id="m")
    assert extended.due == DUE
    assert extended.effective_due == date(2026, 12, 20)
    assert extended.extensions == (Extension(date(2026, 12, 20), "客商行程推迟", TODAY, "m"),)
    again = extended.extend(date(2027, 1, 15), "春节前无法签约", date(2026, 12, 18))
    assert again.due == DUE
    assert again.effective_due == date(2027, 1, 15)
    assert [e.reason for e in again.extensions] == ["客商行程推迟", "春节前无法签约"]


def test_extension_is_allowed_on_the_due_day_itself(commitment: Commitment) -> None:
    assert commitment.extend(date(2026, 12, 5), "原因", DUE).effective_due == date(2026, 12, 5)


def test_an_overdue_commitment_cannot_move_its_own_deadline(commitment: Commitment) -> None:
    with pytest.raises(RuleError, match="Overdue since 2026-11-30"):
        commitment.extend(date(2026, 12, 31), "来不及了", date(2026, 12, 1))


def test_extension_needs_a_reason(commitment: Commitment) -> None:
    with pytest.raises(RuleError, match="reason for the extension"):
        commitment.extend(date(2026, 12, 31), "   ", TODAY)


def test_extension_must_move_the_date_later(commitment: Commitment) -> None:
    with pytest.raises(RuleError, match="must be after 2026-11-30"):
        commitment.extend(date(2026, 11, 25), "提前", TODAY)
    with pytest.raises(RuleError, match="must be after"):
        commitment.extend(DUE, "同一天", TODAY)


def test_a_closed_commitment_cannot_be_extended(commitment: Commitment) -> None:
    with pytest.raises(RuleError, match="marked done cannot be extended"):
        commitment.mark(Status.DONE, TODAY).extend(date(2026, 12, 31), "原因", TODAY)


def test_carry_over_links_both_ways_and_marks_the_open_one_missed(
    commitment: Commitment,
) -> None:
    on = date(2026, 12, 2)
    old, new = carry_over(commitment, "2026-11.7", date(2026, 12, 31), on, meeting_id="2026-12.1")
    assert old.status is Status.MISSED
    assert old.history[-1] == StatusChange(Status.MISSED, on, "2026-12.1", "")
    assert old.carried_to == "2026-11.7"
    assert new.carried_from == "2026-10.3"
    assert (new.id, new.unit_id, new.text, new.owner) == (
        "2026-11.7",
        "u001",
        "确保11月份有签约项目",
        "李四",
    )
    assert (new.metric, new.quantity) == ("signed_projects", 2)
    assert new.due == date(2026, 12, 31)
    assert new.status is Status.OPEN
    assert new.meeting_id == "2026-12.1"
    assert new.created == on
    assert new.history == () and new.extensions == ()


def test_carrying_a_partial_one_keeps_its_outcome(commitment: Commitment) -> None:
    partial = commitment.mark(Status.PARTIAL, TODAY, note="签约1个")
    old, _ = carry_over(partial, "2026-11.8", date(2026, 12, 31), TODAY)
    assert old.status is Status.PARTIAL
    assert len(old.history) == 1


@pytest.mark.parametrize("status", [Status.DONE, Status.DROPPED])
def test_done_or_dropped_is_not_carried_over(commitment: Commitment, status: Status) -> None:
    with pytest.raises(RuleError, match=f"marked {status.value} is not carried over"):
        carry_over(commitment.mark(status, TODAY), "2026-11.9", date(2026, 12, 31), TODAY)


def test_carrying_twice_is_refused(commitment: Commitment) -> None:
    old, _ = carry_over(commitment, "2026-11.7", date(2026, 12, 31), TODAY)
    with pytest.raises(RuleError, match=r"Already carried over to 2026-11\.7"):
        carry_over(old, "2026-11.8", date(2026, 12, 31), TODAY)


def test_carrying_into_the_past_is_refused(commitment: Commitment) -> None:
    with pytest.raises(RuleError, match="in the past"):
        carry_over(commitment, "2026-11.7", date(2026, 11, 1), TODAY)


def test_validate_names_each_field_that_is_wrong() -> None:
    assert validate("签约1个项目", "王五", TODAY, TODAY, 1) == {}
    assert validate(" ", "", date(2026, 11, 21), TODAY, -5) == {
        "text": "commitment.text_empty",
        "owner": "commitment.owner_empty",
        "due": "commitment.due_past",
        "quantity": "commitment.quantity_negative",
    }
    assert validate("x", "y", TODAY, TODAY, None) == {}
    assert validate("x", "y", TODAY, TODAY, 0) == {}


def test_new_commitment_refuses_the_first_problem() -> None:
    with pytest.raises(DiaoduError, match="Name who is responsible"):
        new_commitment(id="a", unit_id="u001", text="签约", owner=" ", due=TODAY, today=TODAY)
    with pytest.raises(DiaoduError, match="2026-01-01 is in the past"):
        new_commitment(
            id="a", unit_id="u001", text="签约", owner="李四", due=date(2026, 1, 1), today=TODAY
        )
