"""What home proposes: the month of the latest figures, never a later one; another
meeting on a month already held; the number a new meeting takes in the year."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.errors import InputError
from agenda.meetings import Meeting, MeetingState
from agenda.periods import Period
from agenda.planning import meetings_on, next_meeting, parse_meeting_day, periods_to_choose

TODAY = date(2026, 11, 22)
SEP, OCT, NOV = Period(2026, 9), Period(2026, 10), Period(2026, 11)


def meeting(id: str, day: date, *, closed: bool = True, nth: int | None = None) -> Meeting:
    state = MeetingState.CLOSED if closed else MeetingState.IN_PROGRESS
    return Meeting(
        id, Period.parse(id.split(".")[0]), day, "zhaoshang", state=state, nth_in_year=nth
    )


def test_the_month_of_the_latest_figures() -> None:
    plan = next_meeting([], OCT, TODAY)
    assert (plan.unfinished, plan.period, plan.closed_already, plan.held) == (None, OCT, None, ())
    assert next_meeting([], None, TODAY).period == OCT  # no figures yet: last month


def test_never_a_month_still_to_come() -> None:
    assert next_meeting([], Period(2026, 12), TODAY).period == NOV


def test_a_month_held_already_may_have_another_meeting() -> None:
    held = meeting("2026-10.1", date(2026, 11, 5), nth=10)
    special = meeting("2026-10.2", date(2026, 11, 12), nth=11)
    plan = next_meeting([held, special], OCT, TODAY)
    assert plan.closed_already == special
    assert plan.held == (held, special)


def test_an_unfinished_meeting_is_resumed() -> None:
    open_one = meeting("2026-10.1", date(2026, 11, 20), closed=False, nth=10)
    assert next_meeting([open_one], OCT, TODAY).unfinished == open_one


def test_the_months_a_meeting_today_may_discuss() -> None:
    periods = periods_to_choose(TODAY)
    assert periods[:3] == [NOV, OCT, SEP]
    assert periods[-1] == Period(2025, 11) and len(periods) == 13


def test_a_meeting_day_as_typed_is_this_years_not_next() -> None:
    assert parse_meeting_day("11-20", TODAY) == date(2026, 11, 20)  # two days ago
    assert parse_meeting_day("2026年11月20日", TODAY) == date(2026, 11, 20)
    assert parse_meeting_day("2025-12-30", TODAY) == date(2025, 12, 30)


def test_a_meeting_day_that_is_no_date_is_refused_by_name() -> None:
    with pytest.raises(InputError) as refused:
        parse_meeting_day("下周一", TODAY)
    assert refused.value.words("zh") == "「下周一」不是日期，请写成 2026-12-31 或 12-31"


def test_the_meetings_on_a_month_in_the_order_held() -> None:
    second = meeting("2026-09.2", date(2026, 11, 2), nth=12)
    first = meeting("2026-09.1", date(2026, 10, 20), nth=11)
    other = meeting("2026-10.1", date(2026, 11, 20), nth=13)
    assert meetings_on(SEP, [other, second, first]) == [first, second]
