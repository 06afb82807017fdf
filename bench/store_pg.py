"""The server store against the folder, in one run: save latency at 50,000 commitments,
and many windows saving at once.

1. Ten years of a city (bench/store.py's generators: 120 monthly meetings, 40 units,
   50,000 commitments) in a district on the server and in a data folder; then SAMPLES new
   commitments and SAMPLES outcomes marked on each: median and 95th percentile. The
   target is at most 10 ms median, as for the folder.
2. WRITERS districts' secretaries saving at once for SECONDS, plus the chair's window on
   the first district (two windows on one district): each adds a commitment, notes on the
   month's meeting and marks an outcome on the district's first commitment, in turn, one
   save every PACE seconds. Then every district is read back: a save that returned but is
   not there is a lost update. Target: p95 at most 50 ms, no loss, no error. The same on
   data folders (one per district), beside it.

The server is a throwaway one started here as tests do (tests/pgserver.py), but durable
(fsync on, as a real server): or pass --db with a superuser's URL of a server of yours
(districts named bench_* are created in it).

    python bench/store_pg.py [--seconds 60] [--writers 20] [--pace 0.1] [--db URL]
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agenda.commitments import Commitment, Status  # noqa: E402
from store.opening import AnyStore, init_store, open_store  # noqa: E402


def _folder_bench() -> Any:
    """bench/store.py, loaded by path: its name would shadow the store package."""
    spec = importlib.util.spec_from_file_location("folder_bench", ROOT / "bench" / "store.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fb = _folder_bench()
TODAY, CURRENT = fb.TODAY, fb.CURRENT


def at(where: str | Path, district: str) -> str | Path:
    """A district's location: a URL on the server, or a folder beside the others."""
    if isinstance(where, Path):
        return where / district
    return f"{where}&district={district}" if "?" in where else f"{where}?district={district}"


# --- 1. latency at 50,000 commitments ---------------------------------------------------------
def build_history(store: AnyStore) -> float:
    started = time.perf_counter()
    store.save_units(fb.units())
    fb.fill_period(store, CURRENT, 1, fb.CURRENT_SIZE, settled=False)
    fb.History(store).fill(fb.TOTAL - fb.CURRENT_SIZE)
    return time.perf_counter() - started


def measure_reads(where: str | Path) -> tuple[float, float]:
    def open_active() -> None:
        store = open_store(where, clock=lambda: TODAY)
        store.units()
        store.meetings()
        store.commitments()
        store.close()

    def read_everything() -> None:
        store = open_store(where, clock=lambda: TODAY)
        store.commitments(include_archive=True)
        store.meetings(include_archive=True)
        store.close()

    return (
        statistics.median(fb.timed(open_active) for _ in range(5)),
        statistics.median(fb.timed(read_everything) for _ in range(3)),
    )


def latency(name: str, where: str | Path) -> None:
    store = init_store(where, clock=lambda: TODAY)
    built = build_history(store)
    total = len(store.commitments(include_archive=True))
    adds, marks = fb.measure_saves(store)
    store.close()
    opened, everything = measure_reads(where)
    new = f"{statistics.median(adds):>6.1f} ms ({fb.percentile(adds, 0.95):>5.1f})"
    print(
        f"{name:<10} {total:>7,}  {new}"
        f"  {statistics.median(marks):>6.1f} ms ({fb.percentile(marks, 0.95):>5.1f})"
        f"  {opened:>6.0f} ms  {everything:>7.0f} ms  {built:>6.0f} s"
    )


# --- 2. many windows at once --------------------------------------------------------------------
def prepare(where: str | Path, writers: int) -> list[str | Path]:
    """One district per secretary, each with this month's meeting and one commitment."""
    places = []
    for n in range(1, writers + 1):
        place = at(where, f"bench_w{n:02d}")
        store = init_store(place, clock=lambda: TODAY)
        store.save_units(fb.units())
        store.create_meeting(CURRENT, TODAY, "zhaoshang")
        store.add_commitment(CURRENT, lambda id_: fb.commitment(id_, CURRENT, 1, settled=False))
        store.close()
        places.append(place)
    return places


