"""The quick way through a record's check never lets pass what the precise way refuses,
and every record diaodu writes takes the quick way (the spec in the codec's order)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from store import Store
from store.fields import FieldError
from store.records import FILES, Spec

ODD_VALUES: list[Any] = [
    None,
    "",
    " ",
    "x",
    "2026-09",
    "2026-9",
    "2026-13",
    "2026-11-22",
    "2026-11-22T09:30:00",
    "open",
    "present",
    "town",
    "amount",
    0,
    -1,
    1.5,
    float("nan"),
    float("inf"),
    True,
    [],
    ["x"],
    [1],
    {},
    {"a": "b"},
    {"a": 1},
    [{"status": "done", "on": "2026-11-12", "meeting": None, "note": ""}],
    [{"status": "done"}],
]


def specs() -> dict[str, Spec]:
    return {table: spec for tables in FILES.values() for table, spec in tables.items()}


def stored_docs(store: Store) -> dict[str, list[tuple[int, dict[str, Any], str]]]:
    """Every record of the demo folder, by table, with its number and file's stem."""
    found: dict[str, list[tuple[int, dict[str, Any], str]]] = {}
    for path in sorted(store.root.rglob("*.json")):
        for table, docs in json.loads(path.read_text("utf-8")).items():
            for key, doc in docs.items():
                found.setdefault(table, []).append((int(key), doc, path.stem))
    return found


def quick(spec: Spec, doc: dict[str, Any]) -> bool:
    """The quick way: true, false, or a FieldError from a field it calls the check of."""
    try:
        return spec.fields.quick(doc)
    except FieldError:
        return False


def passes(spec: Spec, doc: dict[str, Any]) -> bool:
    """The precise way, field by field (where a record belongs is checked on both ways)."""
    try:
        spec.fields.check(doc)
    except FieldError:
        return False
    return True


def test_every_record_diaodu_writes_takes_the_quick_way(demo_store: Store) -> None:
    demo_store.save_settings(warn_days=5, exports="/tmp/x")
    found = stored_docs(demo_store)
    assert set(found) == set(specs()), "a table without records in the demo"
    for table, docs in found.items():
        spec = specs()[table]
        for doc_id, doc, stem in docs:
            spec.check(doc_id, doc, stem)  # once: the dates and months it holds are known
            if table != "settings":  # only the settings one has made, in the order made
                assert quick(spec, doc), f"{table} {doc_id}: not in the spec's order?"


@pytest.mark.parametrize("table", sorted(specs()))
def test_the_quick_way_never_passes_what_the_precise_way_refuses(
    demo_store: Store, table: str
) -> None:
    demo_store.save_settings(warn_days=5)
    spec = specs()[table]
    _, doc, _ = stored_docs(demo_store)[table][0]
    for field in spec.fields.fields:
        for value in ODD_VALUES:
            odd = {**doc, field: value}
            if quick(spec, odd):
                assert passes(spec, odd), f"{table}.{field} = {value!r}"
