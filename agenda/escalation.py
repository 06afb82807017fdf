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
over (the store's `include_archive=12` covers a year of meetings).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting

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


def counted_meetings(meetings: Iterable[Meeting], at: Meeting | date) -> list[Meeting]:
    """The meetings a run is counted over, in the order held: regular, closed meetings up
    to `at` (a date: held on or before it; a meeting: before it, and itself)."""
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


def status_at(commitment: Commitment, meeting: Meeting) -> tuple[Status, bool]:
    """The commitment's status at a meeting, and whether an outcome was recorded at it:
    the last one recorded there, else the last dated on or before its day."""
    here = [change for change in commitment.history if change.meeting_id == meeting.id]
    if here:
        return here[-1].status, True
    before = [change for change in commitment.history if change.on <= meeting.date]
    return (before[-1].status if before else Status.OPEN), False


def verdicts(
    meetings: list[Meeting], commitments: Iterable[Commitment]
) -> dict[str, list[Verdict]]:
    """Each unit's verdict at each of `meetings` (counted meetings, in order held)."""
    dates = [m.date for m in meetings]
    missed: dict[str, set[int]] = defaultdict(set)
    kept: dict[str, set[int]] = defaultdict(set)
    by_id = {m.id: index for index, m in enumerate(meetings)}
    for commitment in commitments:
        if commitment.status is Status.DROPPED:
            continue
        due = commitment.effective_due
        for index in _meetings_to_judge(commitment, dates, by_id):
            meeting = meetings[index]
            if commitment.meeting_id == meeting.id:
                continue
            if commitment.created is not None and commitment.created > meeting.date:
                continue
            status, recorded = status_at(commitment, meeting)
            day = meeting.date
            if (recorded and status is Status.MISSED and due <= day) or (
                status is Status.OPEN and due < day
            ):
                missed[commitment.unit_id].add(index)
                continue
            if status in (Status.DONE, Status.PARTIAL):
                previous = dates[index - 1] if index else date.min
                if recorded or previous < due <= day:
                    kept[commitment.unit_id].add(index)
    result: dict[str, list[Verdict]] = {}
    for unit_id in {*missed, *kept}:
        result[unit_id] = [
            Verdict.MISSED
            if index in missed[unit_id]
            else Verdict.KEPT
            if index in kept[unit_id]
            else Verdict.NOTHING_DUE
            for index in range(len(meetings))
        ]
    return result


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


def _run(meetings: list[Meeting], row: list[Verdict]) -> tuple[str, ...]:
    run: list[str] = []
    for meeting, verdict in zip(reversed(meetings), reversed(row), strict=True):
        if verdict is Verdict.KEPT:
            break
        if verdict is Verdict.MISSED:
            run.append(meeting.id)
    return tuple(run)


def escalation(
    meetings: Iterable[Meeting],
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
    counted = counted_meetings(meetings, at)
    as_of = at.date if isinstance(at, Meeting) else at
    runs = {}
    for unit_id, row in verdicts(counted, commitments).items():
        run = _run(counted, row)
        if run:
            runs[unit_id] = UnitFlag(unit_id, run)
    talks = sorted(
        (flag for flag in runs.values() if flag.count >= talk_after),
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
        runs=runs,
        units=tuple(talks),
        commitments=tuple(supervised),
    )


def _open_on(commitment: Commitment, day: date) -> bool:
    """Open on `day`: made by then, and not settled by an outcome dated up to it."""
    if commitment.created is not None and commitment.created > day:
        return False
    before = [change for change in commitment.history if change.on <= day]
    return (before[-1].status if before else Status.OPEN) is Status.OPEN
