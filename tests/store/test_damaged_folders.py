"""Every kind of damage to every kind of file, under every read: never a traceback.

A demo folder is damaged one way at a time (truncated, not JSON, the wrong shape, a field
missing, of the wrong type or value, a field diaodu does not know, a stray file, a folder
in a file's place, bytes that are not UTF-8) in each kind of file, and every read command
is run on it, and the reads the app's home does. Each read either refuses, exit 1, with a
line naming the damaged file; or, when the damage is in something it does not read,
gives exactly what it gives on the undamaged folder. No byte of the folder changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import app
from agenda.demo import build_demo
from store import Store, StoreError
from store.seed import seed
from tests.conftest import NOW, TODAY

FILES = {
    "meta": "meta.json",
    "units": "units.json",
    "metrics": "metrics.json",
    "targets": "targets.json",
    "readings": "readings/2026.json",
    "period": "periods/2026-09.json",
    "archive": "archive/2026-08.json",
    "lock": ".lock",
}
COMMANDS = (
    ("minutes", "last"),
    ("bulletin",),
    ("commitments",),
    ("commitments", "--overdue"),
)
Edit = Callable[[dict[str, Any]], None]


def first(data: dict[str, Any], table: str) -> dict[str, Any]:
    record: dict[str, Any] = next(iter(data[table].values()))
    return record


def in_record(table: str, change: Callable[[dict[str, Any]], object]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        change(first(data, table))

    return edit


def setting(field: str, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda record: record.__setitem__(field, value)


def dropping(field: str) -> Callable[[dict[str, Any]], object]:
    return lambda record: record.pop(field)


# Per kind of file: its main table, and the record edits that break it.
RECORD_EDITS: dict[str, tuple[str, dict[str, Callable[[dict[str, Any]], object]]]] = {
    "meta": ("meta", {"missing key": dropping("schema"), "wrong type": setting("schema", "1")}),
    "units": (
        "units",
        {
            "missing key": dropping("name"),
            "wrong type": setting("name", 42),
            "unknown enum": setting("kind", "village"),
            "unknown field": setting("nmae", "城关镇"),
        },
    ),
    "metrics": (
        "metrics",
        {
            "missing key": dropping("label_zh"),
            "wrong type": setting("higher_is_better", "yes"),
            "unknown enum": setting("kind", "bogus"),
            "unknown field": setting("lable_zh", "签约"),
        },
    ),
    "targets": (
        "targets",
        {
            "missing key": dropping("value"),
            "wrong type": setting("year", "2025"),
            "unknown field": setting("note", ""),
        },
    ),
    "readings": (
        "readings",
        {
            "missing key": dropping("period"),
            "wrong type": setting("value", "12,5"),
            "unknown enum": setting("period", "2026-13"),
            "unknown field": setting("source", "x.csv"),
        },
    ),
    "period": (
        "meetings",
        {
            "missing key": dropping("date"),
            "wrong type": setting("attendance", []),
            "unknown enum": setting("state", "paused"),
            "unknown field": setting("room", "三楼"),
        },
    ),
    "archive": (
        "commitments",
        {
            "missing key": dropping("due"),
            "wrong type": setting("history", {}),
            "unknown enum": setting("status", "finished"),
            "unknown field": setting("remark", ""),
        },
    ),
}


def edit_json(path: Path, edit: Edit) -> None:
    data = json.loads(path.read_text("utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def wrong_shape(kind: str) -> Edit:
    table = RECORD_EDITS[kind][0]
    return lambda data: data.__setitem__(table, list(data[table].values()))


def not_utf8(path: Path) -> None:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    if text.isascii():  # no Chinese to save as GBK: a stray byte in a value
        path.write_bytes(raw.replace(b'": "', b'": "\xff', 1))
    else:  # saved again by an editor set to GBK
        path.write_bytes(text.encode("gb18030"))


def folder_in_place(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "备份.txt").write_text("x", "utf-8")


def stray(path: Path) -> Path:
    """A copy as Windows Explorer names it, beside the file."""
    copy = path.with_name(f"{path.stem} - 副本{path.suffix}")
    shutil.copyfile(path, copy)
    return copy


def mutations() -> list[tuple[str, str]]:
    cases = []
    for kind in FILES:
        generic = ["truncate", "invalid json", "non-utf8", "folder in place", "stray file"]
        if kind != "lock":
            generic.append("wrong shape")
            generic.extend(RECORD_EDITS[kind][1])
        cases.extend((kind, how) for how in generic)
    return cases


def damage(root: Path, kind: str, how: str) -> Path:
    """Damage the file; return the path a refusal must name."""
    path = root / FILES[kind]
    if how == "truncate":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "invalid json":  # a comma lost between two records, by hand; or one too many
        raw = path.read_bytes()
        path.write_bytes(raw.replace(b",\n", b"\n", 1) if b",\n" in raw else raw + b",")
    elif how == "non-utf8":
        not_utf8(path) if kind != "lock" else path.write_bytes(b"\xff\xfe")
    elif how == "folder in place":
        folder_in_place(path)
    elif how == "stray file":
        return stray(path)
    elif how == "wrong shape":
        edit_json(path, wrong_shape(kind))
    else:
        table, edits = RECORD_EDITS[kind]
        edit_json(path, in_record(table, edits[how]))
    return path


def fingerprint(root: Path) -> dict[str, str]:
    """Every file's bytes and every folder, by path."""
    return {
        str(path.relative_to(root)): (
            "folder" if path.is_dir() else hashlib.blake2b(path.read_bytes()).hexdigest()
        )
        for path in sorted(root.rglob("*"))
    }


