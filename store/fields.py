"""The kinds of field a record may have, and the check of a record's fields.

Every record of the folder goes through `Fields.check` as its file is read (ten thousand
readings at start-up), so a record has two ways through:

- the quick one: a record as diaodu writes it (every field, in the spec's order, which
  is the codec's) is recognised by one comparison of its keys, and each value is tested
  by a small expression (`type(v) is str`), all in one function generated from the spec
  (as `dataclasses` generates `__init__`): a third of the time of a loop over fields;
- the precise one, for any other record: name by name, each value checked by its
  field's `check`, which raises FieldError saying what is wrong and where.

A field's `test` must accept only what its `check` accepts; a field without one (a list,
an object) is checked by its `check` on both ways.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

Doc = dict[str, Any]
PERIOD_TEXT = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class FieldError(Exception):
    """One field of a record breaks its spec; the table file names the record and file."""

    def __init__(self, code: str, field: str, /, **params: Any) -> None:
        super().__init__(code, field)
        self.code, self.field, self.params = code, field, params


def shown(value: Any) -> str:
    """A stored value as the message quotes it: as it is written in the file."""
    return json.dumps(value, ensure_ascii=False)


# A check takes the value and the field's name; it raises FieldError or returns None.
Check = Callable[[Any, str], None]


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False
    # The quick test: a Python expression in {v} (the value) and {x} (`extra`), true
    # only of values `check` accepts. None: call `check`.
    test: str | None = None
    extra: object = None


def _refuse(value: Any, where: str, code: str, nullable: bool) -> None:
    if value is None:
        if nullable:
            return
        raise FieldError("store.field_null", where)
    raise FieldError(code, where, value=shown(value))


def _nullable(test: str, nullable: bool) -> str:
    return f"({{v}} is None or {test})" if nullable else test


def text(*, required: bool = False, nullable: bool = False, nonempty: bool = False) -> Field:
    def check(value: Any, where: str) -> None:
        if type(value) is str:
            if nonempty and not value.strip():
                raise FieldError("store.field_empty", where)
            return
        _refuse(value, where, "store.field_not_text", nullable)

    test = (
        "(type({v}) is str and {v} != '' and not {v}.isspace())" if nonempty else "type({v}) is str"
    )
    return Field(check, required, _nullable(test, nullable))


def whole(*, required: bool = False, nullable: bool = False, minimum: int | None = None) -> Field:
    def check(value: Any, where: str) -> None:
        if type(value) is not int:
            _refuse(value, where, "store.field_not_whole", nullable)
        elif minimum is not None and value < minimum:
            raise FieldError("store.field_too_small", where, value=value, minimum=minimum)

    if minimum is None:
        return Field(check, required, _nullable("type({v}) is int", nullable))
    test = f"(type({{v}}) is int and {{v}} >= {minimum})"
    return Field(check, required, _nullable(test, nullable))


def either(plain: Field, record: Field) -> Field:
    """A value written as text by an older diaodu and as an object now (a unit's
    attendance: "deputy", now {"status": "deputy", "name": ...}): each checked as such."""
    check_plain, check_record = plain.check, record.check

    def check(value: Any, where: str) -> None:
        (check_plain if type(value) is str else check_record)(value, where)

    return Field(check)


def number(*, required: bool = False, nullable: bool = False) -> Field:
    """An int or a float, never true/false, NaN or Infinity."""

    def check(value: Any, where: str) -> None:
        kind = type(value)
        if kind is int or (kind is float and math.isfinite(value)):
            return
        _refuse(value, where, "store.field_not_number", nullable)

    # inf - inf and nan - nan are nan, which equals nothing
    test = "(type({v}) is int or (type({v}) is float and {v} - {v} == 0.0))"
    return Field(check, required, _nullable(test, nullable))


def flag(*, required: bool = False) -> Field:
    def check(value: Any, where: str) -> None:
        if type(value) is not bool:
            _refuse(value, where, "store.field_not_flag", False)

    return Field(check, required, "type({v}) is bool")


def _parsed(parse: Callable[[str], object], code: str, required: bool, nullable: bool) -> Field:
    """Text that must parse (a date, a month): each distinct text is parsed once, and
    known afterwards by a set lookup (a folder holds the same few thousand dates)."""
    seen: set[str] = set()

    def check(value: Any, where: str) -> None:
        if type(value) is str:
            try:
                parse(value)
            except ValueError:
                pass
            else:
                seen.add(value)
                return
        _refuse(value, where, code, nullable)

    test = _nullable("(type({v}) is str and {v} in {x})", nullable)
    return Field(check, required, test, seen)


def _period(text: str) -> None:
    if PERIOD_TEXT.match(text) is None:
        raise ValueError(text)


def day(*, required: bool = False, nullable: bool = False) -> Field:
    """A date as ISO text, "2026-11-22"."""
    return _parsed(date.fromisoformat, "store.field_not_date", required, nullable)


def moment(*, required: bool = False, nullable: bool = False) -> Field:
    """A date and time as ISO text, "2026-11-22T09:30:00"."""
    return _parsed(datetime.fromisoformat, "store.field_not_time", required, nullable)


def month(*, required: bool = False) -> Field:
    """A period as diaodu writes it, "2026-09" (never "2026-9": periods are keys)."""
    return _parsed(_period, "store.field_not_period", required, False)


def choice(enum: type[Enum], *, required: bool = False) -> Field:
    values = frozenset(str(member.value) for member in enum)
    listed = ", ".join(str(member.value) for member in enum)

    def check(value: Any, where: str) -> None:
        if type(value) is not str or value not in values:
            if value is None:
                raise FieldError("store.field_null", where)
            raise FieldError("store.field_not_choice", where, value=shown(value), choices=listed)

    return Field(check, required, "(type({v}) is str and {v} in {x})", values)


def _within(error: FieldError, where: str, place: str) -> FieldError:
    """The error of a value inside a list or object, named from the record's field. The
    place is put together only for a value that is wrong, never for the good ones."""
    return FieldError(error.code, f"{where}{place}{error.field}", **error.params)


def listing(item: Field, *, required: bool = False) -> Field:
    """A JSON list, each item checked (named field[1], field[2], ... when wrong)."""
    check_item = item.check

    def check(value: Any, where: str) -> None:
        if type(value) is not list:
            _refuse(value, where, "store.field_not_list", False)
        for index, each in enumerate(value):
            try:
                check_item(each, "")
            except FieldError as error:
                raise _within(error, where, f"[{index + 1}]") from None

    return Field(check, required)


def keyed(item: Field, *, required: bool = False) -> Field:
    """A JSON object of names to items (a meeting's attendance: unit id -> status)."""
    check_item = item.check

    def check(value: Any, where: str) -> None:
        if type(value) is not dict:
            _refuse(value, where, "store.field_not_object", False)
        for key, each in value.items():
            try:
                check_item(each, "")
            except FieldError as error:
                raise _within(error, where, f".{key}") from None

    return Field(check, required)


def nested(fields: Mapping[str, Field], *, required: bool = False) -> Field:
    """A JSON object with fields of its own (a commitment's history entry)."""
    inner = Fields(fields)

    def check(value: Any, where: str) -> None:
        if type(value) is not dict:
            _refuse(value, where, "store.field_not_object", False)
        try:
            inner.check(value)
        except FieldError as error:
            raise _within(error, where, ".") from None

    return Field(check, required)


class Fields:
    """The fields of a record (see the module's doc for the two ways through)."""

    def __init__(self, fields: Mapping[str, Field]) -> None:
        self.fields = fields
        self._names = frozenset(fields)
        self._required = frozenset(name for name, field in fields.items() if field.required)
        self.quick = _compile(fields)

    def check(self, doc: Doc) -> None:
        if self.quick(doc):
            return
        keys = doc.keys()
        if not (keys <= self._names and self._required <= keys):
            unknown = next((name for name in doc if name not in self._names), None)
            if unknown is not None:
                raise FieldError("store.field_unknown", unknown)
            missing = next(name for name in self.fields if name in self._required - keys)
            raise FieldError("store.field_missing", missing)
        for name, field in self.fields.items():
            if name in doc:
                field.check(doc[name], name)


def _compile(fields: Mapping[str, Field]) -> Callable[[Doc], bool]:
    """`quick(doc)`: true of a record as diaodu writes it whose every value passes its
    test; false of any other (which may still be good: the precise way decides)."""
    if not fields:
        return lambda doc: not doc
    scope: dict[str, Any] = {"ORDER": tuple(fields)}
    values, tests = [], []
    for number_, (name, field) in enumerate(fields.items()):
        value = f"v{number_}"
        values.append(value)
        if field.test is None:
            scope[f"check{number_}"] = field.check
            tests.append(f"check{number_}({value}, {name!r}) is None")
        else:
            scope[f"extra{number_}"] = field.extra
            tests.append(field.test.format(v=value, x=f"extra{number_}"))
    source = (
        "def quick(doc):\n"
        "    if tuple(doc) != ORDER:\n"
        "        return False\n"
        f"    {', '.join(values)}, = doc.values()\n"
        f"    return {' and '.join(tests)}\n"
    )
    exec(source, scope)  # our own source, made from the spec above
    quick: Callable[[Doc], bool] = scope["quick"]
    return quick
