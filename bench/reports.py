"""How fast the three reports of the command line come out with ten years of a city.

`diaodu bulletin`, `diaodu minutes last` and `diaodu commitments --overdue`, on the data
folder of bench/tenyears.py (120 meetings, 50,000 commitments, the past archived), each
timed two ways:

- end to end: a new process per run, as the office runs it (Python's start, the imports,
  opening the folder, the report, printing it), wall time and CPU time (user + system:
  steadier than wall on a shared machine), with the machine's load while it ran;
- in process: `app.main()` again and again in one warm process (the imports done): what
  the report itself costs, reading only what it shows.

Target: at most 300 ms end to end. Run: `python bench/reports.py` (or `make bench`);
`python bench/reports.py FOLDER` times a folder built before (bench/tenyears.py) again.
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tenyears import COMMITMENTS, ROOT, build, compiled

import app

RUNS = 9
COMMANDS = [
    ["bulletin"],
    ["minutes", "last"],
    ["commitments", "--overdue"],
]
TARGET_MS = 300


def end_to_end(folder: Path, command: list[str]) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) of each run, in seconds."""
    diaodu = [sys.executable, "-c", "import app; app.entry()"]  # as the diaodu command
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [*diaodu, "--db", str(folder), "--lang", "zh", *command],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def in_process(folder: Path, command: list[str]) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            done = app.main(["--db", str(folder), "--lang", "zh", *command])
        times.append(time.perf_counter() - start)
        assert done == 0, command
    return times


def report(folder: Path) -> None:
    print(f"load average before: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    for command in COMMANDS:
        walls, cpus = end_to_end(folder, command)
        cold, cpu = statistics.median(walls), statistics.median(cpus)
        warm = statistics.median(in_process(folder, command))
        verdict = "met" if cold * 1000 <= TARGET_MS else "NOT met"
        print(
            f"diaodu {' '.join(command):<22} end to end median {cold * 1000:4.0f} ms "
            f"(CPU {cpu * 1000:4.0f} ms; {verdict}: <= {TARGET_MS} ms), "
            f"in process {warm * 1000:4.0f} ms"
        )
    print(f"load average after: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


def main() -> None:
    compiled()
    if len(sys.argv) > 1:
        report(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "district"
        start = time.perf_counter()
        build(folder).close()
        print(
            f"built ten years ({COMMITMENTS:,} commitments) in {time.perf_counter() - start:.1f} s"
        )
        report(folder)


if __name__ == "__main__":
    main()
