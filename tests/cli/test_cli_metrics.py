"""`diaodu metrics` and `diaodu settings`: what a district defines once, from the shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.metrics import default_metrics
from store import Store
from tests.cli.test_cli import refused, run, snapshot


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "district"


def test_metrics_list_says_what_each_one_is(capsys, demo_store: Store) -> None:
    code, out, _ = run(capsys, "--db", demo_store.root, "--lang", "zh", "metrics", "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 9
    assert lines[5].split() == [
        "foreign_capital",
        "实际使用外资",
        "(万美元)",
        "累计量，各单位相加；别名：实际利用外资；已有数据",
    ]
    assert "开工率 (%)  比率 = 开工项目 / 签约项目数（按合计计算）；已有数据" in lines[6]
    assert "履约率 (%)  比率 = 按时完成任务 / 到期任务（来自回头看）；已有数据" in lines[8]
    _, english, _ = run(capsys, "--db", demo_store.root, "--lang", "en", "metrics", "list")
    assert "rate = Projects started / Projects signed (from the sums)" in english


def test_export_edit_and_import_back(capsys, db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "metrics.yaml"
    assert run(capsys, "--db", db, "metrics", "export", "-o", exported)[0] == 0
    text = exported.read_text("utf-8")
    assert "  aliases: [实际利用外资]" in text
    # Round trip: what was exported imports back to the same set.
    assert run(capsys, "--db", db, "metrics", "import", exported)[0] == 0
    assert Store.open(db).metrics() == default_metrics()
    # Edited: one more alias, one metric retired.
    edited = text.replace("aliases: [实际利用外资]", "aliases: [实际利用外资, 利用外资]")
    edited = edited.replace(
        "  aliases: [在谈项目数]\n", "  aliases: [在谈项目数]\n  retired: true\n"
    )
    exported.write_text(edited, "utf-8")
    assert run(capsys, "--db", db, "metrics", "import", exported)[0] == 0
    metrics = {m.key: m for m in Store.open(db).metrics()}
    assert metrics["foreign_capital"].aliases == ("实际利用外资", "利用外资")
    assert not metrics["negotiating"].active
    _, out, _ = run(capsys, "--db", db, "metrics", "export")
    assert out == edited


def test_import_refuses_to_drop_a_metric_with_readings(
    capsys, demo_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "fewer.yaml"
    path.write_text(
        "metrics:\n  - key: signed_projects\n    label: {zh: 签约项目数, en: Projects signed}\n",
        "utf-8",
    )
    before = snapshot(demo_store.root)
    line = refused(capsys, "--db", demo_store.root, "metrics", "import", path)
    assert (
        "leave out 8 metric(s) that have readings or targets: foreign_capital, fulfilment, "
        "funds_in_place, funds_rate, negotiating, signed_amount, start_rate, started_projects."
    ) in line
    assert "retired: true" in line
    assert snapshot(demo_store.root) == before


def test_import_refuses_to_overwrite_a_damaged_file(
    capsys, demo_store: Store, tmp_path: Path
) -> None:
    exported = tmp_path / "metrics.yaml"
    assert run(capsys, "--db", demo_store.root, "metrics", "export", "-o", exported)[0] == 0
    damaged = demo_store.root / "metrics.json"
    damaged.write_text('{"metrics": {"1": {"key": ', "utf-8")
    before = snapshot(demo_store.root)
    line = refused(capsys, "--db", demo_store.root, "metrics", "import", exported)
    assert f"{damaged} is damaged" in line
    assert snapshot(demo_store.root) == before


def test_settings_show_and_set(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "--db", db, "--lang", "zh", "settings")
    assert code == 0
    assert "level            区             # 行政级别" in out
    assert run(capsys, "--db", db, "--lang", "zh", "settings", "set", "level", "县")[1] == (
        "已设置 level = 县\n"
    )
    assert run(capsys, "--db", db, "settings", "set", "groups", "乡镇+园区")[0] == 0
    assert Store.open(db).settings() == {"level": "县", "groups": "town+park,department,county"}
    before = snapshot(db)
    line = refused(capsys, "--db", db, "settings", "set", "top_n", "0")
    assert line == "diaodu: top_n: 0 must be from 1 to 20"
    assert snapshot(db) == before


def test_a_bad_stored_setting_is_named(capsys, db: Path) -> None:
    Store.open(db).save_settings(percent_digits=2)
    meta = db / "meta.json"
    meta.write_text(meta.read_text("utf-8").replace('"percent_digits": 2', '"percent_digits": 5'))
    line = refused(capsys, "--db", db, "settings")
    assert str(meta) in line and "'percent_digits' cannot be 5" in line
