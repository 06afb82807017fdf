"""督办: which units are called in for a talk (约谈) and which commitments are put under
supervision (挂牌督办), for a meeting or a date. Review, home and the bulletin ask here.

约谈. A unit is flagged when it missed commitments at `talk_after` meetings running.

- The meetings that count are the regular ones (a 专题调度会 on one subject does not
  review every unit) that are closed, and the meeting asked about itself.
- A commitment was **missed at** a meeting held on day D when it was made before the
  meeting and either
  (a) was due by D and the last outcome recorded at the meeting is 未完成 (missed; a
      carry-over records one), or
  (b) was still open at the meeting and overdue at it: due before D, no outcome recorded
      at the meeting leaving it settled, and none dated on or before D.
  部分完成 (partly done) is not a miss. A commitment dropped (撤销) counts for nothing,
  as it does for 履约率.
- A unit **missed at** a meeting when one of its commitments was missed at it. It **kept
  its word** there when none was, and one of its commitments came due at it (its due
  date after the previous counted meeting's date, up to D) and stood done or partly done,
  or was marked so at it. Otherwise nothing of its was due there: that meeting neither
  adds to the run nor breaks it (a month whose commitments were carried to the end of
  the next month leaves a unit with nothing due at the meeting between).
- The run is counted back from the latest counted meeting: each miss adds one, a
  meeting with nothing due is passed over, the first meeting where the unit kept its
  word ends it.

挂牌督办. A commitment carried over `supervise_after` times (its `carried_times`: the
carry-over that made it, and those before) is flagged while it is open.

Exact on what it is given: pass the meetings and commitments of the months it looks back
over (the store's `include_archive=12` covers a year of meetings). `escalation_from_briefs`
gives the same answer reading fewer of them: the archived months are given as briefs
(`agenda.archive`), and one is read only if a commitment of it may be judged at a
meeting some unit's run still reaches back to (the meetings counted newest first; a unit
that kept its word at one needs nothing older), or may be under supervision as of `at`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from agenda.archive import MonthBrief
from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting
from agenda.periods import Period

DEFAULT_TALK_AFTER = 2
DEFAULT_SUPERVISE_AFTER = 2


class Verdict(StrEnum):
    MISSED = "missed"
    KEPT = "kept"
    NOTHING_DUE = "nothing_due"


@dataclass(frozen=True)
class UnitFlag:
    """约谈: a unit and the meetings of its run, the latest first."""

    unit_id: str
    meetings: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.meetings)


@dataclass(frozen=True)
class CommitmentFlag:
    """挂牌督办: an open commitment and how many times it has been carried over."""

    commitment: Commitment

    @property
    def carried(self) -> int:
        return self.commitment.carried_times


@dataclass(frozen=True)
class Escalation:
    """Who is flagged as of a meeting or a date, and every unit's run (0 for none)."""

    as_of: date
    meeting_id: str | None  # the meeting asked about, if one was
    talk_after: int
    supervise_after: int
    runs: dict[str, UnitFlag]  # every unit with a run of at least one miss
    units: tuple[UnitFlag, ...]  # 约谈: the longest runs first
    commitments: tuple[CommitmentFlag, ...]  # 挂牌督办: the most carried first

    def run(self, unit_id: str) -> int:
        flag = self.runs.get(unit_id)
        return flag.count if flag else 0

    def talk(self, unit_id: str) -> bool:
        return self.run(unit_id) >= self.talk_after

    def supervised(self, commitment_id: str) -> bool:
        return any(flag.commitment.id == commitment_id for flag in self.commitments)


class Held(Protocol):
    """A meeting as far as 督办 needs it: a `Meeting`, or one named by an archived month's
    brief (`agenda.archive.HeldMeeting`) without reading the month."""

    @property
    def id(self) -> str: ...

    @property
    def date(self) -> date: ...

    @property
    def is_special(self) -> bool: ...

    @property
    def is_closed(self) -> bool: ...


