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
from dataclasses import replace
from datetime import date
from typing import Any

from psycopg import Cursor, sql
from psycopg.types.json import Jsonb

from agenda import commitments as commitment_rules
from agenda.archive import MonthBrief
from agenda.commitments import Commitment, supporting_refusal
from agenda.errors import StaleError
from agenda.meetings import Meeting, MeetingState, new_meeting, period_of_id
from agenda.periods import Period
from agenda.ports import DistrictStore
from agenda.rules import check_commitment_change, check_meeting_change
from store import codec
from store.errors import StoreError
from store.pg.base import Row, guarded, lookup
from store.pg.briefs import archive_briefs
from store.pg.figures import FigureTables
from store.revisions import refuse_stale

Doc = dict[str, Any]


class PgStore(FigureTables):
    # --- periods ---------------------------------------------------------------------------
    @lookup
    def active_periods(self) -> list[Period]:
        text = "SELECT period FROM {periods} WHERE NOT archived ORDER BY period"
        return [Period.parse(p) for (p,) in self._query(None, text)]

    @lookup
    def archived_periods(self) -> list[Period]:
        text = "SELECT period FROM {periods} WHERE archived ORDER BY period"
        return [Period.parse(p) for (p,) in self._query(None, text)]

    @lookup
    def periods(self) -> list[Period]:
        """Every period written into, active or archived, in order."""
        text = "SELECT period FROM {periods} ORDER BY period"
        return [Period.parse(p) for (p,) in self._query(None, text)]

    @lookup
    def period_records(self, period: Period) -> tuple[list[Meeting], list[Commitment]]:
        """One period's meetings and commitments, archived or not."""
        meetings = self._query(
            None,
            "SELECT rev, doc FROM {meetings} WHERE period = %s ORDER BY number",
            (str(period),),
        )
        commitments = self._query(
            None,
            "SELECT rev, doc FROM {commitments} WHERE period = %s ORDER BY number",
            (str(period),),
        )
        return [_meeting(*row) for row in meetings], [_commitment(*row) for row in commitments]

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
    @lookup
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

    @lookup
    def meeting(self, meeting_id_: str) -> Meeting | None:
        rows = self._query(None, "SELECT rev, doc FROM {meetings} WHERE id = %s", (meeting_id_,))
        return _meeting(*rows[0]) if rows else None

    @lookup
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
            return self._write_meeting(cur, meeting, None)

    @guarded
    def save_meeting(self, meeting: Meeting) -> Meeting:
        """Save a whole meeting built on `meeting.revision`; returns it as saved."""
        with self._writing(f"period {meeting.period}") as cur:
            current = self._locked_meeting(cur, meeting.id)
            refuse_stale(current, meeting.revision, "meeting", meeting.id)
            check_meeting_change(current, meeting)
            saved = self._write_meeting(cur, meeting, current)
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
            current = self._locked_meeting(cur, meeting_id_)
            if current is None:
                raise StoreError("store.no_meeting", id=meeting_id_)
            refuse_stale(current, expected_revision, "meeting", meeting_id_)
            updated = replace(change(current), revision=current.revision)
            check_meeting_change(current, updated)
            saved = self._write_meeting(cur, updated, current)
            self._archive_if_settled(cur, period)
            return saved

    def _locked_meeting(self, cur: Cursor[Row], meeting_id_: str) -> Meeting | None:
        """The meeting as committed, its row locked until this transaction ends."""
        text = "SELECT rev, doc FROM {meetings} WHERE id = %s FOR UPDATE"
        rows = self._query(cur, text, (meeting_id_,))
        return _meeting(*rows[0]) if rows else None

    def _write_meeting(
        self, cur: Cursor[Row], meeting: Meeting, current: Meeting | None
    ) -> Meeting:
        """Insert or replace at the revision after `current`'s; nothing changed, nothing
        written (as the folder: no new revision)."""
        if meeting == current:
            return current
        saved = replace(meeting, revision=(current.revision if current else 0) + 1)
        self._open_period(cur, meeting.period)
        row = _meeting_row(saved)
        self._put_row(cur, "meetings", row, replacing=current is not None)
        return saved

    def _put_row(
        self, cur: Cursor[Row], table: str, row: dict[str, Any], *, replacing: bool
    ) -> None:
        if replacing:
            sets = ", ".join(f"{name} = %s" for name in row if name != "id")
            text = "UPDATE {" + table + "} SET " + sets + " WHERE id = %s"
            values = [value for name, value in row.items() if name != "id"] + [row["id"]]
        else:
            names, marks = ", ".join(row), ", ".join(["%s"] * len(row))
            text = "INSERT INTO {" + table + "} (" + names + ") VALUES (" + marks + ")"
            values = list(row.values())
        self._query(cur, text, values)

    # --- commitments -------------------------------------------------------------------------
    @lookup
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

    @lookup
    def commitment(self, commitment_id: str) -> Commitment | None:
        text = "SELECT rev, doc FROM {commitments} WHERE id = %s"
        rows = self._query(None, text, (commitment_id,))
        return _commitment(*rows[0]) if rows else None

    # --- what a report reads (agenda/ports.py): by the indexed columns, not the archive -----
    @lookup
    def commitments_due(self, first: date, last: date) -> list[Commitment]:
        text = (
            "SELECT rev, doc FROM {commitments} WHERE effective_due BETWEEN %s AND %s"
            " ORDER BY period, number"
        )
        return [_commitment(rev, doc) for rev, doc in self._query(None, text, (first, last))]

    @lookup
    def commitments_of_meeting(self, meeting_id_: str) -> list[Commitment]:
        acted = Jsonb([{"meeting": meeting_id_}])
        text = (
            "SELECT rev, doc FROM {commitments} WHERE meeting_id = %s"
            " OR doc->'history' @> %s OR doc->'extensions' @> %s ORDER BY period, number"
        )
        rows = self._query(None, text, (meeting_id_, acted, acted))
        return [_commitment(rev, doc) for rev, doc in rows]

    @lookup
    def archive_briefs(self, last: int) -> list[MonthBrief]:
        """The last `last` archived months, briefed by the server (store/pg/briefs.py)."""
        chosen = self.archived_periods()[-last:] if last > 0 else []
        return archive_briefs(lambda text, params: self._query(None, text, params), chosen)

    @lookup
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
            commitment = self._numbered(cur, replace(build(f"{period}.{number}"), revision=0))
            check_commitment_change(None, commitment, self._held_in(cur))
            return self._write_commitment(cur, commitment, None)

    def _numbered(self, cur: Cursor[Row], commitment: Commitment) -> Commitment:
        """A new commitment of a meeting with its number there: one more than the highest
        given, under the meeting's own lock (taken last: it waits for nothing after). A
        meeting's commitments are filed in its period or in the new one's, as the folder
        looks for them: by the period's index, not a scan of every commitment."""
        if commitment.meeting_id is None or commitment.nth_in_meeting is not None:
            return commitment
        cur.execute(
            "SELECT pg_advisory_xact_lock(%s)", (self._key(f"meeting {commitment.meeting_id}"),)
        )
        periods = sorted(
            {str(period_of_id(commitment.id)), str(period_of_id(commitment.meeting_id))}
        )
        text = (
            "SELECT coalesce(max((doc->>'nth_in_meeting')::integer), 0), count(*)"
            " FROM {commitments} WHERE period = ANY(%s) AND meeting_id = %s"
        )
        highest, count = self._query(cur, text, (periods, commitment.meeting_id))[0]
        return replace(commitment, nth_in_meeting=max(int(highest), int(count)) + 1)

    @guarded
    def save_commitments(self, commitments: Iterable[Commitment]) -> list[Commitment]:
        """Save whole commitments, each built on its `revision` (0: a new one), in one
        transaction: one refused refuses them all. Returns them as saved."""
        given = list(commitments)
        periods = sorted({period_of_id(c.id) for c in given})
        with self._writing(*(f"period {p}" for p in periods)) as cur:
            saved, held = [], self._held_in(cur)
            for commitment in given:
                current = self._locked_commitment(cur, commitment.id)
                refuse_stale(current, commitment.revision, "commitment", commitment.id)
                check_commitment_change(current, commitment, held)
                saved.append(self._write_commitment(cur, commitment, current))
            for period in periods:
                self._archive_if_settled(cur, period)
            return saved

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
            current = self._locked_commitment(cur, commitment_id)
            if current is None and expected_revision is not None:  # deleted since read
                raise StaleError("store.gone_commitment", current=None, id=commitment_id)
            if current is None:
                raise StoreError("store.no_commitment", id=commitment_id)
            refuse_stale(current, expected_revision, "commitment", commitment_id)
            updated = replace(change(current), revision=current.revision)
            check_commitment_change(current, updated, self._held_in(cur))
            saved = self._write_commitment(cur, updated, current)
            self._archive_if_settled(cur, period)
            return saved

    def _locked_commitment(self, cur: Cursor[Row], commitment_id: str) -> Commitment | None:
        text = "SELECT rev, doc FROM {commitments} WHERE id = %s FOR UPDATE"
        rows = self._query(cur, text, (commitment_id,))
        return _commitment(*rows[0]) if rows else None

    def _write_commitment(
        self, cur: Cursor[Row], commitment: Commitment, current: Commitment | None
    ) -> Commitment:
        """As `_write_meeting`, for a commitment."""
        if commitment == current:
            return current
        self._check_supporting(cur, current, commitment)
        saved = replace(commitment, revision=(current.revision if current else 0) + 1)
        self._open_period(cur, period_of_id(saved.id))
        self._put_row(cur, "commitments", _commitment_row(saved), replacing=current is not None)
        return saved

    @guarded
    def delete_commitment(self, commitment_id: str, *, expected_revision: int) -> None:
        """Delete it as the caller read it (at `expected_revision`); not one made at a
        closed meeting."""
        period = period_of_id(commitment_id)
        with self._writing(f"period {period}") as cur:
            current = self._locked_commitment(cur, commitment_id)
            if current is None:
                raise StaleError("store.gone_commitment", current=None, id=commitment_id)
            refuse_stale(current, expected_revision, "commitment", commitment_id)
            check_commitment_change(current, None, self._held_in(cur))
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
            held = self._held_in(cur)
            for commitment in new_commitments:
                check_commitment_change(None, commitment, held)
            for period in periods:
                self._open_period(cur, period)
            self._insert_as_they_are(cur, "meetings", [_meeting_row(m) for m in new_meetings])
            self._insert_as_they_are(
                cur, "commitments", [_commitment_row(c) for c in new_commitments]
            )
            for period in periods:
                self._archive_if_settled(cur, period)

    def _insert_as_they_are(self, cur: Cursor[Row], table: str, rows: list[dict[str, Any]]) -> None:
        """New records at their own revisions (a copy keeps them; 0 for one never saved),
        sent in one batch: a copy of 50,000 commitments is not 50,000 round trips."""
        if not rows:
            return
        names = ", ".join(rows[0])
        marks = ", ".join(["%s"] * len(rows[0]))
        text = "INSERT INTO {" + table + "} (" + names + ") VALUES (" + marks + ")"
        statement = sql.SQL(text).format(**{table: self._table(table)})
        cur.executemany(statement, [tuple(row.values()) for row in rows])

    def _held_in(self, cur: Cursor[Row]) -> Callable[[str], Meeting | None]:
        """How the rules find a meeting a save refers to: as committed now, and kept so
        until this transaction ends (FOR SHARE: it cannot be closed between the check and
        the write)."""

        found: dict[str, Meeting | None] = {}  # held till the end: asked once is enough

        def held(meeting_id_: str) -> Meeting | None:
            if meeting_id_ not in found:
                text = "SELECT rev, doc FROM {meetings} WHERE id = %s FOR SHARE"
                rows = self._query(cur, text, (meeting_id_,))
                found[meeting_id_] = _meeting(*rows[0]) if rows else None
            return found[meeting_id_]

        return held

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
            current = self._locked_commitment(cur, old.id)
            if current is None:
                raise StoreError("store.no_commitment", id=old.id)
            self._open_period(cur, period)
            number = self._next_number(cur, "commitments", period)
            closed, new = commitment_rules.carry_over(
                current, f"{period}.{number}", new_due, on, meeting_id=meeting_id
            )
            new = self._numbered(cur, replace(new, revision=0))
            held = self._held_in(cur)
            check_commitment_change(None, new, held)
            check_commitment_change(current, closed, held)
            new = self._write_commitment(cur, new, None)
            closed = self._write_commitment(cur, closed, current)
            self._archive_if_settled(cur, old_period)
            return closed, new