def window(place: str | Path, name: str, start_at: float, seconds: float, pace: float) -> dict:
    """One window saving in turn until the time is up: what it saved, how long each took."""
    store = open_store(place, clock=lambda: TODAY)
    meeting_id, shared = f"{CURRENT}.1", f"{CURRENT}.1"
    latencies: list[float] = []
    errors: list[str] = []
    saved: list[str] = []  # what each save that returned said
    n = 0
    time.sleep(max(0.0, start_at - time.time()))
    end = time.time() + seconds
    while time.time() < end:
        n += 1
        said = f"{name}-{n}"
        step = n % 3
        began = time.perf_counter()
        try:
            if step == 1:
                store.add_commitment(
                    CURRENT,
                    lambda id_, s=said: Commitment(id_, "u001", f"{s} 签约", "张三", TODAY),
                )
            elif step == 2:
                store.update_meeting(meeting_id, lambda m, s=said: m.with_note(s, "记录"))
            else:
                store.update_commitment(
                    shared, lambda c, s=said: c.mark(Status.OPEN, TODAY, note=s)
                )
            saved.append(said)
        except Exception as error:  # counted and shown: the target is none
            errors.append(f"{type(error).__name__}: {error}")
        latencies.append((time.perf_counter() - began) * 1000)
        time.sleep(pace)
    store.close()
    return {"place": str(place), "latencies": latencies, "errors": errors, "saved": saved}


def lost_updates(places: list[str | Path], results: list[dict]) -> int:
    """Saves that returned but are not on the server or in the folder now."""
    lost = 0
    for place in places:
        store = open_store(place, clock=lambda: TODAY)
        found = {c.text.split(" ")[0] for c in store.commitments()}
        found |= set(store.meeting(f"{CURRENT}.1").notes)
        found |= {h.note for h in store.commitment(f"{CURRENT}.1").history}
        saved = {s for r in results if r["place"] == str(place) for s in r["saved"]}
        lost += len(saved - found)
        store.close()
    return lost


def at_once(name: str, where: str | Path, writers: int, seconds: float, pace: float) -> None:
    places = prepare(where, writers)
    jobs = [(place, f"w{n:02d}") for n, place in enumerate(places, start=1)]
    jobs.append((places[0], "chair"))  # the second window on the first district
    start_at = time.time() + 3.0  # every process imported and connected by then
    with ProcessPoolExecutor(len(jobs), mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(window, p, n, start_at, seconds, pace) for p, n in jobs]
        results = [f.result() for f in futures]
    times = [t for r in results for t in r["latencies"]]
    errors = [e for r in results for e in r["errors"]]
    lost = lost_updates(places, results)
    print(
        f"{name:<10} {len(jobs):>3} windows  {len(times):>6,} saves  "
        f"{statistics.median(times):>6.1f} ms  {fb.percentile(times, 0.95):>6.1f} ms  "
        f"{max(times):>7.1f} ms  {lost:>4} lost  {len(errors):>4} errors"
    )
    for error in sorted(set(errors))[:5]:
        print(f"           {error[:150]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a superuser's URL of a server (default: start one)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--pace", type=float, default=0.1, help="seconds between a window's saves")
    parser.add_argument("--skip-history", action="store_true", help="only the writers")
    args = parser.parse_args()
    from tests import pgserver

    server = None if args.db else pgserver.start(durable=True)
    # Over TCP on 127.0.0.1 with a password, as a district's window would connect.
    server_url = args.db or server.tcp_url("postgres", password=pgserver.SUPERUSER_PASSWORD)  # type: ignore[union-attr]
    print(f"diaodu server store bench: Python {platform.python_version()} on {platform.platform()}")
    try:
        with tempfile.TemporaryDirectory(prefix="diaodu-bench-") as folder:
            if not args.skip_history:
                print(f"\n1. one save, {fb.SAMPLES} of each, fsynced/committed")
                print(
                    f"{'store':<10} {'commits':>7}  {'new: median (p95)':>18}  "
                    f"{'mark: median (p95)':>18}  {'open':>9}  {'read all':>10}  {'built':>8}"
                )
                latency("folder", Path(folder) / "history")
                latency("postgresql", at(server_url, "bench_history"))
            print(
                f"\n2. {args.writers} districts' secretaries and a second window on one, "
                f"{args.seconds:.0f} s, a save every {args.pace} s each"
            )
            print(f"{'store':<10} {'':>11}  {'':>13}  {'median':>9}  {'p95':>9}  {'max':>10}")
            at_once("folder", Path(folder) / "many", args.writers, args.seconds, args.pace)
            at_once("postgresql", server_url, args.writers, args.seconds, args.pace)
    finally:
        if server is not None:
            pgserver.stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