def counted_meetings(meetings: Iterable[Held], at: Meeting | date) -> list[Held]:
    """The meetings a run is counted over, in the order held: regular, closed meetings up
    to `at` (a date: held on or before it; a meeting: before it, and itself)."""
    chosen: list[Held]
    if isinstance(at, Meeting):
        limit = (at.date, at.id)
        chosen = [
            m
            for m in meetings
            if not m.is_special and (m.date, m.id) < limit and m.is_closed and m.id != at.id
        ]
        if not at.is_special:
            chosen.append(at)
    else:
        chosen = [m for m in meetings if not m.is_special and m.is_closed and m.date <= at]
    return sorted(chosen, key=lambda m: (m.date, m.id))


def status_at(commitment: Commitment, meeting: Held) -> tuple[Status, bool]:
    """The commitment's status at a meeting, and whether an outcome was recorded at it:
    the last one recorded there, else the last dated on or before its day."""
    here = [change for change in commitment.history if change.meeting_id == meeting.id]
    if here:
        return here[-1].status, True
    before = [change for change in commitment.history if change.on <= meeting.date]
    return (before[-1].status if before else Status.OPEN), False


class _Judged:
    """The commitments to judge at each counted meeting, added as they are read, and the
    units missed and kept at one meeting (see the module's doc)."""

    def __init__(self, meetings: Sequence[Held]) -> None:
        self.meetings = meetings
        self.dates = [m.date for m in meetings]
        self.by_id = {m.id: index for index, m in enumerate(meetings)}
        self.at: dict[int, list[Commitment]] = defaultdict(list)

    def add(self, commitments: Iterable[Commitment]) -> None:
        for commitment in commitments:
            if commitment.status is Status.DROPPED:
                continue
            for index in _meetings_to_judge(commitment, self.dates, self.by_id):
                self.at[index].append(commitment)

    def units(self, index: int) -> tuple[set[str], set[str]]:
        """The units that missed at the meeting, and those that kept their word there."""
        meeting = self.meetings[index]
        day = meeting.date
        previous = self.dates[index - 1] if index else date.min
        missed: set[str] = set()
        kept: set[str] = set()
        for commitment in self.at.get(index, ()):
            if commitment.meeting_id == meeting.id:
                continue
            if commitment.created is not None and commitment.created > day:
                continue
            due = commitment.effective_due
            status, recorded = status_at(commitment, meeting)
            if (recorded and status is Status.MISSED and due <= day) or (
                status is Status.OPEN and due < day
            ):
                missed.add(commitment.unit_id)
            elif status in (Status.DONE, Status.PARTIAL) and (recorded or previous < due <= day):
                kept.add(commitment.unit_id)
        return missed, kept - missed


class _Runs:
    """Each unit's run, counted back from the latest meeting: `count` the meetings newest
    first; a unit is `ended` at the first meeting where it kept its word."""

    def __init__(self, judged: _Judged) -> None:
        self.judged = judged
        self.ended: set[str] = set()
        self.missed: dict[str, list[str]] = defaultdict(list)

    def count(self, index: int) -> None:
        missed, kept = self.judged.units(index)
        meeting_id = self.judged.meetings[index].id
        for unit_id in missed - self.ended:
            self.missed[unit_id].append(meeting_id)
        self.ended |= kept


def verdicts(meetings: list[Held], commitments: Iterable[Commitment]) -> dict[str, list[Verdict]]:
    """Each unit's verdict at each of `meetings` (counted meetings, in order held)."""
    judged = _Judged(meetings)
    judged.add(commitments)
    rows: dict[str, list[Verdict]] = {}
    for index in range(len(meetings)):
        missed, kept = judged.units(index)
        for unit_id in missed | kept:
            row = rows.setdefault(unit_id, [Verdict.NOTHING_DUE] * len(meetings))
            row[index] = Verdict.MISSED if unit_id in missed else Verdict.KEPT
    return rows


def _meetings_to_judge(
    commitment: Commitment, dates: list[date], by_id: dict[str, int]
) -> set[int]:
    """The meetings at which a commitment may be missed or kept: those where something
    was recorded for it, the first held on or after its due date, and every later one
    while it stood open (entries dated up to the last one's day)."""
    chosen = {by_id[c.meeting_id] for c in commitment.history if c.meeting_id in by_id}
    first = bisect_left(dates, commitment.effective_due)
    if first < len(dates):
        chosen.add(first)
    last_change = max((c.on for c in commitment.history), default=None)
    for index in range(first, len(dates)):
        if commitment.is_open or (last_change is not None and dates[index] <= last_change):
            chosen.add(index)
        else:
            break
    return chosen


