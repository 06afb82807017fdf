"""`diaodu minutes`, `diaodu bulletin`, `diaodu commitments`: the files the office hands out,
from a data folder and from a district on a server alike."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl
import pytest

import app
from store import Store
from tests.backends import BACKENDS
from tests.conftest import NOW


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo district, in a folder or on a server (seeded once per worker: these
    commands only read)."""
    monkeypatch.setattr(app, "CLOCK", lambda: NOW)
    monkeypatch.setenv("DIAODU_LANG", "zh")  # the office's language, whatever the locale
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_demo_url"))
    demo_store: Store = request.getfixturevalue("demo_store")
    demo_store.close()
    return str(demo_store.root)


@pytest.fixture
def own_db(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> str:
    """A demo folder of the test's own, for a test that changes a setting (the server's
    demo district is shared by the tests that only read)."""
    monkeypatch.setattr(app, "CLOCK", lambda: NOW)
    monkeypatch.setenv("DIAODU_LANG", "zh")
    demo_store.close()
    return str(demo_store.root)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = app.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_minutes_as_markdown_on_stdout(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db, "minutes", "2026-09.1")
    assert (code, err) == (0, "")
    assert out.startswith("# 2026年第10次招商引资调度会会议纪要\n")
    assert "上述任务共10项，其中已完成7项（" in out
    # `last` is the latest meeting; --lang overrides the template's language.
    assert run(capsys, "--db", db, "--lang", "en", "minutes", "last")[1].startswith(
        "# Minutes of the Investment promotion dispatch meeting, No. 10 of 2026\n"
    )


def test_minutes_as_word(own_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = own_db
    assert run(capsys, "--db", db, "settings", "set", "district", "楼区")[0] == 0
    target = tmp_path / "out" / "纪要.docx"
    code, out, _ = run(capsys, "--db", db, "minutes", "2026-08.1", "-o", target)
    assert (code, out) == (0, f"已写入 {target}\n")  # in the user's language (DIAODU_LANG)
    word = docx.Document(str(target))
    assert word.paragraphs[0].text == "楼区2026年第9次招商引资调度会会议纪要"
    assert word.paragraphs[0].style is not None and word.paragraphs[0].style.name == "Title"
    tasks = [p.text for p in word.paragraphs if p.text[:1].isdigit() and "．" in p.text[:4]]
    assert len(tasks) == 10


def test_bulletin_in_every_format(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "bulletin", "--period", "2026-10")
    assert code == 0 and out.startswith("# 关于2026年1-10月招商引资工作情况的通报\n")
    # Without --period: the latest month with readings, the same here.
    assert run(capsys, "--db", db, "bulletin")[1] == out

    xlsx = tmp_path / "通报.xlsx"
    assert run(capsys, "--db", db, "bulletin", "-o", xlsx)[0] == 0
    sheet = openpyxl.load_workbook(xlsx)["签约项目数"]
    assert sheet["A1"].value == "2026年10月招商引资工作通报（签约项目数）"
    row = [sheet["A3"].value, sheet["C3"].value, sheet["D3"].value, sheet["F3"].number_format]
    assert row == ["乡镇（街道）", "青石镇", 13, "0.00%"]
    word = tmp_path / "通报.docx"
    assert run(capsys, "--db", db, "bulletin", "--format", "docx", "-o", word)[0] == 0
    assert len(docx.Document(str(word)).tables) == 3 + 9

    code, text, _ = run(capsys, "--db", db, "--lang", "en", "bulletin", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["Metric", "Measure", "Group", "Rank", "Unit"]
    assert rows[1][:7] == [
        "Projects signed",
        "个",
        "Towns and sub-districts",
        "1",
        "青石镇",
        "13",
        "13",
    ]
    path = tmp_path / "b.csv"
    assert run(capsys, "--db", db, "bulletin", "-o", path)[0] == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_documents_follow_the_district_not_the_locale(
    own_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = own_db
    # A Chinese office on a machine set to English: the bulletin is still Chinese (the
    # district's agenda is), while what the command says follows the machine.
    monkeypatch.delenv("DIAODU_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, out, _ = run(capsys, "--db", db, "bulletin")
    assert code == 0 and out.startswith("# 关于2026年1-10月招商引资工作情况的通报\n")
    assert run(capsys, "--db", db, "talking-points")[1].startswith("在2026年第10次")
    # The district's language setting decides, and --lang over it.
    assert run(capsys, "--db", db, "settings", "set", "lang", "en")[0] == 0
    assert run(capsys, "--db", db, "bulletin")[1].startswith("# Investment promotion, January")
    assert run(capsys, "--db", db, "--lang", "zh", "bulletin")[1].startswith("# 关于2026年")


def test_talking_points(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db, "talking-points")
    assert (code, err) == (0, "")
    assert out.startswith("在2026年第10次招商引资调度会上的讲话要点\n\n一、肯定成绩\n2026年1-9月，")
    assert (
        "\n二、认清差距\n" in out
        and "\n三、下步安排\n下步，要重点抓好本次会议部署的24项任务：\n" in out
    )
    assert run(capsys, "--db", db, "talking-points", "2026-08.1")[1].startswith(
        "在2026年第9次招商引资调度会上的讲话要点\n"
    )
    target = tmp_path / "讲话要点.docx"
    assert run(capsys, "--db", db, "talking-points", "last", "-o", target)[0] == 0
    word = docx.Document(str(target))
    assert word.paragraphs[0].text == "在2026年第10次\n招商引资调度会上的讲话要点"
    markdown = run(capsys, "--db", db, "--lang", "en", "talking-points", "--format", "md")[1]
    assert markdown.startswith(
        "# Talking points for the Investment promotion dispatch meeting, No. 10 of 2026\n\n"
        "## 1. Achievements\n"
    )


def test_commitments_filtered(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "commitments", "--unit", "河口乡")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert [row[:2] for row in rows[1:]] == [
        ["2026年第7次", "第1项"],
        ["2026年第9次", "第9项"],
        ["2026年第10次", "第1项"],
    ]
    assert [row[11] for row in rows[1:]] == ["未完成", "未完成", "未办结"]

    path = tmp_path / "超期.xlsx"
    args = ["commitments", "--overdue", "--period", "2026-09", "-o", path]
    assert run(capsys, "--db", db, *args)[0] == 0
    sheet = openpyxl.load_workbook(path).active
    warnings = {row[12] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert warnings == {"红灯"} and sheet.max_row > 2

    code, out, _ = run(capsys, "--db", db, "commitments", "--status", "partial", "--format", "md")
    assert out.startswith("# 任务分解表\n") and out.count("| 部分完成 |") == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["minutes", "2026-01.1"],
            "no meeting '2026-01.1' (latest: 2026-07.1, 2026-07.2, 2026-08.1, 2026-09.1;",
        ),
        (["minutes", "last", "--format", "docx"], "--format docx is a binary file: give -o FILE"),
        (["bulletin", "-o", "x.pdf"], "x.pdf: say --format (md, docx, xlsx, csv)"),
        (["bulletin", "--period", "2026-13"], "2026-13: month must be 1 to 12"),
        (["commitments", "--unit", "火星镇"], "no unit '火星镇'"),
    ],
)
def test_mistakes_get_one_clear_line(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", db, "--lang", "en", *argv)
    assert (code, out) == (1, "")
    assert err.startswith(f"diaodu: {message}") and err.count("\n") == 1


def test_a_mistake_is_said_in_the_users_language(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db, "commitments", "--unit", "火星镇")  # DIAODU_LANG=zh
    assert (code, out, err) == (1, "", "diaodu: 没有单位「火星镇」\n")
    code, out, err = run(capsys, "--db", db, "bulletin", "--period", "2026-13")
    assert (code, out, err) == (1, "", "diaodu: 2026-13：月份应为1至12\n")


def test_a_bulletin_needs_readings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", tmp_path / "empty", "bulletin")
    assert code == 1
    assert err == "diaodu: no readings yet: import some first (diaodu readings import FILE)\n"
