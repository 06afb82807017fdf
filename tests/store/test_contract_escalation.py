"""督办 at ten years reads only the archived months it needs, on both backends: each
backend briefs its archived months (`archive_briefs`) as the months' own records do, and
督办 from the briefs is exactly 督办 from the last twelve archived months read whole, as of
today, of days past and of every meeting (the minutes of an old one included)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from agenda.archive import month_brief
from agenda.commitments import Commitment, Extension, Status, StatusChange
from agenda.demo import build_demo
from agenda.escalation import escalation
from agenda.meetings import Meeting, MeetingState, meeting_id
from agenda.periods import Period
from agenda.usecases.district import District
from agenda.usecases.review import FULFILMENT_MONTHS, escalation_as_of
from store.opening import AnyStore
from store.seed import seed
from tests.backends import TODAY, Backend

UNITS = ("u001", "u002", "u003", "u004")
# Twenty settled months, archived as they are added, ending two months before the demo's
# own meetings (their outcomes are recorded at the next month's meeting, not the demo's).
MONTHS = [min(meeting.period for meeting in build_demo(TODAY).meetings).previous()]
for _ in range(20):
    MONTHS.insert(0, MONTHS[0].previous())
MONTHS.pop()


def held(period: Period, number: int, day: int, topic: str = "") -> Meeting:
    on = period.next().first_day() + timedelta(days=day)
    start = datetime.combine(on, datetime.min.time())
    return Meeting(
        id=meeting_id(period, number),
        period=period,
        date=on,
        template="zhaoshang",
        state=MeetingState.CLOSED,
        started_at=start,
        ended_at=start + timedelta(hours=1),
        topic=topic,
    )


def history(store: AnyStore, seed_: int) -> None:
    """Each month a regular meeting (and now and then a 专题调度会); its commitments due
    before the next or the one after, settled at a meeting or between meetings, some late,
    some extended, some carried over once or twice."""
    chance = random.Random(seed_)
    for period in MONTHS:
        meetings = [held(period, 1, 19)]
        if chance.random() < 0.2:
            meetings.append(held(period, 2, 24, topic="重点项目推进"))
        made = []
        for n in range(1, chance.randint(2, 6)):
            made_at = meetings[0]
            due = made_at.date + timedelta(days=chance.choice([10, 25, 31, 45, 60]))
            settled_on = due + timedelta(days=chance.choice([-12, -1, 0, 1, 3, 20, 40]))
            later = period.next()
            at = meeting_id(later, 1) if chance.random() < 0.5 else None
            status = chance.choice([Status.DONE, Status.PARTIAL, Status.MISSED, Status.DROPPED])
            extensions = ()
            if chance.random() < 0.15:
                extensions = (Extension(due + timedelta(days=15), "等审批", due, at),)
            made.append(
                Commitment(
                    id=f"{period}.{n}",
                    unit_id=chance.choice(UNITS),
                    text=f"任务{n}",
                    owner="张三",
                    due=due,
                    meeting_id=made_at.id,
                    created=made_at.date,
                    status=status,
                    # now and then a record without its outcome's entry (typed in by hand)
                    history=()
                    if chance.random() < 0.05
                    else (StatusChange(status, settled_on, at),),
                    extensions=extensions,
                    carried_times=chance.choice([0, 0, 0, 1, 2, 3]),
                )
            )
        store.add_records(meetings, made)


@pytest.mark.parametrize("seed_", [1, 2])
def test_briefs_say_what_the_months_hold_and_escalation_from_them_is_the_full_read(
    backend: Backend, seed_: int
) -> None:
    store = backend.store
    seed(store, build_demo(TODAY))
    history(store, seed_)
    store = backend.reopen()
    archived = [p for p in store.periods() if p not in set(store.active_periods())]
    assert len(archived) >= FULFILMENT_MONTHS + 5  # more than 督办 looks back over
    for last in (0, 3, FULFILMENT_MONTHS):
        chosen = archived[-last:] if last else []
        assert store.archive_briefs(last) == [
            month_brief(p, *store.period_records(p)) for p in chosen
        ]

    district = District(store, lambda: datetime.combine(TODAY, datetime.min.time()))
    settings = district.settings_or_defaults()
    meetings = store.meetings(include_archive=FULFILMENT_MONTHS)
    commitments = store.commitments(include_archive=FULFILMENT_MONTHS)
    asked: list[Meeting | date] = [TODAY, date(2026, 3, 31), date(2025, 12, 31)]
    asked += store.meetings(include_archive=True)  # every meeting, the oldest too
    flagged = 0
    for at in asked:
        for talk_after, supervise_after in ((1, 1), (2, 2)):
            chosen = replace(settings, talk_after=talk_after, supervise_after=supervise_after)
            full = escalation(
                meetings,
                commitments,
                at,
                talk_after=talk_after,
                supervise_after=supervise_after,
            )
            assert escalation_as_of(district, at, chosen) == full, at
            flagged += len(full.units) + len(full.commitments)
    assert flagged  # the histories do call units in and put commitments under supervision
