"""kill -9 in the middle of saves: the folder still opens and every save that returned is there."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from store import Store

# Saves commitments as fast as it can; prints each id once its save has returned.
WRITER = """
import sys
from datetime import date
from agenda.commitments import Commitment
from agenda.periods import Period
from store import Store

store = Store.open(sys.argv[1], clock=lambda: date(2026, 11, 22))
period = Period(2026, 11)
text = "确保签约项目" * 20  # a file of some size, so a kill can land inside a write
print("ready", flush=True)
while True:
    saved = store.add_commitment(
        period,
        lambda id_: Commitment(id=id_, unit_id="u001", text=text, owner="张三",
                               due=date(2026, 12, 31)),
    )
    print(saved.id, flush=True)
"""


def run_and_kill(root: Path, saves_before_kill: int) -> list[str]:
    """Start the writer, let `saves_before_kill` saves return, then SIGKILL it."""
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    returned: list[str] = []
    try:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
        while len(returned) < saves_before_kill:
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else "writer died"
            returned.append(line.strip())
        # The writer is already busy with the next save: kill it there.
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        # Saves that returned between our last read and the kill count too.
        returned.extend(line.strip() for line in process.stdout.read().splitlines())
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    return returned


def test_every_returned_save_survives_kill_9(tmp_path: Path) -> None:
    root = tmp_path / "district"
    returned: list[str] = []
    # Three writers in turn, each killed at a different point, on one growing file.
    for saves in (25, 40, 60):
        returned += run_and_kill(root, saves)
        store = Store.open(root)  # opens: the file is whole, orphaned temp files are gone
        found = {c.id for c in store.commitments()}
        missing = [id_ for id_ in returned if id_ not in found]
        assert not missing, f"saves returned but lost: {missing}"
        store.close()
    assert len(returned) >= 125
    assert len(set(returned)) == len(returned), "an id was given twice"
    assert not list(root.rglob("*.tmp-*")), "temp files of the killed writers remain"
    # The file on disk is whole JSON with readable Chinese.
    data = json.loads((root / "periods" / "2026-11.json").read_text("utf-8"))
    assert len(data["commitments"]) >= len(returned)
