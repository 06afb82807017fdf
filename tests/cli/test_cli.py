"""The command line: imports all or nothing, one readable line on error, where the data lives.

The TUI is never started here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import app
from agenda.metrics import Reading, Target
from agenda.periods import Period
from store import Store

DATA = Path(__file__).parent.parent / "data"
OCT = Period(2026, 10)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "district"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = app.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def last_line(out: str) -> str:
    """An import may print a preview first; its last line says what was written."""
    return out.strip().splitlines()[-1]


def snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*.json"))}


def refused(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> str:
    """Run a command that must fail: exit 1, one line on stderr, nothing on stdout."""
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("diaodu: ")
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def district(db: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data folder with the four sample units."""
    assert run(capsys, "--db", db, "units", "import", DATA / "units.csv")[0] == 0
    return db


# --- version, help, init, where the data lives ------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        app.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == "diaodu 0.1.0"


def test_help_lists_the_commands_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        app.main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for word in ("招商引资调度会", "init", "units", "metrics", "targets", "readings", "--db"):
        assert word in out, word
    with pytest.raises(SystemExit):
        app.main(["readings", "import", "--help"])
    assert "--period" in capsys.readouterr().out


def test_init_creates_the_folder_given_by_db(capsys, db: Path) -> None:
    code, out, err = run(capsys, "--db", db, "init")
    assert (code, err) == (0, "")
    assert out.strip() == f"data folder: {db}"
    assert (db / "meta.json").is_file()


def test_diaodu_db_names_the_folder_and_db_wins_over_it(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env = tmp_path / "from-env"
    monkeypatch.setenv("DIAODU_DB", str(from_env))
    assert run(capsys, "init")[1].strip() == f"data folder: {from_env}"
    assert (from_env / "meta.json").is_file()
    explicit = tmp_path / "explicit"
    assert run(capsys, "--db", explicit, "init")[1].strip() == f"data folder: {explicit}"


def test_the_default_folder_is_the_user_data_folder(capsys, tmp_path: Path) -> None:
    # conftest points XDG_DATA_HOME at tmp_path / "xdg".
    expected = tmp_path / "xdg" / "diaodu" / "district"
    assert run(capsys, "init")[1].strip() == f"data folder: {expected}"


def test_a_folder_that_is_not_diaodus_is_refused(capsys, tmp_path: Path) -> None:
    other = tmp_path / "Documents"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    line = refused(capsys, "--db", other, "init")
    assert f"diaodu: {other} holds other files and no meta.json" in line
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]


# --- imports that work ------------------------------------------------------------------


def test_units_import_from_csv_then_yaml_updates_in_place(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "--db", db, "units", "import", DATA / "units.csv")
    assert code == 0
    assert out.strip() == f"4 units imported from {DATA / 'units.csv'}"
    assert run(capsys, "--db", db, "units", "import", DATA / "units.yaml")[0] == 0
    units = Store.open(db).units()
    assert [(u.id, u.name, u.head) for u in units] == [
        ("u001", "城关镇", "王建国"),
        ("u002", "新华街道", "李红"),
        ("u003", "区商务局", "赵强"),
        ("u004", "经济开发区", "孙伟"),
    ]


def test_targets_and_readings_import(capsys, district: Path) -> None:
    code, out, _ = run(capsys, "--db", district, "targets", "import", DATA / "targets-wide.csv")
    assert code == 0
    assert last_line(out) == f"8 targets imported from {DATA / 'targets-wide.csv'}"
    code, out, _ = run(capsys, "--db", district, "readings", "import", DATA / "readings-long.csv")
    assert code == 0
    assert last_line(out) == f"4 readings imported from {DATA / 'readings-long.csv'}"
    store = Store.open(district)
    assert Target("u004", "signed_amount", 2026, 1050.5) in store.targets(2026)
    assert Reading("u001", "signed_amount", OCT, 412.63) in store.readings([2026])


def test_readings_import_with_a_period_for_a_file_without_one(
    capsys, district: Path, tmp_path: Path
) -> None:
    path = tmp_path / "十月.csv"
    path.write_bytes("单位,签约项目数\n城关,3\n".encode("gb18030"))
    code, _, err = run(
        capsys, "--db", district, "readings", "import", path, "--period", "2026年10月"
    )
    assert (code, err) == (0, "")
    assert Store.open(district).readings([2026]) == [Reading("u001", "signed_projects", OCT, 3.0)]


