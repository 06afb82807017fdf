"""What a report reads, on both backends: the commitments due in a span, those a meeting made
or acted on, the latest meetings. Each answer is the same as reading everything and
picking, whatever the archive holds."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from agenda.commitments import Commitment, Status
from agenda.demo import build_demo
from agenda.meetings import Meeting, MeetingState, meeting_id
from agenda.periods import Period
from store.opening import AnyStore
from store.seed import seed
from tests.backends import TODAY, Backend

HISTORY = [Period(2025, 5), Period(2025, 6), Period(2025, 7)]


def closed_meeting(period: Period) -> Meeting:
    held = period.next().first_day() + timedelta(days=19)
    start = datetime.combine(held, datetime.min.time())
    return Meeting(
        id=meeting_id(period, 1),
        period=period,
        date=held,
        template="zhaoshang",
        state=MeetingState.CLOSED,
        started_at=start,
        ended_at=start + timedelta(hours=1),
    )


def history(store: AnyStore) -> None:
    """Three settled months, archived: each month's commitments are due two months on and
    marked at the next month's meeting; one of June's was extended there."""
    for period in HISTORY:
        meeting = closed_meeting(period)
        next_meeting = meeting_id(period.next(), 1)
        due = period.next().next().last_day()
        made = []
        for n in (1, 2, 3):
            commitment = Commitment(
                id=f"{period}.{n}",
                unit_id="u001",
                text=f"任务{n}",
                owner="张三",
                due=due,
                meeting_id=meeting.id,
                created=meeting.date,
            )
            if period == Period(2025, 6) and n == 1:
                commitment = commitment.extend(
                    due + timedelta(days=10), "等审批", due, meeting_id=next_meeting
                )
            status = (Status.DONE, Status.MISSED)[n % 2]
            made.append(commitment.mark(status, due, meeting_id=next_meeting))
        store.add_records([meeting], made)


def district(backend: Backend) -> AnyStore:
    store = backend.store
    seed(store, build_demo(TODAY))
    history(store)
    return backend.reopen()


def test_commitments_due_in_a_span_are_those_of_a_full_read(backend: Backend) -> None:
    store = district(backend)
    everything = store.commitments(include_archive=True)
    spans = [
        (date(2025, 7, 1), date(2025, 7, 31)),  # May's, on the day
        (date(2025, 8, 1), date(2025, 8, 31)),  # June's: one extended past the month
        (date(2026, 1, 1), date(2026, 10, 31)),  # this year's
        (date(2020, 1, 1), date(2020, 12, 31)),  # nothing
    ]
    for first, last in spans:
        wanted = [c for c in everything if first <= c.effective_due <= last]
        assert store.commitments_due(first, last) == wanted


def test_a_meetings_commitments_are_those_it_made_or_acted_on(backend: Backend) -> None:
    store = district(backend)
    everything = store.commitments(include_archive=True)
    for meeting in store.meetings(include_archive=True):
        wanted = [
            c
            for c in everything
            if c.meeting_id == meeting.id
            or any(h.meeting_id == meeting.id for h in c.history)
            or any(e.meeting_id == meeting.id for e in c.extensions)
        ]
        assert store.commitments_of_meeting(meeting.id) == wanted, meeting.id
    june = store.commitments_of_meeting("2025-07.1")  # July's meeting marked June's
    assert {c.id for c in june} >= {"2025-06.1", "2025-06.2", "2025-06.3"}


def test_the_latest_meetings_are_the_last_of_a_full_read(backend: Backend) -> None:
    store = district(backend)
    everything = store.meetings(include_archive=True)
    for count in (1, 2, 4, len(everything), len(everything) + 3):
        assert store.latest_meetings(count) == everything[-count:]
    assert store.latest_meetings(0) == []