# --- records and revisions -------------------------------------------------------------------
def _number(record_id: str) -> int:
    return int(record_id.rsplit(".", 1)[1])


def _meeting_row(meeting: Meeting) -> dict[str, Any]:
    """A meeting's row as it is, at its own revision."""
    return {
        "id": meeting.id,
        "period": str(meeting.period),
        "number": _number(meeting.id),
        "meeting_date": meeting.date,
        "state": meeting.state.value,
        "rev": meeting.revision,
        "doc": Jsonb(codec.meeting_doc(meeting)),
    }


def _commitment_row(commitment: Commitment) -> dict[str, Any]:
    return {
        "id": commitment.id,
        "period": str(period_of_id(commitment.id)),
        "number": _number(commitment.id),
        "unit_id": commitment.unit_id,
        "meeting_id": commitment.meeting_id,
        "status": commitment.status.value,
        "due": commitment.due,
        "effective_due": commitment.effective_due,
        "rev": commitment.revision,
        "doc": Jsonb(codec.commitment_doc(commitment)),
    }


def _meeting(rev: int, doc: Doc) -> Meeting:
    """A meeting read from its row: the `rev` column is its revision."""
    return codec.meeting_from({**doc, "rev": rev})


def _commitment(rev: int, doc: Doc) -> Commitment:
    return codec.commitment_from({**doc, "rev": rev})


def _implements_the_contract(store: PgStore) -> DistrictStore:
    return store  # mypy checks here that PgStore is a DistrictStore, as store.Store is
