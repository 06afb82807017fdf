"""Metric definitions: the shipped set, the user's YAML, and headers matched to metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.errors import InputError
from agenda.metrics import (
    MetricKind,
    default_metrics,
    find_metric,
    load_metrics,
    metric_by_key,
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
            "metrics[2].key: metric 'signed_projects' is defined twice",
        ),
        (
            "per: signed_projects",
            "per: projects",
            4,
            "per: 'projects' is not a metric defined in this file",
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
