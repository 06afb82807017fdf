"""A folder written by a newer diaodu is not touched at all, not even its temp files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Store
from store.errors import StoreError


def test_newer_schema_keeps_even_its_temp_files(tmp_path: Path) -> None:
    root = tmp_path / "newer"
    Store.open(root).close()
    (root / "meta.json").write_text(json.dumps({"meta": {"1": {"schema": 99}}}), "utf-8")
    temp = root / "units.json.tmp-123-abcd"  # what a newer writer may have in flight
    temp.write_text("{}", "utf-8")
    with pytest.raises(StoreError):
        Store.open(root)
    assert temp.exists()
