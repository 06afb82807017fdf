"""A save of several files is all or nothing, also when the process is killed mid-way.

The importer (the real CLI: `diaodu readings import` of a file spanning 2025 and 2026,
two files) and a carry-over (two months) are killed with SIGKILL just before each step
of their save that touches the disk (every fsync, rename and delete), one run per step,
until a run gets through. After each kill the folder is opened as the next user would:
either every file has the new content or none has, and nothing of the save is left over.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from agenda.commitments import Commitment, Status
from agenda.metrics import Reading
from agenda.periods import Period
from agenda.units import Unit
from store import Store, StoreError
from store.transaction import RECORD
from tests.conftest import TODAY

# Imports everything once, then for each line "ACTION N" on stdin forks a child that
# does ACTION on the folder and SIGKILLs itself just before its Nth fsync, rename or
# delete; says "killed" or "done" for each. Forking from a warm process makes a run
# cost milliseconds, not an interpreter start.
KILLER = """
import os, sys
from datetime import date, datetime
import app
import agenda.importing  # what an import loads on first use
from agenda.periods import Period
from store import Store

root, csv = sys.argv[1], sys.argv[2]
TODAY = date(2026, 11, 22)
app.CLOCK = lambda: datetime(2026, 11, 22, 9, 30)

def action(name):
    if name == "readings":
        app.main(["--db", root, "readings", "import", csv])
    else:
        store = Store.open(root, clock=lambda: TODAY)
        store.carry_over(store.commitment("2026-10.1"), date(2026, 12, 15), TODAY,
                         period=Period(2026, 11))

def kill_before(step):
    count = [0]
    for name in ("fsync", "replace", "unlink"):
        real = getattr(os, name)
        def counted(*args, _real=real, **kwargs):
            count[0] += 1
            if count[0] == step:
                os.kill(os.getpid(), 9)
            return _real(*args, **kwargs)
        setattr(os, name, counted)

for line in sys.stdin:
    name, step = line.split()
    sys.stdout.flush()
    child = os.fork()
    if child == 0:
        sys.stdout = open(os.devnull, "w")
        kill_before(int(step))
        action(name)
        os._exit(0)
    _, status = os.waitpid(child, 0)
    print("killed" if os.WIFSIGNALED(status) else f"done {os.waitstatus_to_exitcode(status)}",
          flush=True)
