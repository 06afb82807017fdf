"""`diaodu copy FROM TO`: a district from a folder to a server and back, as it is. A round
trip is lossless: record by record (templates, meetings numbered in the year with who was
in the room, commitments numbered in their meeting with their progress, lead and
supporting units, carry counts, revisions and events), and every export (minutes, the
bulletin in every format, the task table) comes out the same from all three places."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

import app
from agenda.commitments import Commitment, Status
from agenda.meetings import Attendance
from agenda.metrics import Metric, default_metrics
from agenda.periods import Period
from agenda.ports import DistrictStore
from agenda.usecases import reports
from agenda.usecases.district import District
from store.opening import open_store
from tests.backends import TODAY, new_district, seeded
from tests.conftest import NOW
from tests.pgserver import Server

OCT = Period(2026, 10)
AT = datetime(2026, 11, 22, 9, 30)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = app.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def everything_a_district_holds(where: Path) -> None:
    """The demo (now with its own template, numbers, deputies, 列席, progress notes), and
    what the demo lacks: settings, a retired unit, its own metric set, a meeting closed,
    reopened and closed again, revisions past 1, an extension, an outcome recorded at a
    closed meeting, and a commitment carried from one month into the next at a meeting of
    the first (a link across periods)."""
    store = seeded(where)
    store.save_settings(district="楼区", top_n=5, warn_days=5)
    store.save_unit(replace(store.units()[-1], active=False))
    store.save_metrics(
        [*default_metrics(), Metric("visits", "走访企业", "Firms visited", "家", active=False)]
    )
    meeting = store.create_meeting(OCT, TODAY, "zhaoshang", chair="张书记", secretary="李秘书")
    meeting = store.update_meeting(
        meeting.id,
        lambda m: (
            m.start(AT, "review-commitments")
            .with_attendance(store.units()[0].id, Attendance.EXCUSED)
            .with_note("scorecard", "全区签约[b]增长[/b]")
        ),
    )
    due = [c for c in store.commitments() if c.is_open]
    store.update_commitment(due[0].id, lambda c: c.mark(Status.DONE, TODAY, meeting_id=meeting.id))
    store.carry_over(
        due[1], date(2026, 12, 31), TODAY, period=Period(2026, 11), meeting_id=meeting.id
    )
    made = store.add_commitment(
        OCT,
        lambda id_: Commitment(
            id_,
            store.units()[2].id,
            "确保签约1个亿元项目",
            "王镇长",
            date(2026, 12, 15),
            meeting.id,
            metric="signed_projects",
            quantity=1,
            created=TODAY,
        ),
    )
    store.update_commitment(made.id, lambda c: c.extend(date(2027, 1, 15), "客商推迟", TODAY))
    store.update_commitment(made.id, lambda c: replace(c, owner="王镇长、李副镇长"))
    store.update_meeting(meeting.id, lambda m: m.close(AT, "chair 张书记"))
    store.update_meeting(meeting.id, lambda m: m.reopen(AT, "secretary 李秘书"))
    store.update_meeting(meeting.id, lambda m: m.close(AT, "chair 张书记"))
    store.close()


def records(store: DistrictStore) -> dict[str, object]:
    """Every record, through the contract, in the order the store gives them."""
    years = store.reading_years()
    periods = store.periods()
    return {
        "templates": store.templates(),
        "settings": store.settings(),
        "units": store.units(),
        "metrics": store.metrics(),
        "targets": store.targets(),
        "readings": store.readings(years),
        "meetings": store.meetings(include_archive=True),
        "in_year": {year: store.meetings_in_year(year) for year in (2025, 2026)},
        "commitments": store.commitments(include_archive=True),
        "periods": {str(p): store.period_records(p) for p in periods},
    }


def exports(capsys: pytest.CaptureFixture[str], where: str | Path, out: Path) -> dict[str, object]:
    """What the office hands out, from one place, as the command line writes it: every
    meeting's minutes, the bulletin in every format, the task table. Text as it is; Word
    and Excel files by their parts (the zip's own timestamps and Excel's 'modified' are
    the clock's)."""
    out.mkdir()
    found: dict[str, object] = {}
    meetings = open_store(where).meetings(include_archive=True)
    commands = [[f"minutes-{m.id}.md", "minutes", m.id] for m in meetings]
    commands += [
        ["minutes.docx", "minutes", "last"],
        *([f"bulletin.{kind}", "bulletin"] for kind in ("md", "csv", "docx", "xlsx")),
        *([f"tasks.{kind}", "commitments"] for kind in ("csv", "xlsx")),
    ]
    for name, *command in commands:
        assert run(capsys, "--db", where, *command, "-o", out / name)[0] == 0, name
        path = out / name
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as parts:
                found[name] = {
                    part: parts.read(part)
                    for part in parts.namelist()
                    if part != "docProps/core.xml"
                }
        else:
            found[name] = path.read_bytes()
    return found


def documents(store: DistrictStore) -> list[object]:
    """What the minutes of every meeting, the bulletin and the task table are made of."""
    district = District(store, lambda: NOW)
    meetings = store.meetings(include_archive=True)
    return [
        *(reports.minutes(district, m.id, "zh") for m in meetings),
        reports.bulletin(district),
        reports.task_table(district, None, "zh"),
    ]


def test_a_round_trip_folder_server_folder_is_lossless(
    pg_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app, "CLOCK", lambda: NOW)
    monkeypatch.setenv("DIAODU_LANG", "zh")
    folder, back = tmp_path / "folder", tmp_path / "back"
    server = pg_server.admin_url(district=new_district())
    everything_a_district_holds(folder)

    code, out, err = run(capsys, "copy", folder, server)  # created: the DBA's account
    assert (code, err) == (0, "")
    assert out.startswith(f"已将 {folder} 复制到 postgresql://postgres@/diaodu?port=")
    assert "议程模板1个，设置3项，单位36个（其中已撤并1个），指标10个" in out
    assert "会议5次，任务42项，涉及5个月份。" in out
    assert run(capsys, "copy", server, back)[0] == 0

    original = records(open_store(folder, clock=lambda: TODAY))
    assert records(open_store(server, clock=lambda: TODAY)) == original
    assert records(open_store(back, clock=lambda: TODAY)) == original
    # The two ends of the round trip give the same files, and on the way the server gave
    # the same documents, of which every format is drawn (tests/cli/test_cli_reports.py
    # draws them from a server too).
    assert exports(capsys, back, tmp_path / "from-back") == exports(
        capsys, folder, tmp_path / "from-folder"
    )
    assert documents(open_store(server)) == documents(open_store(folder))


def test_a_target_that_holds_anything_is_refused_by_name_and_left_alone(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder"
    seeded(folder).close()
    target = open_store(pg_url)
    target.save_settings(top_n=5)  # a setting is enough
    before = records(target)
    code, out, err = run(capsys, "--lang", "zh", "copy", folder, pg_url)
    assert (code, out) == (1, "")
    assert err.startswith("diaodu: postgresql://postgres@/diaodu?port=")
    assert "中已有数据，未复制任何内容" in err and err.count("\n") == 1
    assert records(target) == before
    code, _, err = run(capsys, "copy", tmp_path / "typo", pg_url)  # never a new folder
    assert code == 1 and "is not a data folder" in err
    assert not (tmp_path / "typo").exists()


def test_a_copy_that_fails_half_way_leaves_the_target_empty(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One commit on the target: the readings and units written before the failure go too."""
    from agenda.usecases import copying
    from store.errors import StoreError

    source = seeded(tmp_path / "folder")
    target = open_store(pg_url)

    def fail(self: object, meetings: object, commitments: object) -> None:
        raise StoreError("pg.lost", url="the server")

    monkeypatch.setattr(type(target), "add_records", fail)
    with pytest.raises(StoreError):
        copying.copy_district(source, target, target_name=pg_url)
    assert copying.is_empty(open_store(pg_url))
