"""What a meeting did, for the chair before closing it: commitments, review, time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting
from agenda.templates import Template


@dataclass(frozen=True)
class SectionTime:
    title_zh: str
    title_en: str
    planned_seconds: float
    spent_seconds: float

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    @property
    def overrun(self) -> bool:
        return self.spent_seconds > self.planned_seconds


@dataclass(frozen=True)
class MeetingSummary:
    new_by_unit: tuple[tuple[str, int], ...]  # unit id, commitments made here
    new_total: int
    reviewed: Counter[Status]  # outcomes recorded at this meeting
    carried_over: int
    left_open: int  # due by the meeting and still open: they come back next time
    times: tuple[SectionTime, ...]


def summarise(
    meeting: Meeting, template: Template, commitments: Iterable[Commitment], now: datetime
) -> MeetingSummary:
    commitments = list(commitments)
    made_here = [c for c in commitments if c.meeting_id == meeting.id]
    per_unit = Counter(c.unit_id for c in made_here)
    reviewed: Counter[Status] = Counter()
    carried = 0
    left_open = 0
    for commitment in commitments:
        if commitment.meeting_id == meeting.id:
            continue
        here = [change for change in commitment.history if change.meeting_id == meeting.id]
        if here:
            reviewed[here[-1].status] += 1
            carried += bool(commitment.carried_to)
        elif commitment.is_open and commitment.effective_due <= meeting.date:
            left_open += 1
    times = tuple(
        SectionTime(
            section.title_zh,
            section.title_en,
            section.minutes * 60,
            sum(meeting.seconds_on(item.key, now) for item in section.items),
        )
        for section in template.sections
    )
    return MeetingSummary(
        new_by_unit=tuple(sorted(per_unit.items())),
        new_total=len(made_here),
        reviewed=reviewed,
        carried_over=carried,
        left_open=left_open,
        times=times,
    )
