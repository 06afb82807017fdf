"""The demo district is what a newcomer sees first: it must tell every part of the story."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from agenda.demo import BLANK, LAGGARD, LEADER, Demo, build_demo
from agenda.escalation import escalation
from agenda.figures import Figures
from agenda.meetings import Attendance, MeetingState
from agenda.metrics import metric_by_key
from agenda.periods import Period
from agenda.review import Warning, consecutive_misses, due_for_review, warning
from agenda.scorecard import blank_units, build_scorecard
from agenda.units import UnitKind
from store import Store

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo() -> Demo:
    return build_demo(TODAY)


def unit_id(demo: Demo, name: str) -> str:
    return next(unit.id for unit in demo.units if unit.name == name)


def test_a_district_of_towns_departments_and_parks(demo: Demo) -> None:
    kinds = Counter(unit.kind for unit in demo.units)
    assert kinds == {UnitKind.TOWN: 14, UnitKind.DEPARTMENT: 20, UnitKind.PARK: 2}
    assert all(unit.head for unit in demo.units), "every unit has its 一把手"
    assert len({unit.name for unit in demo.units}) == 36


def test_readings_for_this_year_and_last_up_to_last_month(demo: Demo) -> None:
    assert demo.latest == Period(2026, 10)
    periods = sorted({reading.period for reading in demo.readings})
    assert periods[0] == Period(2025, 1)
    assert periods[-1] == Period(2026, 10)
    assert len(periods) == 22
    assert {target.year for target in demo.targets} == {2025, 2026}


def test_a_clear_leader_and_a_laggard_behind_pace(demo: Demo) -> None:
    metric = metric_by_key(demo.metrics, "signed_amount")
    assert metric is not None
    card = build_scorecard(
        metric, demo.units, Figures(demo.readings, demo.targets), demo.latest, metrics=demo.metrics
    )
    towns, parks, _departments = card.groups
    assert [g.group.name("zh") for g in card.groups] == ["乡镇（街道）", "园区", "区直部门"]
    first, second = parks.rows
    assert first.unit_id == unit_id(demo, LEADER)
    assert first.completion is not None and first.completion >= 100
    assert second.completion is not None and first.completion - second.completion > 10
    last = towns.rows[-1]
    assert last.unit_id == unit_id(demo, LAGGARD)
    assert last.behind_pace
    assert card.behind_pace(), "the gaps section has units to name"


def test_rates_worked_out_from_sums_with_targets(demo: Demo) -> None:
    figures = Figures(demo.readings, demo.targets)
    rate = metric_by_key(demo.metrics, "start_rate")
    assert rate is not None and rate.formed
    card = build_scorecard(rate, demo.units, figures, demo.latest, metrics=demo.metrics)
    started = sum(figures.ytd(u.id, "started_projects", demo.latest) or 0 for u in demo.units)
    signed = sum(figures.ytd(u.id, "signed_projects", demo.latest) or 0 for u in demo.units)
    assert card.total.value == pytest.approx(started / signed * 100)
    assert card.total.target == 60.0
    assert card.lagging() and card.share_at_target() is not None
    assert {m.key for m in demo.metrics} >= {"start_rate", "funds_rate", "fulfilment"}


def test_one_unit_handed_in_a_blank_month(demo: Demo) -> None:
    figures = Figures(demo.readings, demo.targets)
    assert blank_units(demo.units, figures, demo.metrics, demo.latest) == [unit_id(demo, BLANK)]


def test_last_meetings_commitments_are_due_overdue_and_carried(demo: Demo) -> None:
    colours = Counter(warning(c, TODAY) for c in demo.commitments)
    assert colours[Warning.RED] >= 3
    assert colours[Warning.YELLOW] >= 1
    assert colours[Warning.NONE] >= 1
    assert len(due_for_review(demo.commitments, TODAY)) >= 5
    carried = [c for c in demo.commitments if c.carried_from]
    assert len(carried) == 2
    old = next(c for c in demo.commitments if c.id == carried[0].carried_from)
    assert old.carried_to == carried[0].id
    # Missed three months back, missed again, and the one carried twice is overdue.
    assert consecutive_misses(demo.commitments, unit_id(demo, LAGGARD), TODAY) == 3


def test_four_closed_meetings_one_of_them_a_second_on_its_month_on_one_subject(
    demo: Demo,
) -> None:
    assert {m.state for m in demo.meetings} == {MeetingState.CLOSED}
    assert [(m.id, m.nth_in_year, m.topic) for m in demo.meetings] == [
        ("2026-07.1", 7, ""),
        ("2026-07.2", 8, "重点项目要素保障专题调度会"),
        ("2026-08.1", 9, ""),
        ("2026-09.1", 10, ""),
    ]
    assert [m.date for m in demo.meetings] == sorted(m.date for m in demo.meetings)
    kinds = {status for m in demo.meetings for status in m.attendance.values()}
    assert kinds == set(Attendance)


def test_who_was_in_the_room_is_recorded(demo: Demo) -> None:
    older = demo.meetings[2]
    deputy = older.presence(unit_id(demo, LAGGARD))
    assert (deputy.status, deputy.name, deputy.post) == (Attendance.DEPUTY, "刘振华", "副乡长")
    excused = older.presence(unit_id(demo, "区水利局"))
    assert (excused.status, excused.reason) == (Attendance.EXCUSED, "参加市水利工作会议")
    assert [o.name for o in older.observers] == ["周春梅", "孙明亮"]
    assert older.place == "区政府三楼会议室"
    remarks = demo.meetings[1].notes["closing-remarks"]
    assert "\n\n" in remarks, "the chair's remarks run to paragraphs"


def test_laggard_is_called_in_and_its_twice_carried_commitment_supervised(demo: Demo) -> None:
    flags = escalation(demo.meetings, demo.commitments, TODAY)
    assert [(f.unit_id, f.count) for f in flags.units] == [(unit_id(demo, LAGGARD), 2)]
    assert [(f.commitment.id, f.carried) for f in flags.commitments] == [("2026-09.1", 2)]


def test_commitments_carry_lead_leaders_supporting_units_and_progress(demo: Demo) -> None:
    led = [c for c in demo.commitments if c.lead]
    assert led and all(c.supporting and c.unit_id not in c.supporting for c in led)
    noted = [c for c in demo.commitments if c.progress]
    assert noted and all(c.is_open and c.effective_due > TODAY for c in noted)
    by_meeting: dict[str, list[int]] = {}
    for c in demo.commitments:
        by_meeting.setdefault(c.meeting_id or "", []).append(c.nth_in_meeting or 0)
    for numbers in by_meeting.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_the_demo_is_the_same_every_time(demo: Demo) -> None:
    again = build_demo(TODAY)
    assert again.commitments == demo.commitments
    assert again.readings == demo.readings


def test_the_seeded_store_holds_the_demo(demo_store: Store, demo: Demo) -> None:
    assert demo_store.units() == demo.units
    everything = demo_store.commitments(include_archive=True)
    assert sorted(everything, key=lambda c: c.id) == sorted(demo.commitments, key=lambda c: c.id)
    assert demo_store.meetings(include_archive=True) == demo.meetings
    assert demo_store.templates() == demo.templates
    assert demo_store.latest_reading_period() == Period(2026, 10)
