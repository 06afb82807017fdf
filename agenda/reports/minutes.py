"""会议纪要: what a meeting decided, in the language of its template.

Facts (date, chair, secretary), attendance, each agenda section's notes, the review's
outcome per commitment as recorded at this meeting, and the new commitments as a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from agenda.commitments import Commitment, Status
from agenda.figures import Figures
from agenda.meetings import Attendance, Meeting
from agenda.metrics import Metric, active_metrics
from agenda.reports.bulletin_text import Voice, share_line
from agenda.reports.common import UnitNames, metric_heading, numbered, period_words
from agenda.reports.document import (
    Block,
    Bullets,
    Column,
    Document,
    Heading,
    Kind,
    Paragraph,
    Table,
)
from agenda.reports.labels import Words
from agenda.review import FulfilmentBook, review_list
from agenda.scorecard import build_scorecard
from agenda.settings import Settings
from agenda.standing import overall_share
from agenda.templates import Section, SectionKind, Template
from agenda.texts import paragraphs
from agenda.units import Unit, sorted_units


def outcome_at(commitment: Commitment, meeting: Meeting) -> tuple[Status, str]:
    """The status this meeting recorded (and its note); else the status as it stands."""
    for change in reversed(commitment.history):
        if change.meeting_id == meeting.id:
            return change.status, change.note
    return commitment.status, ""


def _facts(meeting: Meeting, template: Template, words: Words) -> list[Block]:
    lines = [f"{words('date')}：{meeting.date.isoformat()}"]
    if meeting.started_at and meeting.ended_at:
        start, end = meeting.started_at, meeting.ended_at
        lines.append(f"{words('time')}：{start:%H:%M}–{end:%H:%M}")
    lines.append(f"{words('period')}：{period_words(meeting.period, words.lang)}")
    if meeting.chair:
        lines.append(f"{words('chair')}：{meeting.chair}")
    if meeting.secretary:
        lines.append(f"{words('secretary')}：{meeting.secretary}")
    if words.lang == "en":
        lines = [line.replace("：", ": ") for line in lines]
    return [Paragraph(line) for line in lines]


def _attendance(meeting: Meeting, units: list[Unit], names: UnitNames, words: Words) -> Block:
    groups: dict[Attendance | None, list[str]] = {}
    listed = {unit.id for unit in sorted_units(units)} | set(meeting.attendance)
    for unit_id in sorted(listed, key=names.order):
        groups.setdefault(meeting.attendance.get(unit_id), []).append(names(unit_id))
    colon = "：" if words.lang == "zh" else ": "
    lines = []
    for status in (*Attendance, None):
        members = groups.get(status)
        if members:
            label = words.attendance(status) if status else words("not_recorded")
            count = f"（{len(members)}）" if words.lang == "zh" else f" ({len(members)})"
            lines.append(f"{label}{count}{colon}{words.join(members)}")
    return Bullets(tuple(lines))


def _review(
    meeting: Meeting, commitments: list[Commitment], names: UnitNames, words: Words
) -> list[Block]:
    reviewed = sorted(
        review_list(commitments, meeting), key=lambda c: (names.order(c.unit_id), c.due, c.id)
    )
    if not reviewed:
        return [Paragraph(words("nothing_due"))]
    by_id = {c.id: c for c in commitments}
    rows = []
    counts: dict[Status, int] = {}
    carried = 0
    for commitment in reviewed:
        status, note = outcome_at(commitment, meeting)
        counts[status] = counts.get(status, 0) + 1
        remarks = [note] if note else []
        for extension in commitment.extensions:
            if extension.meeting_id == meeting.id:
                remarks.append(
                    words("extended", due=extension.new_due.isoformat(), reason=extension.reason)
                )
        if commitment.carried_to:
            carried += 1
            successor = by_id.get(commitment.carried_to)
            due = successor.due.isoformat() if successor else "—"
            remarks.append(words("carried_to", id=commitment.carried_to, due=due))
        rows.append(
            (
                names(commitment.unit_id),
                commitment.text,
                commitment.owner,
                commitment.effective_due,
                words.status(status),
                "；".join(remarks) if words.lang == "zh" else "; ".join(remarks),
            )
        )
    table = Table(
        words("review_outcome"),
        (
            Column(words("col_unit")),
            Column(words("col_text")),
            Column(words("col_owner")),
            Column(words("col_due"), Kind.DATE),
            Column(words("col_outcome")),
            Column(words("col_note")),
        ),
        tuple(rows),
    )
    return [Paragraph(_summary(len(reviewed), counts, carried, words)), table]


def _summary(total: int, counts: dict[Status, int], carried: int, words: Words) -> str:
    order = (Status.DONE, Status.PARTIAL, Status.MISSED, Status.OPEN, Status.DROPPED)
    if words.lang == "zh":
        parts = [f"{words.status(s)}{counts[s]}项" for s in order if counts.get(s)]
        tail = f"；结转{carried}项" if carried else ""
        return f"共{total}项：{'，'.join(parts)}{tail}。"
    parts = [f"{counts[s]} {words.status(s)}" for s in order if counts.get(s)]
    tail = f"; {carried} carried over" if carried else ""
    return f"{total} items: {', '.join(parts)}{tail}."


def _new_commitments(
    meeting: Meeting,
    commitments: list[Commitment],
    names: UnitNames,
    metrics: dict[str, Metric],
    words: Words,
) -> list[Block]:
    made = sorted(
        (c for c in commitments if c.meeting_id == meeting.id),
        key=lambda c: (names.order(c.unit_id), c.due, c.id),
    )
    if not made:
        return [Paragraph(words("no_commitments"))]
    rows = []
    for c in made:
        metric = metrics.get(c.metric or "")
        rows.append(
            (
                c.id,
                names(c.unit_id),
                c.text,
                c.owner,
                c.due,
                c.quantity,
                metric_heading(metric, words.lang) if metric else None,
                words("carried_from", id=c.carried_from) if c.carried_from else None,
            )
        )
    return [
        Table(
            words("new_commitments"),
            (
                Column(words("col_id")),
                Column(words("col_unit")),
                Column(words("col_text")),
                Column(words("col_owner")),
                Column(words("col_due"), Kind.DATE),
                Column(words("col_quantity"), Kind.NUMBER),
                Column(words("col_metric")),
                Column(words("col_note")),
            ),
            tuple(rows),
        )
    ]


def _unit_lines(
    section: Section, meeting: Meeting, template: Template, names: UnitNames, words: Words
) -> list[Block]:
    colon = "：" if words.lang == "zh" else ": "
    blocks: list[Block] = []
    notes: Mapping[str, str] = meeting.unit_notes.get(section.key) or {}
    if notes:
        lines = [
            f"{names(unit_id)}{colon}{text}"
            for unit_id, text in sorted(notes.items(), key=lambda item: names.order(item[0]))
        ]
        blocks += [Heading(words("unit_notes"), 2), Bullets(tuple(lines))]
    if section.kind is SectionKind.GAPS and meeting.problems:
        english = dict(template.problem_categories)
        lines = []
        for unit_id, categories in sorted(
            meeting.problems.items(), key=lambda i: names.order(i[0])
        ):
            shown = [english.get(c, c) if words.lang == "en" else c for c in categories]
            lines.append(f"{names(unit_id)}{colon}{words.join(shown)}")
        blocks += [Heading(words("problems"), 2), Bullets(tuple(lines))]
    return blocks


def _shares(
    meeting: Meeting,
    units: list[Unit],
    metrics: list[Metric],
    figures: Figures,
    commitments: list[Commitment],
    voice: Voice,
) -> list[Block]:
    """肯定成绩 in figures: per metric with targets, how many units reached theirs."""
    review = FulfilmentBook(commitments, meeting.date)
    cards = [
        build_scorecard(
            metric,
            units,
            figures,
            meeting.period,
            metrics=metrics,
            grouping=voice.settings.groups,
            review=review,
        )
        for metric in active_metrics(metrics)
    ]
    lines = []
    share = overall_share(card for card in cards if card.metric.summable)
    if share is not None:
        key = "overall_share" if share.reached else "overall_share_none"
        lines.append(
            voice.say(key, judged=share.judged, reached=share.reached, share=voice.share(share))
        )
    colon = "：" if voice.lang == "zh" else ": "
    for card in cards:
        line = share_line(card, voice)
        if line:
            lines.append(f"{card.metric.label(voice.lang)}{colon}{line}")
    if not lines:
        return []
    return [Heading(voice.words("at_target"), 2), Bullets(tuple(lines))]


def build_minutes(
    meeting: Meeting,
    template: Template,
    units: Iterable[Unit],
    commitments: Iterable[Commitment],
    metrics: Iterable[Metric] = (),
    *,
    lang: str | None = None,
    figures: Figures | None = None,
    settings: Settings | None = None,
) -> Document:
    """The minutes of one meeting; `commitments` should include the archive's. With the
    meeting's `figures`, the achievements say how many units reached their targets."""
    words = Words(lang or template.language)
    units = list(units)
    commitments = list(commitments)
    metrics = list(metrics)
    names = UnitNames(units)
    by_key = {metric.key: metric for metric in metrics}
    voice = Voice(words, settings or Settings())
    blocks: list[Block] = [] if meeting.is_closed else [Paragraph(words("draft"))]
    blocks += _facts(meeting, template, words)
    blocks += [Heading(words("attendance"), 1), _attendance(meeting, units, names, words)]
    for index, section in enumerate(template.sections):
        blocks.append(Heading(numbered(index, section.title(words.lang), words.lang), 1))
        said: list[Block] = []
        for item in section.items:
            # The chair's remarks run to paragraphs: each one a paragraph of the document.
            note = paragraphs(meeting.notes.get(item.key, ""))
            if note:
                if len(section.items) > 1:
                    said.append(Heading(item.title(words.lang), 2))
                said += [Paragraph(paragraph) for paragraph in note]
        if section.kind is SectionKind.ACHIEVEMENTS and figures is not None:
            active = sorted_units(units)
            said += _shares(meeting, active, metrics, figures, commitments, voice)
        said += _unit_lines(section, meeting, template, names, words)
        if section.kind is SectionKind.REVIEW:
            said += _review(meeting, commitments, names, words)
        elif section.kind is SectionKind.ASSIGNMENTS:
            said += _new_commitments(meeting, commitments, names, by_key, words)
        blocks += said or [Paragraph(words("no_notes"))]
    name = template.name(words.lang)
    title = (
        f"{period_words(meeting.period, 'zh')}{name}{words('minutes')}"
        if words.lang == "zh"
        else f"{words('minutes')}: {name}, {period_words(meeting.period, 'en')}"
    )
    return Document(title, tuple(blocks))
