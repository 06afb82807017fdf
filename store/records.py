"""What every record of the data folder looks like: one spec per table, one line per field.

Each record is checked against its table's spec as its file is read (store/tablefile.py),
before any decoder (store/codec.py) sees it. A hand-edited or damaged file is refused with
the file, the record and the field named; a decoder never meets a value it cannot take.

- A field the spec does not list is refused, not ignored: a misspelt optional field
  (`"higher_is_beter": false`) would otherwise be dropped without a word and the default
  used, and the next save of that record would delete it from the file. A new field
  comes with a new line here (a folder of a newer schema is refused whole, first).
- An optional field may be left out: the decoder gives its default. `null` is accepted
  only where the spec says `nullable`.
- JSON's types are taken as they are: a year written "2026" (text) is refused, not
  guessed at; so are `true` for a number, and NaN.

To add a field: one line in its table's spec, e.g. `"rev": whole(minimum=0),`. Keep the
order of the codec's `*_doc` function: a record in that order takes the quick way
(store/fields.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from operator import itemgetter
from pathlib import PurePath
from typing import Any

from agenda.commitments import Status
from agenda.errors import InputError
from agenda.meetings import Attendance, MeetingEventKind, MeetingState
from agenda.metrics import MetricKind, RateSource
from agenda.settings import Settings, setting_keys
from agenda.templates import SectionKind
from agenda.units import UnitKind
from store.fields import (
    Doc,
    Field,
    FieldError,
    Fields,
    choice,
    day,
    either,
    flag,
    keyed,
    listing,
    moment,
    month,
    nested,
    number,
    shown,
    text,
    whole,
)

# --- tables ------------------------------------------------------------------------------
# Checks a record against the file it is in: (record number, record, the file's name
# without .json, e.g. "2026-09"); raises FieldError.
Placement = Callable[[int, Doc, str], None]


class Spec:
    """A table's records: their fields, what names one record, where each belongs."""

    def __init__(
        self,
        fields: Mapping[str, Field],
        *,
        unique: tuple[str, ...] = (),
        placed: Placement | None = None,
    ) -> None:
        self.fields = Fields(fields)
        self.unique = unique  # the fields that together name one record
        # The key of a record by those fields (C's itemgetter: run on every record).
        self.key: Callable[[Doc], Any] | None = itemgetter(*unique) if unique else None
        self.placed = placed

    def check(self, doc_id: int, doc: Doc, stem: str) -> None:
        self.fields.check(doc)
        if self.placed is not None:
            self.placed(doc_id, doc, stem)


def _only_record_one(doc_id: int, doc: Doc, stem: str) -> None:
    if doc_id != 1:
        raise FieldError("store.record_not_one", "")


def _filed_by_id(doc_id: int, doc: Doc, stem: str) -> None:
    """A meeting or commitment "2026-09.3" is record 3 of periods/2026-09.json: the store
    finds it by its id, so one filed elsewhere would be lost to every lookup."""
    expected = f"{stem}.{doc_id}"
    if doc["id"] != expected:
        raise FieldError("store.record_misfiled", "id", value=shown(doc["id"]), expected=expected)
    if "period" in doc and doc["period"] != stem:
        raise FieldError(
            "store.record_misfiled", "period", value=shown(doc["period"]), expected=stem
        )


def _reading_of_year(doc_id: int, doc: Doc, stem: str) -> None:
    if doc["period"][:4] != stem:  # a period is YYYY-MM, checked already
        expected = f"{stem}-MM"
        raise FieldError(
            "store.record_misfiled", "period", value=shown(doc["period"]), expected=expected
        )


META = Spec(
    {
        "schema": whole(required=True, minimum=1),
        "created": moment(),
    },
    placed=_only_record_one,
)


