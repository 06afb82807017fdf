"""The data folder's schema version and the path from an older one to this."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.migrate_metrics import pin_schema_1_metrics
from store.migrate_numbers import upgrade_folder

# 2: metrics may be rates formed from two others or from the review (store/migrate_metrics).
# 3: meetings and commitments carry a revision, meetings their closings and reopenings.
# 4: meetings numbered in the year (第N次), with a topic, a place, 列席 and attendance as
#    records (the deputy's name and post, the reason); commitments numbered in their
#    meeting (第N项), with a lead leader, supporting units, progress notes and their
#    carry-overs counted; templates.json, the district's own agenda templates
#    (store/migrate_numbers).
SCHEMA_VERSION = 4
MARKER = "meta.json"


def records_carry_revisions(root: Path) -> None:
    """Schema 2 → 3: a meeting or commitment may hold "rev" (how many times it was saved)
    and a meeting "events" (closed, reopened: when, by whom). A record without them reads
    as revision 0 with no events, so no file changes; the version alone tells an older
    diaodu that the folder is newer than it, rather than damaged by a field it does not
    know."""


# from-version → a function that upgrades the folder in place to from-version + 1.
# Each one runs under the process lock after a copy of the folder is kept beside it.
MIGRATIONS: dict[int, Callable[[Path], None]] = {
    1: pin_schema_1_metrics,
    2: records_carry_revisions,
    3: upgrade_folder,
}
