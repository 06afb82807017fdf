"""How the app and the documents say a due date, a span of days and a record's number:
"逾期21天", "还有约3个月", "第3项", "2026年第11次". Written once, here, in both languages
(`agenda/strings/saying.yaml`); the TUI and the CLI call these.

A span is said in days up to two months (60 days: "逾期45天", never "逾期1月", which
reads as January), then in months, rounded, with 约 ("逾期约3个月"): a month is 30.44 days.
"""

from __future__ import annotations

from datetime import date

from agenda.commitments import Commitment
from agenda.meetings import Meeting
from agenda.words import say

DAYS_LIMIT = 60  # said in days up to this many; in months after
DAYS_A_MONTH = 365.25 / 12


def span(days: int, lang: str) -> str:
    """How long `days` is, without direction: 21天 / 21 days / 约3个月 / about 3 months."""
    days = abs(days)
    if days <= DAYS_LIMIT:
        key = "saying.one_day" if days == 1 else "saying.days"
        return say(key, lang, days=days)
    months = max(2, int(days / DAYS_A_MONTH + 0.5))
    return say("saying.months", lang, months=months)


def due_words(due: date, today: date, lang: str) -> str:
    """今天到期 / 逾期21天 / 还有5天 (due today / 21 days overdue / due in 5 days)."""
    days = (due - today).days
    if days == 0:
        return say("saying.due_today", lang)
    key = "saying.overdue" if days < 0 else "saying.due_in"
    return say(key, lang, span=span(days, lang))


def ago_words(day: date, today: date, lang: str) -> str:
    """今天 / 3天前 / 3天后 (today / 3 days ago / in 3 days)."""
    days = (today - day).days
    if days == 0:
        return say("saying.today", lang)
    key = "saying.ago" if days > 0 else "saying.ahead"
    return say(key, lang, span=span(days, lang))


def commitment_number(commitment: Commitment, lang: str) -> str:
    """第3项 / No. 3: its number in the meeting that made it; its id if it has none (one
    made outside a meeting). Never an id like 2026-10.1, which reads as a meeting."""
    if commitment.nth_in_meeting is None:
        return commitment.id
    return say("saying.item", lang, nth=commitment.nth_in_meeting)


def meeting_number(meeting: Meeting, lang: str) -> str:
    """2026年第11次 / No. 11 of 2026: the meeting's number in the year of its date; its id
    if it has none."""
    if meeting.nth_in_year is None:
        return meeting.id
    return say("saying.meeting", lang, year=meeting.date.year, nth=meeting.nth_in_year)


def commitment_reference(commitment: Commitment, meeting: Meeting | None, lang: str) -> str:
    """第11次会议第3项 / meeting 11, No. 3: a commitment named across meetings (in the
    review, a carry-over's link), when its meeting is known and numbered."""
    item = commitment_number(commitment, lang)
    if meeting is None or meeting.nth_in_year is None or commitment.nth_in_meeting is None:
        return item
    return say("saying.item_of_meeting", lang, meeting=meeting.nth_in_year, item=item)
