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
from pathlib import Path

from tenyears import COMMITMENTS, NOW, ROOT, UNITS, build

from agenda.usecases.district import District
from store import Store

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
