"""Schema 3 → 4 (a folder; 2 → 3 on a server): meetings numbered in the year, commitments
in their meeting, carry-overs counted, attendance kept as records.

- A meeting gets `nth_in_year` (第N次): its place, by date, among the meetings dated in
  that year; its attendance becomes one record per unit (`{"status": "deputy"}`, where
  the deputy's name or the reason can go); `topic`, `place` and `observers` start empty.
- A commitment gets `nth_in_meeting` (第N项): its place, by id, among those of its
  meeting; `carried_times`: the links of its chain back (`carried_from`), counted over
  the whole history; `lead`, `supporting` and `progress` start empty.

Run again on records already upgraded (a first run killed half-way), it gives the same
numbers and changes nothing more: every number comes from the records as they are. The
same functions upgrade a folder's files and a server's rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from store.atomic import atomic_write
from store.records import is_data_name
from store.storage import encode

Doc = dict[str, Any]
MEETING_DEFAULTS: dict[str, Any] = {"topic": "", "place": "", "nth_in_year": None, "observers": []}
COMMITMENT_DEFAULTS: dict[str, Any] = {
    "lead": "",
    "supporting": [],
    "nth_in_meeting": None,
    "carried_times": 0,
    "progress": [],
}


def _number(record_id: str) -> tuple[str, int]:
    period, _, number = record_id.rpartition(".")
    return (period, int(number)) if number.isdigit() else (record_id, 0)


def upgrade_records(meetings: list[Doc], commitments: list[Doc]) -> tuple[set[int], set[int]]:
    """Upgrade the records in place; returns the positions of those that changed."""
    changed_meetings: set[int] = set()
    changed_commitments: set[int] = set()
    by_year: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(meetings):
        by_year[str(doc.get("date", ""))[:4]].append(index)
    nth = {}
    for indexes in by_year.values():
        ordered = sorted(indexes, key=lambda i: (meetings[i]["date"], _number(meetings[i]["id"])))
        nth.update({index: place for place, index in enumerate(ordered, start=1)})
    for index, doc in enumerate(meetings):
        before = json.dumps(doc, sort_keys=True)
        for key, value in MEETING_DEFAULTS.items():
            doc.setdefault(key, value)
        if doc["nth_in_year"] is None:
            doc["nth_in_year"] = nth[index]
        attendance = doc.get("attendance", {})
        for unit, value in list(attendance.items()):
            if isinstance(value, str):
                attendance[unit] = {"status": value}
        if json.dumps(doc, sort_keys=True) != before:
            changed_meetings.add(index)

    by_id = {doc["id"]: doc for doc in commitments}
    by_meeting: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(commitments):
        if doc.get("meeting"):
            by_meeting[str(doc["meeting"])].append(index)
    place_in_meeting = {}
    for indexes in by_meeting.values():
        ordered = sorted(indexes, key=lambda i: _number(commitments[i]["id"]))
        place_in_meeting.update({index: place for place, index in enumerate(ordered, start=1)})
    for index, doc in enumerate(commitments):
        before = json.dumps(doc, sort_keys=True)
        carried = "carried_times" in doc
        for key, value in COMMITMENT_DEFAULTS.items():
            doc.setdefault(key, value)
        if doc["nth_in_meeting"] is None and index in place_in_meeting:
            doc["nth_in_meeting"] = place_in_meeting[index]
        if not carried:
            doc["carried_times"] = _links_back(doc, by_id)
        if json.dumps(doc, sort_keys=True) != before:
            changed_commitments.add(index)
    return changed_meetings, changed_commitments


def _links_back(doc: Doc, by_id: dict[str, Doc]) -> int:
    """How many carry-overs made this commitment: its chain back through `carried_from`
    (a link to a record no longer there counts once; a loop, once each)."""
    count, seen = 0, {doc["id"]}
    source = doc.get("carried_from")
    while source:
        count += 1
        earlier = by_id.get(source)
        if earlier is None or source in seen:
            break
        seen.add(source)
        source = earlier.get("carried_from")
    return count


def upgrade_folder(root: Path) -> None:
    """Every month's file, active and archived, read together (a chain crosses months)
    and each one that changed written back whole. A file that cannot be read is left as
    it is: reading it later says what is wrong with it, as before."""
    files: dict[Path, Doc] = {}
    for folder in ("periods", "archive"):
        for path in sorted((root / folder).glob("*.json")):
            if not is_data_name(folder, path.name):
                continue
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                continue
            if isinstance(data, dict):
                files[path] = data
    meetings: list[tuple[Path, Doc]] = []
    commitments: list[tuple[Path, Doc]] = []
    for path, data in files.items():
        for table, found in (("meetings", meetings), ("commitments", commitments)):
            records = data.get(table)
            if isinstance(records, dict):
                found += [(path, doc) for doc in records.values() if _is_record(table, doc)]
    changed_meetings, changed_commitments = upgrade_records(
        [doc for _, doc in meetings], [doc for _, doc in commitments]
    )
    touched = {meetings[i][0] for i in changed_meetings}
    touched |= {commitments[i][0] for i in changed_commitments}
    for path in sorted(touched):
        atomic_write(path, encode(files[path]))


def _is_record(table: str, doc: object) -> bool:
    """A record the upgrade can number (a damaged one is left for the read to refuse)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        return False
    if table == "meetings":
        return isinstance(doc.get("date"), str) and isinstance(doc.get("attendance", {}), dict)
    return isinstance(doc.get("meeting"), str | None) and isinstance(
        doc.get("carried_from"), str | None
    )
