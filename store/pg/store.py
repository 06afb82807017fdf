"""PgStore: a district on a PostgreSQL server, with the folder Store's methods and promises
(store/pg/base.py: the connection and transactions; store/pg/figures.py: units, metrics,
targets, readings, settings; here: periods, meetings and commitments).

Two windows (now perhaps on two machines) never undo each other: every write into a
period holds that period's advisory lock for its transaction (ids are numbered per period,
and whether a period is settled depends on all of it); a read-modify-write locks its row
(`SELECT ... FOR UPDATE`) and changes what is committed now, not what the caller read;
meetings and commitments carry a revision (`rev`), and a save built on an older one is
refused with StaleError and the record as it is now. A closed meeting refuses every
change but its reopening, checked in the transaction that writes (agenda/rules.py), as
the folder does: the contract is agenda/ports.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from datetime import date
from typing import Any, TypeVar

from psycopg import Cursor
from psycopg.types.json import Jsonb

from agenda import commitments as commitment_rules
from agenda.commitments import Commitment, supporting_refusal
from agenda.errors import StaleError
from agenda.meetings import Meeting, MeetingState, new_meeting, period_of_id
from agenda.periods import Period
from agenda.ports import DistrictStore
from agenda.rules import check_commitment_change, check_meeting_change
from store import codec
from store.errors import StoreError
from store.pg.base import Row, guarded
from store.pg.figures import FigureTables

Doc = dict[str, Any]
T = TypeVar("T")


class PgStore(FigureTables):
    # --- periods ---------------------------------------------------------------------------
    @guarded
    def active_periods(self) -> list[Period]:
        text = "SELECT period FROM {periods} WHERE NOT archived ORDER BY period"
        return [Period.parse(p) for (p,) in self._query(None, text)]

    @guarded
    def archived_periods(self) -> list[Period]:
        text = "SELECT period FROM {periods} WHERE archived ORDER BY period"
        return [Period.parse(p) for (p,) in self._query(None, text)]

    def _periods(self, include_archive: bool | int) -> list[str] | None:
        """The periods to read, as text; None for all of them."""
        if include_archive is True:
            return None
        archived = self.archived_periods()
        chosen = archived[-int(include_archive) :] if include_archive else []
        return [str(p) for p in sorted({*self.active_periods(), *chosen})]

    def _open_period(self, cur: Cursor[Row], period: Period, *, create: bool = True) -> None:
        """A write into a period: it exists, and is active again if it was archived (as the
        folder moves a month's file back out of archive/)."""
        text = str(period)
        self._query(cur, "UPDATE {periods} SET archived = false WHERE period = %s", (text,))
        if create and cur.rowcount == 0:
            self._query(cur, "INSERT INTO {periods} (period) VALUES (%s)", (text,))

    def _archive_if_settled(self, cur: Cursor[Row], period: Period) -> None:
        """A past period is archived once its meetings are closed and nothing is open."""
        if period >= Period.of(self.clock()):
            return
        text = (
            "UPDATE {periods} SET archived = true WHERE period = %s"
            " AND NOT EXISTS (SELECT 1 FROM {meetings} WHERE period = %s AND state <> %s)"
            " AND NOT EXISTS (SELECT 1 FROM {commitments} WHERE period = %s AND status = 'open')"
        )
        self._query(cur, text, (str(period), str(period), MeetingState.CLOSED.value, str(period)))

    def _next_number(self, cur: Cursor[Row], table: str, period: Period) -> int:
        """Max + 1, as the folder numbers (called under the period's lock)."""
        text = "SELECT coalesce(max(number), 0) + 1 FROM {" + table + "} WHERE period = %s"
        return int(self._query(cur, text, (str(period),))[0][0])

    # --- meetings ----------------------------------------------------------------------------
    @guarded
    def meetings(self, *, include_archive: bool | int = False) -> list[Meeting]:
        """Meetings of the active periods (and of the archive: all, or the last N periods)."""
        periods = self._periods(include_archive)
        if periods is None:
            rows = self._query(None, "SELECT rev, doc FROM {meetings}")
        else:
            text = "SELECT rev, doc FROM {meetings} WHERE period = ANY(%s)"
            rows = self._query(None, text, (periods,))
        meetings = [_meeting(rev, doc) for rev, doc in rows]
        return sorted(meetings, key=lambda m: (m.date, m.id))

    @guarded
    def meeting(self, meeting_id_: str) -> Meeting | None:
        rows = self._query(None, "SELECT rev, doc FROM {meetings} WHERE id = %s", (meeting_id_,))
        return _meeting(*rows[0]) if rows else None

    @guarded
    def meetings_in_year(self, year: int) -> list[Meeting]:
        """The meetings dated in `year` (archived ones too), in the order held."""
        return self._meetings_in_year(None, year)

    def _meetings_in_year(self, cur: Cursor[Row] | None, year: int) -> list[Meeting]:
        text = "SELECT rev, doc FROM {meetings} WHERE meeting_date >= %s AND meeting_date < %s"
        rows = self._query(cur, text, (date(year, 1, 1), date(year + 1, 1, 1)))
        return sorted((_meeting(rev, doc) for rev, doc in rows), key=lambda m: (m.date, m.id))

    @guarded
    def create_meeting(
        self,
        period: Period,
        day: date,
        template: str,
        *,
        chair: str = "",
        secretary: str = "",
        topic: str = "",
        place: str = "",
    ) -> Meeting:
        """A new meeting, numbered in its period and in the year of its date (under the
        year's lock too: two periods' meetings of one year never share a number)."""
        with self._writing(f"period {period}", f"year {day.year}") as cur:
            year = self._meetings_in_year(cur, day.year)
            number = self._next_number(cur, "meetings", period)
            meeting = new_meeting(
                number,
                period,
                day,
                template,
                today=self.clock(),
                year_meetings=year,
                chair=chair,
                secretary=secretary,
                topic=topic,
                place=place,
            )
            self._open_period(cur, period)
            return self._put_meeting(cur, meeting, None)

    @guarded
    def save_meeting(self, meeting: Meeting) -> Meeting:
        """Save a meeting; one that carries a revision older than the server's is refused."""
        with self._writing(f"period {meeting.period}") as cur:
            self._open_period(cur, meeting.period)
            saved = self._put_meeting(cur, meeting, _revision(meeting))
            self._archive_if_settled(cur, meeting.period)
            return saved

    @guarded
    def update_meeting(
        self,
        meeting_id_: str,
        change: Callable[[Meeting], Meeting],
        *,
        expected_revision: int | None = None,
    ) -> Meeting:
        """Read, change and save a meeting in one transaction, its row locked: two windows
        never undo each other; `expected_revision` refuses a change built on an older copy."""
        period = period_of_id(meeting_id_)
        with self._writing(f"period {period}") as cur:
            text = "SELECT rev, doc FROM {meetings} WHERE id = %s FOR UPDATE"
            rows = self._query(cur, text, (meeting_id_,))
            if not rows:
                raise StoreError("pg.no_meeting", id=meeting_id_)
            rev, current = rows[0][0], _meeting(*rows[0])
            if expected_revision is not None and expected_revision != rev:
                raise StaleError("pg.stale_meeting", current=current, id=meeting_id_)
            updated = change(current)
            self._open_period(cur, period)
            saved = self._put_meeting(cur, updated, rev)
            self._archive_if_settled(cur, period)
            return saved

    def _put_meeting(self, cur: Cursor[Row], meeting: Meeting, expected: int | None) -> Meeting:
        """Insert or replace, at the revision after the one on the server."""
        text = "SELECT rev, doc FROM {meetings} WHERE id = %s FOR UPDATE"
        rows = self._query(cur, text, (meeting.id,))
        on_server = rows[0][0] if rows else 0
        current = _meeting(*rows[0]) if rows else None
        if expected is not None and expected != on_server:
            raise StaleError("pg.stale_meeting", current=current, id=meeting.id)
        check_meeting_change(current, meeting)
        saved = _revised(meeting, on_server + 1)
        values = (
            str(meeting.period),
            _number(meeting.id),
            meeting.date,
            meeting.state.value,
            on_server + 1,
            Jsonb({**codec.meeting_doc(saved), "rev": on_server + 1}),
            meeting.id,
        )
        if rows:
            text = (
                "UPDATE {meetings} SET period = %s, number = %s, meeting_date = %s,"
                " state = %s, rev = %s, doc = %s WHERE id = %s"
            )
        else:
            text = (
                "INSERT INTO {meetings} (period, number, meeting_date, state, rev, doc, id)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)"
            )
        self._query(cur, text, values)
        return saved

    # --- commitments -------------------------------------------------------------------------
    @guarded
    def commitments(self, *, include_archive: bool | int = False) -> list[Commitment]:
        """Commitments of the active periods (open ones are always there), or all."""
        periods = self._periods(include_archive)
        if periods is None:
            rows = self._query(None, "SELECT rev, doc FROM {commitments} ORDER BY period, number")
        else:
            text = (
                "SELECT rev, doc FROM {commitments} WHERE period = ANY(%s) ORDER BY period, number"
            )
            rows = self._query(None, text, (periods,))
        return [_commitment(rev, doc) for rev, doc in rows]

    @guarded
    def commitment(self, commitment_id: str) -> Commitment | None:
        text = "SELECT rev, doc FROM {commitments} WHERE id = %s"
        rows = self._query(None, text, (commitment_id,))
        return _commitment(*rows[0]) if rows else None

    # --- what a report reads (agenda/ports.py): by the indexed columns, not the archive -----
    @guarded
    def commitments_due(self, first: date, last: date) -> list[Commitment]:
        text = (
            "SELECT rev, doc FROM {commitments} WHERE effective_due BETWEEN %s AND %s"
            " ORDER BY period, number"
        )
        return [_commitment(rev, doc) for rev, doc in self._query(None, text, (first, last))]

    @guarded
    def commitments_of_meeting(self, meeting_id_: str) -> list[Commitment]:
        acted = Jsonb([{"meeting": meeting_id_}])
        text = (
            "SELECT rev, doc FROM {commitments} WHERE meeting_id = %s"
            " OR doc->'history' @> %s OR doc->'extensions' @> %s ORDER BY period, number"
        )
        rows = self._query(None, text, (meeting_id_, acted, acted))
        return [_commitment(rev, doc) for rev, doc in rows]

    @guarded
    def latest_meetings(self, count: int) -> list[Meeting]:
        """The meetings on or after the `count`-th latest date, ordered here as the folder
        orders them (by date, then id as text)."""
        if count <= 0:
            return []
        text = (
            "SELECT rev, doc FROM {meetings} WHERE meeting_date >= (SELECT meeting_date"
            " FROM {meetings} ORDER BY meeting_date DESC OFFSET %s LIMIT 1)"
        )
        rows = self._query(None, text, (count - 1,))
        if not rows:  # fewer than `count` meetings in all
            rows = self._query(None, "SELECT rev, doc FROM {meetings}")
        meetings = sorted((_meeting(rev, doc) for rev, doc in rows), key=lambda m: (m.date, m.id))
        return meetings[-count:]

    @guarded
    def new_commitment_id(self, period: Period) -> str:
        """An id to give a commitment about to be added (take it under `add_commitment`)."""
        return f"{period}.{self._next_number(self._connection().cursor(), 'commitments', period)}"

    @guarded
    def add_commitment(self, period: Period, build: Callable[[str], Commitment]) -> Commitment:
        """Give a new commitment the next id of its period and save it, as one step."""
        with self._writing(f"period {period}") as cur:
            self._open_period(cur, period)
            number = self._next_number(cur, "commitments", period)
            commitment = self._numbered(cur, build(f"{period}.{number}"))
            return self._put_commitment(cur, commitment, None)

    def _numbered(self, cur: Cursor[Row], commitment: Commitment) -> Commitment:
        """A new commitment of a meeting with its number there: one more than the highest
        given, under the meeting's own lock (taken last: it waits for nothing after)."""
        if commitment.meeting_id is None or commitment.nth_in_meeting is not None:
            return commitment
        cur.execute(
            "SELECT pg_advisory_xact_lock(%s)", (self._key(f"meeting {commitment.meeting_id}"),)
        )
        text = (
            "SELECT coalesce(max((doc->>'nth_in_meeting')::integer), 0), count(*)"
            " FROM {commitments} WHERE meeting_id = %s"
        )
        highest, count = self._query(cur, text, (commitment.meeting_id,))[0]
        return replace(commitment, nth_in_meeting=max(int(highest), int(count)) + 1)

    @guarded
    def save_commitments(self, commitments: Iterable[Commitment]) -> list[Commitment]:
        """Save changed commitments in one transaction; each one that carries a revision
        older than the server's refuses the whole save. Returns them as saved."""
        given = list(commitments)
        periods = sorted({period_of_id(c.id) for c in given})
        saved: dict[str, Commitment] = {}
        with self._writing(*(f"period {p}" for p in periods)) as cur:
            for period in periods:
                self._open_period(cur, period)
                for commitment in given:
                    if period_of_id(commitment.id) == period:
                        saved[commitment.id] = self._put_commitment(
                            cur, commitment, _revision(commitment)
                        )
                self._archive_if_settled(cur, period)
        return [saved[c.id] for c in given]

    def save_commitment(self, commitment: Commitment) -> Commitment:
        return self.save_commitments([commitment])[0]

    @guarded
    def update_commitment(
        self,
        commitment_id: str,
        change: Callable[[Commitment], Commitment],
        *,
        expected_revision: int | None = None,
    ) -> Commitment:
        """Read, change and save a commitment in one transaction (see `update_meeting`)."""
        period = period_of_id(commitment_id)
        with self._writing(f"period {period}") as cur:
            rev, current = self._locked_commitment(cur, commitment_id)
            if expected_revision is not None and expected_revision != rev:
                raise StaleError("pg.stale_commitment", current=current, id=commitment_id)
            updated = change(current)
            self._open_period(cur, period)
            saved = self._put_commitment(cur, updated, rev)
            self._archive_if_settled(cur, period)
            return saved

    def _locked_commitment(self, cur: Cursor[Row], commitment_id: str) -> tuple[int, Commitment]:
        text = "SELECT rev, doc FROM {commitments} WHERE id = %s FOR UPDATE"
        rows = self._query(cur, text, (commitment_id,))
        if not rows:
            raise StoreError("pg.no_commitment", id=commitment_id)
        return rows[0][0], _commitment(*rows[0])

    @guarded
    def delete_commitment(self, commitment_id: str, *, expected_revision: int) -> None:
        """Delete it as the caller read it (at `expected_revision`); not one made at a
        closed meeting."""
        period = period_of_id(commitment_id)
        with self._writing(f"period {period}") as cur:
            text = "SELECT rev, doc FROM {commitments} WHERE id = %s FOR UPDATE"
            rows = self._query(cur, text, (commitment_id,))
            if not rows:
                raise StaleError("store.gone_commitment", current=None, id=commitment_id)
            current = _commitment(*rows[0])
            if expected_revision != rows[0][0]:
                raise StaleError("pg.stale_commitment", current=current, id=commitment_id)
            check_commitment_change(current, None, lambda id_: self._meeting_held(cur, id_))
            self._open_period(cur, period, create=False)
            self._query(cur, "DELETE FROM {commitments} WHERE id = %s", (commitment_id,))

    @guarded
    def add_records(self, meetings: Iterable[Meeting], commitments: Iterable[Commitment]) -> None:
        """Meetings and commitments new to this district, written as they are (closed ones
        and their revisions too), in one transaction: seeding, copying a district. Refused
        if any is on record already, or if a commitment would be added to (or an outcome
        recorded at) a closed meeting that is."""
        new_meetings, new_commitments = list(meetings), list(commitments)
        periods = sorted(
            {m.period for m in new_meetings} | {period_of_id(c.id) for c in new_commitments}
        )
        with self._writing(*(f"period {p}" for p in periods)) as cur:
            for table, ids in (
                ("meetings", [m.id for m in new_meetings]),
                ("commitments", [c.id for c in new_commitments]),
            ):
                text = "SELECT id FROM {" + table + "} WHERE id = ANY(%s) ORDER BY id"
                taken = self._query(cur, text, (ids,))
                if taken:
                    raise StoreError("store.exists", id=taken[0][0])
            for commitment in new_commitments:
                check_commitment_change(None, commitment, lambda i: self._meeting_held(cur, i))
            for period in periods:
                self._open_period(cur, period)
            for meeting in new_meetings:
                self._insert_as_is(cur, "meetings", meeting)
            for commitment in new_commitments:
                self._insert_as_is(cur, "commitments", commitment)
            for period in periods:
                self._archive_if_settled(cur, period)

    def _insert_as_is(self, cur: Cursor[Row], table: str, record: Meeting | Commitment) -> None:
        """A new record at its own revision (a copy keeps it; 0 for one never saved)."""
        extra: dict[str, object]
        if isinstance(record, Meeting):
            doc, period = codec.meeting_doc(record), record.period
            extra = {"meeting_date": record.date, "state": record.state.value}
        else:
            doc, period = codec.commitment_doc(record), period_of_id(record.id)
            extra = {
                "unit_id": record.unit_id,
                "meeting_id": record.meeting_id,
                "status": record.status.value,
                "due": record.due,
                "effective_due": record.effective_due,
            }
        columns = {
            "id": record.id,
            "period": str(period),
            "number": _number(record.id),
            **extra,
            "rev": record.revision,
            "doc": Jsonb(doc),
        }
        names = ", ".join(columns)
        marks = ", ".join(["%s"] * len(columns))
        text = "INSERT INTO {" + table + "} (" + names + ") VALUES (" + marks + ")"
        self._query(cur, text, tuple(columns.values()))

    def _check_supporting(
        self, cur: Cursor[Row], current: Commitment | None, commitment: Commitment
    ) -> None:
        """配合单位: units on record, none the responsible one (checked when they change)."""
        if not commitment.supporting:
            return
        if current is not None and (current.supporting, current.unit_id) == (
            commitment.supporting,
            commitment.unit_id,
        ):
            return
        units = [unit.id for unit in self._units(cur)]
        refusal = supporting_refusal(commitment.unit_id, commitment.supporting, units)
        if refusal is not None:
            raise refusal

    def _meeting_held(self, cur: Cursor[Row], meeting_id_: str) -> Meeting | None:
        """A meeting a save refers to, as committed now and kept so until this transaction
        ends (FOR SHARE: it cannot be closed between the check and the write)."""
        text = "SELECT rev, doc FROM {meetings} WHERE id = %s FOR SHARE"
        rows = self._query(cur, text, (meeting_id_,))
        return _meeting(*rows[0]) if rows else None

    @guarded
    def carry_over(
        self,
        old: Commitment,
        new_due: date,
        on: date,
        *,
        period: Period,
        meeting_id: str | None = None,
    ) -> tuple[Commitment, Commitment]:
        """Carry a commitment over into `period`: the new one and the old one's outcome
        in one transaction. The old one as committed now, not as the caller last read it:
        another window may have marked it done meanwhile."""
        old_period = period_of_id(old.id)
        with self._writing(f"period {period}", f"period {old_period}") as cur:
            rev, current = self._locked_commitment(cur, old.id)
            self._open_period(cur, period)
            number = self._next_number(cur, "commitments", period)
            closed, new = commitment_rules.carry_over(
                current, f"{period}.{number}", new_due, on, meeting_id=meeting_id
            )
            new = self._put_commitment(cur, self._numbered(cur, new), None)
            self._open_period(cur, old_period)
            closed = self._put_commitment(cur, closed, rev)
            self._archive_if_settled(cur, old_period)
            return closed, new

    def _put_commitment(
        self, cur: Cursor[Row], commitment: Commitment, expected: int | None
    ) -> Commitment:
        text = "SELECT rev, doc FROM {commitments} WHERE id = %s FOR UPDATE"
        rows = self._query(cur, text, (commitment.id,))
        on_server = rows[0][0] if rows else 0
        current = _commitment(*rows[0]) if rows else None
        if expected is not None and expected != on_server:
            raise StaleError("pg.stale_commitment", current=current, id=commitment.id)
        check_commitment_change(current, commitment, lambda id_: self._meeting_held(cur, id_))
        self._check_supporting(cur, current, commitment)
        saved = _revised(commitment, on_server + 1)
        values = (
            str(period_of_id(commitment.id)),
            _number(commitment.id),
            commitment.unit_id,
            commitment.meeting_id,
            commitment.status.value,
            commitment.due,
            commitment.effective_due,
            on_server + 1,
            Jsonb({**codec.commitment_doc(saved), "rev": on_server + 1}),
            commitment.id,
        )
        if rows:
            text = (
                "UPDATE {commitments} SET period = %s, number = %s, unit_id = %s,"
                " meeting_id = %s, status = %s, due = %s, effective_due = %s, rev = %s,"
                " doc = %s WHERE id = %s"
            )
        else:
            text = (
                "INSERT INTO {commitments} (period, number, unit_id, meeting_id, status, due,"
                " effective_due, rev, doc, id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            )
        self._query(cur, text, values)
        return saved


# --- records and revisions -------------------------------------------------------------------
def _number(record_id: str) -> int:
    return int(record_id.rsplit(".", 1)[1])


_REVISED: dict[type, bool] = {}


def _revised(record: T, rev: int) -> T:
    """The record at revision `rev`, once records carry one (`revision`, doc key `rev`)."""
    kind = type(record)
    if kind not in _REVISED:
        _REVISED[kind] = any(f.name == "revision" for f in fields(kind))  # type: ignore[arg-type]
    return replace(record, revision=rev) if _REVISED[kind] else record  # type: ignore[type-var]


def _revision(record: object) -> int | None:
    """The revision a record was read at, once records carry one (None: not checked)."""
    value = getattr(record, "revision", None)
    return value if isinstance(value, int) else None


def _meeting(rev: int, doc: Doc) -> Meeting:
    return _revised(codec.meeting_from({**doc, "rev": rev}), rev)


def _commitment(rev: int, doc: Doc) -> Commitment:
    return _revised(codec.commitment_from({**doc, "rev": rev}), rev)


def _implements_the_contract(store: PgStore) -> DistrictStore:
    return store  # mypy checks here that PgStore is a DistrictStore, as store.Store is
