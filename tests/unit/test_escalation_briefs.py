"""督办 read from the archive's briefs (`escalation_from_briefs`) is exactly 督办 read from
every month (`escalation`), on generated histories: meetings regular and special, closed
or not; commitments due anywhere, marked at meetings and between them, reopened,
extended, dropped, carried over; any split of the months into active and archived; asked
as of a day, a meeting of the history, or a meeting older than all of it (the minutes of
an old meeting)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.archive import month_brief
from agenda.commitments import Commitment, Extension, Status, StatusChange
from agenda.escalation import escalation, escalation_from_briefs
from agenda.meetings import Meeting, MeetingState
from agenda.periods import Period

MONTHS = [Period(2025, 11), Period(2025, 12), *(Period(2026, month) for month in range(1, 11))]
FIRST, LAST = date(2025, 11, 1), date(2026, 12, 31)
UNITS = ("u001", "u002", "u003")
days = st.integers(0, (LAST - FIRST).days).map(lambda n: FIRST + timedelta(days=n))


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Meeting], list[Commitment]]:
    meetings = []
    for period in MONTHS:
        for number in range(1, draw(st.sampled_from([0, 1, 1, 1, 2])) + 1):
            held = period.next().first_day() + timedelta(days=draw(st.integers(0, 27)))
            meetings.append(
                Meeting(
                    f"{period}.{number}",
                    period,
                    held,
                    "zhaoshang",
                    state=MeetingState.CLOSED
                    if draw(st.integers(0, 5))
                    else MeetingState.IN_PROGRESS,
                    topic=draw(st.sampled_from(["", "", "", "专题"])),
                )
            )
    dates = {meeting.id: meeting.date for meeting in meetings}
    at_meeting = st.sampled_from([None, *dates]) if dates else st.none()

    def entry(status: Status) -> tuple[Status, date, str | None]:
        """An outcome or extension recorded at a meeting (on its day, or near it) or
        between meetings."""
        meeting_id = draw(at_meeting)
        if meeting_id is None:
            return status, draw(days), None
        return status, dates[meeting_id] + timedelta(days=draw(st.integers(-2, 2))), meeting_id

    def due() -> date:
        """Due between meetings or on a meeting's day, mostly; anywhere, sometimes."""
        meeting_id = draw(at_meeting)
        if meeting_id is None:
            return draw(days)
        return dates[meeting_id] + timedelta(days=draw(st.integers(-20, 3)))

    outcomes = st.sampled_from([Status.DONE, Status.PARTIAL, Status.MISSED, Status.MISSED])
    commitments = []
    for period in MONTHS:
        made_at = [m for m in meetings if m.period == period]
        for number in range(1, draw(st.integers(0, 3)) + 1):
            meeting = draw(st.sampled_from([None, *made_at]))
            changes = [
                entry(draw(st.sampled_from(Status)))
                for _ in range(draw(st.sampled_from([0, 1, 1, 1, 1, 1, 2, 3])))
            ]
            if changes and draw(st.integers(0, 9)):  # settled, as most archived ones are
                changes[-1] = (draw(outcomes), *changes[-1][1:])
            history = tuple(StatusChange(*change) for change in changes)
            status = history[-1].status if history else Status.OPEN
            if draw(st.integers(0, 19)) == 0:  # a record that disagrees with its history
                status = draw(st.sampled_from(Status))
            commitments.append(
                Commitment(
                    f"{period}.{number}",
                    draw(st.sampled_from(UNITS)),
                    "签约1个项目",
                    "王",
                    due(),
                    meeting.id if meeting else None,
                    status=status,
                    history=history,
                    extensions=tuple(
                        Extension(due(), "等审批", on, meeting_id)
                        for _, on, meeting_id in (
                            entry(Status.OPEN) for _ in range(draw(st.integers(0, 1)))
                        )
                    ),
                    created=meeting.date if meeting else draw(st.none() | days),
                    carried_times=draw(st.integers(0, 3)),
                )
            )
    return meetings, commitments


