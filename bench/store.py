"""How fast a save is as history grows: ten years of a city's dispatch meetings.

Builds 120 monthly meetings, 40 units and 50,000 commitments in a temporary folder and
prints, at 1,000, 10,000 and 50,000 commitments in the store:

- the latency of one commitment save (a new one, and an outcome marked on an existing one):
  median and 95th percentile over SAMPLES saves each, every save fsynced to disk;
- what the disk alone takes for such a save (write and fsync the month's bytes), since
  on a busy machine that, not the code, is most of the figure;
- the time to open the folder and read what the app shows first (the active periods);
- the time to read the whole history, archive included (for a bulletin over years);
- saves that touch more than one file: a month of readings imported into one year's file,
  December and January imported together (two years' files, one commit), a carry-over
  (two months' files, one commit).

Run it standalone: `python bench/store.py` (or `make bench`). The target is a save of at
most 10 ms median that does not grow with history.
"""

from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

# Run from a checkout without installing: the repository root is the parent of bench/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting
from agenda.metrics import Reading
from agenda.periods import Period
from agenda.units import Unit, UnitKind
from store import Store
from store.atomic import atomic_write

TODAY = date(2026, 12, 15)
CURRENT = Period.of(TODAY)
UNITS = 40
PERIODS = 120  # ten years of monthly meetings, the current month included
TOTAL = 50_000
CHECKPOINTS = (1_000, 10_000, 50_000)
CURRENT_SIZE = 400  # commitments already made in the current month when we measure
SAMPLES = 200
OPEN_MONTHS = 3  # the last months before the current one still hold open commitments

TASKS = (
    "确保本月有签约项目落地，签约金额不低于{n}亿元",
    "推动{n}个在谈项目转化为签约项目",
    "完成外资到位{n}00万美元，按月报送进展",
    "协调解决重点项目用地指标问题，{n}月底前完成供地",
    "赴长三角开展专题招商活动，对接客商不少于{n}家",
)


def units() -> list[Unit]:
    kinds = (UnitKind.TOWN, UnitKind.DEPARTMENT, UnitKind.PARK)
    return [
        Unit(f"u{i:03d}", f"第{i}单位", kinds[i % 3], head=f"负责人{i}", order=i)
        for i in range(1, UNITS + 1)
    ]


def commitment(id_: str, period: Period, n: int, *, settled: bool) -> Commitment:
    made = period.first_day() + timedelta(days=20)
    due = period.next().last_day()
    c = Commitment(
        id=id_,
        unit_id=f"u{n % UNITS + 1:03d}",
        text=TASKS[n % len(TASKS)].format(n=n % 9 + 1),
        owner=f"负责人{n % UNITS + 1}",
        due=due,
        meeting_id=f"{period}.1",
        metric="signed_projects" if n % 2 else None,
        quantity=float(n % 5 + 1) if n % 2 else None,
        created=made,
    )
    if n % 7 == 0:
        c = c.extend(due + timedelta(days=15), "客商行程推迟", due - timedelta(days=3))
    if settled:
        status = (Status.DONE, Status.DONE, Status.PARTIAL, Status.MISSED)[n % 4]
        c = c.mark(status, c.effective_due - timedelta(days=1), note="按期办结")
    return c


def fill_period(
    store: Store, period: Period, first: int, last: int, *, settled: bool, full: bool = False
) -> None:
    """Commitments `first`..`last` of one month, written in one save (the meeting opened
    with the first batch, closed with the last: a closed meeting takes no commitment), as
    a secretary would have saved them over the years, only faster."""
    day = period.next().first_day() + timedelta(days=4)
    start = datetime.combine(day, datetime.min.time()).replace(hour=9)
    if first == 1:
        # Put on record as held (a copy of the years gone by, filled in any order), not
        # created today: a meeting created now is numbered in the year in the order held.
        meeting = Meeting(f"{period}.1", period, day, "zhaoshang", nth_in_year=period.month)
        store.add_records([meeting.start(start, "review-commitments")], [])
    store.save_commitments(
        commitment(f"{period}.{n}", period, n, settled=settled) for n in range(first, last + 1)
    )
    if full:
        store.update_meeting(f"{period}.1", lambda m: m.close(start + timedelta(hours=1)))