"""

UNIT = Unit("u001", "城关镇")
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills forked children")
OLD, NEW = 1.0, 2.0


def readings_before() -> list[Reading]:
    return [
        Reading("u001", "signed_amount", Period(2025, 12), OLD),
        Reading("u001", "signed_amount", Period(2026, 1), OLD),
        Reading("u001", "signed_amount", Period(2026, 2), OLD),
    ]


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """The folder before each run: readings of 2025 and 2026, an open commitment of October."""
    root = tmp_path / "template"
    store = Store.open(root, clock=lambda: TODAY)
    store.save_units([UNIT])
    store.save_readings(readings_before())
    store.add_commitment(
        Period(2026, 10),
        lambda id_: Commitment(id_, "u001", "完成签约", "张三", date(2026, 10, 31)),
    )
    store.close()
    return root


@pytest.fixture
def importing(tmp_path: Path) -> Path:
    """The file imported: new values in both years."""
    path = tmp_path / "readings.csv"
    rows = [f"城关镇,signed_amount,{r.period},{NEW}" for r in readings_before()]
    path.write_text("unit,metric,period,value\n" + "\n".join(rows) + "\n", "utf-8")
    return path


@pytest.fixture
def killer(tmp_path: Path, importing: Path) -> Iterator[Callable[[str, int], str]]:
    root = tmp_path / "district"
    process = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(root), str(importing)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None

    def run(action: str, step: int) -> str:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(f"{action} {step}\n")
        process.stdin.flush()
        outcome = process.stdout.readline().strip()
        if not outcome:  # the killer itself died: say why
            assert process.stderr is not None
            raise AssertionError(process.stderr.read())
        return outcome

    yield run
    process.stdin.close()
    process.wait(timeout=10)
    process.stdout.close()
    assert process.stderr is not None
    process.stderr.close()


def runs_killed_at_every_step(
    action: str, template: Path, killer: Callable[[str, int], str]
) -> Iterator[Store]:
    """The folder as opened after each run, killed before step 1, 2, 3... until one
    run is not killed: that last one is the save done."""
    root = template.parent / "district"
    for step in range(1, 100):
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(template, root)
        outcome = killer(action, step)
        store = Store.open(root, clock=lambda: TODAY)  # finishes or drops what was left
        assert not (root / RECORD).exists()
        assert not list(root.rglob("*.tmp-*")), "temp files left after the open"
        yield store
        store.close()
        if outcome != "killed":
            assert outcome == "done 0"
            return
    raise AssertionError("the save never got through")


@needs_fork
def test_an_import_over_two_years_killed_at_any_step_is_all_or_nothing(
    template: Path, killer: Callable[[str, int], str]
) -> None:
    outcomes = []
    for store in runs_killed_at_every_step("readings", template, killer):
        values = {r.period: r.value for r in store.readings([2025, 2026])}
        assert set(values) == {r.period for r in readings_before()}
        assert len(set(values.values())) == 1, f"half an import: {values}"
        outcomes.append(values[Period(2025, 12)])
    # Nothing, then (from the step that made the commit record durable) everything.
    assert outcomes[0] == OLD and outcomes[-1] == NEW
    assert outcomes == sorted(outcomes)
    assert len(outcomes) >= 10, "fewer steps than a two-file commit takes"


@needs_fork
def test_a_carry_over_killed_at_any_step_is_all_or_nothing(
    template: Path, killer: Callable[[str, int], str]
) -> None:
    outcomes = []
    for store in runs_killed_at_every_step("carry", template, killer):
        old = store.commitment("2026-10.1")
        new = store.commitment("2026-11.1")
        assert old is not None
        if new is None:
            assert old.status is Status.OPEN and old.carried_to is None
            outcomes.append("before")
        else:
            assert old.status is Status.MISSED and old.carried_to == new.id
            assert new.carried_from == old.id and new.due == date(2026, 12, 15)
            outcomes.append("after")
    assert outcomes[0] == "before" and outcomes[-1] == "after"
    assert outcomes == sorted(outcomes, key=("before", "after").index)


def test_a_commit_record_left_by_a_killed_save_is_finished_by_the_next_save(
    template: Path,
) -> None:
    """An app already open when another process was killed mid-commit: its next save
    (or its watch for changes) finishes the commit before anything else is written."""
    root = template
    store = Store.open(root, clock=lambda: TODAY)
    assert {r.value for r in store.readings([2025])} == {OLD}
    store.changed()  # now watching readings/2025.json
    path = root / "readings" / "2025.json"
    temp = path.with_name("2025.json.tmp-999-dead")
    new = path.read_text("utf-8").replace(": 1.0}", ": 2.0}")
    temp.write_text(new, "utf-8")
    (root / RECORD).write_text(
        json.dumps({"renames": [[f"readings/{temp.name}", "readings/2025.json"]]})
    )
    assert store.changed()  # the watch finished it: the file changed
    assert not (root / RECORD).exists() and not temp.exists()
    assert {r.value for r in store.readings([2025])} == {NEW}


@pytest.mark.parametrize(
    "record",
    [
        b'{"renames": [["../../etc/x.tmp-1", "../../etc/x"]]}',
        b'{"renames": [["units.json.tmp-1", "metrics.json"]]}',
        b'{"renames": [["readings/2025.json", "units.json"]]}',
        b'{"renames"',
    ],
)
def test_a_commit_record_changed_by_hand_renames_nothing(template: Path, record: bytes) -> None:
    (template / RECORD).write_bytes(record)
    (template / "units.json.tmp-1").write_text("{}", "utf-8")
    before = {p: p.read_bytes() for p in template.rglob("*") if p.is_file()}
    with pytest.raises(StoreError) as caught:
        Store.open(template)
    assert caught.value.code == "store.damaged"
    assert str(template / RECORD) in str(caught.value)
    assert {p: p.read_bytes() for p in template.rglob("*") if p.is_file()} == before


def test_a_save_of_one_file_writes_no_commit_record(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One file is atomic by itself: no record, one rename, as fast as any other save."""
    store = Store.open(template, clock=lambda: TODAY)
    renamed: list[str] = []
    replace = os.replace

    def recorded(source: str | Path, target: str | Path) -> None:
        renamed.append(Path(target).name)
        replace(source, target)

    monkeypatch.setattr(os, "replace", recorded)
    store.save_readings([Reading("u001", "signed_amount", Period(2026, 3), 5.0)])
    assert renamed == ["2026.json"]
