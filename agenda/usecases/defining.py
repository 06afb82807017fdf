"""What a district defines once and changes rarely: its metrics and its settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agenda.metrics import Metric, dump_metrics, load_metrics
from agenda.settings import Settings, parse_setting
from agenda.usecases.district import District


@dataclass(frozen=True)
class MetricFacts:
    metric: Metric
    parts: tuple[Metric | None, Metric | None]  # a rate's numerator and denominator
    in_use: bool  # readings or targets refer to it: it can be retired, never dropped


def metric_facts(district: District) -> list[MetricFacts]:
    store = district.store
    metrics = store.metrics()
    by_key = {metric.key: metric for metric in metrics}
    in_use = {reading.metric for reading in store.readings(store.reading_years())}
    in_use |= {target.metric for target in store.targets()}
    return [
        MetricFacts(
            metric,
            (by_key.get(metric.numerator or ""), by_key.get(metric.denominator or "")),
            metric.key in in_use,
        )
        for metric in metrics
    ]


def import_metrics(district: District, path: Path) -> list[Metric]:
    """Replace the metric set from YAML (refused, naming it, if a metric with data is left
    out: it must be retired instead)."""
    metrics = load_metrics(path)
    district.store.save_metrics(metrics)
    return metrics


def export_metrics(district: District) -> str:
    """The metric set as YAML, to edit and import back."""
    return dump_metrics(district.store.metrics())


def change_setting(district: District, key: str, text: str) -> Any:
    """Set one setting from what was typed, checked first; returns the value stored."""
    value = parse_setting(key, text)
    district.store.save_settings(**{key: value})
    return value


def settings(district: District) -> Settings:
    """Checked: a bad stored value is refused naming the setting and where it is kept."""
    return district.settings()