def _setting(key: str) -> Field:
    """A setting is checked by the domain's own rule for it (agenda/settings.py), so the
    folder and the `settings set` command can never disagree on what a value may be."""

    def check(value: Any, where: str) -> None:
        try:
            kept = Settings.from_mapping({key: value}).stored(key)
        except InputError:
            kept = None
        if kept is None or kept != value or type(kept) is not type(value):
            raise FieldError("store.field_setting", where, value=shown(value))

    return Field(check)


SETTINGS = Spec(
    {key: _setting(key) for key in setting_keys()},
    placed=_only_record_one,
)
UNITS = Spec(
    {
        "id": text(required=True, nonempty=True),
        "name": text(required=True, nonempty=True),
        "kind": choice(UnitKind),
        "head": text(),
        "order": whole(),
        "active": flag(),
        "aliases": listing(text(nonempty=True)),
    },
    unique=("id",),
)
METRICS = Spec(
    {
        "key": text(required=True, nonempty=True),
        "label_zh": text(required=True, nonempty=True),
        "label_en": text(required=True, nonempty=True),
        "measure": text(),
        "kind": choice(MetricKind),
        "higher_is_better": flag(),
        "per": text(nullable=True, nonempty=True),
        "source": choice(RateSource),
        "numerator": text(nullable=True, nonempty=True),
        "denominator": text(nullable=True, nonempty=True),
        "aliases": listing(text(nonempty=True)),
        "active": flag(),
    },
    unique=("key",),
)
TARGETS = Spec(
    {
        "unit": text(required=True, nonempty=True),
        "metric": text(required=True, nonempty=True),
        "year": whole(required=True, minimum=1900),
        "value": number(required=True),
    },
    unique=("unit", "metric", "year"),
)
READINGS = Spec(
    {
        "unit": text(required=True, nonempty=True),
        "metric": text(required=True, nonempty=True),
        "period": month(required=True),
        "value": number(required=True),
    },
    unique=("unit", "metric", "period"),
    placed=_reading_of_year,
)
MEETING_EVENT = {
    "kind": choice(MeetingEventKind, required=True),
    "at": moment(required=True),
    "by": text(),
}
# A unit at the roll call: its status, and the deputy's name and post or the reason. A
# folder of schema 3 or before wrote the status alone, as text.
PRESENCE = {
    "status": choice(Attendance, required=True),
    "name": text(),
    "post": text(),
    "reason": text(),
}
OBSERVER = {"name": text(required=True, nonempty=True), "post": text()}
MEETINGS = Spec(
    {
        "id": text(required=True),
        "period": month(required=True),
        "date": day(required=True),
        "template": text(required=True, nonempty=True),
        "chair": text(),
        "secretary": text(),
        "state": choice(MeetingState),
        "started_at": moment(nullable=True),
        "ended_at": moment(nullable=True),
        "attendance": keyed(either(choice(Attendance), nested(PRESENCE))),
        "notes": keyed(text()),
        "unit_notes": keyed(keyed(text())),
        "problems": keyed(listing(text())),
        "current_item": text(nullable=True),
        "item_seconds": keyed(number()),
        "item_entered_at": moment(nullable=True),
        "events": listing(nested(MEETING_EVENT)),
        "rev": whole(minimum=0),
        "topic": text(),
        "place": text(),
        "nth_in_year": whole(nullable=True, minimum=1),
        "observers": listing(nested(OBSERVER)),
    },
    placed=_filed_by_id,
)
STATUS_CHANGE = {
    "status": choice(Status, required=True),
    "on": day(required=True),
    "meeting": text(nullable=True),
    "note": text(),
}
EXTENSION = {
    "new_due": day(required=True),
    "reason": text(),
    "on": day(required=True),
    "meeting": text(nullable=True),
}
PROGRESS = {
    "on": day(required=True),
    "note": text(),
    "percent": number(nullable=True),
    "meeting": text(nullable=True),
}
COMMITMENTS = Spec(
    {
        "id": text(required=True),
        "unit": text(required=True, nonempty=True),
        "text": text(required=True),
        "owner": text(),
        "due": day(required=True),
        "meeting": text(nullable=True),
        "metric": text(nullable=True),
        "quantity": number(nullable=True),
        "status": choice(Status),
        "history": listing(nested(STATUS_CHANGE)),
        "extensions": listing(nested(EXTENSION)),
        "carried_from": text(nullable=True),
        "carried_to": text(nullable=True),
        "created": day(nullable=True),
        "rev": whole(minimum=0),
        "lead": text(),
        "supporting": listing(text(nonempty=True)),
        "nth_in_meeting": whole(nullable=True, minimum=1),
        "carried_times": whole(minimum=0),
        "progress": listing(nested(PROGRESS)),
    },
    placed=_filed_by_id,
)
LABEL = {"zh": text(required=True, nonempty=True), "en": text(required=True, nonempty=True)}
TEMPLATE_ITEM = {
    "key": text(required=True, nonempty=True),
    "title_zh": text(required=True, nonempty=True),
    "title_en": text(required=True, nonempty=True),
    "minutes": number(required=True),
}
TEMPLATE_SECTION = {
    "key": text(required=True, nonempty=True),
    "kind": choice(SectionKind, required=True),
    "title_zh": text(required=True, nonempty=True),
    "title_en": text(required=True, nonempty=True),
    "items": listing(nested(TEMPLATE_ITEM), required=True),
}
# An agenda template the district keeps (agenda/templates.py), as codec.template_doc
# writes it; the rules of a walkable template are checked as it is decoded.
TEMPLATES = Spec(
    {
        "key": text(required=True, nonempty=True),
        "name_zh": text(required=True, nonempty=True),
        "name_en": text(required=True, nonempty=True),
        "language": text(required=True, nonempty=True),
        "due_in_days": whole(nullable=True, minimum=1),
        "problem_categories": listing(nested(LABEL)),
        "sections": listing(nested(TEMPLATE_SECTION), required=True),
    },
    unique=("key",),
)

