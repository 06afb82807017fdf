"""Metric definitions: the shipped set, the user's YAML, and headers matched to metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.errors import InputError, RuleError
from agenda.metrics import (
    Metric,
    MetricKind,
    RateSource,
    default_metrics,
    dump_metrics,
    find_metric,
    known_names,
    load_metrics,
    metric_by_key,
    replacement_refusal,
)

GOOD = """\
metrics:
  - key: signed_projects
    label: {zh: 签约项目数, en: Projects signed}
  - key: signed_amount
    label: {zh: 签约金额, en: Amount signed}
    measure: 亿元
    per: signed_projects
  - key: start_rate
    label: 开工率
    measure: "%"
    kind: rate
    higher_is_better: false
"""


def refusal(tmp_path: Path, text: str) -> InputError:
    path = tmp_path / "metrics.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_metrics(path)
    assert str(path) in str(caught.value), "the message must name the file"
    return caught.value


def test_the_default_set_is_the_usual_zhaoshang_figures() -> None:
    metrics = default_metrics()
    keys = [metric.key for metric in metrics]
    assert keys[:2] == ["signed_projects", "signed_amount"]
    assert len(keys) == len(set(keys))
    amount = metric_by_key(metrics, "signed_amount")
    assert amount is not None
    assert (amount.label("zh"), amount.label("en"), amount.measure) == (
        "签约金额",
        "Amount signed",
        "亿元",
    )
    assert amount.per == "signed_projects"
    rate = metric_by_key(metrics, "start_rate")
    assert rate is not None and rate.kind is MetricKind.RATE and not rate.summable
    assert (rate.source, rate.numerator, rate.denominator) == (
        RateSource.RATIO,
        "started_projects",
        "signed_projects",
    )
    funds = metric_by_key(metrics, "funds_rate")
    assert funds is not None and (funds.numerator, funds.denominator) == (
        "funds_in_place",
        "signed_amount",
    )
    fulfilment = metric_by_key(metrics, "fulfilment")
    assert fulfilment is not None and fulfilment.source is RateSource.REVIEW
    assert not fulfilment.reported and fulfilment.formed
    assert metric_by_key(metrics, "nope") is None


def test_a_good_file_loads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(GOOD, encoding="utf-8")
    projects, amount, rate = load_metrics(path)
    assert (projects.measure, projects.kind, projects.higher_is_better) == (
        "个",
        MetricKind.AMOUNT,
        True,
    )
    assert projects.summable
    assert amount.per == "signed_projects"
    assert (rate.label_zh, rate.label_en) == ("开工率", "开工率")
    assert rate.kind is MetricKind.RATE
    assert rate.higher_is_better is False


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("kind: rate", "kind: ratio", 11, "metrics[2].kind: 'ratio' is not one of amount, rate"),
        (
            "higher_is_better: false",
            "higher_is_better: maybe",
            12,
            "metrics[2].higher_is_better: must be true or false, not 'maybe'",
        ),
        (
            "  - key: start_rate",
            "  - key: signed_projects",
            8,
            "metrics[2].key: metric signed_projects is defined twice",
        ),
        (
            "per: signed_projects",
            "per: projects",
            4,
            "metrics[1]: per: projects is not a metric defined in this file",
        ),
        ("measure: 亿元", "mesure: 亿元", 6, "metrics[1].mesure: unknown field"),
        (
            "    label: {zh: 签约金额, en: Amount signed}\n",
            "",
            4,
            "metrics[1]: missing field 'label'",
        ),
        ("  - key: signed_projects\n", "  - key: \n", 2, "metrics[0].key: must not be empty"),
        (
            "  - key: signed_projects\n",
            "  - key: !!python/name:os.system x\n",
            2,
            "metrics[0].key: cannot read this value: could not determine a constructor",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    assert old in GOOD
    error = refusal(tmp_path, GOOD.replace(old, new, 1))
    assert expected in str(error)
    assert error.line == line


def test_a_file_without_metrics_is_refused(tmp_path: Path) -> None:
    assert "metrics: expected a list" in str(refusal(tmp_path, "metrics:\n"))
    assert "defines no metrics" in str(refusal(tmp_path, "metrics: []\n"))
    assert "missing field 'metrics'" in str(refusal(tmp_path, "{}\n"))
    assert "other: unknown field" in str(refusal(tmp_path, "metrics: []\nother: 1\n"))


def test_headers_match_key_labels_and_labels_with_their_measure() -> None:
    metrics = default_metrics()
    for header in (
        "signed_amount",
        "签约金额",
        "Amount signed",
        "签约金额(亿元)",
        "签约金额（亿元）",
    ):
        found = find_metric(metrics, f" {header} ")
        assert found is not None and found.key == "signed_amount", header
    assert find_metric(metrics, "签约") is None
    assert find_metric(metrics, "备注(说明)") is None


RATES = """\
metrics:
  - key: signed
    label: {zh: 签约项目数, en: Projects signed}
  - key: started
    label: {zh: 开工项目, en: Projects started}
    aliases: [开工项目数, 新开工项目]
  - key: start_rate
    label: {zh: 开工率, en: Start rate}
    kind: rate
    numerator: started
    denominator: signed
  - key: fulfilment
    label: {zh: 履约率, en: Fulfilment}
    kind: rate
    source: review
  - key: satisfaction
    label: 满意度
    kind: rate
  - key: stalled
    label: {zh: 停缓建项目, en: Stalled projects}
    higher_is_better: false
    retired: true
