"""`diaodu templates` and `diaodu init --demo`: a district's own agenda, kept in its data
folder; the demo district in a real folder, kept across runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.templates import example_text, load_template
from store import Store
from tests.cli.test_cli import refused, run, snapshot

WEEKLY = Path(__file__).parents[2] / "agenda" / "data" / "examples" / "weekly.yaml"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "district"
    assert run(capsys, "--db", folder, "init")[0] == 0
    return folder


def test_import_keeps_the_template_and_list_shows_it(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "--db", db, "--lang", "zh", "templates", "import", WEEKLY)
    assert code == 0
    assert out.strip() == f"已从 {WEEKLY} 导入议程模板 weekly"
    assert [t.key for t in Store.open(db).templates()] == ["weekly"]
    _, listed, _ = run(capsys, "--db", db, "--lang", "zh", "templates", "list")
    lines = listed.splitlines()
    assert lines[0].startswith("zhaoshang") and "新会议默认使用" in lines[0]
    assert lines[2].split()[:2] == ["weekly", "领导班子周例会"]
    assert "7个议程项；共90分钟；本区自有；任务默认7天期限" in lines[2]


def test_a_second_import_needs_replace(capsys, db: Path) -> None:
    run(capsys, "--db", db, "templates", "import", WEEKLY)
    line = refused(capsys, "--db", db, "templates", "import", WEEKLY)
    assert "a template 'weekly' is kept already" in line
    assert run(capsys, "--db", db, "templates", "import", WEEKLY, "--replace")[0] == 0


def test_a_bad_file_is_refused_with_file_line_and_field(capsys, db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "weekly.yaml"
    bad.write_text(example_text("weekly").replace("minutes: 60", "minutes: 0"), "utf-8")
    before = snapshot(db)
    line = refused(capsys, "--db", db, "--lang", "zh", "templates", "import", bad)
    assert line == f"diaodu: {bad}，第51行：sections[4].items[0].minutes：应大于 0，而不是 0"
    assert snapshot(db) == before


def test_a_shipped_key_is_refused(capsys, db: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(example_text("weekly").replace("key: weekly", "key: zhaoshang"), "utf-8")
    assert "shipped template's key" in refused(capsys, "--db", db, "templates", "import", mine)


def test_export_writes_what_imports_again(capsys, db: Path, tmp_path: Path) -> None:
    run(capsys, "--db", db, "templates", "import", WEEKLY)
    code, out, _ = run(capsys, "--db", db, "templates", "export", "weekly")
    assert code == 0
    assert load_template("out.yaml", out) == load_template(WEEKLY)
    target = tmp_path / "议程.yaml"
    assert run(capsys, "--db", db, "templates", "export", "zhaoshang", target)[1].strip() == (
        f"wrote {target}"
    )
    assert load_template(target).key == "zhaoshang"
    assert "no template 'nope'" in refused(capsys, "--db", db, "templates", "export", "nope")


def test_init_demo_fills_a_real_folder_that_stays(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "try"
    code, out, _ = run(capsys, "--db", folder, "--lang", "zh", "init", "--demo")
    assert code == 0
    assert out.splitlines() == [
        f"数据文件夹：{folder}",
        "已放入示例区的数据；运行 diaodu 打开，所做的修改都会保留",
    ]
    store = Store.open(folder)
    assert len(store.units()) > 10 and store.meetings(include_archive=True)
    assert [t.key for t in store.templates()] == ["weekly"]


def test_init_demo_refuses_a_folder_with_data(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    run(capsys, "--db", folder, "units", "import", Path(__file__).parents[1] / "data/units.csv")
    before = snapshot(folder)
    line = refused(capsys, "--db", folder, "init", "--demo")
    assert line == (
        f"diaodu: {folder} holds data already: the demo goes only into an empty data folder"
        " (or district), never mixed with real work. Nothing was written."
    )
    assert snapshot(folder) == before


def test_demo_alone_is_still_a_flag_of_the_app(capsys) -> None:
    import app

    assert app.build_parser().parse_args(["--demo"]).demo
    assert not app.build_parser().parse_args(["--demo", "init"]).seed_demo
