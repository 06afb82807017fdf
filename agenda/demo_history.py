"""The demo district's meetings and commitments: four meetings held before today's.

- Three months back (第7次 of the year when the demo starts in the autumn): the regular
  meeting, and ten days later a 专题调度会 on 重点项目要素保障 (a second meeting on the same
  month's figures), with lead leaders (牵头领导) and supporting units (配合单位) and the
  chair's remarks in paragraphs.
- Two months back and last month: the regular meetings, with a deputy named (代会, name
  and post), a reason for 请假, 列席 and the place recorded.
- 河口乡 missed at both of them, and its commitment was carried over twice: it is called
  in (约谈) and the commitment is under supervision (挂牌督办). Last month's commitments
  run before, around and after today; some not yet due have a progress note (推进情况).

Built relative to `today`; `rng` is the demo's own, drawn from in the order it always was,
so the figures and outcomes stay the same.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from agenda.commitments import Commitment, Status, carry_over
from agenda.meetings import Attendance, Meeting, MeetingState, Observer, Presence, meeting_id
from agenda.periods import Period, end_of_month
from agenda.templates import DEFAULT_TEMPLATE
from agenda.units import Unit

LEADER, LAGGARD, BLANK = "经济开发区", "河口乡", "马集镇"
CHAIR, SECRETARY, VICE = "张立新", "李晓东", "王建国副区长"
PLACE = "区政府三楼会议室"
OBSERVERS = (Observer("周春梅", "区委督查室副主任"), Observer("孙明亮", "区融媒体中心记者"))
TOPIC = "重点项目要素保障专题调度会"
REMARKS = (
    "一、要素保障是项目落地的前提。各责任单位要对照清单逐项销号，不能等、不能拖。\n"
    "\n"
    "二、自然资源、住建、行政审批部门要联合办公，一周一碰头，问题不过夜。\n"
    "\n"
    "三、区委督查室要跟踪问效，对推进不力的单位按程序约谈。"
)

TASKS = (
    ("确保{month}月份有签约项目", "signed_projects", 1),
    ("新签约亿元以上项目", "signed_projects", 2),
    ("推动签约项目开工", "started_projects", 1),
    ("实际使用外资到位500万美元", "foreign_capital", 500),
    ("到位资金1.5亿元，按月报送进度", "funds_in_place", 1.5),
    ("赴长三角开展小分队招商", None, None),
    ("梳理在谈项目清单并逐一包联", "negotiating", 3),
    ("完成重点项目用地报批", None, None),
    ("组织产业链招商推介会", None, None),
    ("对接在谈企业落实投资协议", "signed_projects", 1),
)
ITEM_SECONDS = {
    "review-commitments": 17 * 60.0,
    "scorecard": 9 * 60.0,
    "behind-pace": 12 * 60.0,
    "commitments": 14 * 60.0,
    "closing-remarks": 6 * 60.0,
}


def _meeting(
    period: Period,
    number: int,
    day: date,
    attendance: dict[str, Presence],
    notes: dict[str, str],
    *,
    topic: str = "",
) -> Meeting:
    start = datetime.combine(day, time(9, 0))
    return Meeting(
        id=meeting_id(period, number),
        period=period,
        date=day,
        template=DEFAULT_TEMPLATE,
        chair=CHAIR,
        secretary=SECRETARY,
        state=MeetingState.CLOSED,
        started_at=start,
        ended_at=start + timedelta(minutes=58),
        attendance=MappingProxyType({unit: entry.status for unit, entry in attendance.items()}),
        attendance_details=MappingProxyType(
            {unit: entry for unit, entry in attendance.items() if entry.details}
        ),
        notes=MappingProxyType(notes),
        item_seconds=MappingProxyType(ITEM_SECONDS),
        topic=topic,
        place=PLACE,
        observers=OBSERVERS,
    )


def _numbered_in_year(meetings: list[Meeting]) -> list[Meeting]:
    """第N次: as if the district had met monthly since February (January's figures)."""
    counts: dict[int, int] = {}
    numbered: list[Meeting] = []
    for meeting in meetings:
        year = meeting.date.year
        if year not in counts:
            counts[year] = max(0, meeting.date.month - 2) if not numbered else 0
        counts[year] += 1
        numbered.append(replace(meeting, nth_in_year=counts[year]))
    return numbered


def build_history(
    units: list[Unit], today: date, latest: Period, rng: random.Random
) -> tuple[list[Meeting], list[Commitment]]:
    by_name = {unit.name: unit for unit in units}
    first_period = latest.previous().previous().previous()
    older_period, last_period = latest.previous().previous(), latest.previous()
    older_day = min(today - timedelta(days=58), older_period.next().first_day() + timedelta(19))
    last_day = today - timedelta(days=28)
    first_day, special_day = older_day - timedelta(days=27), older_day - timedelta(days=14)

    present = {unit.id: Presence() for unit in units}
    roll = {
        **present,
        by_name["区水利局"].id: Presence(Attendance.EXCUSED, reason="参加市水利工作会议"),
        by_name[LAGGARD].id: Presence(Attendance.DEPUTY, name="刘振华", post="副乡长"),
        by_name["区应急局"].id: Presence(Attendance.ABSENT),
    }
    concerned = ["区自然资源局", "区住建局", "区行政审批局", LEADER, "高新技术产业园"]
    first = _meeting(first_period, 1, first_day, present, {})
    special = _meeting(
        first_period,
        2,
        special_day,
        {by_name[name].id: Presence() for name in concerned},
        {"closing-remarks": REMARKS},
        topic=TOPIC,
    )
    older = _meeting(older_period, 1, older_day, roll, {"scorecard": "开发区签约势头强劲。"})
    last = _meeting(
        last_period,
        1,
        last_day,
        {**roll, by_name[LAGGARD].id: Presence()},
        {"behind-pace": f"{LAGGARD}连续两月进度滞后，会后约谈。"},
    )
    first, special, older, last = _numbered_in_year([first, special, older, last])

    commitments: list[Commitment] = []

    def commit(
        meeting: Meeting, unit: Unit, number: int, due: date, task: int, nth: int | None = None
    ) -> Commitment:
        text, metric, quantity = TASKS[task % len(TASKS)]
        commitment = Commitment(
            id=f"{meeting.period}.{number}",
            unit_id=unit.id,
            text=text.format(month=due.month),
            owner=unit.head,
            due=due,
            meeting_id=meeting.id,
            metric=metric,
            quantity=quantity,
            created=meeting.date,
            nth_in_meeting=nth or number,
        )
        commitments.append(commitment)
        return commitment

    # Three months back: what the older meeting reviewed. 河口乡's is missed there and
    # carried over; the 专题 meeting's carry a lead leader and supporting units.
    first_due = older_day - timedelta(days=5)
    laggard_first = commit(first, by_name[LAGGARD], 1, first_due, 9)
    for number, name in enumerate(("城关镇", LEADER, "区投促中心"), start=2):
        item = commit(first, by_name[name], number, first_due, number)
        commitments[-1] = item.mark(Status.DONE, first_due - timedelta(days=3), meeting_id=older.id)
    supporting = {"区自然资源局": ("区住建局", "区行政审批局"), "区行政审批局": ("区自然资源局",)}
    for nth, (name, helpers) in enumerate(supporting.items(), start=1):
        item = commit(special, by_name[name], 4 + nth, older_day - timedelta(days=2), 7, nth)
        item = replace(item, lead=VICE, supporting=tuple(by_name[h].id for h in helpers))
        outcome = Status.DONE if nth == 1 else Status.PARTIAL
        commitments[-1] = item.mark(outcome, older_day - timedelta(days=3), meeting_id=older.id)

    # The older meeting: commitments due before last month's meeting, all reviewed there.
    chosen = [*units[:14:2], by_name[LEADER], by_name[LAGGARD], by_name["区商务局"]]
    older_due = last_day - timedelta(days=5)
    for number, unit in enumerate(chosen, start=1):
        if unit.name == LAGGARD:
            # Missed at the older meeting and carried into it, missed again at last
            # month's and carried again: called in (约谈), under supervision (挂牌督办).
            missed, item = carry_over(
                laggard_first.mark(Status.MISSED, older_day, meeting_id=older.id, note="未对接"),
                f"{older_period}.{number}",
                older_due,
                older_day,
                meeting_id=older.id,
            )
            commitments[commitments.index(laggard_first)] = missed
            item = replace(item, nth_in_meeting=number)
            closed, carried = carry_over(
                item.mark(Status.MISSED, last_day, meeting_id=last.id, note="项目方暂缓"),
                f"{last_period}.1",
                today - timedelta(days=6),
                last_day,
                meeting_id=last.id,
            )
            commitments += [closed, replace(carried, nth_in_meeting=1)]
            continue
        item = commit(older, unit, number, older_due, number)
        outcome = Status.DONE if number % 4 else Status.PARTIAL
        done_on = older_due - timedelta(days=rng.randint(1, 10))
        commitments[-1] = item.mark(outcome, done_on, meeting_id=last.id)

    # Last month's meeting: due before, around and after today.
    dues = [
        today - timedelta(days=9),  # overdue: red
        today - timedelta(days=2),  # overdue: red
        today + timedelta(days=2),  # yellow
        end_of_month(today),
        end_of_month(today, 1),
    ]
    picks = [*units[:12], by_name[LEADER], by_name["高新技术产业园"], *units[16:24]]
    number = 1 + sum(1 for c in commitments if c.id.startswith(f"{last_period}."))
    for index, unit in enumerate(picks):
        due = dues[index % len(dues)]
        item = commit(last, unit, number, due, index + 3)
        number += 1
        if index % 4 == 1:
            helper = picks[(index + 1) % len(picks)]
            item = replace(item, lead=VICE, supporting=(helper.id,))
        if due < today and index % 3 == 0:
            item = item.mark(Status.DONE, due - timedelta(days=1), note="已完成")
        elif due > today + timedelta(days=2) and index % 2 == 0:
            item = item.note_progress(
                "已与企业完成第二轮洽谈，投资协议文本正在审核。",
                today - timedelta(days=3),
                percent=60,
            )
        commitments[-1] = item
    blank_unit = by_name[BLANK]
    commit(last, blank_unit, number, today - timedelta(days=4), 0)
    return [first, special, older, last], commitments
