"""The data folder's schema version and the path from an older one to this."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.migrate_metrics import pin_schema_1_metrics

# 2: metrics may be rates formed from two others or from the review (store/migrate_metrics).
SCHEMA_VERSION = 2
MARKER = "meta.json"

# from-version → a function that upgrades the folder in place to from-version + 1.
# Each one runs under the process lock after a copy of the folder is kept beside it.
MIGRATIONS: dict[int, Callable[[Path], None]] = {1: pin_schema_1_metrics}
