"""Domain records to JSON documents and back. Dates are ISO strings, enums their values."""

from __future__ import annotations

from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from agenda.commitments import Commitment, Extension, Status, StatusChange
from agenda.meetings import Attendance, Meeting, MeetingEvent, MeetingEventKind, MeetingState
from agenda.metrics import Metric, MetricKind, RateSource, Reading, Target
from agenda.periods import Period
from agenda.units import Unit, UnitKind

Doc = dict[str, Any]


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
        "attendance": {unit: status.value for unit, status in meeting.attendance.items()},
        "notes": dict(meeting.notes),
        "unit_notes": {key: dict(notes) for key, notes in meeting.unit_notes.items()},
        "problems": {unit: list(cats) for unit, cats in meeting.problems.items()},
        "current_item": meeting.current_item,
        "item_seconds": dict(meeting.item_seconds),
        "item_entered_at": _iso(meeting.item_entered_at),
        "events": [{"kind": e.kind.value, "at": _iso(e.at), "by": e.by} for e in meeting.events],
        "rev": meeting.revision,
    }


def meeting_from(doc: Doc) -> Meeting:
    meeting_date = _date(doc["date"])
    assert meeting_date is not None
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
        attendance=MappingProxyType(
            {unit: Attendance(value) for unit, value in doc.get("attendance", {}).items()}
        ),
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
    }


def commitment_from(doc: Doc) -> Commitment:
    due = _date(doc["due"])
    assert due is not None
    quantity = doc.get("quantity")
    return Commitment(
        id=doc["id"],
        unit_id=doc["unit"],
        text=doc["text"],
        owner=doc.get("owner", ""),
        due=due,
        meeting_id=doc.get("meeting"),
        metric=doc.get("metric"),
        quantity=None if quantity is None else float(quantity),
        status=Status(doc.get("status", "open")),
        history=tuple(
            StatusChange(
                Status(h["status"]),
                date.fromisoformat(h["on"]),
                h.get("meeting"),
                h.get("note", ""),
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
    )