OLD = Meeting("2024-03.1", Period(2024, 3), date(2024, 4, 20), "zhaoshang")


@settings(max_examples=300, deadline=None)
@given(
    histories(),
    st.sets(st.sampled_from(MONTHS)),
    st.data(),
    st.integers(1, 3),
    st.integers(1, 3),
)
def test_reading_only_the_months_the_briefs_name_gives_the_full_answer(
    history: tuple[list[Meeting], list[Commitment]],
    active: set[Period],
    data: st.DataObject,
    talk_after: int,
    supervise_after: int,
) -> None:
    meetings, commitments = history
    at = data.draw(st.sampled_from([OLD, *meetings]) | days, label="at")
    full = escalation(
        meetings, commitments, at, talk_after=talk_after, supervise_after=supervise_after
    )

    def of(period: Period) -> tuple[list[Meeting], list[Commitment]]:
        return (
            [m for m in meetings if m.period == period],
            [c for c in commitments if c.id.startswith(f"{period}.")],
        )

    read: list[Period] = []

    def reading(period: Period) -> list[Commitment]:
        assert period not in read and period not in active  # each archived month once
        read.append(period)
        return of(period)[1]

    lazy = escalation_from_briefs(
        [m for m in meetings if m.period in active],
        [c for c in commitments if period_of(c) in active],
        [month_brief(p, *of(p)) for p in MONTHS if p not in active],
        reading,
        at,
        talk_after=talk_after,
        supervise_after=supervise_after,
    )
    assert lazy == full


def period_of(commitment: Commitment) -> Period:
    return Period.parse(commitment.id.rsplit(".", 1)[0])


def test_a_run_ended_by_a_kept_word_reads_no_older_month() -> None:
    """u001 kept its word at the latest meeting: no month before it need be read."""
    meetings = [
        Meeting(
            f"{p}.1",
            p,
            p.next().first_day() + timedelta(days=19),
            "zhaoshang",
            state=MeetingState.CLOSED,
        )
        for p in MONTHS
    ]
    commitments = []
    for meeting, after in pairwise(meetings):
        due = after.date - timedelta(days=5)
        made = Commitment(
            f"{meeting.period}.1",
            "u001",
            "签约1个项目",
            "王",
            due,
            meeting.id,
            created=meeting.date,
        )
        commitments.append(made.mark(Status.DONE, after.date, meeting_id=after.id))
    read: list[Period] = []

    def reading(period: Period) -> list[Commitment]:
        read.append(period)
        return [c for c in commitments if period_of(c) == period]

    archived = MONTHS[:-1]
    lazy = escalation_from_briefs(
        [meetings[-1]],
        [c for c in commitments if period_of(c) == MONTHS[-1]],
        [month_brief(p, [m for m in meetings if m.period == p], reading(p)) for p in archived],
        reading,
        MONTHS[-1].next().last_day(),
    )
    read = read[len(archived) :]  # the briefs were made above; count what 督办 read
    assert lazy == escalation(meetings, commitments, MONTHS[-1].next().last_day())
    assert read == [MONTHS[-2]]  # the month whose commitment came due at the last meeting


# Each way a month's commitment can count at a meeting, alone: the month must be read, and
# reading it changes the answer (so a brief that forgot the way would be caught).
JAN, FEB, MAR = (date(2026, month, 20) for month in (1, 2, 3))
HELD = [
    Meeting(f"{Period.of(day).previous()}.1", Period.of(day).previous(), day, "zhaoshang")
    for day in (JAN, FEB, MAR)
]
HELD = [Meeting(**{**m.__dict__, "state": MeetingState.CLOSED}) for m in HELD]
M1, M2, M3 = HELD


