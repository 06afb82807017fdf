"""The chair's and the secretary's diaodu as two processes (on a server: as on two
machines), on one district of each backend: no lost update, and each sees the other's
saves."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from agenda.commitments import Commitment
from agenda.periods import Period
from store.opening import AnyStore
from tests.backends import TODAY, Backend

NOV = Period(2026, 11)
SAVES = 30

# Waits for the go file so that both writers start together, then saves SAVES commitments
# and SAVES notes on one shared meeting (each note under its own key).
WRITER = """
import os, sys, time
from datetime import date
from agenda.commitments import Commitment
from agenda.periods import Period
from store.opening import open_store

root, name, go, saves = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = open_store(root, clock=lambda: date(2026, 11, 22))
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
for number in range(saves):
    store.add_commitment(
        Period(2026, 11),
        lambda id_: Commitment(id=id_, unit_id=name, text=f"{name} 第{number}项", owner=name,
                               due=date(2026, 12, 31)),
    )
    store.update_meeting("2026-11.1", lambda m: m.with_note(f"{name}-{number}", "记录"))
print("done", flush=True)
"""


def start_writer(root: Path | str, name: str, go: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), name, str(go), str(SAVES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready", process.communicate()[1]
    return process


def test_two_processes_saving_at_once_lose_nothing(backend: Backend, tmp_path: Path) -> None:
    root, store = backend.where, backend.store
    meeting = store.create_meeting(NOV, TODAY, "zhaoshang")
    go = tmp_path / "go"
    writers = [start_writer(root, name, go) for name in ("chair", "secretary")]
    go.touch()
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert out.strip() == "done"

    again = backend.reopen()
    commitments = again.commitments()
    assert len(commitments) == 2 * SAVES
    assert sorted(int(c.id.split(".")[1]) for c in commitments) == list(range(1, 2 * SAVES + 1))
    for name in ("chair", "secretary"):
        texts = {c.text for c in commitments if c.unit_id == name}
        assert texts == {f"{name} 第{number}项" for number in range(SAVES)}
    notes = again.meeting(meeting.id).notes
    assert len(notes) == 2 * SAVES
    assert "chair-0" in notes and f"secretary-{SAVES - 1}" in notes


SAVE_ONE = """
import sys
from datetime import date
from agenda.commitments import Commitment
from agenda.periods import Period
from store.opening import open_store

store = open_store(sys.argv[1], clock=lambda: date(2026, 11, 22))
store.add_commitment(Period.parse(sys.argv[2]), lambda id_: Commitment(
    id=id_, unit_id="u002", text="秘书记下的", owner="李四", due=date(2026, 12, 31)))
"""


def save_from_another_process(root: Path | str, period: str = "2026-11") -> None:
    subprocess.run([sys.executable, "-c", SAVE_ONE, str(root), period], check=True, timeout=60)


def delivered(store: AnyStore) -> AnyStore:
    """The server sends a NOTIFY to the other connections a moment after the commit
    returns (the app looks every second). One round trip is sure to bring it: a backend
    sends what it was notified of before it answers. The folder needs nothing."""
    store.settings()
    return store


def test_changed_sees_the_other_process_save(backend: Backend) -> None:
    root, chair = backend.where, backend.store
    chair.add_commitment(
        NOV,
        lambda id_: Commitment(
            id=id_, unit_id="u001", text="主持人记下的", owner="张三", due=date(2026, 12, 31)
        ),
    )
    assert [c.text for c in chair.commitments()] == ["主持人记下的"]
    assert not chair.changed(), "our own save is not another's"

    save_from_another_process(root)
    assert delivered(chair).changed()
    assert not chair.changed(), "reported once"
    assert [c.text for c in chair.commitments()] == ["主持人记下的", "秘书记下的"]

    # Also when the other process starts a period this one has never opened.
    save_from_another_process(root, "2026-12")
    assert delivered(chair).changed()
    assert [c.id for c in chair.commitments()] == ["2026-11.1", "2026-11.2", "2026-12.1"]


def test_a_save_after_the_other_process_saved_builds_on_its_save(backend: Backend) -> None:
    root, chair = backend.where, backend.store
    assert chair.commitments() == []  # the chair has read the (empty) folder
    save_from_another_process(root)
    mine = chair.add_commitment(
        NOV,
        lambda id_: Commitment(
            id=id_, unit_id="u001", text="主持人记下的", owner="张三", due=date(2026, 12, 31)
        ),
    )
    assert mine.id == "2026-11.2", "the other's commitment keeps number 1"
    assert [c.text for c in backend.reopen().commitments()] == ["秘书记下的", "主持人记下的"]
