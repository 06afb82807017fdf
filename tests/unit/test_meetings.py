"""A meeting as chairs hold it: who was in the room, its place, 列席, a 专题 topic, and
when a new one may be held and what number it takes in the year."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.errors import RuleError
from agenda.meetings import (
    Attendance,
    Meeting,
    Observer,
    Presence,
    new_meeting,
    new_meeting_refusal,
    next_nth_in_year,
    observer,
    presence,
    roll_call_gaps,
)
from agenda.periods import Period

TODAY = date(2026, 11, 22)
OCT, NOV, DEC = Period(2026, 10), Period(2026, 11), Period(2026, 12)


def held(nth: int | None, day: date, period: Period = OCT, number: int = 1) -> Meeting:
    return Meeting(f"{period}.{number}", period, day, "zhaoshang", nth_in_year=nth)


# --- the roll call ---------------------------------------------------------------------------
def test_a_deputy_is_named_with_a_post_and_an_absence_with_its_reason() -> None:
    meeting = held(1, TODAY)
    meeting = meeting.with_presence(
        "u001", presence(Attendance.DEPUTY, name=" 刘振华 ", post="副乡长")
    )
    meeting = meeting.with_presence("u002", presence(Attendance.EXCUSED, reason="参加市里会议"))
    assert meeting.presence("u001") == Presence(Attendance.DEPUTY, "刘振华", "副乡长")
    assert meeting.presence("u002") == Presence(Attendance.EXCUSED, reason="参加市里会议")
    assert meeting.presence("u003") == Presence(Attendance.PRESENT)
    # The status alone, as the roll call's keys have always read it.
    assert meeting.attendance == {"u001": Attendance.DEPUTY, "u002": Attendance.EXCUSED}


def test_details_go_only_with_the_status_they_belong_to() -> None:
    with pytest.raises(RuleError) as caught:
        presence(Attendance.PRESENT, name="刘振华")
    assert caught.value.code == "meeting.deputy_details_only"
    assert caught.value.words("zh") == "只有代会的单位才填写代会人员姓名和职务（该单位为出席）"
    with pytest.raises(RuleError, match="a reason goes with a unit excused or absent"):
        presence(Attendance.DEPUTY, reason="出差")
    assert presence(Attendance.ABSENT, reason="未请假").reason == "未请假"


def test_a_name_is_one_line_and_not_too_long() -> None:
    with pytest.raises(RuleError) as caught:
        presence(Attendance.DEPUTY, name="刘\n振华")
    assert caught.value.words("zh") == "代会人员姓名须为一行文字"
    with pytest.raises(RuleError) as caught:
        presence(Attendance.EXCUSED, reason="因" * 61)
    assert str(caught.value) == "The reason: at most 60 characters"


def test_changing_the_status_keeps_only_the_details_that_still_fit() -> None:
    deputy = held(1, TODAY).with_presence(
        "u001", presence(Attendance.DEPUTY, name="刘振华", post="副乡长")
    )
    assert deputy.with_attendance("u001", Attendance.DEPUTY).presence("u001").name == "刘振华"
    back = deputy.with_attendance("u001", Attendance.PRESENT)
    assert back.presence("u001") == Presence(Attendance.PRESENT)
    assert back.attendance_details == {}
    away = held(1, TODAY).with_presence("u001", presence(Attendance.EXCUSED, reason="出差"))
    assert away.with_attendance("u001", Attendance.ABSENT).presence("u001").reason == "出差"


def test_what_the_roll_call_has_not_said_yet() -> None:
    meeting = (
        held(1, TODAY)
        .with_attendance("u001", Attendance.DEPUTY)
        .with_attendance("u002", Attendance.EXCUSED)
        .with_presence("u003", presence(Attendance.DEPUTY, name="张三"))
        .with_attendance("u004", Attendance.ABSENT)
    )
    assert roll_call_gaps(meeting) == [
        ("u001", "meeting.deputy_unnamed"),
        ("u002", "meeting.reason_missing"),
    ]


def test_observers_place_and_topic() -> None:
    meeting = held(1, TODAY).with_observers(
        [Observer(" 周春梅 ", "区委督查室副主任"), Observer("孙明亮", "区融媒体中心记者")]
    )
    assert meeting.observers == (
        Observer("周春梅", "区委督查室副主任"),
        Observer("孙明亮", "区融媒体中心记者"),
    )
    with pytest.raises(RuleError, match="Give the observer's name"):
        observer("  ", "记者")
    assert held(1, TODAY).with_place("区政府三楼会议室").place == "区政府三楼会议室"
    special = held(1, TODAY).with_topic("重点项目要素保障专题调度会")
    assert special.is_special and not held(1, TODAY).is_special


def test_a_long_note_is_kept_exactly() -> None:
    remarks = "一、要素保障是前提。\n\n二、联合办公，一周一碰头。\r\n  三、跟踪问效。\n"
    assert held(1, TODAY).with_note("closing-remarks", remarks).notes["closing-remarks"] == remarks
    assert held(1, TODAY).with_note("x", remarks).with_note("x", " \n\n ").notes == {}


# --- a new meeting ---------------------------------------------------------------------------
def test_a_later_month_is_refused_in_both_languages() -> None:
    refusal = new_meeting_refusal(DEC, TODAY, TODAY)
    assert refusal is not None and refusal.code == "meeting.period_future"
    assert str(refusal) == "period 2026-12 is in the future"
    assert refusal.words("zh") == "2026-12 尚未到来：只能为已经开始的月份召开会议"


@pytest.mark.parametrize(
    ("period", "day", "code"),
    [
        (OCT, TODAY, None),  # the usual: last month's figures
        (NOV, TODAY, None),  # an early meeting on this month's
        (Period(2026, 3), TODAY, None),  # a make-up meeting for a month of this year
        (Period(2025, 11), TODAY, None),  # twelve months back
        (Period(2025, 10), TODAY, "meeting.period_too_old"),
        (OCT, date(2026, 11, 23), "meeting.date_future"),
        (OCT, date(2026, 11, 2), None),  # recorded afterwards
        (NOV, date(2026, 10, 31), "meeting.date_before_period"),
    ],
)
def test_which_period_and_date_a_meeting_may_have(
    period: Period, day: date, code: str | None
) -> None:
    refusal = new_meeting_refusal(period, day, TODAY)
    assert (refusal.code if refusal else None) == code


def test_meetings_are_numbered_in_the_year_in_the_order_held() -> None:
    year = [held(9, date(2026, 9, 20), Period(2026, 8)), held(10, date(2026, 10, 25))]
    assert next_nth_in_year(year, 2026) == 11
    assert next_nth_in_year(year, 2027) == 1
    # A second meeting the same day, or later: the next number.
    assert new_meeting_refusal(OCT, date(2026, 10, 25), TODAY, year) is None
    refusal = new_meeting_refusal(OCT, date(2026, 10, 24), TODAY, year)
    assert refusal is not None and refusal.code == "meeting.date_before_numbered"
    assert str(refusal).startswith("meeting No. 10 of 2026 was held on 2026-10-25:")


def test_meetings_on_record_without_a_number_are_counted_too() -> None:
    unnumbered = [held(None, date(2026, 2, 20), Period(2026, 1)), held(None, date(2026, 3, 20))]
    assert next_nth_in_year(unnumbered, 2026) == 3


def test_a_new_meeting_has_its_numbers_topic_and_place() -> None:
    year = [held(10, date(2026, 10, 25))]
    made = new_meeting(
        2,
        OCT,
        TODAY,
        "zhaoshang",
        today=TODAY,
        year_meetings=year,
        topic=" 重点项目要素保障专题调度会 ",
        place="区政府三楼会议室",
    )
    assert (made.id, made.nth_in_year, made.topic) == (
        "2026-10.2",
        11,
        "重点项目要素保障专题调度会",
    )
    with pytest.raises(RuleError, match="period 2026-12 is in the future"):
        new_meeting(1, DEC, TODAY, "zhaoshang", today=TODAY, year_meetings=year)
    with pytest.raises(RuleError, match="The topic must be one line"):
        new_meeting(1, OCT, TODAY, "zhaoshang", today=TODAY, year_meetings=[], topic="a\nb")
