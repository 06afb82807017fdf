"""Issue 10 in the store, on both backends: templates a district keeps, meetings numbered
in the year (第N次) with their period and date checked, commitments numbered in their
meeting (第N项), who else carries them, who was in the room, long notes, the demo seed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from agenda.commitments import Commitment, Status
from agenda.demo import build_demo
from agenda.errors import DiaoduError, InputError, RuleError
from agenda.meetings import Attendance, MeetingState, Observer, presence
from agenda.periods import Period
from agenda.templates import example_template, find_template
from agenda.units import Unit
from store import StoreError
from store.opening import AnyStore
from store.seed import seed
from tests.backends import Backend

TODAY = date(2026, 11, 22)
SEP, OCT, NOV = Period(2026, 9), Period(2026, 10), Period(2026, 11)
REMARKS = "一、要素保障是前提。\n\n二、联合办公，一周一碰头。\r\n\u3000\u3000三、跟踪问效。\n"


def units(store: AnyStore) -> None:
    store.save_units([Unit("u001", "城关镇"), Unit("u002", "区商务局"), Unit("u003", "区住建局")])


def add(store: AnyStore, meeting_id: str, unit: str = "u001", **fields: object) -> Commitment:
    period = Period.parse(meeting_id.split(".")[0])
    return store.add_commitment(
        period,
        lambda id_: Commitment(
            id=id_,
            unit_id=unit,
            text="签约1个项目",
            owner="王",
            due=date(2026, 12, 31),
            meeting_id=meeting_id,
            created=TODAY,
            **fields,  # type: ignore[arg-type]
        ),
    )


# --- templates ---------------------------------------------------------------------------------
def test_a_district_keeps_its_own_templates(backend: Backend) -> None:
    weekly = example_template("weekly")
    assert backend.store.templates() == []
    assert backend.store.save_template(weekly) == weekly
    again = backend.reopen()
    assert again.templates() == [weekly]
    assert find_template("weekly", again.templates()) == weekly
    with pytest.raises(RuleError) as caught:
        again.save_template(weekly)
    assert caught.value.code == "template.exists"
    retitled = replace(weekly, name_zh="班子周例会")
    again.save_template(retitled, replace=True)
    fewer = replace(weekly, sections=weekly.sections[:-1])
    with pytest.raises(RuleError, match="cannot drop item 'recap'"):
        again.save_template(fewer, replace=True)
    with pytest.raises(RuleError) as caught:
        again.save_template(replace(weekly, key="zhaoshang"))
    assert caught.value.code == "template.builtin_key"
    assert backend.reopen().templates() == [retitled]


def test_the_default_template_may_be_the_districts_own(backend: Backend) -> None:
    store = backend.store
    with pytest.raises(InputError) as caught:
        store.save_settings(template="weekly", top_n=5)
    assert caught.value.code == "settings.unknown_template"
    assert "templates: zhaoshang, monthly-review" in str(caught.value)
    assert store.settings() == {}  # nothing saved
    store.save_template(example_template("weekly"))
    store.save_settings(template="weekly")
    assert backend.reopen().settings() == {"template": "weekly"}


# --- meetings: period, date, 第N次 -------------------------------------------------------------
def test_meetings_are_numbered_in_the_year_in_the_order_held(backend: Backend) -> None:
    store = backend.store
    first = store.create_meeting(SEP, date(2026, 10, 20), "zhaoshang")
    regular = store.create_meeting(OCT, date(2026, 11, 20), "zhaoshang", place="三楼会议室")
    special = store.create_meeting(OCT, TODAY, "zhaoshang", topic="重点项目要素保障专题调度会")
    assert [(m.id, m.nth_in_year) for m in (first, regular, special)] == [
        ("2026-09.1", 1),
        ("2026-10.1", 2),
        ("2026-10.2", 3),
    ]
    assert (regular.place, special.topic, special.is_special) == (
        "三楼会议室",
        "重点项目要素保障专题调度会",
        True,
    )
    again = backend.reopen()
    assert [m.nth_in_year for m in again.meetings_in_year(2026)] == [1, 2, 3]
    assert again.meetings_in_year(2027) == []
    assert again.meeting(special.id) == special


def test_a_meeting_dated_before_one_already_numbered_is_refused(backend: Backend) -> None:
    store = backend.store
    store.create_meeting(OCT, TODAY, "zhaoshang")
    with pytest.raises(RuleError) as caught:
        store.create_meeting(SEP, date(2026, 11, 2), "zhaoshang")
    assert caught.value.code == "meeting.date_before_numbered"
    assert [m.id for m in backend.reopen().meetings(include_archive=True)] == ["2026-10.1"]


@pytest.mark.parametrize(
    ("period", "day", "code"),
    [
        (Period(2026, 12), TODAY, "meeting.period_future"),
        (OCT, date(2026, 11, 23), "meeting.date_future"),
        (NOV, date(2026, 10, 30), "meeting.date_before_period"),
    ],
)
def test_a_meeting_that_cannot_be_held_writes_nothing(
    backend: Backend, period: Period, day: date, code: str
) -> None:
    with pytest.raises(RuleError) as caught:
        backend.store.create_meeting(period, day, "zhaoshang")
    assert caught.value.code == code
    again = backend.reopen()
    assert again.meetings(include_archive=True) == []
    assert again.active_periods() == [] or code != "meeting.period_future"


def test_the_years_numbers_count_archived_meetings_too(backend: Backend) -> None:
    store = backend.store
    meeting = store.create_meeting(SEP, date(2026, 10, 20), "zhaoshang")
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 10, 20, 11, 0)))
    assert store.archived_periods() == [SEP]  # closed, nothing open: archived
    again = backend.reopen()
    with pytest.raises(RuleError):  # refused: the archived month stays archived
        again.create_meeting(SEP, date(2026, 10, 19), "zhaoshang")
    assert again.archived_periods() == [SEP]
    assert again.create_meeting(OCT, TODAY, "zhaoshang").nth_in_year == 2


# --- commitments: 第N项, who carries them -------------------------------------------------------
def test_commitments_are_numbered_in_their_meeting_and_keep_their_number(
    backend: Backend,
) -> None:
    store = backend.store
    units(store)
    october = store.create_meeting(SEP, date(2026, 10, 20), "zhaoshang")
    made = [add(store, october.id) for _ in range(3)]
    assert [c.nth_in_meeting for c in made] == [1, 2, 3]
    store.delete_commitment(made[1].id, expected_revision=made[1].revision)
    assert add(store, october.id).nth_in_meeting == 4  # a number is never given twice
    november = store.create_meeting(OCT, TODAY, "zhaoshang")
    assert add(store, november.id).nth_in_meeting == 1
    old, new = store.carry_over(
        made[0], date(2027, 1, 31), TODAY, period=OCT, meeting_id=november.id
    )
    assert (new.nth_in_meeting, new.carried_times, old.nth_in_meeting) == (2, 1, 1)
    again = backend.reopen()
    assert again.commitment(new.id) == new


def test_supporting_units_are_on_record_and_not_the_responsible_one(backend: Backend) -> None:
    store = backend.store
    units(store)
    meeting = store.create_meeting(OCT, TODAY, "zhaoshang")
    led = add(store, meeting.id, lead="王建国副区长", supporting=("u002", "u003"))
    assert backend.reopen().commitment(led.id) == led
    store = backend.store
    for supporting, code in (
        (("u009",), "commitment.supporting_unknown"),
        (("u001",), "commitment.supporting_responsible"),
    ):
        with pytest.raises(RuleError) as caught:
            add(store, meeting.id, supporting=supporting)
        assert caught.value.code == code
        with pytest.raises(RuleError):
            store.save_commitment(replace(led, supporting=supporting))
    # Carried over, it keeps them.
    _, new = store.carry_over(led, date(2027, 1, 31), TODAY, period=NOV, meeting_id=None)
    assert (new.lead, new.supporting) == ("王建国副区长", ("u002", "u003"))
    assert [c.id for c in backend.reopen().commitments()] == [led.id, new.id]


def test_progress_notes_are_kept_and_change_no_outcome(backend: Backend) -> None:
    store = backend.store
    units(store)
    meeting = store.create_meeting(OCT, TODAY, "zhaoshang")
    made = add(store, meeting.id)
    noted = store.update_commitment(
        made.id,
        lambda c: c.note_progress("已完成第二轮洽谈。\n\n协议在审。", TODAY, percent=60.0),
    )
    again = backend.reopen().commitment(made.id)
    assert again == noted and again.status is Status.OPEN
    assert again.latest_progress is not None and again.latest_progress.percent == 60.0


# --- who was in the room, long notes --------------------------------------------------------
def test_who_was_in_the_room_and_long_notes_are_kept_exactly(backend: Backend) -> None:
    store = backend.store
    meeting = store.create_meeting(OCT, TODAY, "zhaoshang")
    saved = store.update_meeting(
        meeting.id,
        lambda m: (
            m.with_presence("u001", presence(Attendance.DEPUTY, name="刘振华", post="副乡长"))
            .with_presence("u002", presence(Attendance.EXCUSED, reason="参加市里会议"))
            .with_attendance("u003", Attendance.ABSENT)
            .with_observers([Observer("周春梅", "区委督查室副主任")])
            .with_place("区政府三楼会议室")
            .with_note("closing-remarks", REMARKS)
            .with_unit_note("gaps", "u001", "第一段\n\n第二段")
        ),
    )
    again = backend.reopen().meeting(meeting.id)
    assert again == saved
    assert again.notes["closing-remarks"] == REMARKS
    assert again.presence("u001").name == "刘振华"
    assert again.attendance["u003"] is Attendance.ABSENT


# --- the demo ------------------------------------------------------------------------------------
def test_the_demo_fills_an_empty_district_and_refuses_one_with_data(backend: Backend) -> None:
    demo = build_demo(TODAY)
    seed(backend.store, demo)
    again = backend.reopen()
    assert again.templates() == demo.templates
    assert again.meetings(include_archive=True) == demo.meetings
    with pytest.raises(StoreError) as caught:
        seed(again, demo)
    assert caught.value.code == "store.seed_not_empty"
    assert len(again.meetings(include_archive=True)) == 4


def test_the_demo_is_refused_where_a_unit_is_already(backend: Backend) -> None:
    units(backend.store)
    with pytest.raises(DiaoduError, match="holds data already"):
        seed(backend.store, build_demo(TODAY))
    assert backend.reopen().meetings(include_archive=True) == []
    assert sorted(u.id for u in backend.store.units()) == ["u001", "u002", "u003"]


def test_a_closed_meetings_roll_call_is_closed_too(backend: Backend) -> None:
    store = backend.store
    meeting = store.create_meeting(OCT, TODAY, "zhaoshang")
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 11, 22, 11, 0)))
    with pytest.raises(RuleError, match="is closed"):
        store.update_meeting(meeting.id, lambda m: m.with_place("别处"))
    assert backend.reopen().meeting(meeting.id).state is MeetingState.CLOSED
