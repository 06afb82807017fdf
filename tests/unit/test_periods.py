"""Periods (YYYY-MM) as offices write them, and the dates around them."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.errors import DiaoduError, InputError
from agenda.meetings import meeting_id, period_of_id
from agenda.periods import Period, end_of_month, parse_date, parse_due


@pytest.mark.parametrize(
    "text", ["2026-05", "2026/5", "2026.05", "2026年5月", " 2026 年 05 月 ", "2026-5"]
)
def test_periods_written_every_usual_way(text: str) -> None:
    assert Period.parse(text) == Period(2026, 5)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-05", "五月", "2026-05-01", ""])
def test_not_periods(text: str) -> None:
    with pytest.raises(DiaoduError):
        Period.parse(text)


def test_a_bad_period_says_how_to_write_it() -> None:
    with pytest.raises(DiaoduError, match="'May' is not a period; write it as YYYY-MM"):
        Period.parse("May")
    with pytest.raises(DiaoduError, match="month must be 1 to 12"):
        Period.parse("2026-13")


def test_shown_as_yyyy_mm_and_ordered() -> None:
    assert str(Period(2026, 5)) == "2026-05"
    assert Period(2025, 12) < Period(2026, 1) < Period(2026, 2)
    assert max([Period(2026, 3), Period(2025, 11)]) == Period(2026, 3)


def test_neighbours_across_the_new_year() -> None:
    assert Period(2026, 1).previous() == Period(2025, 12)
    assert Period(2025, 12).next() == Period(2026, 1)
    assert Period(2026, 3).year_ago() == Period(2025, 3)
    assert Period.of(date(2026, 11, 22)) == Period(2026, 11)


def test_first_and_last_days() -> None:
    assert Period(2026, 2).first_day() == date(2026, 2, 1)
    assert Period(2026, 2).last_day() == date(2026, 2, 28)
    assert Period(2028, 2).last_day() == date(2028, 2, 29)
    assert Period(2026, 12).last_day() == date(2026, 12, 31)


@pytest.mark.parametrize(("month", "expected"), [(1, 8.3333), (4, 33.3333), (6, 50.0), (12, 100.0)])
def test_time_progress_is_month_over_twelve(month: int, expected: float) -> None:
    assert Period(2026, month).time_progress == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("text", ["2026-05-03", "2026/5/3", "2026年5月3日", "2026.5.3"])
def test_dates_written_every_usual_way(text: str) -> None:
    assert parse_date(text) == date(2026, 5, 3)


@pytest.mark.parametrize("text", ["2026-02-30", "5月3日", "tomorrow", "2026-05"])
def test_not_dates(text: str) -> None:
    with pytest.raises(DiaoduError, match="is not a date; write it as YYYY-MM-DD"):
        parse_date(text)


def test_end_of_month() -> None:
    assert end_of_month(date(2026, 11, 22)) == date(2026, 11, 30)
    assert end_of_month(date(2026, 11, 22), 1) == date(2026, 12, 31)
    assert end_of_month(date(2026, 12, 31), 2) == date(2027, 2, 28)


def test_records_are_filed_by_the_period_in_their_id() -> None:
    assert meeting_id(Period(2026, 5), 2) == "2026-05.2"
    assert period_of_id("2026-05.12") == Period(2026, 5)


def test_a_leap_day_typed_after_it_has_passed_is_refused_in_words() -> None:
    """29 February typed in March of a leap year means next year's, which has none: a
    refusal naming the text, not a crash."""
    with pytest.raises(InputError) as caught:
        parse_due("2-29", date(2028, 3, 1))
    assert caught.value.code == "period.not_a_due_date"
    assert parse_due("2-29", date(2028, 2, 1)) == date(2028, 2, 29)