def missed_at_m1(number: int = 1) -> Commitment:
    """u001 missed at the first meeting (a month of its own, read for it)."""
    made = Commitment(
        f"2025-11.{number}", "u001", "签约1个项目", "王", date(2026, 1, 15), created=FIRST
    )
    return made.mark(Status.MISSED, JAN, meeting_id=M1.id)


def one(
    due: date,
    changes: list[tuple[Status, date, str | None]],
    *,
    status: Status | None = None,
    carried: int = 0,
) -> Commitment:
    """The commitment under test, in a month of its own (2025-12), made before them all."""
    history = tuple(StatusChange(*change) for change in changes)
    return Commitment(
        "2025-12.1",
        "u001",
        "签约1个项目",
        "王",
        due,
        created=FIRST,
        status=status or (history[-1].status if history else Status.OPEN),
        history=history,
        carried_times=carried,
    )


def lazily(commitments: list[Commitment], at: Meeting | date) -> object:
    periods = sorted({*(period_of(c) for c in commitments), *(m.period for m in HELD)})

    def mine(period: Period) -> list[Commitment]:
        return [c for c in commitments if period_of(c) == period]

    return escalation_from_briefs(
        [],
        [],
        [month_brief(p, [m for m in HELD if m.period == p], mine(p)) for p in periods],
        mine,
        at,
    )


def check(commitment: Commitment, at: Meeting | date, *others: Commitment) -> None:
    full = escalation(HELD, [commitment, *others], at)
    assert lazily([commitment, *others], at) == full
    assert escalation(HELD, others, at) != full  # it counts


def test_a_miss_recorded_at_a_meeting_counts_there_though_dated_before_it() -> None:
    # Due before the second meeting, marked missed at the third (dated the day before it).
    late = one(date(2026, 2, 10), [(Status.MISSED, MAR - timedelta(days=1), M3.id)])
    check(late, MAR)


@pytest.mark.parametrize("due", [FEB + timedelta(days=1), MAR], ids=["day-after", "on-the-day"])
def test_done_before_it_came_due_keeps_the_word_where_it_came_due(due: date) -> None:
    early = one(due, [(Status.DONE, FEB - timedelta(days=2), None)])
    check(early, MAR, missed_at_m1())  # kept at the third: the miss at the first is over


def test_still_open_at_a_meeting_after_it_came_due_is_a_miss_there() -> None:
    open_then = one(date(2026, 1, 31), [(Status.MISSED, MAR + timedelta(days=1), None)])
    check(open_then, MAR)


# Due after the meetings asked about, so that only 挂牌督办 reads their month.
def test_under_supervision_on_the_day_before_it_was_settled() -> None:
    settled = one(date(2026, 4, 30), [(Status.DONE, MAR, None)], carried=2)
    check(settled, MAR - timedelta(days=1))


def test_a_record_reopened_last_is_open_whatever_its_status_says() -> None:
    reopened = one(
        date(2026, 4, 30),
        [(Status.DONE, JAN, None), (Status.OPEN, FEB, None)],
        status=Status.DONE,  # a hand-edited record
        carried=2,
    )
    check(reopened, date(2026, 6, 30))


def test_a_month_is_read_for_a_unit_whose_run_goes_on_though_another_ended() -> None:
    def made(
        number: int, unit: str, due: date, status: Status, on: date, at: str | None
    ) -> Commitment:
        return Commitment(f"2025-12.{number}", unit, "签约1个项目", "王", due, created=FIRST).mark(
            status, on, meeting_id=at
        )

    u001_missed = made(1, "u001", date(2026, 2, 10), Status.MISSED, FEB, M2.id)
    u002_kept = made(2, "u002", date(2026, 2, 10), Status.DONE, date(2026, 2, 1), None)
    u002_kept_last = Commitment(
        "2026-01.1", "u002", "签约1个项目", "王", date(2026, 3, 10), created=FIRST
    ).mark(Status.DONE, date(2026, 3, 5))
    check(u001_missed, MAR, u002_kept, u002_kept_last)
