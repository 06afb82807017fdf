"""archived.json: a brief of each month in archive/, so that a report reads only the months
it shows, not ten years of them.

A month is archived once its meetings are closed and its commitments settled, and is not
written again unless a save moves it back out. Its brief (`agenda.archive.MonthBrief`)
says what a report may look for in it: the first and last date in force of its
commitments (履约率 counts those due in a span), the meetings that made or acted on them
(the minutes of a meeting), its own meetings with their dates, whether each is a regular
one and closed (the latest meeting; the meetings 督办 counts), the units its commitments
belong to, the day the last of them was settled and the most times one was carried over
(督办 reads a month only if one of them may count at a meeting it looks at). A brief is
believed only while the file is the one it was made from (the same size and time of
change): a month archived by an older diaodu, or put back by hand, has none, and is read
whole until the next opening of the folder writes its brief.

The file is derived from archive/ and holds nothing else: deleting it costs a slower
first report, and one that cannot be read is taken as empty and written anew. So is one
written by a diaodu that briefed less (before `units`, `settled_by` and `carried`): every
brief in it is refused by the check of its fields, and the next opening of a folder that
may be written to briefs every archived month again (reading each once: about a second
at ten years).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from agenda.archive import HeldMeeting, MonthBrief, acted_on_at, month_brief
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
    return acted_on_at(commitment)


def file_stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Brief:
    stamp: Stamp  # of the archive file it was made from
    month: MonthBrief

    @property
    def period(self) -> Period:
        return self.month.period

    @property
    def acted(self) -> frozenset[str]:
        return self.month.acted

    def due_within(self, first: date, last: date) -> bool:
        month = self.month
        if month.first_due is None or month.last_due is None:
            return False
        return month.first_due <= last and first <= month.last_due

    def doc(self) -> dict[str, Any]:
        month = self.month
        return {
            "period": str(month.period),
            "file": list(self.stamp),
            "first_due": _iso(month.first_due),
            "last_due": _iso(month.last_due),
            "meetings": [
                {"id": m.id, "date": m.date.isoformat(), "special": m.special, "closed": m.closed}
                for m in month.meetings
            ],
            "acted": sorted(month.acted),
            "units": sorted(month.units),
            "settled_by": _iso(month.settled_by),
            "carried": month.most_carried,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Brief:
        size, mtime = (int(part) for part in doc["file"])
        month = MonthBrief(
            period=Period.parse(doc["period"]),
            meetings=tuple(
                HeldMeeting(
                    str(m["id"]),
                    date.fromisoformat(m["date"]),
                    bool(m["special"]),
                    bool(m["closed"]),
                )
                for m in doc["meetings"]
            ),
            first_due=_day(doc["first_due"]),
            last_due=_day(doc["last_due"]),
            acted=frozenset(str(meeting) for meeting in doc["acted"]),
            units=frozenset(str(unit) for unit in doc["units"]),
            settled_by=_day(doc["settled_by"]),
            most_carried=int(doc["carried"]),
        )
        return cls(stamp=(size, mtime), month=month)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def brief_of(
    period: Period, stamp: Stamp, meetings: Iterable[Meeting], commitments: list[Commitment]
) -> Brief:
    return Brief(stamp=stamp, month=month_brief(period, meetings, commitments))


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