class History:
    """The past months, oldest first, filled up to any number of commitments."""

    def __init__(self, store: Store) -> None:
        self.store = store
        periods = past_periods()
        share = (TOTAL - CURRENT_SIZE) / len(periods)
        bounds = [round(share * k) for k in range(len(periods) + 1)]
        self.plan = [(p, bounds[k + 1] - bounds[k]) for k, p in enumerate(periods)]
        self.index = 0  # the month being filled
        self.done = 0  # commitments already in it
        self.settled_before = CURRENT
        for _ in range(OPEN_MONTHS):
            self.settled_before = self.settled_before.previous()

    def fill(self, count: int) -> None:
        while count > 0:
            period, size = self.plan[self.index]
            take = min(count, size - self.done)
            settled = period < self.settled_before
            full = self.done + take == size
            fill_period(
                self.store, period, self.done + 1, self.done + take, settled=settled, full=full
            )
            self.done += take
            count -= take
            if self.done == size:
                self.index, self.done = self.index + 1, 0


def past_periods() -> list[Period]:
    periods = [CURRENT]
    while len(periods) < PERIODS:
        periods.append(periods[-1].previous())
    return list(reversed(periods[1:]))  # oldest first, the current month left out


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_saves(store: Store) -> tuple[list[float], list[float]]:
    """SAMPLES new commitments, then an outcome on SAMPLES existing ones; then undo the adds."""
    added: list[Commitment] = []

    def add(n: int) -> None:
        saved = store.add_commitment(
            CURRENT,
            lambda id_: replace(commitment(id_, CURRENT, n, settled=False), id=id_),
        )
        added.append(saved)

    adds = [timed(lambda n=n: add(n)) for n in range(SAMPLES)]
    marks = [mark(store, n) for n in range(1, SAMPLES + 1)]
    for saved in added:  # keep the current month the same size for the next checkpoint
        store.delete_commitment(saved.id, expected_revision=saved.revision)
    return adds, marks


def mark(store: Store, n: int) -> float:
    return timed(
        lambda: store.update_commitment(
            f"{CURRENT}.{n}", lambda c: c.mark(Status.PARTIAL, TODAY, note="部分完成")
        )
    )


def side_by_side(big: Store, folder: Path) -> tuple[float, float]:
    """Marks on a 1,000-commitment store and on the full one, taken in turn, so that a
    busy machine slows both alike: the fairest answer to "does a save grow with history?"."""
    small = Store.open(folder / "small", clock=lambda: TODAY)
    small.save_units(units())
    fill_period(small, CURRENT, 1, CURRENT_SIZE, settled=False, full=False)
    History(small).fill(CHECKPOINTS[0] - CURRENT_SIZE)
    times: dict[str, list[float]] = {"small": [], "big": []}
    for n in range(1, SAMPLES + 1):
        times["small"].append(mark(small, n))
        times["big"].append(mark(big, n))
    small.close()
    return statistics.median(times["small"]), statistics.median(times["big"])


