"""`diaodu meeting reopen ID`: the one way a closed meeting changes from the command line."""

from __future__ import annotations

import getpass
from datetime import date, datetime
from pathlib import Path

import pytest

import app
from agenda.meetings import MeetingEventKind, MeetingState
from agenda.periods import Period
from store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = app.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_reopen_a_closed_meeting_on_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(tmp_path / "district")
    meeting = store.create_meeting(Period(2026, 10), date(2026, 11, 20), "zhaoshang")
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 11, 20, 11), "chair 张立新"))
    db = str(store.root)

    code, out, err = run(capsys, "--db", db, "meeting", "reopen", meeting.id)
    assert (code, err) == (0, "")
    assert "2026-10.1 reopened" in out
    reopened = Store.open(db).meeting(meeting.id)
    assert reopened is not None and reopened.state is MeetingState.IN_PROGRESS
    event = reopened.events[-1]
    assert (event.kind, event.by) == (MeetingEventKind.REOPENED, f"cli {getpass.getuser()}")

    code, out, err = run(capsys, "--db", db, "meeting", "reopen", meeting.id)
    assert code == 1 and out == ""
    assert err.strip() == "diaodu: Meeting 2026-10.1 is not closed: there is nothing to reopen."
    code, out, err = run(capsys, "--db", db, "meeting", "reopen", "2026-10.7")
    assert code == 1 and err.strip() == "diaodu: no meeting 2026-10.7"
