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
from agenda.meetings import Attendance, Observer, Presence
from agenda.metrics import Metric, default_metrics
from agenda.periods import Period
from agenda.ports import DistrictStore
from agenda.templates import example_template
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
    """The demo (its template, a 专题 meeting, deputies named, reasons, 列席, places, lead
    leaders, supporting units, progress notes, carry counts), and what the demo lacks:
    a second template of its own, replaced once and named by the settings, a retired unit,
    its own metric set, a meeting with a topic closed, reopened and closed again,
    revisions past 1, an extension, an outcome recorded at a closed meeting, and a
    commitment carried from one month into the next at a meeting of the first (a link
    across periods)."""
    store = seeded(where)
    weekly = example_template("weekly")
    own = replace(weekly, key="xiangmu", name_zh="重点项目推进会", name_en="Key projects")
    store.save_template(own)
    store.save_template(replace(own, due_in_days=14), replace=True)
    store.save_settings(district="楼区", top_n=5, warn_days=5, template="xiangmu")
    store.save_unit(replace(store.units()[-1], active=False))
    store.save_metrics(
        [*default_metrics(), Metric("visits", "走访企业", "Firms visited", "家", active=False)]
    )
    meeting = store.create_meeting(
        OCT, TODAY, "zhaoshang", chair="张书记", secretary="李秘书", place="区政府三楼会议室"
    )
    units = store.units()
    meeting = store.update_meeting(
        meeting.id,
        lambda m: (
            m.start(AT, "review-commitments")
            .with_topic("招商引资专题")
            .with_presence(units[0].id, Presence(Attendance.EXCUSED, reason="赴省里汇报"))
            .with_presence(units[1].id, Presence(Attendance.DEPUTY, name="刘洋", post="副镇长"))
            .with_observers([Observer("赵记者", "区融媒体中心")])
            .with_note("scorecard", "全区签约[b]增长[/b]\n\n二、要素保障。\r\n")
            .with_unit_note("gaps", units[2].id, "项目储备不足")
            .with_problems(units[2].id, ("项目质量不高",))
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
            lead="陈副区长",
            supporting=(units[3].id, units[4].id),
        ),
    )
    store.update_commitment(made.id, lambda c: c.extend(date(2027, 1, 15), "客商推迟", TODAY))
    store.update_commitment(
        made.id, lambda c: c.note_progress("已完成选址", TODAY, percent=40, meeting_id=meeting.id)
    )
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


def holds_all_a_record_can(store: DistrictStore) -> None:
    """The source of the round trip has every field set somewhere: otherwise a field the
    copy dropped would compare equal, empty on both sides."""
    meetings = store.meetings(include_archive=True)
    commitments = store.commitments(include_archive=True)
    assert len(store.templates()) == 2
    assert all(m.nth_in_year for m in meetings)
    fields = ("topic", "place", "observers", "events", "notes", "unit_notes", "problems")
    for field in fields:
        assert any(getattr(m, field) for m in meetings), field
    details = [p for m in meetings for p in m.attendance_details.values()]
    assert any(p.name and p.post for p in details) and any(p.reason for p in details)
    assert any(m.is_closed and m.revision > 1 for m in meetings)
    for field in ("lead", "supporting", "progress", "extensions", "history", "carried_from"):
        assert any(getattr(c, field) for c in commitments), field
    assert any(c.carried_times > 1 for c in commitments)
    assert any(c.nth_in_meeting and c.nth_in_meeting > 1 for c in commitments)
    assert any(c.revision > 2 for c in commitments)


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
    holds_all_a_record_can(open_store(folder, clock=lambda: TODAY))

    code, out, err = run(capsys, "copy", folder, server)  # created: the DBA's account
    assert (code, err) == (0, "")
    assert out.startswith(f"已将 {folder} 复制到 postgresql://postgres@/diaodu?port=")
    assert "议程模板2个，设置4项，单位36个（其中已撤并1个），指标10个" in out
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
