"""What the review (回头看) shows, read from the store in one go, and its progress notes.

The whole 回头看 (`agenda.review.whole_review`): every open commitment of earlier
meetings, the ones due by the meeting's date first (each called out for an outcome), then
the rest (for a progress note, 推进情况, with a share done if one is said); those settled
at this meeting stay where they were. Within each part, unit by unit in the units' order.
督办 (`agenda.escalation`): the units called in (约谈) and the commitments under
supervision (挂牌督办) as of this meeting, by the district's settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from agenda.commitments import Commitment, Status
from agenda.escalation import Escalation, escalation_from_briefs
from agenda.meetings import Meeting
from agenda.review import Fulfilment, ReviewLine, fulfilment_by_unit, whole_review
from agenda.settings import Settings
from agenda.units import Unit
from agenda.usecases.district import District

# 履约率 and 督办 look back a year: the archive holds settled months, so read this many.
FULFILMENT_MONTHS = 12


@dataclass(frozen=True)
class UnitGroup:
    unit_id: str
    name: str
    fulfilment: Fulfilment
    run: int  # meetings running at which the unit missed a commitment (0: none)
    talk: bool  # 约谈: the run reached the district's `talk_after`
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class ReviewPart:
    """到期 (due by the meeting's date: an outcome each) or 未到期 (a progress note)."""

    due: bool
    groups: tuple[UnitGroup, ...]

    @property
    def commitments(self) -> list[Commitment]:
        return [c for group in self.groups for c in group.commitments]


@dataclass(frozen=True)
class ReviewCounts:
    """What the review's summary says, counted over the commitments it lists."""

    due: int  # in the due part
    not_due: int  # in the part not yet due
    outcomes: dict[Status, int]  # of the due part, by status now
    progress_noted: int  # of the part not yet due: a progress note recorded at this meeting
    talks: int  # units called in (约谈)
    supervised: int  # commitments listed under supervision (挂牌督办)

    @property
    def total(self) -> int:
        return self.due + self.not_due


@dataclass(frozen=True)
class ReviewData:
    parts: tuple[ReviewPart, ...]  # the due part first; a part with nothing is left out
    overall: Fulfilment
    counts: ReviewCounts
    flags: Escalation
    # Every commitment read, by id: a link (carried from / to) names the other end.
    by_id: dict[str, Commitment]
    # Every meeting read, by id: a commitment is named by its meeting's number (第N次).
    meetings: dict[str, Meeting] = field(default_factory=dict)
    unit_names: dict[str, str] = field(default_factory=dict)  # 配合单位 are named

    @property
    def commitments(self) -> list[Commitment]:
        return [c for part in self.parts for c in part.commitments]

    @property
    def empty(self) -> bool:
        return not self.parts


def load_review(district: District, meeting: Meeting) -> ReviewData:
    store, today = district.store, district.today()
    settings = district.settings_or_defaults()
    everything = store.commitments(include_archive=FULFILMENT_MONTHS)
    meetings = store.meetings(include_archive=FULFILMENT_MONTHS)
    since = today - timedelta(days=365)
    units: dict[str, Unit] = {unit.id: unit for unit in store.units()}

    def unit_order(unit_id: str) -> tuple[int, str]:
        unit = units.get(unit_id)
        return (unit.order, unit.name) if unit else (10**6, unit_id)

    lines = whole_review(everything, meeting, unit_order=unit_order)
    # 督办 as the minutes say it, from the months it needs (the same answer as from all
    # twelve read above, a third of the work: the review is shown as the meeting starts).
    flags = escalation_as_of(district, meeting, settings)
    by_unit_rate = fulfilment_by_unit(everything, today, since=since)

    def group(unit_id: str, items: list[Commitment]) -> UnitGroup:
        return UnitGroup(
            unit_id=unit_id,
            name=units[unit_id].name if unit_id in units else unit_id,
            fulfilment=by_unit_rate.get(unit_id, Fulfilment(0, 0)),
            run=flags.run(unit_id),
            talk=flags.talk(unit_id),
            commitments=tuple(items),
        )

    parts = []
    for due in (True, False):
        grouped: dict[str, list[Commitment]] = {}
        for line in lines:
            if line.due is due:
                grouped.setdefault(line.commitment.unit_id, []).append(line.commitment)
        if grouped:  # in the review's order: the units' order, then by due date
            parts.append(ReviewPart(due, tuple(group(u, items) for u, items in grouped.items())))
    return ReviewData(
        parts=tuple(parts),
        # The district's: each unit's added up (every commitment is one unit's), not a
        # second pass over twelve months of commitments.
        overall=Fulfilment(
            sum(rate.due for rate in by_unit_rate.values()),
            sum(rate.on_time for rate in by_unit_rate.values()),
        ),
        counts=_counts(lines, meeting, flags),
        flags=flags,
        by_id={c.id: c for c in everything},
        meetings={m.id: m for m in meetings},
        unit_names={unit.id: unit.name for unit in units.values()},
    )


def _counts(lines: list[ReviewLine], meeting: Meeting, flags: Escalation) -> ReviewCounts:
    outcomes = dict.fromkeys(Status, 0)
    for line in lines:
        if line.due:
            outcomes[line.commitment.status] += 1
    return ReviewCounts(
        due=sum(1 for line in lines if line.due),
        not_due=sum(1 for line in lines if not line.due),
        outcomes=outcomes,
        progress_noted=sum(
            1
            for line in lines
            if not line.due and any(p.meeting_id == meeting.id for p in line.commitment.progress)
        ),
        talks=len(flags.units),
        supervised=sum(1 for line in lines if flags.supervised(line.commitment.id)),
    )


def note_progress(
    district: District,
    meeting_id: str,
    commitment_id: str,
    note: str,
    percent: float | None,
    *,
    expected_revision: int | None = None,
) -> Commitment:
    """推进情况 recorded at the meeting's review: the note as typed, a share done if said.
    The outcome, the due date and 履约率 stay as they are. Raises RuleError (settled,
    carried over, an empty note, a share outside 0-100; the meeting closed), StaleError
    (saved meanwhile, with `expected_revision`)."""
    today = district.today()
    return district.store.update_commitment(
        commitment_id,
        lambda c: c.note_progress(note, today, percent=percent, meeting_id=meeting_id),
        expected_revision=expected_revision,
    )


def escalation_now(district: District) -> Escalation:
    """督办 as of today, for home: the units called in (约谈) by the meetings closed so far,
    the commitments under supervision (挂牌督办) open today."""
    return escalation_as_of(district, district.today(), district.settings_or_defaults())


def escalation_as_of(district: District, at: Meeting | date, settings: Settings) -> Escalation:
    """督办 as of `at` (a date, or a meeting for its minutes), over the last
    FULFILMENT_MONTHS of the archive: what home, the bulletin and the minutes say. The
    archived months are read only where their briefs say a commitment of theirs may count
    (`agenda.escalation.escalation_from_briefs`): the same answer as reading them all."""
    store = district.store
    return escalation_from_briefs(
        store.meetings(),
        store.commitments(),
        store.archive_briefs(FULFILMENT_MONTHS),
        lambda period: store.period_records(period)[1],
        at,
        talk_after=settings.talk_after,
        supervise_after=settings.supervise_after,
    )
