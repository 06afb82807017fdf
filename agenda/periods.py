"""Periods (YYYY-MM) and the dates around them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from agenda.errors import InputError

_PERIOD = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InputError("period.bad_month", year=self.year, month=self.month)
        if not 1900 <= self.year <= 9999:
            raise InputError("period.bad_year", year=self.year)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Accept 2026-05, 2026/5, 2026.05 and 2026年5月."""
        return _parse_period(str(text))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def previous(self) -> Period:
        return Period(self.year - 1, 12) if self.month == 1 else Period(self.year, self.month - 1)

    def next(self) -> Period:
        return Period(self.year + 1, 1) if self.month == 12 else Period(self.year, self.month + 1)

    def year_ago(self) -> Period:
        return Period(self.year - 1, self.month)

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def time_progress(self) -> float:
        """序时进度 in percent: month / 12 × 100."""
        return self.month / 12 * 100


def parse_date(text: str) -> date:
    """A date as YYYY-MM-DD (also 2026/5/3 and 2026年5月3日); a clear error otherwise."""
    cleaned = re.sub(r"[年月/.]", "-", str(text).strip()).rstrip("日").strip("-")
    try:
        year, month, day = (int(part) for part in cleaned.split("-"))
        return date(year, month, day)
    except ValueError:
        raise InputError("period.not_a_date", text=str(text)) from None


def typed_day(text: str, year: int) -> tuple[date, bool]:
    """A day as typed in the room: a full date (2026-12-31, 2026年12月31日), or a month and
    day (12-31, 12月31日) taken in `year`; and whether the year was typed. Raises
    InputError("period.not_a_due_date")."""
    cleaned = re.sub(r"[年月/.]", "-", str(text).strip()).rstrip("日号").strip("-")
    parts = cleaned.split("-")
    try:
        if len(parts) != 2:
            return parse_date(text), True
        month, day = (int(part) for part in parts)
        return date(year, month, day), False
    except (ValueError, InputError):
        raise InputError("period.not_a_due_date", text=str(text)) from None


def parse_due(text: str, today: date) -> date:
    """A due date as typed in the room: a full date, or a month and day (12-31, 12月31日).

    Without a year, the next such day from `today` is meant: typed in November, "1-15"
    is next January.
    """
    due, year_typed = typed_day(text, today.year)
    if year_typed or due >= today:
        return due
    return typed_day(text, today.year + 1)[0]  # 2-29 typed in a leap year's March: refused


def end_of_month(day: date, months_ahead: int = 0) -> date:
    """The last day of the month `months_ahead` after the month of `day`."""
    period = Period.of(day)
    for _ in range(months_ahead):
        period = period.next()
    return period.last_day()


@lru_cache(maxsize=1024)
def _parse_period(text: str) -> Period:
    # Every stored reading names its month: opening ten years parses the same few
    # hundred strings thousands of times. Periods are immutable, so one each will do.
    match = _PERIOD.match(text)
    if not match:
        raise InputError("period.not_a_period", text=text)
    return Period(int(match[1]), int(match[2]))
