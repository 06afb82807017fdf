"""A demo district (in Chinese): what a newcomer sees first, so it shows everything.

36 units; two years of readings up to last month with a clear leader (经济开发区), a
laggard (河口乡), a unit that reported nothing last month (马集镇, 白卷); four meetings
held (agenda/demo_history.py) and a district template of its own (领导班子周例会).
Built relative to `today`, deterministic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from agenda.commitments import Commitment
from agenda.demo_history import BLANK, LAGGARD, LEADER, build_history
from agenda.meetings import Meeting
from agenda.metrics import Metric, Reading, Target, default_metrics
from agenda.periods import Period
from agenda.templates import Template, example_template
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

__all__ = ["BLANK", "LAGGARD", "LEADER", "Demo", "build_demo"]


@dataclass(frozen=True)
class Demo:
    units: list[Unit]
    metrics: list[Metric]
    targets: list[Target]
    readings: list[Reading]
    meetings: list[Meeting]
    commitments: list[Commitment]
    latest: Period  # the last month with readings: this month's meeting discusses it
    templates: list[Template] = field(default_factory=list)  # the district's own


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


def build_demo(today: date, seed: int = 2026) -> Demo:
    rng = random.Random(seed)
    units = _units(rng)
    latest = Period.of(today).previous()
    targets, readings = _figures(rng, units, latest)
    meetings, commitments = build_history(units, today, latest, rng)
    return Demo(
        units=units,
        metrics=default_metrics(),
        targets=targets,
        readings=readings,
        meetings=meetings,
        commitments=commitments,
        latest=latest,
        templates=[example_template("weekly")],
    )