"""


def test_rates_formed_three_ways(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(RATES, encoding="utf-8")
    signed, started, rate, fulfilment, satisfaction, stalled = load_metrics(path)
    assert (rate.source, rate.measure, rate.formed) == (RateSource.RATIO, "%", True)
    assert (fulfilment.source, fulfilment.formed) == (RateSource.REVIEW, True)
    assert (satisfaction.source, satisfaction.formed, satisfaction.reported) == (
        RateSource.REPORTED,
        False,
        True,
    )
    assert started.aliases == ("开工项目数", "新开工项目")
    assert not stalled.active and not stalled.higher_is_better
    assert signed.active and signed.reported


def test_export_and_import_back_give_the_same_metrics(tmp_path: Path) -> None:
    for metrics in (default_metrics(), load_metrics("rates.yaml", RATES)):
        text = dump_metrics(metrics)
        assert text.startswith("# diaodu metrics")
        assert load_metrics("exported.yaml", text) == metrics


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    denominator: signed\n", "", "the ratio start_rate needs both"),
        ("    numerator: started\n", "    numerator: start_rate\n", "start_rate is a rate"),
        ("    numerator: started\n", "    numerator: visits\n", "visits is not a metric"),
        ("    source: review\n", "    source: review\n    numerator: signed\n", "not a ratio"),
        ("    kind: rate\n    source: review", "    source: review", "is an amount"),
        (
            "  - key: satisfaction\n    label: 满意度\n",
            "  - key: satisfaction\n    label: 开工项目数\n",
            "开工项目数 already names the metric started",
        ),
        (
            "    label: 满意度\n    kind: rate\n",
            "    label: 满意度\n    kind: rate\n    measure: 个\n",
            "is measured in %",
        ),
    ],
)
def test_a_rate_that_cannot_be_formed_is_refused(old: str, new: str, expected: str) -> None:
    assert old in RATES
    with pytest.raises(InputError) as caught:
        load_metrics("rates.yaml", RATES.replace(old, new, 1))
    assert expected in str(caught.value)
    assert caught.value.code.startswith("metrics.")
    assert caught.value.words("zh") != str(caught.value)


def test_a_ratio_of_two_measures_is_refused() -> None:
    text = RATES.replace("    aliases: [开工项目数, 新开工项目]\n", "    measure: 亿元\n")
    with pytest.raises(InputError) as caught:
        load_metrics("rates.yaml", text)
    assert "started (亿元) and the denominator signed (个) are measured differently" in str(
        caught.value
    )


def test_aliases_match_a_column_like_a_units_alias() -> None:
    metrics = default_metrics()
    for header in ("实际利用外资", "实际利用外资（万美元）", "实际使用外资"):
        found = find_metric(metrics, header)
        assert found is not None and found.key == "foreign_capital", header


def test_the_metrics_a_file_may_name() -> None:
    assert known_names(default_metrics()) == (
        "签约项目数、签约金额、在谈项目、开工项目、到位资金、实际使用外资"
    )
    assert known_names(default_metrics(), "en").startswith("Projects signed, Amount signed")


def test_a_metric_with_data_is_never_dropped() -> None:
    metrics = default_metrics()
    assert replacement_refusal(metrics, {"signed_projects", "start_rate"}) is None
    kept = [m for m in metrics if m.key != "negotiating"]
    refusal = replacement_refusal(kept, {"signed_projects", "negotiating", "old_metric"})
    assert isinstance(refusal, RuleError)
    assert refusal.code == "metrics.drop_in_use"
    assert "2 metric(s) that have readings or targets: negotiating, old_metric" in str(refusal)
    assert "retired: true" in str(refusal)
    assert "negotiating, old_metric" in refusal.words("zh")
    retired = [*kept, Metric("negotiating", "在谈项目", "x", active=False)]
    assert replacement_refusal(retired, {"negotiating"}) is None
