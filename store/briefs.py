"""archived.json: a brief of each month in archive/, so that a report reads only the months
it shows, not ten years of them.

A month is archived once its meetings are closed and its commitments settled, and is not
written again unless a save moves it back out. Its brief says what a report may look for
in it: the first and last date in force of its commitments (履约率 counts those due in a
span), the meetings that made or acted on them (the minutes of a meeting), and its own
meetings with their dates (the latest meeting). A brief is believed only while the file
is the one it was made from (the same size and time of change): a month archived
by an older diaodu, or put back by hand, has none, and is read whole until the next
opening of the folder writes its brief.

The file is derived from archive/ and holds nothing else: deleting it costs a slower
first report, and one that cannot be read is taken as empty and written anew.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from agenda.commitments import Commitment
from agenda.meetings import Meeting
from agenda.periods import Period
from store.atomic import atomic_write
from store.fields import FieldError
from store.records import BRIEFS

FILE = "archived.json"
# The archive file a brief was made from: its size and time of change. Not its inode: a
# copy of the folder (a backup, a move to another disk) keeps its briefs.
Stamp = tuple[int, int]


def meetings_of(commitment: Commitment) -> set[str]:
    """The meetings a commitment was made at or acted on at (an outcome, an extension)."""
    found = {commitment.meeting_id}
    found |= {change.meeting_id for change in commitment.history}
    found |= {extension.meeting_id for extension in commitment.extensions}
    return {meeting for meeting in found if meeting is not None}


def file_stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Brief:
    period: Period
    stamp: Stamp  # of the archive file it was made from
    first_due: date | None
    last_due: date | None
    meetings: tuple[tuple[date, str], ...]  # (date, id) of the month's meetings
    acted: frozenset[str]  # meetings that made or acted on its commitments

    def due_within(self, first: date, last: date) -> bool:
        if self.first_due is None or self.last_due is None:
            return False
        return self.first_due <= last and first <= self.last_due

    def doc(self) -> dict[str, Any]:
        return {
            "period": str(self.period),
            "file": list(self.stamp),
            "first_due": self.first_due.isoformat() if self.first_due else None,
            "last_due": self.last_due.isoformat() if self.last_due else None,
            "meetings": [
                {"id": meeting_id, "date": day.isoformat()} for day, meeting_id in self.meetings
            ],
            "acted": sorted(self.acted),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Brief:
        first, last = doc["first_due"], doc["last_due"]
        size, mtime = (int(part) for part in doc["file"])
        return cls(
            period=Period.parse(doc["period"]),
            stamp=(size, mtime),
            first_due=date.fromisoformat(first) if first else None,
            last_due=date.fromisoformat(last) if last else None,
            meetings=tuple(
                (date.fromisoformat(meeting["date"]), meeting["id"]) for meeting in doc["meetings"]
            ),
            acted=frozenset(str(meeting) for meeting in doc["acted"]),
        )


def brief_of(
    period: Period, stamp: Stamp, meetings: Iterable[Meeting], commitments: list[Commitment]
) -> Brief:
    dues = sorted(commitment.effective_due for commitment in commitments)
    acted: set[str] = set()
    for commitment in commitments:
        acted |= meetings_of(commitment)
    return Brief(
        period=period,
        stamp=stamp,
        first_due=dues[0] if dues else None,
        last_due=dues[-1] if dues else None,
        meetings=tuple(sorted((meeting.date, meeting.id) for meeting in meetings)),
        acted=frozenset(acted),
    )


class Briefs:
    """The briefs of archived months, read once per change of the file."""

    def __init__(self, root: Path) -> None:
        self.path = root / FILE
        self._read: tuple[Stamp | None, dict[Period, Brief]] = (None, {})

    def all(self) -> dict[Period, Brief]:
        """Every brief on file; none if the file is missing or cannot be read."""
        stamp = file_stamp(self.path)
        if stamp is None:
            return {}
        if self._read[0] == stamp:
            return self._read[1]
        try:
            raw = json.loads(self.path.read_bytes().decode("utf-8"))
            briefs = {}
            for number, doc in raw["months"].items():
                BRIEFS.check(int(number), doc, "archived")
                brief = Brief.from_doc(doc)
                briefs[brief.period] = brief
        except (OSError, ValueError, KeyError, TypeError, AttributeError, FieldError):
            briefs = {}
        self._read = (stamp, briefs)
        return briefs

    def current(self, period: Period, path: Path) -> Brief | None:
        """The month's brief, if it describes the file as it is now."""
        brief = self.all().get(period)
        return brief if brief is not None and brief.stamp == file_stamp(path) else None

    def write(self, briefs: dict[Period, Brief]) -> None:
        """Replace the file (the caller holds the folder's lock)."""
        lines = [
            f'  "{number}": {json.dumps(brief.doc(), ensure_ascii=False)}'
            for number, brief in enumerate((briefs[period] for period in sorted(briefs)), start=1)
        ]
        body = "{\n" + ",\n".join(lines) + "\n}" if lines else "{}"
        atomic_write(self.path, f'{{\n"months": {body}\n}}\n'.encode())
        self._read = (file_stamp(self.path), dict(briefs))
