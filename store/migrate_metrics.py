"""Schema 1 → 2: metrics may be rates formed from two others, or from the review.

A schema-1 metric record reads unchanged (a reported, active metric: `codec.metric_from`).
What changes is the built-in set: 开工率 is now worked out (开工项目 ÷ 签约项目数) where it
used to be typed in, and 资金到位率 and 履约率 join it. A folder that never stored its own
metrics, and so read the built-in set, gets the set it read pinned into metrics.json if it
holds any figures: its readings keep meaning what they meant, and its bulletin does not
change under it. A folder without figures takes the new set.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from store.atomic import atomic_write
from store.storage import encode


def _metric(key: str, zh: str, en: str, measure: str, **more: Any) -> dict[str, Any]:
    doc = {"key": key, "label_zh": zh, "label_en": en, "measure": measure, "kind": "amount"}
    return {**doc, "higher_is_better": True, "per": None, **more}


# The built-in set of schema 1 (agenda/data/metrics.yaml as it was), as stored records.
SCHEMA_1_DEFAULTS = (
    _metric("signed_projects", "签约项目数", "Projects signed", "个"),
    _metric("signed_amount", "签约金额", "Amount signed", "亿元", per="signed_projects"),
    _metric("negotiating", "在谈项目", "Projects in negotiation", "个"),
    _metric("started_projects", "开工项目", "Projects started", "个"),
    _metric("funds_in_place", "到位资金", "Funds in place", "亿元"),
    _metric("foreign_capital", "实际使用外资", "Foreign capital used", "万美元"),
    _metric("start_rate", "开工率", "Start rate", "%", kind="rate"),
)


def pin_schema_1_metrics(root: Path) -> None:
    path = root / "metrics.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.exists() else {}
    if data.get("metrics") or not _holds_figures(root):
        return
    data["metrics"] = {str(i): doc for i, doc in enumerate(SCHEMA_1_DEFAULTS, start=1)}
    atomic_write(path, encode(data))


def _holds_figures(root: Path) -> bool:
    files = [root / "targets.json", *sorted((root / "readings").glob("*.json"))]
    for file in files:
        if file.exists():
            tables = json.loads(file.read_text("utf-8"))
            if any(tables.get(table) for table in ("targets", "readings")):
                return True
    return False
