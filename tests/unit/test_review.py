"""回头看: warnings, what a meeting reviews, 履约率 and consecutive misses, with exact figures."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.commitments import Commitment, Status, carry_over
from agenda.meetings import Meeting
from agenda.periods import Period
from agenda.review import (
    Fulfilment,
    Warning,
    consecutive_misses,
    due_for_review,
    fulfilment,
    fulfilment_by_unit,
    outcome_counts,
    review_list,
    warning,
)

TODAY = date(2026, 11, 22)


def make(id: str, unit: str, due: date, **fields) -> Commitment:
    return Commitment(id=id, unit_id=unit, text=f"任务{id}", owner="张三", due=due, **fields)


def done(c: Commitment, on: date, status: Status = Status.DONE) -> Commitment:
    return c.mark(status, on)


# --- warnings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 11, 26), Warning.NONE),  # four days left
        (date(2026, 11, 25), Warning.YELLOW),  # three days left: within warn_days
        (date(2026, 11, 22), Warning.YELLOW),  # due today: not yet overdue
        (date(2026, 11, 21), Warning.RED),  # a day late
    ],
)
def test_warning_colour_by_days_left(due: date, expected: Warning) -> None:
    assert warning(make("2026-10.1", "u001", due), TODAY) is expected


def test_warn_days_is_configurable() -> None:
    c = make("2026-10.1", "u001", date(2026, 11, 27))
    assert warning(c, TODAY, warn_days=3) is Warning.NONE
    assert warning(c, TODAY, warn_days=5) is Warning.YELLOW
    assert warning(c, TODAY, warn_days=0) is Warning.NONE


def test_closed_commitments_carry_no_warning_even_when_late() -> None:
    late = make("2026-10.1", "u001", date(2026, 11, 1))
    for status in (Status.DONE, Status.PARTIAL, Status.MISSED, Status.DROPPED):
        assert warning(late.mark(status, TODAY), TODAY) is Warning.NONE


def test_an_extension_moves_the_date_the_warning_counts_from() -> None:
    c = make("2026-10.1", "u001", date(2026, 11, 20))
    extended = c.extend(date(2026, 12, 31), "土地指标未批", date(2026, 11, 15))
    assert warning(c, TODAY) is Warning.RED
    assert warning(extended, TODAY) is Warning.NONE


# --- what a meeting reviews ----------------------------------------------------------------


def test_due_for_review_lists_open_commitments_due_by_the_meeting_in_date_order() -> None:
    old = make("2026-09.1", "u002", date(2026, 10, 31))
    missed, carried = carry_over(old, "2026-10.9", date(2026, 11, 20), date(2026, 10, 28))
    commitments = [
        make("2026-10.2", "u001", date(2026, 11, 22)),  # due on the meeting's day
        make("2026-10.1", "u001", date(2026, 11, 10)),
        done(make("2026-10.3", "u001", date(2026, 11, 1)), date(2026, 10, 30)),  # settled
        make("2026-10.4", "u003", date(2026, 11, 23)),  # due after the meeting
        make("2026-10.5", "u003", date(2026, 11, 5)).extend(
            date(2026, 12, 15), "设备延迟到货", date(2026, 11, 1)
        ),  # extended in time, beyond the meeting
        missed,
        carried,  # carried over before: reviewed like any other open one
    ]
    due = due_for_review(commitments, TODAY)
    assert [c.id for c in due] == ["2026-10.1", "2026-10.9", "2026-10.2"]


def test_review_list_keeps_what_the_meeting_settled_and_leaves_out_its_own() -> None:
    meeting = Meeting("2026-11.1", Period(2026, 10), TODAY, "zhaoshang")
    settled_here = make("2026-10.1", "u002", date(2026, 11, 10)).mark(
        Status.DONE, TODAY, meeting_id="2026-11.1"
    )
    settled_before = done(make("2026-10.2", "u001", date(2026, 11, 10)), date(2026, 11, 9))
    still_due = make("2026-10.3", "u001", date(2026, 11, 15))
    not_yet_due = make("2026-10.4", "u001", date(2026, 12, 15))
    made_here = make("2026-11.1", "u001", date(2026, 11, 1), meeting_id="2026-11.1")
    listed = review_list([settled_here, settled_before, still_due, not_yet_due, made_here], meeting)
    # Ordered by unit, then due date.
    assert [c.id for c in listed] == ["2026-10.3", "2026-10.1"]
    assert listed[1].status is Status.DONE


def test_review_list_keeps_a_commitment_extended_at_the_meeting() -> None:
    meeting = Meeting("2026-11.1", Period(2026, 10), TODAY, "zhaoshang")
    extended = make("2026-10.1", "u001", date(2026, 11, 22)).extend(
        date(2026, 12, 20), "等待环评", TODAY, meeting_id="2026-11.1"
    )
    assert [c.id for c in review_list([extended], meeting)] == ["2026-10.1"]


# --- 履约率 ----------------------------------------------------------------------------------


@pytest.fixture
def ledger() -> list[Commitment]:
    return [
        # 城关镇: one on time, one late, one not yet due, one dropped.
        done(make("2026-09.1", "u001", date(2026, 10, 31)), date(2026, 10, 30)),
        done(make("2026-09.2", "u001", date(2026, 10, 31)), date(2026, 11, 5)),
        make("2026-10.1", "u001", date(2026, 11, 30)),
        done(make("2026-09.3", "u001", date(2026, 10, 15)), date(2026, 10, 1), Status.DROPPED),
        # 新华街道: one missed, one extended in time past today, one overdue and still open.
        done(make("2026-10.2", "u002", date(2026, 11, 10)), date(2026, 11, 11), Status.MISSED),
        make("2026-10.3", "u002", date(2026, 11, 15)).extend(
            date(2026, 11, 30), "审批未完成", date(2026, 11, 10)
        ),
        make("2026-10.4", "u002", date(2026, 11, 1)),
        # 区商务局: extended before its date, then done by the new date: on time.
        done(
            make("2026-09.4", "u003", date(2026, 10, 20)).extend(
                date(2026, 11, 10), "外商行程推迟", date(2026, 10, 18)
            ),
            date(2026, 11, 8),
        ),
        # 经开区: partly done is due but not fulfilled.
        done(make("2026-10.5", "u004", date(2026, 11, 20)), date(2026, 11, 20), Status.PARTIAL),
    ]


def test_overall_fulfilment_is_done_on_time_over_due(ledger) -> None:
    result = fulfilment(ledger, TODAY)
    # Due: 09.1, 09.2, 10.2, 10.4, 09.4, 10.5 = 6; on time: 09.1 and 09.4.
    assert result == Fulfilment(due=6, on_time=2)
    assert result.rate == pytest.approx(100 * 2 / 6)


def test_fulfilment_per_unit(ledger) -> None:
    by_unit = fulfilment_by_unit(ledger, TODAY)
    assert by_unit["u001"] == Fulfilment(due=2, on_time=1)
    assert by_unit["u001"].rate == pytest.approx(50.0)
    assert by_unit["u002"] == Fulfilment(due=2, on_time=0)
    assert by_unit["u002"].rate == 0.0
    assert by_unit["u003"].rate == 100.0
    assert by_unit["u004"] == Fulfilment(due=1, on_time=0)


def test_fulfilment_as_of_an_earlier_day_ignores_what_came_later(ledger) -> None:
    result = fulfilment(ledger, date(2026, 10, 31))
    # Due by 31 October: 09.1 (done 30 Oct) and 09.2 (done only on 5 Nov).
    assert result == Fulfilment(due=2, on_time=1)


def test_fulfilment_since_a_date(ledger) -> None:
    # Due from 1 November: 10.2 missed, 10.4 open, 09.4 (extended to 10 Nov) on time, 10.5.
    assert fulfilment(ledger, TODAY, since=date(2026, 11, 1)) == Fulfilment(due=4, on_time=1)


def test_nothing_due_has_no_rate() -> None:
    assert Fulfilment(0, 0).rate is None
    assert fulfilment([], TODAY).rate is None


# --- consecutive misses and outcomes ---------------------------------------------------------


def test_consecutive_misses_count_back_from_the_latest(ledger) -> None:
    earlier_done = done(make("2026-08.1", "u002", date(2026, 9, 30)), date(2026, 9, 28))
    commitments = [*ledger, earlier_done]
    # 新华街道: 10.4 overdue (1 Nov), 10.2 missed (10 Nov); before them a done one stops the run.
    assert consecutive_misses(commitments, "u002", TODAY) == 2
    # 城关镇's latest settled one was done (late, but done): no run of misses.
    assert consecutive_misses(commitments, "u001", TODAY) == 0
    assert consecutive_misses(commitments, "u099", TODAY) == 0


def test_a_dropped_commitment_does_not_break_a_run_of_misses() -> None:
    commitments = [
        done(make("2026-08.1", "u001", date(2026, 9, 1)), date(2026, 9, 2), Status.MISSED),
        done(make("2026-08.2", "u001", date(2026, 9, 15)), date(2026, 9, 10), Status.DROPPED),
        done(make("2026-09.1", "u001", date(2026, 10, 1)), date(2026, 10, 2), Status.MISSED),
    ]
    assert consecutive_misses(commitments, "u001", TODAY) == 2


def test_outcome_counts(ledger) -> None:
    counts = outcome_counts(ledger)
    assert counts == {
        Status.OPEN: 3,
        Status.DONE: 3,
        Status.PARTIAL: 1,
        Status.MISSED: 1,
        Status.DROPPED: 1,
    }
