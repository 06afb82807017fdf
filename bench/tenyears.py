"""Ten years of a city, written once for the benches (bench/startup.py, bench/reports.py).

The demo district's current figures and meetings, grown to 40 units, plus ten years of
history before them: 120 monthly meetings, closed, and 50,000 commitments, all settled,
so every month but the demo's last ones is archived.
"""

from __future__ import annotations

import compileall
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agenda.commitments import Commitment, Status  # noqa: E402
from agenda.demo import build_demo  # noqa: E402
from agenda.meetings import Meeting, MeetingState, meeting_id  # noqa: E402
from agenda.units import Unit, UnitKind  # noqa: E402
from store import Store  # noqa: E402
from store.seed import seed  # noqa: E402


def compiled() -> None:
    """Compile diaodu's modules before timing a new process, as installing a package does:
    Textual's were compiled when pip installed it, and with PYTHONDONTWRITEBYTECODE set
    (as on the machine these were first run on) ours were compiled from source at every
    start, some 70 ms of CPU counted against diaodu and not against the bare app."""
    for package in ("agenda", "store", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    compileall.compile_file(ROOT / "app.py", quiet=1)


TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 30)
YEARS_OF_HISTORY = 10
COMMITMENTS = 50_000
UNITS = 40


def build(folder: Path) -> Store:
    """The demo district grown to 40 units, with ten years of settled history."""
    store = Store.open(folder, clock=lambda: TODAY)
    demo = build_demo(TODAY)
    extra = [
        Unit(f"u{n:03d}", f"第{n}工作组", UnitKind.DEPARTMENT, head=f"组长{n}", order=n)
        for n in range(len(demo.units) + 1, UNITS + 1)
    ]
    seed(store, replace(demo, units=[*demo.units, *extra]))
    units = [unit.id for unit in store.units()]
    # Ten years that end where the demo's own meetings begin (2026-08).
    first = min(meeting.period for meeting in demo.meetings)
    for _ in range(YEARS_OF_HISTORY * 12):
        first = first.previous()
    periods = []
    period = first
    for _ in range(YEARS_OF_HISTORY * 12):
        periods.append(period)
        period = period.next()
    per_period = COMMITMENTS // len(periods)
    for period in periods:
        held = period.next().first_day() + timedelta(days=19)
        meeting = Meeting(
            id=meeting_id(period, 1),
            period=period,
            date=held,
            template="zhaoshang",
            state=MeetingState.CLOSED,
            started_at=datetime.combine(held, datetime.min.time()),
            ended_at=datetime.combine(held, datetime.min.time()) + timedelta(hours=1),
        )
        due = period.next().next().last_day()
        batch = [
            Commitment(
                id=f"{period}.{n + 1}",
                unit_id=units[n % len(units)],
                text=f"推动第{n}个在谈项目签约落地",
                owner=f"负责人{n % 40}",
                due=due,
                meeting_id=meeting.id,
                created=held,
            ).mark((Status.DONE, Status.MISSED, Status.PARTIAL)[n % 3], due)
            for n in range(per_period)
        ]
        store.add_records([meeting], batch)  # a closed meeting with what it decided
    return store
