"""The minutes, the bulletin and the task table of a district, each reading only what it
shows: at ten years of history a report of this month reads this year's commitments, not
fifty thousand (agenda/ports.py: `commitments_due`, `commitments_of_meeting`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from agenda.commitments import Commitment, Status
from agenda.errors import DiaoduError, RuleError
from agenda.meetings import Meeting, period_of_id
from agenda.periods import Period
from agenda.review import cutoff
from agenda.usecases.district import District
from agenda.usecases.meetings import find_meeting

if TYPE_CHECKING:  # the report builders load with the report that needs them
    from agenda.reports.bulletin import Bulletin
    from agenda.reports.commitment_table import CommitmentFilter
    from agenda.reports.document import Document, Table
    from agenda.talking import Brief, TalkingPoints
    from agenda.templates import Template


def minutes(district: District, meeting_id: str, lang: str | None = None) -> Document:
    """会议纪要 of a meeting (or `last`), in `lang` or its agenda's language."""
    from agenda.reports.minutes import build_minutes
    from agenda.usecases.templates import template

    store = district.store
    meeting = find_meeting(district, meeting_id)
    return build_minutes(
        meeting,
        template(district, meeting.template),
        store.units(),
        minutes_commitments(district, meeting),
        lang=lang,
        settings=district.settings(),
        brief=talking_brief(district, meeting.id),
    )


def minutes_commitments(district: District, meeting: Meeting) -> list[Commitment]:
    """What a meeting's minutes read: every open commitment (what was due then is among
    them), those the meeting made or acted on, the successors of those it carried over,
    and, for its 履约率, those of its year due by its cut-off."""
    store = district.store
    found = {c.id: c for c in store.commitments()}
    for c in store.commitments_of_meeting(meeting.id):
        found.setdefault(c.id, c)
    since, until = date(meeting.period.year, 1, 1), cutoff(meeting.period, meeting.date)
    for c in store.commitments_due(since, until):
        found.setdefault(c.id, c)
    for c in list(found.values()):
        if c.carried_to and c.carried_to not in found:
            successor = store.commitment(c.carried_to)
            if successor is not None:
                found[successor.id] = successor
    return sorted(found.values(), key=_filed)


def document_language(district: District, explicit: str | None = None) -> str:
    """The language the office's documents are written in: the one asked for, else the
    district's `lang` setting, else the language of its agenda (the `template` setting's):
    never the locale of the machine they are made on (a Chinese office on an English
    Windows sends Chinese documents)."""
    from agenda.templates import find_template

    if explicit in ("zh", "en"):
        return explicit
    settings = district.settings_or_defaults()
    if settings.lang:
        return settings.lang
    try:
        return find_template(settings.template, district.store.templates()).language
    except DiaoduError:
        return "zh"


def bulletin(district: District, period: Period | None = None) -> Bulletin:
    """通报 of a month (default: the latest with readings), made today."""
    from agenda.reports.bulletin import build_bulletin

    store = district.store
    period = period or store.latest_reading_period()
    if period is None:
        raise RuleError("report.no_readings")
    from agenda.usecases.review import escalation_as_of

    today = district.today()
    settings = district.settings()
    until = cutoff(period, today)
    escalated = escalation_as_of(district, until, settings)
    return build_bulletin(
        period,
        store.units(),
        store.metrics(),
        store.figures(period),
        store.commitments_due(date(period.year, 1, 1), until),
        as_of=today,
        settings=settings,
        escalated=escalated,
    )


def commitment_filter(
    district: District,
    *,
    unit: str | None = None,
    status: str | None = None,
    period: str | None = None,
    overdue: bool = False,
) -> CommitmentFilter:
    """Which commitments the task table lists, as asked for by name (a unit by its name,
    an alias or its id; a period as YYYY-MM)."""
    from agenda.reports.commitment_table import CommitmentFilter
    from agenda.units import find_unit

    unit_id = None
    if unit:
        found = find_unit(district.store.units(), unit)
        if found is None:
            raise RuleError("report.no_unit", unit=unit)
        unit_id = found.id
    return CommitmentFilter(
        unit_id=unit_id,
        status=Status(status) if status else None,
        period=Period.parse(period) if period else None,
        overdue_on=district.today() if overdue else None,
    )


def task_table(district: District, only: CommitmentFilter | None, lang: str) -> Table:
    """任务分解表, filtered. Only open ones asked for: the archive holds none of them."""
    from agenda.reports.commitment_table import commitment_table

    store = district.store
    open_only = only is not None and (only.overdue_on is not None or only.status is Status.OPEN)
    commitments = store.commitments(include_archive=not open_only)
    return commitment_table(
        commitments,
        store.units(),
        store.metrics(),
        today=district.today(),
        lang=lang,
        only=only,
        warn_days=district.settings().warn_days,
        # The table names a commitment by its meeting: only the listed ones' meetings are
        # needed, and for open ones those are a few months' files, not ten years of them.
        meetings=_meetings_of(district, commitments)
        if open_only
        else store.meetings(include_archive=True),
    )


