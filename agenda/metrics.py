"""Metrics: the figures a district tracks, annual targets and monthly year-to-date readings.

An amount (签约项目数, 到位资金) is reported by each unit as a year-to-date figure and summed
across units. A rate is a percentage, never summed or averaged, formed in one of three ways:

- `ratio`: numerator ÷ denominator, two amount metrics (开工率 = 开工项目 ÷ 签约项目数); a
  unit's rate and the district's come from the sums of the two;
- `review`: the review's own counts, commitments done on time ÷ due (履约率);
- `reported`: each unit reports its percentage; nothing forms a district figure from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from agenda import yamlfile
from agenda.errors import InputError, RuleError
from agenda.periods import Period

MEASURES = ("个", "亿元", "万元", "万美元", "%", "家", "人", "平方米")


class MetricKind(StrEnum):
    AMOUNT = "amount"  # cumulative, summed across units (签约项目数, 到位资金)
    RATE = "rate"  # a percentage, never summed (开工率)


class RateSource(StrEnum):
    """Where a metric's figure comes from (an amount is always reported)."""

    REPORTED = "reported"  # each unit reports it
    RATIO = "ratio"  # numerator ÷ denominator of two amounts, summed before dividing
    REVIEW = "review"  # commitments done on time ÷ due (履约率), from the review


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
    source: RateSource = RateSource.REPORTED
    numerator: str | None = None  # a ratio's two amount metrics
    denominator: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)  # 实际利用外资 = 实际使用外资
    active: bool = True  # a retired metric keeps its readings but is no longer shown

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    @property
    def summable(self) -> bool:
        return self.kind is MetricKind.AMOUNT

    @property
    def is_rate(self) -> bool:
        return self.kind is MetricKind.RATE

    @property
    def reported(self) -> bool:
        """Units report it (an import may carry it); a ratio or the review's rate is worked
        out, never typed in."""
        return self.source is RateSource.REPORTED

    @property
    def formed(self) -> bool:
        """A rate formed from two sums: its district figure is Σnumerator ÷ Σdenominator."""
        return self.source in (RateSource.RATIO, RateSource.REVIEW)

    def names(self) -> tuple[str, ...]:
        """Every name a column header may use for it."""
        return (self.key, self.label_zh, self.label_en, *self.aliases)


@dataclass(frozen=True)
class Target:
    """年度任务: the annual target of one unit on one metric (a rate's: in percent)."""

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


FIELDS = (
    "key",
    "label",
    "measure",
    "kind",
    "higher_is_better",
    "per",
    "source",
    "numerator",
    "denominator",
    "aliases",
    "retired",
)


def load_metrics(path: Path | str, text: str | None = None) -> list[Metric]:
    """Read metric definitions from YAML; refuse a malformed file with line and field."""
    root = yamlfile.load(path, text)
    fields = yamlfile.Fields(root, ("metrics",))
    nodes = fields.required("metrics").sequence()
    metrics: list[Metric] = []
    for node in nodes:
        metrics.append(_metric(node, metrics))
    if not metrics:
        raise InputError("metrics.none", source=str(path))
    by_key = {metric.key: metric for metric in metrics}
    for metric, node in zip(metrics, nodes, strict=True):
        _check_references(metric, node, by_key)
    return metrics


def _metric(node: yamlfile.Node, before: list[Metric]) -> Metric:
    item = yamlfile.Fields(node, FIELDS)
    key_node = item.required("key")
    key = key_node.text()
    if any(metric.key == key for metric in before):
        raise _error(key_node, "metrics.defined_twice", metric=key)
    label = yamlfile.labels(item.required("label"))
    kind_node, source_node = item.optional("kind"), item.optional("source")
    kind = MetricKind(kind_node.choice(tuple(MetricKind))) if kind_node else MetricKind.AMOUNT
    numerator, denominator = _text(item, "numerator"), _text(item, "denominator")
    if source_node:
        source = RateSource(source_node.choice(tuple(RateSource)))
    else:
        source = RateSource.RATIO if numerator or denominator else RateSource.REPORTED
    if kind is MetricKind.AMOUNT and (source is not RateSource.REPORTED):
        raise _error(source_node or node, "metrics.amount_formed", metric=key)
    if source is RateSource.RATIO and not (numerator and denominator):
        raise _error(node, "metrics.ratio_half", metric=key)
    if source is not RateSource.RATIO and (numerator or denominator):
        raise _error(node, "metrics.ratio_not_ratio", metric=key)
    aliases_node, retired_node = item.optional("aliases"), item.optional("retired")
    aliases = tuple(alias.text() for alias in aliases_node.sequence()) if aliases_node else ()
    measure_node, better_node = item.optional("measure"), item.optional("higher_is_better")
    default_measure = "%" if kind is MetricKind.RATE else "个"
    metric = Metric(
        key=key,
        label_zh=label["zh"],
        label_en=label["en"],
        measure=measure_node.text() if measure_node else default_measure,
        kind=kind,
        higher_is_better=better_node.boolean() if better_node else True,
        per=_text(item, "per"),
        source=source,
        numerator=numerator,
        denominator=denominator,
        aliases=aliases,
        active=not retired_node.boolean() if retired_node else True,
    )
    if metric.is_rate and metric.measure != "%":
        raise _error(measure_node or node, "metrics.rate_measure", metric=key)
    taken = _name_clash(metric, before)
    if taken is not None:
        raise _error(aliases_node or node, "metrics.name_taken", name=taken[0], other=taken[1])
    return metric


def _text(item: yamlfile.Fields, name: str) -> str | None:
    node = item.optional(name)
    return node.text() if node else None


