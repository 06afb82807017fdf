"""How fast the app opens with ten years of history, and how fast sections switch.

Two figures, each measured in one run against its yardstick:

1. First screen: wall time of a process that opens the data folder and shows the home
   screen, headless, against a bare Textual app showing one label in a process of its
   own. Both exit as soon as their first screen has been drawn. Target: at most 1.5x.
2. Section switch: with 40 units, the time from pressing N (next item) to the next
   section's view drawn, over the whole agenda several times. Target: at most 100 ms.

The data folder holds the demo district's current figures plus ten years of history
(120 monthly meetings, 50,000 commitments, all settled and archived but the last months'),
written once per period. Run: `python bench/startup.py` (or `make bench`).
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agenda.commitments import Commitment, Status  # noqa: E402
from agenda.demo import build_demo  # noqa: E402
from agenda.meetings import Meeting, MeetingState, meeting_id  # noqa: E402
from agenda.units import Unit, UnitKind  # noqa: E402
from agenda.usecases.district import District  # noqa: E402
from store import Store  # noqa: E402
from store.seed import seed  # noqa: E402

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 30)
YEARS_OF_HISTORY = 10
COMMITMENTS = 50_000
UNITS = 40
RUNS = 7
WALKS = 5

BARE = """
from textual.app import App
from textual.widgets import Label
class Bare(App):
    def compose(self):
        yield Label("bare")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""

# A second yardstick: a bare app with the widgets home is made of (header, footer, three
# tables of a dozen Chinese rows), to tell Textual's own cost from ours.
BARE_WIDGETS = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header, Static
class Bare(App):
    BINDINGS = [("s", "start", "Start"), ("u", "units", "Units"), ("q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield Static("本月调度会")
        for _ in range(3):
            yield DataTable()
        yield Footer()
    def on_mount(self):
        for table in self.query(DataTable):
            table.add_columns("单位", "到期", "任务", "责任人")
            for _ in range(12):
                table.add_row("区农业农村局", "逾期9天", "实际使用外资到位500万美元", "徐海峰")
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""

FIRST_SCREEN = str(ROOT / "bench" / "first_screen.py")


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


def wall_times(*command: str) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, *command], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


async def switch_times(store: Store) -> list[float]:
    from tui.app import DiaoduApp

    app = DiaoduApp(District(store, lambda: NOW), "zh")
    times: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")  # the roll call: the other sections load meanwhile
        await pilot.pause(0.5)
        await pilot.press("n")  # start the meeting: the first item is shown
        await pilot.pause()
        for _ in range(WALKS):
            for key in ["n"] * 4 + ["p"] * 4:
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "district"
        start = time.perf_counter()
        store = build(folder)
        print(
            f"built ten years ({COMMITMENTS:,} commitments) in {time.perf_counter() - start:.1f} s"
        )
        bare = statistics.median(wall_times("-c", BARE))
        widgets = statistics.median(wall_times("-c", BARE_WIDGETS))
        ours = statistics.median(wall_times(FIRST_SCREEN, str(folder)))
        print(f"bare Textual app (one label) to first screen: median {bare * 1000:.0f} ms")
        print(f"bare app with home's widgets and rows:        median {widgets * 1000:.0f} ms")
        print(f"diaodu to home, ten years of data:            median {ours * 1000:.0f} ms")
        print(
            f"ratio: {ours / bare:.2f}x the bare app (target <= 1.5x), {ours / widgets:.2f}x "
            "the same widgets"
        )
        switches = asyncio.run(switch_times(store))
        print(
            f"section switch, {UNITS} units: median {statistics.median(switches) * 1000:.0f} ms, "
            f"max {max(switches) * 1000:.0f} ms over {len(switches)} switches (target <= 100 ms)"
        )
        print("each switch, ms:", " ".join(f"{t * 1000:.0f}" for t in switches))


if __name__ == "__main__":
    main()
