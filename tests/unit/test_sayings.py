"""How a span, a due date and a record's number are said, word for word: days up to two
months ("逾期21天", never "逾期1月"), then months; 第3项, never an id like a meeting's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from agenda import sayings
from agenda.commitments import Commitment
from agenda.meetings import Meeting
from agenda.periods import Period
from agenda.texts import paragraphs

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("days", "zh", "en"),
    [
        (1, "1天", "1 day"),
        (21, "21天", "21 days"),
        (60, "60天", "60 days"),  # still days: about two months
        (61, "约2个月", "about 2 months"),
        (76, "约2个月", "about 2 months"),
        (77, "约3个月", "about 3 months"),
        (400, "约13个月", "about 13 months"),
    ],
)
def test_a_span_is_days_up_to_two_months_then_months(days: int, zh: str, en: str) -> None:
    assert sayings.span(days, "zh") == zh
    assert sayings.span(-days, "en") == en


@pytest.mark.parametrize(
    ("offset", "zh", "en"),
    [
        (0, "今天到期", "due today"),
        (-21, "逾期21天", "21 days overdue"),
        (-1, "逾期1天", "1 day overdue"),
        (5, "还有5天", "due in 5 days"),
        (70, "还有约2个月", "due in about 2 months"),
        (-95, "逾期约3个月", "about 3 months overdue"),
    ],
)
def test_a_due_date_in_words(offset: int, zh: str, en: str) -> None:
    due = TODAY + timedelta(days=offset)
    assert sayings.due_words(due, TODAY, "zh") == zh
    assert sayings.due_words(due, TODAY, "en") == en


def test_a_day_before_or_after_today() -> None:
    assert sayings.ago_words(TODAY, TODAY, "zh") == "今天"
    assert sayings.ago_words(TODAY - timedelta(days=3), TODAY, "zh") == "3天前"
    assert sayings.ago_words(TODAY + timedelta(days=3), TODAY, "en") == "in 3 days"


def test_numbers_that_cannot_be_taken_for_a_meeting_id() -> None:
    meeting = Meeting("2026-10.1", Period(2026, 10), TODAY, "zhaoshang", nth_in_year=11)
    c = Commitment("2026-10.5", "u001", "签约", "王", TODAY, meeting.id, nth_in_meeting=3)
    assert sayings.commitment_number(c, "zh") == "第3项"
    assert sayings.commitment_number(c, "en") == "No. 3"
    assert sayings.meeting_number(meeting, "zh") == "2026年第11次"
    assert sayings.meeting_number(meeting, "en") == "No. 11 of 2026"
    assert sayings.commitment_reference(c, meeting, "zh") == "第11次会议第3项"
    assert sayings.commitment_reference(c, meeting, "en") == "meeting 11, No. 3"
    assert sayings.commitment_reference(c, None, "zh") == "第3项"
    # Made outside a meeting (or before numbers were given): its id.
    loose = Commitment("2026-10.6", "u001", "签约", "王", TODAY)
    assert sayings.commitment_number(loose, "zh") == "2026-10.6"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一段。", ["一段。"]),
        ("一、要素保障。\n二、联合办公。", ["一、要素保障。", "二、联合办公。"]),
        ("First.\n\nSecond.\n\n\n", ["First.", "Second."]),
        ("\u3000\u3000首行缩进。\r\n\r\n  次段。  ", ["首行缩进。", "次段。"]),
        ("  \n\n ", []),
    ],
)
def test_a_note_splits_into_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected
