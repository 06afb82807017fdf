"""How fast the app opens with ten years of history, and how fast sections switch.

Two figures, each measured in one run against its yardstick:

1. First screen: wall time of a process that opens the data folder and shows the home
   screen, headless, against a bare Textual app showing one label in a process of its
   own. Both exit as soon as their first screen has been drawn. Target: at most 1.5x.
   The runs take turns, and CPU time is printed beside wall time: on a machine shared
   with others the CPU ratio is the steadier figure.
2. Section switch: with 40 units, the time from pressing N (next item) to the next
   section's view drawn, over the whole agenda several times; each item's first visit
   printed on its own. Target: at most 100 ms, the first visit included.

The data folder holds the demo district's current figures plus ten years of history
(120 monthly meetings, 50,000 commitments, all settled and archived but the last months'),
written once per period. Run: `python bench/startup.py` (or `make bench`);
`python bench/startup.py --switches` times only the section switches.
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tenyears import COMMITMENTS, NOW, ROOT, UNITS, build, compiled

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


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *command], check=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def first_screens(folder: Path) -> dict[str, tuple[float, float]]:
    """Median wall and CPU of each start-up, the three taken in turn so that a machine
    shared with others weighs on each alike."""
    commands = {
        "bare": ["-c", BARE],
        "widgets": ["-c", BARE_WIDGETS],
        "ours": [FIRST_SCREEN, str(folder)],
    }
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            runs[name].append(timed(command))
    return {
        name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for name, got in runs.items()
    }


async def switch_times(
    store: Store,
) -> tuple[list[tuple[str, float, float]], list[tuple[float, float]]]:
    """Each item's first visit (its view shown for the first time), then later switches."""
    import textual._wait
    from textual.widgets import Input

    from tui.app import DiaoduApp

    # Pilot waits for the app to idle after each key in 20 ms slices (40 ms a key at the
    # least, asleep): slices of 5 ms, as the tests use, keep that out of the figures.
    textual._wait.SLEEP_GRANULARITY = 0.005
    textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20
    app = DiaoduApp(District(store, lambda: NOW), "zh")
    first: list[tuple[str, float, float]] = []
    later: list[tuple[float, float]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "enter")  # the start dialog, then the roll call (sections load)
        # The roll call takes the chair minutes; the sections are built and drawn in its
        # first second or two, one a frame. Wait for that, and say how long it took.
        start = time.perf_counter()
        while not app.screen.prepared and time.perf_counter() - start < 20:
            await pilot.pause(0.05)
        took = time.perf_counter() - start
        print(f"sections built and drawn during the roll call in {took:.1f} s")
        await pilot.pause(0.2)
        start, start_cpu = time.perf_counter(), time.process_time()
        await pilot.press("n")  # start the meeting: the first item is shown
        await pilot.pause()
        took, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        first.append((f"{app.screen.shown} (starts)", took, cpu))
        seen = {app.screen.shown}
        items = len(app.screen.walk)
        for _ in range(WALKS):
            for key in ["n"] * (items - 1) + ["p"] * (items - 1):
                # In a text field (the assignments form's) N and P are typed: the chair
                # leaves the field with Esc first, untimed here.
                if isinstance(app.focused, Input):
                    await pilot.press("escape")
                    await pilot.pause()
                start, start_cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                took = time.perf_counter() - start
                cpu = time.process_time() - start_cpu
                item = app.screen.shown
                if item in seen:
                    later.append((took, cpu))
                else:
                    seen.add(item)
                    first.append((item, took, cpu))
    return first, later


def main() -> None:
    only_switches = "--switches" in sys.argv[1:]
    compiled()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "district"
        start = time.perf_counter()
        store = build(folder)
        print(
            f"built ten years ({COMMITMENTS:,} commitments) in {time.perf_counter() - start:.1f} s"
        )
        if not only_switches:
            start_ups(folder)
        switches(store)


def start_ups(folder: Path) -> None:
    got = first_screens(folder)
    (bare, bare_cpu), (widgets, widgets_cpu), (ours, ours_cpu) = (
        got["bare"],
        got["widgets"],
        got["ours"],
    )
    for label, (wall, cpu) in (
        ("bare Textual app (one label) to first screen", got["bare"]),
        ("bare app with home's widgets and rows       ", got["widgets"]),
        ("diaodu to home, ten years of data           ", got["ours"]),
    ):
        print(f"{label}: median {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU")
    print(
        f"ratio: {ours / bare:.2f}x the bare app (target <= 1.5x), {ours / widgets:.2f}x "
        f"the same widgets; in CPU time {ours_cpu / bare_cpu:.2f}x and "
        f"{ours_cpu / widgets_cpu:.2f}x"
    )


def switches(store: Store) -> None:
    first, later = asyncio.run(switch_times(store))
    print("first visit of each item (target <= 100 ms), wall (CPU of this process):")
    for item, took, cpu in first:
        print(f"  {item:<24} {took * 1000:4.0f} ms ({cpu * 1000:.0f} ms CPU)")
    walls = [took for took, _ in later]
    cpus = [cpu for _, cpu in later]
    print(
        f"later switches, {UNITS} units: median {statistics.median(walls) * 1000:.0f} ms "
        f"({statistics.median(cpus) * 1000:.0f} ms CPU), max {max(walls) * 1000:.0f} ms "
        f"({max(cpus) * 1000:.0f} ms CPU) over {len(later)} switches (target <= 100 ms)"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
