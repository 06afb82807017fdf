"""督办, counted exactly on small hand-made histories: a unit called in (约谈) after missing
at two meetings running, a commitment under supervision (挂牌督办) after two carry-overs.

Meetings are held on the 20th of September, October, November and December; a
commitment of u001 ("A") is made at one and due at or before the next.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from agenda.commitments import Commitment, Status, carry_over
from agenda.escalation import Verdict, counted_meetings, escalation, verdicts
from agenda.meetings import Meeting, MeetingState
from agenda.periods import Period

SEP, OCT, NOV, DEC = (date(2026, m, 20) for m in (9, 10, 11, 12))


def meeting(day: date, *, topic: str = "", closed: bool = True, number: int = 1) -> Meeting:
    period = Period.of(day).previous()
    return Meeting(
        f"{period}.{number}",
        period,
        day,
        "zhaoshang",
        state=MeetingState.CLOSED if closed else MeetingState.IN_PROGRESS,
        topic=topic,
    )


M1, M2, M3, M4 = (meeting(day) for day in (SEP, OCT, NOV, DEC))


def made(at: Meeting, due: date, unit: str = "u001", number: int = 1) -> Commitment:
    return Commitment(
        f"{at.period}.{number}", unit, "签约1个项目", "王", due, at.id, created=at.date
    )


def marked(c: Commitment, status: Status, at: Meeting) -> Commitment:
    return c.mark(status, at.date, meeting_id=at.id)


def run_of(meetings: list[Meeting], commitments: list[Commitment], at: Meeting | date) -> int:
    return escalation(meetings, commitments, at).run("u001")


def test_missed_at_two_meetings_running_is_called_in() -> None:
    a = marked(made(M1, date(2026, 10, 15)), Status.MISSED, M2)
    b = marked(made(M2, date(2026, 11, 15), number=2), Status.MISSED, M3)
    flags = escalation([M1, M2, M3], [a, b], NOV)
    assert [(flag.unit_id, flag.count, flag.meetings) for flag in flags.units] == [
        ("u001", 2, (M3.id, M2.id))
    ]
    assert flags.talk("u001") and not flags.talk("u002")
    # One meeting earlier, only one miss: not yet.
    assert escalation([M1, M2, M3], [a, b], OCT).units == ()
    assert escalation([M1, M2, M3], [a, b], OCT).run("u001") == 1


def test_the_threshold_is_the_districts_setting() -> None:
    a = marked(made(M1, date(2026, 10, 15)), Status.MISSED, M2)
    b = marked(made(M2, date(2026, 11, 15), number=2), Status.MISSED, M3)
    assert escalation([M1, M2, M3], [a, b], NOV, talk_after=3).units == ()
    assert [f.count for f in escalation([M1, M2, M3], [a, b], NOV, talk_after=1).units] == [2]


def test_a_meeting_where_the_unit_kept_its_word_ends_the_run() -> None:
    a = marked(made(M1, date(2026, 10, 15)), Status.MISSED, M2)
    b = marked(made(M2, date(2026, 11, 15), number=2), Status.DONE, M3)
    c = marked(made(M3, date(2026, 12, 15), number=3), Status.MISSED, M4)
    assert run_of([M1, M2, M3, M4], [a, b, c], DEC) == 1
    assert run_of([M1, M2, M3, M4], [a, b, c], NOV) == 0


def test_partly_done_is_not_a_miss_and_keeps_the_word() -> None:
    a = marked(made(M1, date(2026, 10, 15)), Status.MISSED, M2)
    b = marked(made(M2, date(2026, 11, 15), number=2), Status.PARTIAL, M3)
    assert run_of([M1, M2, M3], [a, b], NOV) == 0


def test_a_meeting_with_nothing_due_neither_adds_nor_breaks() -> None:
    # Missed in October, its next one runs to the end of December: nothing due in November.
    a = marked(made(M1, date(2026, 10, 15)), Status.MISSED, M2)
    b = marked(made(M2, date(2026, 12, 15), number=2), Status.MISSED, M4)
    history = [M1, M2, M3, M4]
    rows = verdicts(counted_meetings(history, DEC), [a, b])
    assert rows["u001"] == [
        Verdict.NOTHING_DUE,
        Verdict.MISSED,
        Verdict.NOTHING_DUE,
        Verdict.MISSED,
    ]
    assert run_of(history, [a, b], DEC) == 2
    assert run_of(history, [a, b], NOV) == 1  # passed over: still the run of October


def test_an_open_commitment_past_its_date_is_a_miss_at_every_meeting() -> None:
    never_marked = made(M1, date(2026, 10, 15))
    assert run_of([M1, M2, M3, M4], [never_marked], DEC) == 3
    # Done (late) at the December meeting: that meeting is no miss, the run ends there.
    late = marked(never_marked, Status.DONE, M4)
    assert run_of([M1, M2, M3, M4], [late], DEC) == 0
    assert run_of([M1, M2, M3, M4], [late], NOV) == 2


def test_due_on_the_meetings_day_is_not_overdue_there_but_at_the_next() -> None:
    due_that_day = made(M1, OCT)
    rows = verdicts([M1, M2, M3], [due_that_day])
    assert rows["u001"] == [Verdict.NOTHING_DUE, Verdict.NOTHING_DUE, Verdict.MISSED]


def test_marked_missed_before_it_was_due_is_not_counted() -> None:
    # Carried over in October although due in November (a carry-over marks it missed).
    early = made(M1, date(2026, 11, 15))
    old, new = carry_over(early, "2026-09.2", date(2026, 12, 15), OCT, meeting_id=M2.id)
    assert old.status is Status.MISSED
    assert run_of([M1, M2, M3], [old, new], NOV) == 0


def test_a_dropped_commitment_counts_for_nothing() -> None:
    overdue = made(M1, date(2026, 10, 15))  # open and overdue in October and November...
    dropped = marked(overdue, Status.DROPPED, M4)  # ...then dropped (撤销) in December
    assert run_of([M1, M2, M3, M4], [overdue], NOV) == 2
    assert run_of([M1, M2, M3, M4], [dropped], NOV) == 0
    assert run_of([M1, M2, M3, M4], [dropped], DEC) == 0


def test_a_carried_chain_counts_at_each_meeting_and_twice_carried_is_supervised() -> None:
    a = made(M1, date(2026, 10, 15))
    a, b = carry_over(a, "2026-09.2", date(2026, 11, 15), OCT, meeting_id=M2.id)
    b, c = carry_over(b, "2026-10.2", date(2026, 12, 15), NOV, meeting_id=M3.id)
    chain = [a, b, c]
    assert [x.carried_times for x in chain] == [0, 1, 2]
    flags = escalation([M1, M2, M3], chain, NOV)
    assert [(f.unit_id, f.count) for f in flags.units] == [("u001", 2)]
    assert [(f.commitment.id, f.carried) for f in flags.commitments] == [("2026-10.2", 2)]
    assert flags.supervised("2026-10.2") and not flags.supervised("2026-09.2")
    assert escalation([M1, M2, M3], chain, NOV, supervise_after=3).commitments == ()
    # Once done, the chain's last link is no longer under supervision.
    done = c.mark(Status.DONE, date(2026, 12, 10))
    assert escalation([M1, M2, M3, M4], [a, b, done], DEC).commitments == ()
    # As of the day before it was carried the second time, nothing is supervised.
    assert escalation([M1, M2, M3], chain, date(2026, 11, 19)).commitments == ()


def test_a_special_meeting_on_one_subject_does_not_count() -> None:
    special = meeting(date(2026, 10, 28), topic="重点项目要素保障专题调度会", number=2)
    a = marked(made(M1, date(2026, 10, 15)), Status.MISSED, M2)
    b = made(M2, date(2026, 10, 25), number=2)  # overdue at the 专题 meeting, and after
    b = marked(b, Status.MISSED, M3)
    history = [M1, M2, special, M3]
    assert [m.id for m in counted_meetings(history, NOV)] == [M1.id, M2.id, M3.id]
    assert run_of(history, [a, b], NOV) == 2
    # Asked about the special meeting itself: the regular ones before it.
    assert run_of(history, [a, b], special) == 1


def test_asked_about_a_meeting_under_way_it_counts_what_is_recorded_so_far() -> None:
    today = replace(M3, state=MeetingState.IN_PROGRESS)
    a = marked(made(M1, date(2026, 10, 15)), Status.MISSED, M2)
    b = made(M2, date(2026, 11, 15), number=2)  # overdue at today's meeting, not yet marked
    assert run_of([M1, M2, today], [a, b], today) == 2
    done_now = marked(b, Status.DONE, today)
    assert run_of([M1, M2, today], [a, done_now], today) == 0
    # Asked about a date, a meeting under way is not counted yet.
    assert run_of([M1, M2, today], [a, b], NOV) == 1


def test_units_are_counted_each_on_their_own_and_longest_run_first() -> None:
    a1 = marked(made(M1, date(2026, 10, 15)), Status.MISSED, M2)
    a2 = marked(made(M2, date(2026, 11, 15), number=2), Status.MISSED, M3)
    m0 = meeting(date(2026, 8, 20))
    b1 = made(m0, date(2026, 9, 10), unit="u002", number=3)  # never marked: 3 misses
    c1 = marked(made(M1, date(2026, 10, 15), unit="u003", number=4), Status.DONE, M2)
    flags = escalation([m0, M1, M2, M3], [a1, a2, b1, c1], NOV)
    assert [(f.unit_id, f.count) for f in flags.units] == [("u002", 3), ("u001", 2)]
    assert flags.run("u003") == 0


@pytest.mark.parametrize("commitments", [[], [made(M1, date(2026, 10, 15))]])
def test_no_meetings_no_flags(commitments: list[Commitment]) -> None:
    flags = escalation([], commitments, DEC)
    assert flags.units == () and flags.runs == {}