def home_reads(root: Path) -> str:
    """What the app's home reads to draw itself, as text to compare."""
    store = Store.open(root, clock=lambda: TODAY)
    try:
        latest = store.latest_reading_period()
        seen: list[object] = [
            store.settings(),
            store.units(),
            store.metrics(),
            store.meetings(include_archive=1),
            store.commitments(),
            latest,
        ]
        if latest is not None:
            figures = store.figures(latest)
            seen += [store.targets(latest.year), sorted(figures._readings.items())]
        return repr(seen)
    finally:
        store.close()


def run(root: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = app.main(["--db", str(root), "--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("damaged") / "demo"
    store = Store.open(root, clock=lambda: TODAY)
    seed(store, build_demo(TODAY))
    store.close()
    assert set(FILES.values()) <= {str(p.relative_to(root)) for p in root.rglob("*")}
    return root


@pytest.fixture(scope="module")
def undamaged(demo_folder: Path) -> dict[tuple[str, ...], str]:
    """What each read gives on the demo folder as it is."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app, "CLOCK", lambda: NOW)
        outputs: dict[tuple[str, ...], str] = {("home",): home_reads(demo_folder)}
        for argv in COMMANDS:
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                assert app.main(["--db", str(demo_folder), "--lang", "en", *argv]) == 0
            outputs[argv] = printed.getvalue()
    return outputs


@pytest.mark.parametrize(("kind", "how"), mutations())
def test_a_damaged_folder_is_refused_by_name_and_never_changed(
    kind: str,
    how: str,
    demo_folder: Path,
    undamaged: dict[tuple[str, ...], str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app, "CLOCK", lambda: NOW)
    root = tmp_path / "district"
    shutil.copytree(demo_folder, root)
    named = damage(root, kind, how)
    before = fingerprint(root)

    refused, said = [], []
    for argv in COMMANDS:
        code, out, err = run(root, capsys, *argv)
        if code == 0:
            assert out == undamaged[argv], f"{argv}: read the damage as data"
        else:
            assert code == 1 and out == ""
            assert str(named) in err, f"{argv}: the damaged file is not named: {err}"
            assert err.count("\n") == 1 and "Traceback" not in err
            refused.append(argv)
        said.append(err)
    try:
        assert home_reads(root) == undamaged[("home",)]
    except StoreError as error:
        assert str(named) in str(error)
        assert str(named) in error.words("zh")
        refused.append(("home",))

    assert fingerprint(root) == before, "a read changed the folder"
    if how == "stray file" or (kind == "lock" and how != "folder in place"):
        # Not ours, or never read: left alone. A stray in a folder of months is named.
        assert not refused
        if named.parent != root:
            assert any(str(named) in err for err in said)
    else:
        assert refused, "the damage went unnoticed by every read"