def test_targets_import_with_a_year(capsys, district: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("单位,签约项目数\n城关镇,10\n", encoding="utf-8")
    assert run(capsys, "--db", district, "targets", "import", path, "--year", "2027")[0] == 0
    assert Store.open(district).targets(2027) == [Target("u001", "signed_projects", 2027, 10.0)]


def test_metrics_import_replaces_the_set(capsys, db: Path, tmp_path: Path) -> None:
    path = tmp_path / "metrics.yaml"
    path.write_text(
        "metrics:\n  - key: visits\n"
        "    label: {zh: 走访企业, en: Firms visited}\n    measure: 家\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db, "metrics", "import", path)
    assert (code, out.strip()) == (0, f"1 metrics imported from {path}")
    assert [m.key for m in Store.open(db).metrics()] == ["visits"]


# --- imports that fail: one line, nothing written ---------------------------------------


@pytest.mark.parametrize(
    ("command", "content", "expected"),
    [
        (
            "readings",
            "unit,metric,period,value\n城关镇,signed_amount,2026-09,1\n城东镇,signed_amount,2026-09,2\n",
            "line 3, column unit: unknown unit '城东镇'",
        ),
        (
            "readings",
            "单位,月份,签约项目数\n城关镇,2026-10,3\n新华,2026-10,三\n",
            "line 3, column 签约项目数: '三' is not a number",
        ),
        (
            "readings",
            "unit,metric,period,value\n城关镇,signed_amount,2099-12,1\n",
            "line 2, column period: period 2099-12 is in the future",
        ),
        (
            "targets",
            "unit,metric,year,target\n城关镇,signed_amount,2026,-5\n",
            "line 2, column target: -5 is negative",
        ),
        (
            "targets",
            "unit,metric,year,target\n城关镇,营收,2026,5\n",
            "line 2, column metric: unknown metric '营收'",
        ),
        (
            "units",
            "name,kind\n城关镇,town\n新城镇,村\n",
            "line 3, column kind: '村' is not a unit kind; "
            "use one of town, department, park, county",
        ),
    ],
)
def test_a_bad_row_refuses_the_whole_file_and_says_where(
    capsys, district: Path, tmp_path: Path, command: str, content: str, expected: str
) -> None:
    Store.open(district).save_readings([Reading("u001", "signed_amount", OCT, 1.0)])
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    before = snapshot(district)
    line = refused(capsys, "--db", district, command, "import", path)
    assert line == f"diaodu: {path}, {expected}"
    assert snapshot(district) == before


def test_a_bad_metrics_file_says_line_and_field(capsys, db: Path, tmp_path: Path) -> None:
    path = tmp_path / "metrics.yaml"
    path.write_text("metrics:\n  - key: visits\n    label: 走访\n    kind: many\n", "utf-8")
    line = refused(capsys, "--db", db, "metrics", "import", path)
    assert line == f"diaodu: {path}, line 4: metrics[0].kind: 'many' is not one of amount, rate"
    assert not (db / "metrics.json").exists()


def test_a_missing_file_is_one_line(capsys, district: Path, tmp_path: Path) -> None:
    path = tmp_path / "nope.csv"
    line = refused(capsys, "--db", district, "readings", "import", path)
    assert line == f"diaodu: {path}: No such file or directory"


def test_a_damaged_data_folder_is_one_line(capsys, district: Path) -> None:
    (district / "units.json").write_text('{"units": ', encoding="utf-8")
    line = refused(capsys, "--db", district, "readings", "import", DATA / "readings-long.csv")
    assert f"{district / 'units.json'} is damaged" in line
    assert (district / "units.json").read_text("utf-8") == '{"units": '


def test_as_a_real_process_errors_carry_no_traceback(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("unit,metric,period,value\n城东镇,signed_amount,2020-01,1\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "readings", "import", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=Path(app.__file__).parent,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"diaodu: {path}, line 2, column unit: unknown unit '城东镇'\n"


def test_a_data_folder_that_cannot_be_made_is_one_line(capsys, tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    line = refused(capsys, "--db", blocker / "district", "init")
    assert line.startswith(f"diaodu: cannot create the data folder {blocker / 'district'}: ")


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        ("en", {"DIAODU_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),  # --lang wins
        (None, {"DIAODU_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),  # then DIAODU_LANG
        (None, {"DIAODU_LANG": "fr"}, "en"),  # a language we do not speak is passed over
        (None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # then the locale
        (None, {"LANG": "zh_TW.UTF-8"}, "zh"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_which_language_to_speak(
    explicit: str | None, environ: dict[str, str], expected: str
) -> None:
    from agenda.language import choose_language

    assert choose_language(explicit, environ) == expected


def test_an_unknown_lang_is_refused_by_argparse(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        app.main(["--lang", "fr", "init"])
    assert caught.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
