"""任务分解表: the commitments as the table offices circulate, filtered as asked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting, period_of_id
from agenda.metrics import Metric
from agenda.periods import Period
from agenda.reports.common import UnitNames, metric_heading
from agenda.reports.document import Column, Kind, Table
from agenda.reports.labels import Words
from agenda.review import DEFAULT_WARN_DAYS, Warning, warning
from agenda.sayings import commitment_number, commitment_reference, meeting_number
from agenda.units import Unit


@dataclass(frozen=True)
class CommitmentFilter:
    """Which commitments to list; every condition given must hold."""

    unit_id: str | None = None
    status: Status | None = None
    period: Period | None = None  # the period of the meeting that made it
    overdue_on: date | None = None  # open and past its date in force on that day

    def accepts(self, commitment: Commitment) -> bool:
        if self.unit_id is not None and commitment.unit_id != self.unit_id:
            return False
        if self.status is not None and commitment.status is not self.status:
            return False
        if self.period is not None and period_of_id(commitment.id) != self.period:
            return False
        return self.overdue_on is None or commitment.is_overdue(self.overdue_on)


def commitment_table(
    commitments: Iterable[Commitment],
    units: Iterable[Unit],
    metrics: Iterable[Metric],
    *,
    today: date,
    lang: str,
    only: CommitmentFilter | None = None,
    warn_days: int = DEFAULT_WARN_DAYS,
    meetings: Iterable[Meeting] = (),
) -> Table:
    """The task table: each commitment by its meeting (2026年第11次) and its number there
    (第3项), its unit, what and by when, the lead leader and the supporting units, status
    and warning, where it was carried from and to (by meeting and number: never an id)."""
    words = Words(lang)
    names = UnitNames(units)
    by_key = {metric.key: metric for metric in metrics}
    by_meeting = {meeting.id: meeting for meeting in meetings}
    commitments = list(commitments)
    by_id = {c.id: c for c in commitments}
    chosen = [c for c in commitments if only is None or only.accepts(c)]

    def meeting_of(c: Commitment) -> Meeting | None:
        return by_meeting.get(c.meeting_id or "")

    def filed(c: Commitment) -> tuple[object, ...]:
        """Meeting by meeting, in the order held; within one, by 第N项."""
        meeting = meeting_of(c)
        held = (meeting.date, meeting.nth_in_year or 0) if meeting else (c.due, 0)
        return (period_of_id(c.id), held, c.nth_in_meeting or 10**6, names.order(c.unit_id), c.id)

    chosen.sort(key=filed)

    def reference(commitment_id: str | None) -> str | None:
        other = by_id.get(commitment_id or "")
        if other is None:
            return None
        return commitment_reference(other, meeting_of(other), lang)

    rows = []
    for c in chosen:
        metric = by_key.get(c.metric or "")
        light = warning(c, today, warn_days)
        meeting = meeting_of(c)
        rows.append(
            (
                meeting_number(meeting, lang) if meeting and meeting.nth_in_year else None,
                commitment_number(c, lang) if c.nth_in_meeting is not None else None,
                names(c.unit_id),
                c.text,
                c.owner,
                c.due,
                c.effective_due if c.extensions else None,
                c.quantity,
                metric_heading(metric, words.lang) if metric else None,
                c.lead or None,
                words.join([names(u) for u in c.supporting]) or None,
                words.status(c.status),
                None if light is Warning.NONE else words(light.value),
                reference(c.carried_from),
                reference(c.carried_to),
            )
        )
    columns = (
        Column(words("col_meeting")),
        Column(words("col_nth")),
        Column(words("col_unit")),
        Column(words("col_text")),
        Column(words("col_owner")),
        Column(words("col_due"), Kind.DATE),
        Column(words("col_effective_due"), Kind.DATE),
        Column(words("col_quantity"), Kind.NUMBER),
        Column(words("col_metric")),
        Column(words("col_lead")),
        Column(words("col_supporting")),
        Column(words("col_status")),
        Column(words("col_warning")),
        Column(words("col_carried_from")),
        Column(words("col_carried_to")),
    )
    return Table(words("commitments"), columns, tuple(rows))
