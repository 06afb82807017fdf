"""Metric definitions on disk: old records still read, a damaged file is never overwritten,
schema 1 folders upgrade. (Round trips, and a metric with data never dropped, are the
contract's: tests/store/test_contract.py.)"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from agenda.metrics import MetricKind, RateSource, Reading, default_metrics
from agenda.periods import Period
from store import Store, StoreError
from store.codec import metric_doc, metric_from
from store.schema import SCHEMA_VERSION

TODAY = date(2026, 11, 22)


def snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*.json"))}


def test_a_record_written_before_rates_were_formed_still_reads() -> None:
    old = {
        "key": "start_rate",
        "label_zh": "开工率",
        "label_en": "Start rate",
        "measure": "%",
        "kind": "rate",
        "higher_is_better": True,
        "per": None,
    }
    metric = metric_from(old)
    assert (metric.kind, metric.source, metric.aliases, metric.active) == (
        MetricKind.RATE,
        RateSource.REPORTED,
        (),
        True,
    )


@pytest.mark.parametrize(
    "change",
    [{"aliases": "实际利用外资"}, {"source": "guess"}, {"label_zh": 3}, {"source": "ratio"}],
)
def test_a_bad_record_is_an_error_the_store_names(change: dict) -> None:
    doc = {**metric_doc(default_metrics()[0]), **change}
    with pytest.raises((KeyError, ValueError, TypeError)):
        metric_from(doc)


def test_a_damaged_metrics_file_is_never_overwritten(store: Store) -> None:
    store.save_metrics(default_metrics())
    path = store.root / "metrics.json"
    path.write_bytes(path.read_bytes()[:40])
    before = snapshot(store.root)
    again = Store.open(store.root)
    with pytest.raises(StoreError) as caught:
        again.save_metrics(default_metrics())
    assert str(path) in str(caught.value) and "is damaged" in str(caught.value)
    assert snapshot(store.root) == before


def schema_1_folder(root: Path, *, metrics: bool) -> None:
    """A data folder as schema 1 wrote it: no rates, the built-in metrics unless stored."""
    store = Store.open(root, clock=lambda: TODAY)
    store.save_readings([Reading("u001", "start_rate", Period(2026, 10), 72.5)])
    if metrics:
        doc = {
            "key": "visits",
            "label_zh": "走访",
            "label_en": "Visits",
            "measure": "次",
            "kind": "amount",
            "higher_is_better": True,
            "per": None,
        }
        (root / "metrics.json").write_text(
            json.dumps({"metrics": {"1": doc}}, ensure_ascii=False), "utf-8"
        )
    store.close()
    meta = json.loads((root / "meta.json").read_text("utf-8"))
    meta["meta"]["1"]["schema"] = 1
    (root / "meta.json").write_text(json.dumps(meta), "utf-8")


def test_a_schema_1_folder_keeps_the_metrics_it_read(tmp_path: Path) -> None:
    root = tmp_path / "district"
    schema_1_folder(root, metrics=False)
    store = Store.open(root, clock=lambda: TODAY)
    # Its 开工率 was typed in: it stays a reported rate, and its readings mean what they did.
    metrics = store.metrics()
    rate = next(m for m in metrics if m.key == "start_rate")
    assert (rate.kind, rate.source) == (MetricKind.RATE, RateSource.REPORTED)
    assert [m.key for m in metrics] == [
        "signed_projects",
        "signed_amount",
        "negotiating",
        "started_projects",
        "funds_in_place",
        "foreign_capital",
        "start_rate",
    ]
    meta = json.loads((root / "meta.json").read_text("utf-8"))
    assert meta["meta"]["1"]["schema"] == SCHEMA_VERSION  # 2, and on to the current one
    assert (tmp_path / "district.schema1.backup" / "meta.json").exists()


def test_a_schema_1_folder_with_its_own_metrics_keeps_them(tmp_path: Path) -> None:
    root = tmp_path / "district"
    schema_1_folder(root, metrics=True)
    assert [m.key for m in Store.open(root).metrics()] == ["visits"]
