"""会议纪要: what a meeting heard, noted and decided, written as the office writes it.

The title names the meeting by its number in the year ("楼区2026年第11次招商引资调度会会议
纪要"); 时间, 地点, 主持人, 出席 (a deputy named), 列席, 请假 and 缺席 (with the reason), 记录;
an opening sentence; then prose in the order of the agenda: "会议听取了……的汇报" (the
review, unit by unit), "会议指出，" (成绩 from the figures, `agenda.talking`), "会议同时指
出，" (差距), "会议要求，" and the numbered tasks, each with 责任单位, 责任人, 完成时限 and,
where recorded, 牵头领导 and 配合单位; the chair's remarks as paragraphs. Nothing recorded,
nothing said: a part with nothing in it is left out. No internal ids: a commitment is
named by its unit and text, a meeting by its number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from agenda.commitments import Commitment, Status
from agenda.meetings import Attendance, Meeting
from agenda.reports.common import UnitNames, period_words
from agenda.reports.document import Align, Block, Document, Paragraph
from agenda.reports.minutes_words import MinutesWords
from agenda.review import review_list
from agenda.sayings import meeting_number
from agenda.settings import Settings
from agenda.talking import Brief, achievements, gaps
from agenda.templates import Section, SectionKind, Template
from agenda.texts import paragraphs
from agenda.units import Unit, sorted_units

OUTCOMES = (Status.DONE, Status.PARTIAL, Status.MISSED, Status.DROPPED)


def outcome_at(commitment: Commitment, meeting: Meeting) -> tuple[Status, str]:
    """The status this meeting recorded (and its note); else the status as it stands."""
    for change in reversed(commitment.history):
        if change.meeting_id == meeting.id:
            return change.status, change.note
    return commitment.status, ""


class _Minutes:
    def __init__(
        self,
        meeting: Meeting,
        template: Template,
        units: list[Unit],
        commitments: list[Commitment],
        words: MinutesWords,
        settings: Settings,
        brief: Brief | None,
    ) -> None:
        self.meeting, self.template, self.words = meeting, template, words
        self.units, self.commitments = units, commitments
        self.names = UnitNames(units)
        self.settings, self.brief = settings, brief

    @property
    def lang(self) -> str:
        return self.words.lang

    def name_list(self, unit_ids: Iterable[str]) -> str:
        return self.words.join([self.names(u) for u in sorted(set(unit_ids), key=self.names.order)])

    # --- the head: who, when, where ------------------------------------------------------
    def title(self) -> str:
        meeting, w = self.meeting, self.words
        name = w.meeting_name(meeting, self.template)
        district = self.settings.district if self.lang == "zh" else ""
        if meeting.nth_in_year is not None:
            return w(
                "title", district=district, number=meeting_number(meeting, self.lang), name=name
            )
        return w(
            "title", district=district, number=period_words(meeting.period, self.lang), name=name
        )

    def facts(self) -> list[Block]:
        meeting, w = self.meeting, self.words
        when = w.day(meeting.date)
        if meeting.started_at and meeting.ended_at:
            start, end = meeting.started_at, meeting.ended_at
            when += f" {start.hour}:{start.minute:02d}-{end.hour}:{end.minute:02d}"
        lines = [("time", when), ("place", meeting.place), ("chair", meeting.chair)]
        lines += self.attendance()
        lines.append(("secretary", meeting.secretary))
        return [Paragraph(text, Align.BODY, w(key) + w.colon) for key, text in lines if text]

    def attendance(self) -> list[tuple[str, str]]:
        """出席 (a deputy: the unit, then who came in the head's place), 列席, 请假, 缺席.
        At a regular meeting every active unit not marked otherwise was present; a 专题
        meeting had only the units its roll call lists."""
        meeting, w = self.meeting, self.words
        listed = set(meeting.attendance)
        if not meeting.is_special:
            listed |= {unit.id for unit in sorted_units(self.units)}
        present: list[str] = []
        away: dict[Attendance, list[str]] = {Attendance.EXCUSED: [], Attendance.ABSENT: []}
        for unit_id in sorted(listed, key=self.names.order):
            entry = meeting.presence(unit_id)
            name = self.names(unit_id)
            if entry.status is Attendance.DEPUTY:
                deputy = (
                    f"{entry.post}{entry.name}"
                    if self.lang == "zh"
                    else (", ".join(part for part in (entry.name, entry.post) if part))
                )
                present.append(w("deputy", unit=name, deputy=deputy) if deputy else name)
            elif entry.status is Attendance.PRESENT:
                present.append(name)
            else:
                away[entry.status].append(w.bracketed(name, entry.reason))
        observers = [w.bracketed(o.name, o.post) for o in meeting.observers]
        return [
            ("present", w.join(present)),
            ("observers", w.join(observers)),
            ("excused", w.join(away[Attendance.EXCUSED])),
            ("absent", w.join(away[Attendance.ABSENT])),
        ]

    def opening(self) -> Paragraph:
        meeting, w = self.meeting, self.words
        name = w.meeting_name(meeting, self.template)
        number = meeting_number(meeting, self.lang) if meeting.nth_in_year else ""
        return Paragraph(w.opening(meeting, name, number))

    # --- the body, section by section --------------------------------------------------
    def notes(self, section: Section) -> list[str]:
        said = []
        for item in section.items:
            said += paragraphs(self.meeting.notes.get(item.key, ""))
        return said

    def review(self, section: Section) -> list[Block]:
        meeting, w = self.meeting, self.words
        reviewed = review_list(self.commitments, meeting)
        blocks: list[Block] = []
        if reviewed:
            units = self.name_list(c.unit_id for c in reviewed)
            blocks.append(Paragraph(w("heard", units=units), lead=w("heard_lead")))
            blocks.append(Paragraph(self.outcomes(reviewed)))
        progress = self.progress()
        if progress:
            blocks.append(Paragraph(progress))
        blocks += [Paragraph(text) for text in self.notes(section)]
        return blocks

    def outcomes(self, reviewed: list[Commitment]) -> str:
        """到期N项：已完成n项（units），部分完成…，未完成…；结转n项（unit，完成时限延至…）."""
        w, meeting = self.words, self.meeting
        by_status: dict[Status, list[str]] = {}
        for commitment in reviewed:
            status, _ = outcome_at(commitment, meeting)
            by_status.setdefault(status, []).append(commitment.unit_id)
        parts = []
        for status in (*OUTCOMES, Status.OPEN):
            units = by_status.get(status)
            if units:
                parts.append(
                    w(
                        "outcome",
                        status=w.status(status),
                        count=len(units),
                        units=self.name_list(units),
                    )
                )
        by_id = {c.id: c for c in self.commitments}
        carried = []
        for commitment in reviewed:
            successor = by_id.get(commitment.carried_to or "")
            if successor is not None and successor.meeting_id == meeting.id:
                carried.append(
                    w.bracketed(
                        self.names(commitment.unit_id), w("due_moved", due=w.day(successor.due))
                    )
                )
        extended = [
            w.bracketed(self.names(c.unit_id), w("due_moved", due=w.day(e.new_due)))
            for c in reviewed
            for e in c.extensions
            if e.meeting_id == meeting.id
        ]
        text = w("outcomes", count=len(reviewed), parts=w.list_sep.join(parts))
        if carried:
            text += w("carried", count=len(carried), units=w.join(carried))
        if extended:
            text += w("extended", count=len(extended), units=w.join(extended))
        return text + w.stop

    def progress(self) -> str:
        """推进情况 reported at this meeting on commitments not yet due."""
        w = self.words
        notes: list[str] = []
        for c in sorted(self.commitments, key=lambda c: self.names.order(c.unit_id)):
            for entry in c.progress:
                if entry.meeting_id == self.meeting.id:
                    unit, text = self.names(c.unit_id), _bare(c.text)
                    notes.append(w("progress_line", unit=unit, text=text, note=_bare(entry.note)))
        return w("progress", lines=w.list_sep.join(notes)) if notes else ""

    def achievements(self, section: Section) -> list[Block]:
        said = achievements(self.brief, self.lang) if self.brief else []
        said += self.notes(section)
        return _led(said, self.words("noted"))

    def gaps(self, section: Section) -> list[Block]:
        w = self.words
        said = gaps(self.brief, self.lang) if self.brief else []
        problems = self.meeting.problems
        if section.kind is SectionKind.GAPS and problems:
            english = dict(self.template.problem_categories)
            lines = []
            for unit_id in sorted(problems, key=self.names.order):
                shown = [english.get(c, c) if self.lang == "en" else c for c in problems[unit_id]]
                lines.append(w.bracketed(self.names(unit_id), w.join(shown)))
            said.append(w("problems", lines=w.list_sep.join(lines)))
        said += self.unit_notes(section)
        said += self.notes(section)
        return _led(said, w("noted_also"))

    def unit_notes(self, section: Section) -> list[str]:
        notes: Mapping[str, str] = self.meeting.unit_notes.get(section.key) or {}
        return [
            self.words("unit_note", unit=self.names(unit_id), note=_bare(note)) + self.words.stop
            for unit_id, note in sorted(notes.items(), key=lambda item: self.names.order(item[0]))
            if note.strip()
        ]

    def assignments(self, section: Section) -> list[Block]:
        w = self.words
        made = [c for c in self.commitments if c.meeting_id == self.meeting.id]
        made.sort(key=lambda c: (c.nth_in_meeting or 10**6, self.names.order(c.unit_id), c.due))
        blocks: list[Block] = []
        if made:
            blocks.append(Paragraph(w("required"), lead=w("required_lead")))
            for index, c in enumerate(made, start=1):
                blocks.append(Paragraph(self.task(index, c)))
        remarks = self.notes(section)
        if remarks:
            blocks.append(Paragraph("", lead=w("stressed_lead")))
            blocks += [Paragraph(text) for text in remarks]
        return blocks

    def task(self, index: int, c: Commitment) -> str:
        w = self.words
        number = c.nth_in_meeting or index
        facts = [
            w("task_unit", unit=self.names(c.unit_id)),
            w("task_owner", owner=c.owner) if c.owner else "",
            w("task_due", due=w.day(c.effective_due)),
            w("task_lead", lead=c.lead) if c.lead else "",
            w("task_supporting", units=self.name_list(c.supporting)) if c.supporting else "",
        ]
        carried = w("carried_over") if c.carried_from else ""
        return w(
            "task",
            number=number,
            text=_bare(c.text),
            carried=carried,
            facts=w.fact_sep.join(f for f in facts if f),
        )

    def other(self, section: Section) -> list[Block]:
        said = self.notes(section) + self.unit_notes(section)
        return _led(said, self.words("on_section", title=section.title(self.lang)))

    def body(self) -> list[Block]:
        blocks: list[Block] = []
        for section in self.template.sections:
            if section.kind is SectionKind.REVIEW:
                blocks += self.review(section)
            elif section.kind is SectionKind.ACHIEVEMENTS:
                blocks += self.achievements(section)
            elif section.kind is SectionKind.GAPS:
                blocks += self.gaps(section)
            elif section.kind is SectionKind.ASSIGNMENTS:
                blocks += self.assignments(section)
            else:
                blocks += self.other(section)
        return blocks


def _led(said: list[str], lead: str) -> list[Block]:
    """Paragraphs, the first one led by "会议指出，" (nothing when there is nothing)."""
    return [Paragraph(text, lead=lead if index == 0 else "") for index, text in enumerate(said)]


def _bare(text: str) -> str:
    return " ".join(text.split()).rstrip("。.；;")


def build_minutes(
    meeting: Meeting,
    template: Template,
    units: Iterable[Unit],
    commitments: Iterable[Commitment],
    *,
    lang: str | None = None,
    settings: Settings | None = None,
    brief: Brief | None = None,
    dated: date | None = None,
) -> Document:
    """The minutes of one meeting; `commitments` should hold those it reviewed and made.
    With the meeting's `brief` (`agenda.usecases.reports.talking_brief`), the minutes say
    成绩 and 差距 from the figures."""
    words = MinutesWords(lang or template.language)
    settings = settings or Settings()
    writer = _Minutes(meeting, template, list(units), list(commitments), words, settings, brief)
    blocks: list[Block] = []
    if not meeting.is_closed:
        blocks.append(Paragraph(words("draft"), Align.CENTER))
    blocks += writer.facts()
    blocks.append(writer.opening())
    blocks += writer.body()
    return Document(
        writer.title(),
        tuple(blocks),
        lang=words.lang,
        signature=settings.issuer,
        dated=dated or meeting.date,
        copies=settings.copies,
        printed=settings.issuer,
    )