def escalation(
    meetings: Iterable[Held],
    commitments: Iterable[Commitment],
    at: Meeting | date,
    *,
    talk_after: int = DEFAULT_TALK_AFTER,
    supervise_after: int = DEFAULT_SUPERVISE_AFTER,
) -> Escalation:
    """Units to call in (约谈) and commitments under supervision (挂牌督办) as of `at`, a
    meeting (review) or a date (home, the bulletin). See the module's doc for the rules.
    `talk_after` and `supervise_after` are the district's settings of those names."""
    commitments = list(commitments)
    judged = _Judged(counted_meetings(meetings, at))
    judged.add(commitments)
    runs = _Runs(judged)
    for index in reversed(range(len(judged.meetings))):
        runs.count(index)
    return _flags(runs, commitments, at, talk_after, supervise_after)


def escalation_from_briefs(
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment],
    archived: Iterable[MonthBrief],
    read: Callable[[Period], list[Commitment]],
    at: Meeting | date,
    *,
    talk_after: int = DEFAULT_TALK_AFTER,
    supervise_after: int = DEFAULT_SUPERVISE_AFTER,
) -> Escalation:
    """`escalation` over the active months (`meetings`, `commitments`) and the archived
    months `archived` describes, reading (`read`) only those whose commitments may be
    judged at a meeting some unit's run still reaches back to, or may be under
    supervision as of `at`: the same answer as reading every one of them. The meetings
    are counted newest first, and a month is read when the brief says one of its
    commitments may be judged at the meeting being counted and holds a unit whose run
    has not ended yet."""
    pending = list(archived)
    held: list[Held] = [*meetings, *(m for brief in pending for m in brief.meetings)]
    judged = _Judged(counted_meetings(held, at))
    found = list(commitments)
    judged.add(found)

    def take(brief: MonthBrief) -> None:
        records = read(brief.period)
        judged.add(records)
        found.extend(records)
        pending.remove(brief)

    as_of = at.date if isinstance(at, Meeting) else at
    for brief in [b for b in pending if b.may_be_supervised(supervise_after, as_of)]:
        take(brief)
    runs = _Runs(judged)
    for index in reversed(range(len(judged.meetings))):
        meeting = judged.meetings[index]
        previous = judged.dates[index - 1] if index else date.min
        for brief in [
            b
            for b in pending
            if not b.units <= runs.ended and b.may_be_judged_at(meeting.id, previous, meeting.date)
        ]:
            take(brief)
        runs.count(index)
    return _flags(runs, found, at, talk_after, supervise_after)


def _flags(
    runs: _Runs,
    commitments: list[Commitment],
    at: Meeting | date,
    talk_after: int,
    supervise_after: int,
) -> Escalation:
    as_of = at.date if isinstance(at, Meeting) else at
    flags = {unit_id: UnitFlag(unit_id, tuple(run)) for unit_id, run in runs.missed.items()}
    talks = sorted(
        (flag for flag in flags.values() if flag.count >= talk_after),
        key=lambda flag: (-flag.count, flag.unit_id),
    )
    supervised = sorted(
        (
            CommitmentFlag(c)
            for c in commitments
            if c.carried_times >= supervise_after and _open_on(c, as_of)
        ),
        key=lambda flag: (-flag.carried, flag.commitment.id),
    )
    return Escalation(
        as_of=as_of,
        meeting_id=at.id if isinstance(at, Meeting) else None,
        talk_after=talk_after,
        supervise_after=supervise_after,
        runs=flags,
        units=tuple(talks),
        commitments=tuple(supervised),
    )


def _open_on(commitment: Commitment, day: date) -> bool:
    """Open on `day`: made by then, and not settled by an outcome dated up to it."""
    if commitment.created is not None and commitment.created > day:
        return False
    before = [change for change in commitment.history if change.on <= day]
    return (before[-1].status if before else Status.OPEN) is Status.OPEN
