"""Metrics: the figures a district tracks, annual targets and monthly year-to-date readings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path

from agenda import yamlfile
from agenda.errors import InputError
from agenda.periods import Period

MEASURES = ("个", "亿元", "万元", "万美元", "%", "家", "人", "平方米")


class MetricKind(StrEnum):
    AMOUNT = "amount"  # cumulative, summed across units (签约项目数, 到位资金)
    RATE = "rate"  # a ratio, never summed (开工率)


@dataclass(frozen=True)
class Metric:
    key: str
    label_zh: str
    label_en: str
    measure: str = "个"
    kind: MetricKind = MetricKind.AMOUNT
    higher_is_better: bool = True
    # For an amount: the count it is averaged over (签约金额 ÷ 签约项目数 = 项目均额).
    per: str | None = None

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    @property
    def summable(self) -> bool:
        return self.kind is MetricKind.AMOUNT


@dataclass(frozen=True)
class Target:
    """年度任务: the annual target of one unit on one metric."""

    unit_id: str
    metric: str
    year: int
    value: float


@dataclass(frozen=True)
class Reading:
    """The year-to-date value a unit reported for one metric at the end of one month."""

    unit_id: str
    metric: str
    period: Period
    value: float


def load_metrics(path: Path | str, text: str | None = None) -> list[Metric]:
    """Read metric definitions from YAML; refuse a malformed file with line and field."""
    root = yamlfile.load(path, text)
    fields = yamlfile.Fields(root, ("metrics",))
    metrics: list[Metric] = []
    seen: set[str] = set()
    for node in fields.required("metrics").sequence():
        item = yamlfile.Fields(node, ("key", "label", "measure", "kind", "higher_is_better", "per"))
        key_node = item.required("key")
        key = key_node.text()
        if key in seen:
            raise key_node.error(f"metric {key!r} is defined twice")
        seen.add(key)
        label = yamlfile.labels(item.required("label"))
        measure_node = item.optional("measure")
        kind_node = item.optional("kind")
        better_node = item.optional("higher_is_better")
        per_node = item.optional("per")
        metrics.append(
            Metric(
                key=key,
                label_zh=label["zh"],
                label_en=label["en"],
                measure=measure_node.text() if measure_node else "个",
                kind=MetricKind(kind_node.choice(("amount", "rate")))
                if kind_node
                else MetricKind.AMOUNT,
                higher_is_better=better_node.boolean() if better_node else True,
                per=per_node.text() if per_node else None,
            )
        )
    for metric, node in zip(metrics, fields.required("metrics").sequence(), strict=True):
        if metric.per is not None and metric.per not in seen:
            raise node.error(f"per: {metric.per!r} is not a metric defined in this file")
    if not metrics:
        raise InputError("defines no metrics", source=str(path))
    return metrics


def default_metrics() -> list[Metric]:
    """The usual 招商引资 set, shipped with the app."""
    resource = resources.files("agenda") / "data" / "metrics.yaml"
    return load_metrics("agenda/data/metrics.yaml", resource.read_text(encoding="utf-8"))


def metric_by_key(metrics: list[Metric], key: str) -> Metric | None:
    for metric in metrics:
        if metric.key == key:
            return metric
    return None


def find_metric(metrics: list[Metric], name: str) -> Metric | None:
    """Match a column header to a metric: its key, its Chinese or its English label."""
    name = name.strip()
    for metric in metrics:
        if name in (metric.key, metric.label_zh, metric.label_en):
            return metric
    # Headers often carry the measure: "签约金额(亿元)" or "签约金额（亿元）".
    bare = name.replace("（", "(").split("(")[0].strip()
    if bare != name:
        return find_metric(metrics, bare)
    return None