def measure_disk(root: Path) -> float:
    """What the disk alone costs: write and fsync the current month's bytes, as a save does."""
    month = root / "periods" / f"{CURRENT}.json"
    payload = month.read_bytes()
    scratch = root.parent / "scratch.json"
    times = [timed(lambda: atomic_write(scratch, payload)) for _ in range(SAMPLES // 4)]
    scratch.unlink()
    return statistics.median(times)


def measure_open(root: Path) -> tuple[float, float]:
    def open_active() -> None:
        store = Store.open(root, clock=lambda: TODAY)
        store.units()
        store.meetings()
        store.commitments()
        store.close()

    def read_everything() -> None:
        store = Store.open(root, clock=lambda: TODAY)
        store.commitments(include_archive=True)
        store.meetings(include_archive=True)
        store.close()

    return (
        statistics.median(timed(open_active) for _ in range(5)),
        statistics.median(timed(read_everything) for _ in range(3)),
    )


METRICS = ("signed_projects", "signed_amount", "negotiating", "started_projects")


def month_of_readings(period: Period, value: float) -> list[Reading]:
    return [
        Reading(f"u{u:03d}", metric, period, value)
        for u in range(1, UNITS + 1)
        for metric in METRICS
    ]


def measure_multi_file(folder: Path) -> tuple[float, float, float]:
    """Medians: a month of readings into one year; December and January together; a
    carry-over from last month into this one."""
    store = Store.open(folder / "multi", clock=lambda: TODAY)
    store.save_units(units())
    for year in (TODAY.year - 1, TODAY.year):  # two full years on file, as a city has
        store.save_readings(r for m in range(1, 13) for r in month_of_readings(Period(year, m), 1))
    one = [
        timed(lambda n=n: store.save_readings(month_of_readings(Period(TODAY.year, 6), n)))
        for n in range(SAMPLES // 8)
    ]
    december, january = Period(TODAY.year - 1, 12), Period(TODAY.year, 1)
    two = [
        timed(
            lambda n=n: store.save_readings(
                month_of_readings(december, n) + month_of_readings(january, n)
            )
        )
        for n in range(SAMPLES // 8)
    ]
    last = CURRENT.previous()
    fill_period(store, last, 1, SAMPLES // 4, settled=False)
    carries = [
        timed(
            lambda n=n: store.carry_over(
                store.commitment(f"{last}.{n}") or _missing(n), TODAY, TODAY, period=CURRENT
            )
        )
        for n in range(1, SAMPLES // 4 + 1)
    ]
    store.close()
    return statistics.median(one), statistics.median(two), statistics.median(carries)


def _missing(n: int) -> Commitment:
    raise LookupError(f"no commitment {n} to carry over")


def main() -> int:
    print(f"diaodu store bench: Python {platform.python_version()} on {platform.platform()}")
    print(
        f"{PERIODS} monthly meetings, {UNITS} units, up to {TOTAL:,} commitments; "
        f"{SAMPLES} saves per figure, each fsynced"
    )
    print()
    header = (
        f"{'commitments':>11}  {'new: median':>11}  {'p95':>7}  {'mark: median':>12}  "
        f"{'p95':>7}  {'disk':>9}  {'open':>8}  {'read all':>9}  {'active/archived months':>22}"
    )
    print(header)
    with tempfile.TemporaryDirectory(prefix="diaodu-bench-") as folder:
        root = Path(folder) / "district"
        store = Store.open(root, clock=lambda: TODAY)
        store.save_units(units())
        built_at = time.perf_counter()
        fill_period(store, CURRENT, 1, CURRENT_SIZE, settled=False, full=False)
        total = CURRENT_SIZE
        history = History(store)
        for checkpoint in CHECKPOINTS:
            history.fill(checkpoint - total)
            total = checkpoint
            adds, marks = measure_saves(store)
            disk = measure_disk(root)
            opened, everything = measure_open(root)
            active = len(store.active_periods())
            archived = len(store.archived_periods())
            new = f"{statistics.median(adds):>8.1f} ms  {percentile(adds, 0.95):>4.1f} ms"
            mark = f"{statistics.median(marks):>9.1f} ms  {percentile(marks, 0.95):>4.1f} ms"
            reads = f"{opened:>5.0f} ms  {everything:>6.0f} ms  {active:>11}/{archived}"
            print(f"{total:>11,}  {new}  {mark}  {disk:>6.1f} ms  {reads}")
        small, big = side_by_side(store, Path(folder))
        store.close()
        print()
        print(
            f"taken in turn: a mark costs {small:.1f} ms with {CHECKPOINTS[0]:,} commitments "
            f"and {big:.1f} ms with {TOTAL:,} (median)"
        )
        one, two, carry = measure_multi_file(Path(folder))
        print(
            f"saves of several files, median: {len(METRICS) * UNITS} readings into one year "
            f"{one:.1f} ms; December and January together {two:.1f} ms; a carry-over "
            f"{carry:.1f} ms"
        )
        print(f"built and measured in {time.perf_counter() - built_at:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
