"""Domain records to JSON documents and back. Dates are ISO strings, enums their values."""

from __future__ import annotations

from datetime import date, datetime
from types import MappingProxyType
from typing import Any, TypeVar

from agenda.commitments import Commitment, Extension, Progress, Status, StatusChange
from agenda.meetings import (
    Attendance,
    Meeting,
    MeetingEvent,
    MeetingEventKind,
    MeetingState,
    Observer,
    Presence,
)
from agenda.metrics import Metric, MetricKind, RateSource, Reading, Target
from agenda.periods import Period
from agenda.templates import Item, Section, SectionKind, Template, template_refusal
from agenda.units import Unit, UnitKind

Doc = dict[str, Any]


# A status by its stored value: looked up, not Status(value) (an Enum call costs some
# microseconds, and a year of commitments holds thousands). Unknown: Status() says so.
_STATUSES = {status.value: status for status in Status}


def _status(value: str) -> Status:
    return _STATUSES.get(value) or Status(value)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _datetime(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


# --- units and metrics -------------------------------------------------------------------
def unit_doc(unit: Unit) -> Doc:
    return {
        "id": unit.id,
        "name": unit.name,
        "kind": unit.kind.value,
        "head": unit.head,
        "order": unit.order,
        "active": unit.active,
        "aliases": list(unit.aliases),
    }


def unit_from(doc: Doc) -> Unit:
    return Unit(
        id=doc["id"],
        name=doc["name"],
        kind=UnitKind(doc.get("kind", "town")),
        head=doc.get("head", ""),
        order=int(doc.get("order", 0)),
        active=bool(doc.get("active", True)),
        aliases=tuple(doc.get("aliases", ())),
    )


def metric_doc(metric: Metric) -> Doc:
    return {
        "key": metric.key,
        "label_zh": metric.label_zh,
        "label_en": metric.label_en,
        "measure": metric.measure,
        "kind": metric.kind.value,
        "higher_is_better": metric.higher_is_better,
        "per": metric.per,
        "source": metric.source.value,
        "numerator": metric.numerator,
        "denominator": metric.denominator,
        "aliases": list(metric.aliases),
        "active": metric.active,
    }


def metric_from(doc: Doc) -> Metric:
    """A metric record; one written before rates could be formed (schema 1) lacks source,
    numerator, denominator, aliases and active, and reads as a reported, active metric."""
    aliases = doc.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError("aliases")
    metric = Metric(
        key=_metric_text(doc["key"], "key"),
        label_zh=_metric_text(doc["label_zh"], "label_zh"),
        label_en=_metric_text(doc["label_en"], "label_en"),
        measure=_metric_text(doc.get("measure", "个"), "measure"),
        kind=MetricKind(doc.get("kind", "amount")),
        higher_is_better=bool(doc.get("higher_is_better", True)),
        per=doc.get("per"),
        source=RateSource(doc.get("source", "reported")),
        numerator=doc.get("numerator"),
        denominator=doc.get("denominator"),
        aliases=tuple(aliases),
        active=bool(doc.get("active", True)),
    )
    if metric.source is RateSource.RATIO and not (metric.numerator and metric.denominator):
        raise ValueError("numerator or denominator")
    return metric


def _metric_text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(name)
    return value


def target_doc(target: Target) -> Doc:
    return {
        "unit": target.unit_id,
        "metric": target.metric,
        "year": target.year,
        "value": target.value,
    }


def target_from(doc: Doc) -> Target:
    return Target(doc["unit"], doc["metric"], int(doc["year"]), float(doc["value"]))


def reading_doc(reading: Reading) -> Doc:
    return {
        "unit": reading.unit_id,
        "metric": reading.metric,
        "period": str(reading.period),
        "value": reading.value,
    }


def reading_from(doc: Doc) -> Reading:
    return Reading(doc["unit"], doc["metric"], Period.parse(doc["period"]), float(doc["value"]))


# --- meetings ----------------------------------------------------------------------------
def meeting_doc(meeting: Meeting) -> Doc:
    return {
        "id": meeting.id,
        "period": str(meeting.period),
        "date": _iso(meeting.date),
        "template": meeting.template,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
        "state": meeting.state.value,
        "started_at": _iso(meeting.started_at),
        "ended_at": _iso(meeting.ended_at),
        "attendance": {unit: _presence_doc(meeting, unit) for unit in meeting.attendance},
        "notes": dict(meeting.notes),
        "unit_notes": {key: dict(notes) for key, notes in meeting.unit_notes.items()},
        "problems": {unit: list(cats) for unit, cats in meeting.problems.items()},
        "current_item": meeting.current_item,
        "item_seconds": dict(meeting.item_seconds),
        "item_entered_at": _iso(meeting.item_entered_at),
        "events": [{"kind": e.kind.value, "at": _iso(e.at), "by": e.by} for e in meeting.events],
        "rev": meeting.revision,
        "topic": meeting.topic,
        "place": meeting.place,
        "nth_in_year": meeting.nth_in_year,
        "observers": [{"name": o.name, "post": o.post} for o in meeting.observers],
    }


def _presence_doc(meeting: Meeting, unit_id: str) -> Doc:
    """A unit at the roll call: its status, and only the details it has."""
    entry = meeting.presence(unit_id)
    doc: Doc = {"status": entry.status.value}
    for name in ("name", "post", "reason"):
        if getattr(entry, name):
            doc[name] = getattr(entry, name)
    return doc


def _presences(raw: dict[str, Any]) -> tuple[dict[str, Attendance], dict[str, Presence]]:
    """Statuses and details from a meeting's attendance, as written now ({"status": ...,
    "name": ...}) or by schema 3 and before (the status alone, as text)."""
    statuses: dict[str, Attendance] = {}
    details: dict[str, Presence] = {}
    for unit, value in raw.items():
        if isinstance(value, str):
            statuses[unit] = Attendance(value)
            continue
        status = Attendance(value["status"])
        statuses[unit] = status
        entry = Presence(
            status, value.get("name", ""), value.get("post", ""), value.get("reason", "")
        )
        if entry.details:
            details[unit] = entry
    return statuses, details


def meeting_from(doc: Doc) -> Meeting:
    meeting_date = _date(doc["date"])
    assert meeting_date is not None
    statuses, details = _presences(doc.get("attendance", {}))
    return Meeting(
        id=doc["id"],
        period=Period.parse(doc["period"]),
        date=meeting_date,
        template=doc["template"],
        chair=doc.get("chair", ""),
        secretary=doc.get("secretary", ""),
        state=MeetingState(doc.get("state", "planned")),
        started_at=_datetime(doc.get("started_at")),
        ended_at=_datetime(doc.get("ended_at")),
        attendance=MappingProxyType(statuses),
        notes=MappingProxyType(dict(doc.get("notes", {}))),
        unit_notes=MappingProxyType(
            {key: MappingProxyType(dict(v)) for key, v in doc.get("unit_notes", {}).items()}
        ),
        problems=MappingProxyType(
            {unit: tuple(cats) for unit, cats in doc.get("problems", {}).items()}
        ),
        current_item=doc.get("current_item"),
        item_seconds=MappingProxyType(
            {key: float(v) for key, v in doc.get("item_seconds", {}).items()}
        ),
        item_entered_at=_datetime(doc.get("item_entered_at")),
        events=tuple(
            MeetingEvent(
                MeetingEventKind(e["kind"]), datetime.fromisoformat(e["at"]), e.get("by", "")
            )
            for e in doc.get("events", ())
        ),
        revision=int(doc.get("rev", 0)),
        topic=doc.get("topic", ""),
        place=doc.get("place", ""),
        nth_in_year=doc.get("nth_in_year"),
        attendance_details=MappingProxyType(details),
        observers=tuple(Observer(o["name"], o.get("post", "")) for o in doc.get("observers", ())),
    )


# --- commitments -------------------------------------------------------------------------
def commitment_doc(c: Commitment) -> Doc:
    return {
        "id": c.id,
        "unit": c.unit_id,
        "text": c.text,
        "owner": c.owner,
        "due": _iso(c.due),
        "meeting": c.meeting_id,
        "metric": c.metric,
        "quantity": c.quantity,
        "status": c.status.value,
        "history": [
            {"status": h.status.value, "on": _iso(h.on), "meeting": h.meeting_id, "note": h.note}
            for h in c.history
        ],
        "extensions": [
            {
                "new_due": _iso(e.new_due),
                "reason": e.reason,
                "on": _iso(e.on),
                "meeting": e.meeting_id,
            }
            for e in c.extensions
        ],
        "carried_from": c.carried_from,
        "carried_to": c.carried_to,
        "created": _iso(c.created),
        "rev": c.revision,
        "lead": c.lead,
        "supporting": list(c.supporting),
        "nth_in_meeting": c.nth_in_meeting,
        "carried_times": c.carried_times,
        "progress": [
            {"on": _iso(p.on), "note": p.note, "percent": p.percent, "meeting": p.meeting_id}
            for p in c.progress
        ],
    }


def commitment_from(doc: Doc) -> Commitment:
    due = _date(doc["due"])
    assert due is not None
    quantity = doc.get("quantity")
    return _made(
        Commitment,
        id=doc["id"],
        unit_id=doc["unit"],
        text=doc["text"],
        owner=doc.get("owner", ""),
        due=due,
        meeting_id=doc.get("meeting"),
        metric=doc.get("metric"),
        quantity=None if quantity is None else float(quantity),
        status=_status(doc.get("status", "open")),
        history=tuple(
            _made(
                StatusChange,
                status=_status(h["status"]),
                on=date.fromisoformat(h["on"]),
                meeting_id=h.get("meeting"),
                note=h.get("note", ""),
            )
            for h in doc.get("history", ())
        ),
        extensions=tuple(
            Extension(
                date.fromisoformat(e["new_due"]),
                e.get("reason", ""),
                date.fromisoformat(e["on"]),
                e.get("meeting"),
            )
            for e in doc.get("extensions", ())
        ),
        carried_from=doc.get("carried_from"),
        carried_to=doc.get("carried_to"),
        created=_date(doc.get("created")),
        revision=int(doc.get("rev", 0)),
        lead=doc.get("lead", ""),
        supporting=tuple(doc.get("supporting", ())),
        nth_in_meeting=doc.get("nth_in_meeting"),
        # Written before carry-overs were counted (schema 3): a migration counts them.
        carried_times=int(doc.get("carried_times", 1 if doc.get("carried_from") else 0)),
        progress=tuple(_progress(p) for p in doc.get("progress", ())),
    )


_R = TypeVar("_R")


def _made(kind: type[_R], **fields: Any) -> _R:
    """A frozen record of every one of its fields, without its generated __init__: a
    report at ten years decodes thousands of commitments, and a frozen dataclass's
    __init__ sets each of their 22 fields through object.__setattr__ (a third of the
    decoding). Only for records whose __init__ does nothing else (no __post_init__), given
    every field (a test compares them with records made by their __init__)."""
    record = object.__new__(kind)
    record.__dict__.update(fields)
    return record


def _progress(doc: Doc) -> Progress:
    percent = doc.get("percent")
    if percent is not None and not 0 <= percent <= 100:
        raise ValueError(f"progress percent {percent} is not from 0 to 100")
    return Progress(
        date.fromisoformat(doc["on"]),
        doc.get("note", ""),
        None if percent is None else float(percent),
        doc.get("meeting"),
    )


# --- agenda templates a district keeps ---------------------------------------------------
def template_doc(template: Template) -> Doc:
    return {
        "key": template.key,
        "name_zh": template.name_zh,
        "name_en": template.name_en,
        "language": template.language,
        "due_in_days": template.due_in_days,
        "problem_categories": [{"zh": zh, "en": en} for zh, en in template.problem_categories],
        "sections": [
            {
                "key": section.key,
                "kind": section.kind.value,
                "title_zh": section.title_zh,
                "title_en": section.title_en,
                "items": [
                    {
                        "key": item.key,
                        "title_zh": item.title_zh,
                        "title_en": item.title_en,
                        "minutes": item.minutes,
                    }
                    for item in section.items
                ],
            }
            for section in template.sections
        ],
    }


def template_from(doc: Doc) -> Template:
    """A stored template; one that could not be walked (an item twice, a section without
    items: a hand edit) is refused as `load_template` refuses such a file."""
    template = Template(
        key=doc["key"],
        name_zh=doc["name_zh"],
        name_en=doc["name_en"],
        language=doc["language"],
        sections=tuple(
            Section(
                key=s["key"],
                kind=SectionKind(s["kind"]),
                title_zh=s["title_zh"],
                title_en=s["title_en"],
                items=tuple(
                    Item(i["key"], i["title_zh"], i["title_en"], float(i["minutes"]))
                    for i in s["items"]
                ),
            )
            for s in doc["sections"]
        ),
        problem_categories=tuple((c["zh"], c["en"]) for c in doc.get("problem_categories", ())),
        due_in_days=doc.get("due_in_days"),
    )
    refusal = template_refusal(template)
    if refusal is not None:
        raise refusal
    return template