def _name_clash(metric: Metric, before: list[Metric]) -> tuple[str, str] | None:
    """A name (label or alias) of `metric` that an earlier metric already answers to."""
    for other in before:
        for name in metric.names()[1:]:
            if name in other.names():
                return name, other.key
    return None


def _check_references(metric: Metric, node: yamlfile.Node, by_key: dict[str, Metric]) -> None:
    if metric.per is not None and metric.per not in by_key:
        raise _error(node, "metrics.unknown_per", name=metric.per)
    for part in (metric.numerator, metric.denominator):
        if part is None:
            continue
        other = by_key.get(part)
        if other is None:
            raise _error(node, "metrics.unknown_part", name=part, known=", ".join(by_key))
        if not other.summable:
            raise _error(node, "metrics.part_not_amount", name=part)
    numerator, denominator = (
        by_key.get(metric.numerator or ""),
        by_key.get(metric.denominator or ""),
    )
    if numerator and denominator and numerator.measure != denominator.measure:
        raise _error(
            node,
            "metrics.part_measures",
            numerator=f"{numerator.key} ({numerator.measure})",
            denominator=f"{denominator.key} ({denominator.measure})",
        )


def _error(node: yamlfile.Node, code: str, **params: Any) -> InputError:
    """An error at `node`: the file, its line, and its path ("metrics[2].key") said first."""
    return node.error(code, **params)


def dump_metrics(metrics: Iterable[Metric]) -> str:
    """The metrics as YAML in the form `load_metrics` reads: edit it and import it back."""
    import yaml

    items = []
    for metric in metrics:
        item: dict[str, object] = {
            "key": metric.key,
            "label": {"zh": metric.label_zh, "en": metric.label_en},
            "measure": metric.measure,
        }
        if metric.kind is not MetricKind.AMOUNT:
            item["kind"] = metric.kind.value
        if metric.source is RateSource.REVIEW:
            item["source"] = metric.source.value
        for name in ("numerator", "denominator", "per"):
            if getattr(metric, name):
                item[name] = getattr(metric, name)
        if not metric.higher_is_better:
            item["higher_is_better"] = False
        if metric.aliases:
            item["aliases"] = list(metric.aliases)
        if not metric.active:
            item["retired"] = True
        items.append(item)
    body = yaml.safe_dump(
        {"metrics": items}, allow_unicode=True, sort_keys=False, default_flow_style=None
    )
    return HEADER + body


HEADER = """\
# diaodu metrics: edit and import back with `diaodu metrics import FILE`.
# kind: amount (year to date, summed across units) or rate (a percentage, never summed).
# A rate is numerator ÷ denominator (two amounts, summed before dividing), or
# source: review (commitments done on time ÷ due), or else each unit reports it.
# aliases: other names a column may use. retired: true keeps the history, hides the metric.
# A metric with readings or targets cannot be left out: retire it instead.
"""


def default_metrics() -> list[Metric]:
    """The usual 招商引资 set, shipped with the app."""
    return list(_shipped_metrics())


@cache
def _shipped_metrics() -> tuple[Metric, ...]:
    """Read once: the store asks for it at every open and seeding (metrics are frozen)."""
    resource = resources.files("agenda") / "data" / "metrics.yaml"
    return tuple(load_metrics("agenda/data/metrics.yaml", resource.read_text(encoding="utf-8")))


def active_metrics(metrics: Iterable[Metric]) -> list[Metric]:
    """The metrics shown on the scorecard and in the bulletin: not the retired ones."""
    return [metric for metric in metrics if metric.active]


def metric_by_key(metrics: list[Metric], key: str) -> Metric | None:
    for metric in metrics:
        if metric.key == key:
            return metric
    return None


def find_metric(metrics: list[Metric], name: str) -> Metric | None:
    """Match a column header to a metric: its key, its Chinese or English label, or one of
    its aliases, as a unit is matched by its name or an alias."""
    name = name.strip()
    for metric in metrics:
        if name in metric.names():
            return metric
    # Headers often carry the measure: "签约金额(亿元)" or "签约金额（亿元）".
    bare = name.replace("（", "(").split("(")[0].strip()
    if bare != name:
        return find_metric(metrics, bare)
    return None


def known_names(metrics: Iterable[Metric], lang: str = "zh") -> str:
    """The metrics a file may name, for an error about one it does not know:
    "签约项目数、签约金额、到位资金" (the reported ones: a worked-out rate is never imported)."""
    names = [metric.label(lang) for metric in metrics if metric.reported and metric.active]
    return ("、" if lang == "zh" else ", ").join(names)


def replacement_refusal(new: Iterable[Metric], in_use: Iterable[str]) -> RuleError | None:
    """Why a new set of definitions may not replace the current one, or None.

    A metric that has readings or targets is never dropped: its history would vanish
    from every scorecard (the next bulletin would call every unit 白卷). Retire it.
    """
    keys = {metric.key for metric in new}
    missing = sorted(set(in_use) - keys)
    if missing:
        return RuleError("metrics.drop_in_use", metrics=Keys(missing), count=len(missing))
    return None


class Keys:
    """Metric keys named in a message, every one: the catalog cuts a text parameter at 60
    characters (for values typed by users), and a refusal must name each metric it means.
    Keys come from the district's own definitions, so there are a few dozen at most."""

    LIMIT = 40

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = list(keys)

    def __format__(self, spec: str) -> str:
        shown = ", ".join(self.keys[: self.LIMIT])
        return shown + (", ..." if len(self.keys) > self.LIMIT else "")

    def __str__(self) -> str:
        return format(self)
