"""A demo district (in Chinese): what a newcomer sees first, so it shows everything.

36 units; two years of readings up to last month with a clear leader (经济开发区), a
laggard (河口乡), a unit that reported nothing last month (马集镇, 白卷); the previous
meeting's commitments, some overdue and some due in a few days, and the one before it,
reviewed, with a repeat offender. Built relative to `today`, deterministic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from agenda.commitments import Commitment, Status, carry_over
from agenda.meetings import Attendance, Meeting, MeetingState, meeting_id
from agenda.metrics import Metric, Reading, Target, default_metrics
from agenda.periods import Period, end_of_month
from agenda.templates import DEFAULT_TEMPLATE
from agenda.units import Unit, UnitKind

TOWNS = [
    "城关镇",
    "东城街道",
    "西城街道",
    "南湖街道",
    "新安街道",
    "北山镇",
    "青石镇",
    "柳林镇",
    "白沙镇",
    "金桥镇",
    "龙泉镇",
    "杨庄镇",
    "马集镇",
    "河口乡",
]
DEPARTMENTS = [
    "区发改局",
    "区商务局",
    "区工信局",
    "区财政局",
    "区自然资源局",
    "区住建局",
    "区农业农村局",
    "区文旅局",
    "区科技局",
    "区市场监管局",
    "区人社局",
    "区交通运输局",
    "区水利局",
    "区生态环境局",
    "区卫健局",
    "区教体局",
    "区城管局",
    "区应急局",
    "区投促中心",
    "区行政审批局",
]
PARKS = ("经济开发区", "高新技术产业园")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "建国",
    "海峰",
    "志强",
    "丽华",
    "文杰",
    "晓东",
    "秀英",
    "国平",
    "春梅",
    "立新",
    "红军",
    "振华",
    "玉兰",
    "明亮",
    "桂芳",
]

LEADER, LAGGARD, BLANK = "经济开发区", "河口乡", "马集镇"

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


@dataclass(frozen=True)
class Demo:
    units: list[Unit]
    metrics: list[Metric]
    targets: list[Target]
    readings: list[Reading]
    meetings: list[Meeting]
    commitments: list[Commitment]
    latest: Period  # the last month with readings: this month's meeting discusses it


def _units(rng: random.Random) -> list[Unit]:
    units = []
    names = [(n, UnitKind.TOWN) for n in TOWNS]
    names += [(n, UnitKind.PARK) for n in PARKS]
    names += [(n, UnitKind.DEPARTMENT) for n in DEPARTMENTS]
    for order, (name, kind) in enumerate(names, start=1):
        head = rng.choice(SURNAMES) + rng.choice(GIVEN)
        aliases = (name.removeprefix("区"),) if name.startswith("区") else ()
        units.append(Unit(f"u{order:03d}", name, kind, head, order, True, aliases))
    return units


BASE_TARGETS = {  # per town-sized unit, per year
    "signed_projects": 12,
    "signed_amount": 30.0,
    "negotiating": 20,
    "started_projects": 8,
    "funds_in_place": 12.0,
    "foreign_capital": 1500.0,
}


def _strength(unit: Unit) -> float:
    """How a unit performs against its target: the leader far ahead, the laggard far behind."""
    if unit.name == LEADER:
        return 1.45
    if unit.name == LAGGARD:
        return 0.38
    return {UnitKind.PARK: 1.15, UnitKind.TOWN: 0.95, UnitKind.DEPARTMENT: 0.85}[unit.kind]


def _scale(unit: Unit) -> float:
    return {UnitKind.PARK: 3.0, UnitKind.TOWN: 1.0, UnitKind.DEPARTMENT: 0.5, UnitKind.COUNTY: 4}[
        unit.kind
    ]


COUNTS = ("signed_projects", "negotiating", "started_projects")
RATE_TARGETS = {"start_rate": 60.0, "funds_rate": 45.0, "fulfilment": 90.0}  # %, every unit


def _figures(
    rng: random.Random, units: list[Unit], latest: Period
) -> tuple[list[Target], list[Reading]]:
    targets: list[Target] = []
    readings: list[Reading] = []
    for year in (latest.year - 1, latest.year):
        last_month = 12 if year < latest.year else latest.month
        for unit in units:
            strength = _strength(unit) * (0.9 if year < latest.year else 1.0)
            for key, base in BASE_TARGETS.items():
                target = round(base * _scale(unit) * (1.1 if year == latest.year else 1.0), 2)
                if key in COUNTS:
                    target = float(max(1, round(target)))
                targets.append(Target(unit.id, key, year, target))
                total = 0.0
                for month in range(1, last_month + 1):
                    period = Period(year, month)
                    share = target / 12 * strength * rng.uniform(0.4, 1.6)
                    if unit.name == BLANK and period == latest:
                        share = 0.0  # 白卷
                    total = round(total + share, 2)
                    # A count is whole: the year to date rounded, so a small unit's
                    # fractions of a project add up to one over the months.
                    value = float(round(total)) if key in COUNTS else total
                    readings.append(Reading(unit.id, key, period, value))
            # 开工率, 资金到位率 and 履约率 are worked out; their targets are the district's.
            targets += [Target(unit.id, key, year, rate) for key, rate in RATE_TARGETS.items()]
    return targets, readings


def _meeting(
    period: Period, day: date, attendance: dict[str, Attendance], notes: dict[str, str]
) -> Meeting:
    start = datetime.combine(day, time(9, 0))
    return Meeting(
        id=meeting_id(period, 1),
        period=period,
        date=day,
        template=DEFAULT_TEMPLATE,
        chair="张立新",
        secretary="李晓东",
        state=MeetingState.CLOSED,
        started_at=start,
        ended_at=start + timedelta(minutes=58),
        attendance=MappingProxyType(attendance),
        notes=MappingProxyType(notes),
        item_seconds=MappingProxyType(
            {
                "review-commitments": 17 * 60.0,
                "scorecard": 9 * 60.0,
                "behind-pace": 12 * 60.0,
                "commitments": 14 * 60.0,
                "closing-remarks": 6 * 60.0,
            }
        ),
    )


def build_demo(today: date, seed: int = 2026) -> Demo:
    rng = random.Random(seed)
    units = _units(rng)
    latest = Period.of(today).previous()
    targets, readings = _figures(rng, units, latest)
    by_name = {unit.name: unit for unit in units}

    # Two meetings before this one: two months ago (reviewed since) and last month.
    older_period, last_period = latest.previous().previous(), latest.previous()
    older_day = min(today - timedelta(days=58), older_period.next().first_day() + timedelta(19))
    last_day = today - timedelta(days=28)
    attendance = {unit.id: Attendance.PRESENT for unit in units}
    attendance[by_name["区水利局"].id] = Attendance.EXCUSED
    attendance[by_name[LAGGARD].id] = Attendance.DEPUTY
    attendance[by_name["区应急局"].id] = Attendance.ABSENT
    older = _meeting(older_period, older_day, attendance, {"scorecard": "开发区签约势头强劲。"})
    last = _meeting(
        last_period,
        last_day,
        {**attendance, by_name[LAGGARD].id: Attendance.PRESENT},
        {"behind-pace": f"{LAGGARD}连续两月进度滞后，会后约谈。"},
    )

    commitments: list[Commitment] = []

    def commit(meeting: Meeting, unit: Unit, number: int, due: date, task: int) -> Commitment:
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
        )
        commitments.append(commitment)
        return commitment

    # The older meeting: commitments due before last month's meeting, all reviewed there.
    chosen = [*units[:14:2], by_name[LEADER], by_name[LAGGARD], by_name["区商务局"]]
    older_due = last_day - timedelta(days=5)
    for number, unit in enumerate(chosen, start=1):
        item = commit(older, unit, number, older_due, number)
        if unit.name == LAGGARD:
            # Missed, then carried into last month's meeting: a repeat offender.
            closed, carried = carry_over(
                item.mark(Status.MISSED, last_day, meeting_id=last.id, note="项目方暂缓"),
                f"{last_period}.1",
                today - timedelta(days=6),
                last_day,
                meeting_id=last.id,
            )
            commitments[-1] = closed
            commitments.append(carried)
            continue
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
        if due < today and index % 3 == 0:
            commitments[-1] = item.mark(Status.DONE, due - timedelta(days=1), note="已完成")
    blank_unit = by_name[BLANK]
    commit(last, blank_unit, number, today - timedelta(days=4), 0)
    return Demo(
        units=units,
        metrics=default_metrics(),
        targets=targets,
        readings=readings,
        meetings=[older, last],
        commitments=[replace(c) for c in commitments],
        latest=latest,
    )