def _meetings_of(district: District, commitments: list[Commitment]) -> list[Meeting]:
    """The meetings the commitments were made at, each read once."""
    ids = sorted({c.meeting_id for c in commitments if c.meeting_id})
    found = (district.store.meeting(meeting_id) for meeting_id in ids)
    return [meeting for meeting in found if meeting is not None]


def _filed(commitment: Commitment) -> tuple[Period, int]:
    return period_of_id(commitment.id), int(commitment.id.rsplit(".", 1)[1])


def talking_brief(district: District, meeting_id: str) -> Brief:
    """What the chair's talking points and the minutes' 成绩 and 差距 are drawn from: the
    meeting's month of figures, its commitments, 履约率 to the month's cut-off, 督办."""
    from agenda.review import FulfilmentBook, fulfilment
    from agenda.scorecard import blank_units, build_scorecard
    from agenda.talking import Brief
    from agenda.templates import SectionKind, find_template
    from agenda.units import sorted_units
    from agenda.usecases.review import escalation_as_of

    store = district.store
    meeting = find_meeting(district, meeting_id)
    settings = district.settings()
    period, today = meeting.period, district.today()
    units = sorted_units(store.units())
    metrics = [metric for metric in store.metrics() if metric.active]
    figures = store.figures(period)
    until = cutoff(period, today)
    due = store.commitments_due(date(period.year, 1, 1), until)
    book = FulfilmentBook(due, today)
    cards = tuple(
        build_scorecard(
            metric, units, figures, period, metrics=metrics, grouping=settings.groups, review=book
        )
        for metric in metrics
    )
    order = {unit.id: index for index, unit in enumerate(units)}
    missed = {c.unit_id for c in due if _not_kept(c, until)}
    flags = escalation_as_of(district, meeting, settings)
    tasks = [c for c in store.commitments_of_meeting(meeting.id) if c.meeting_id == meeting.id]
    tasks.sort(key=lambda c: (c.nth_in_meeting or 10**6, _filed(c)))
    template = find_template(meeting.template, store.templates())
    praised = [
        (unit_id, note)
        for section in template.sections
        if section.kind is SectionKind.ACHIEVEMENTS
        for unit_id, note in sorted(
            (meeting.unit_notes.get(section.key) or {}).items(),
            key=lambda item: order.get(item[0], 10**6),
        )
        if note.strip()
    ]
    return Brief(
        period=period,
        cards=cards,
        names={unit.id: unit.name for unit in store.units()},
        settings=settings,
        blanks=tuple(blank_units(units, figures, metrics, period)),
        cutoff=until,
        fulfilment=fulfilment(due, until, since=date(period.year, 1, 1)),
        missed=tuple(sorted(missed, key=lambda u: order.get(u, 10**6))),
        talks=flags.units,
        supervised=tuple(flag.commitment for flag in flags.commitments),
        tasks=tuple(tasks),
        praised=tuple(praised),
        occasion=(_occasion(meeting, template, "zh"), _occasion(meeting, template, "en")),
    )


def _occasion(meeting: Meeting, template: Template, lang: str) -> str:
    """2026年第11次招商引资调度会 / the Investment promotion dispatch meeting, No. 11 of 2026."""
    from agenda.reports.minutes_words import MinutesWords
    from agenda.sayings import meeting_number

    name = MinutesWords(lang).meeting_name(meeting, template)
    if meeting.nth_in_year is None:
        return name if lang == "zh" else f"the {name}"
    number = meeting_number(meeting, lang)
    return f"{number}{name}" if lang == "zh" else f"the {name}, {number}"


def talking_points(district: District, meeting_id: str, lang: str) -> TalkingPoints:
    """讲话要点 of a meeting (or `last`): 成绩, 差距 and 下步安排 from its month's figures."""
    from agenda.talking import talking_points as draft

    return draft(talking_brief(district, meeting_id), lang)


def _not_kept(commitment: Commitment, until: date) -> bool:
    """Due by `until` and not settled as done or partly done by then (dropped: not due)."""
    if commitment.status is Status.DROPPED or commitment.effective_due > until:
        return False
    settled = [c for c in commitment.history if c.on <= until]
    status = settled[-1].status if settled else Status.OPEN
    return status in (Status.MISSED, Status.OPEN)