# archived.json: a brief of each archived month (store/briefs.py), derived from archive/.
BRIEFS = Spec(
    {
        "period": month(required=True),
        "file": listing(whole(minimum=0), required=True),
        "first_due": day(nullable=True),
        "last_due": day(nullable=True),
        "meetings": listing(
            nested(
                {
                    "id": text(required=True),
                    "date": day(required=True),
                    "special": flag(required=True),
                    "closed": flag(required=True),
                }
            )
        ),
        "acted": listing(text(nonempty=True)),
        "units": listing(text(nonempty=True), required=True),
        "settled_by": day(nullable=True),
        "carried": whole(minimum=0, required=True),
    },
    unique=("period",),
)

# --- files -------------------------------------------------------------------------------
FILES: dict[str, dict[str, Spec]] = {
    "archived.json": {"months": BRIEFS},
    "meta.json": {"meta": META, "settings": SETTINGS},
    "units.json": {"units": UNITS},
    "metrics.json": {"metrics": METRICS},
    "targets.json": {"targets": TARGETS},
    "templates.json": {"templates": TEMPLATES},
    "readings": {"readings": READINGS},
    "periods": {"meetings": MEETINGS, "commitments": COMMITMENTS},
    "archive": {"meetings": MEETINGS, "commitments": COMMITMENTS},
}
# The names a data file may have in each folder; anything else there is not ours.
NAMES = {
    "readings": re.compile(r"^\d{4}\.json$"),
    "periods": re.compile(r"^\d{4}-(0[1-9]|1[0-2])\.json$"),
    "archive": re.compile(r"^\d{4}-(0[1-9]|1[0-2])\.json$"),
}


def tables_of(relative: PurePath) -> dict[str, Spec]:
    """The tables a file of the data folder holds (by its place: units.json,
    readings/2026.json, periods/2026-09.json)."""
    key = relative.parts[0] if len(relative.parts) > 1 else relative.name
    return FILES.get(key, {})


def is_data_name(folder: str, name: str) -> bool:
    return NAMES[folder].match(name) is not None
