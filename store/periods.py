"""A folder's meetings and commitments: one file per period (periods/2026-10.json), and
a past period whose meetings are closed and commitments settled moved to archive/.

Every save of a meeting or commitment is checked under the store's lock: the revision it
was built on (store/revisions.py) and the rules of a closed meeting (agenda/rules.py).
`store.Store` mixes this in and provides the folder, its files, the lock and the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from agenda.commitments import Commitment, carry_over
from agenda.errors import StaleError
from agenda.meetings import Meeting, MeetingState, meeting_id, period_of_id
from agenda.periods import Period
from agenda.rules import check_commitment_change, check_meeting_change
from store import codec
from store.atomic import atomic_move
from store.errors import StoreError
from store.revisions import refuse_stale
from store.tablefile import TableFile
from store.transaction import Journal


class PeriodRecords:
    # What the folder store provides (store/store.py).
    root: Path
    clock: Callable[[], date]
    _files: dict[Path, TableFile]
    _journal: Journal

    def _file(self, relative: str | Path) -> TableFile:
        raise NotImplementedError

    def _dir(self, name: str) -> list[Path]:
        raise NotImplementedError

    def _notice(self, notice: StoreError) -> None:
        raise NotImplementedError

    def _locked(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # --- periods -------------------------------------------------------------------------
    def _period_path(self, period: Period) -> Path:
        return Path("periods") / f"{period}.json"

    def _archive_path(self, period: Period) -> Path:
        return Path("archive") / f"{period}.json"

    def _period_file(self, period: Period, *, for_write: bool = False) -> TableFile:
        active, archived = self._period_path(period), self._archive_path(period)
        if (self.root / archived).exists() and not (self.root / active).exists():
            if not for_write:
                return self._file(archived)
            atomic_move(self.root / archived, self.root / active)
        return self._file(active)

    def active_periods(self) -> list[Period]:
        return [Period.parse(p.stem) for p in self._dir("periods")]

    def archived_periods(self) -> list[Period]:
        return [Period.parse(p.stem) for p in self._dir("archive")]

    def periods(self) -> list[Period]:
        """Every period with a file, active or archived, in order."""
        return sorted({*self.active_periods(), *self.archived_periods()})

    def period_records(self, period: Period) -> tuple[list[Meeting], list[Commitment]]:
        """One period's meetings and commitments, from its file wherever it is."""
        file = self._period_file(period)
        return (
            file.records("meetings", codec.meeting_from),
            file.records("commitments", codec.commitment_from),
        )

    def _records(
        self, periods: Iterable[Period], table: str, decode: Callable[..., Any]
    ) -> list[Any]:
        result: list[Any] = []
        for period in periods:
            result.extend(self._period_file(period).records(table, decode))
        return result

    def _periods(self, include_archive: bool | int) -> list[Period]:
        archived = self.archived_periods()
        if include_archive:
            for period in set(archived).intersection(self.active_periods()):
                # A copy put back by hand: the active month is the one read and saved.
                active, copy = self._period_path(period), self._archive_path(period)
                self._notice(
                    StoreError(
                        "store.archived_twice", path=self.root / copy, active=self.root / active
                    )
                )
        if include_archive is True:
            chosen = archived
        elif include_archive:
            chosen = archived[-int(include_archive) :]
        else:
            chosen = []
        return sorted({*self.active_periods(), *chosen})

    def meetings(self, *, include_archive: bool | int = False) -> list[Meeting]:
        """Meetings of the active periods (and of the archive: all, or the last N periods)."""
        meetings = self._records(self._periods(include_archive), "meetings", codec.meeting_from)
        return sorted(meetings, key=lambda m: (m.date, m.id))

    def meeting(self, meeting_id_: str) -> Meeting | None:
        period = period_of_id(meeting_id_)
        meetings = self._period_file(period).records("meetings", codec.meeting_from)
        return next((m for m in meetings if m.id == meeting_id_), None)

    def create_meeting(
        self,
        period: Period,
        day: date,
        template: str,
        *,
        chair: str = "",
        secretary: str = "",
    ) -> Meeting:
        with self._locked():
            file = self._period_file(period, for_write=True)
            number = file.next_id("meetings")
            meeting = Meeting(
                id=meeting_id(period, number),
                period=period,
                date=day,
                template=template,
                chair=chair,
                secretary=secretary,
                revision=1,
            )
            file.put("meetings", number, codec.meeting_doc(meeting))
            return meeting

    def save_meeting(self, meeting: Meeting) -> Meeting:
        """Save a whole meeting built on `meeting.revision`; returns it as saved."""
        with self._locked():
            current = self.meeting(meeting.id)
            refuse_stale(current, meeting.revision, "meeting", meeting.id)
            check_meeting_change(current, meeting)
            return self._write_meeting(meeting, current)

    def update_meeting(
        self,
        meeting_id_: str,
        change: Callable[[Meeting], Meeting],
        *,
        expected_revision: int | None = None,
    ) -> Meeting:
        """Read, change and save a meeting under the lock: two windows never undo each other.
        With `expected_revision`, refused if the meeting was saved since the caller read it."""
        with self._locked():
            current = self.meeting(meeting_id_)
            if current is None:
                raise StoreError("store.no_meeting", id=meeting_id_)
            refuse_stale(current, expected_revision, "meeting", meeting_id_)
            updated = replace(change(current), revision=current.revision)
            check_meeting_change(current, updated)
            return self._write_meeting(updated, current)

    def _write_meeting(self, meeting: Meeting, current: Meeting | None) -> Meeting:
        if meeting == current:
            return current  # nothing changed: no write, no new revision
        saved = replace(meeting, revision=(current.revision if current else 0) + 1)
        file = self._period_file(meeting.period, for_write=True)
        file.put("meetings", _number(meeting.id), codec.meeting_doc(saved))
        self._archive_if_settled(meeting.period)
        return saved

    def update_commitment(
        self,
        commitment_id: str,
        change: Callable[[Commitment], Commitment],
        *,
        expected_revision: int | None = None,
    ) -> Commitment:
        """Read, change and save a commitment under the lock (see `update_meeting`)."""
        with self._locked():
            current = self.commitment(commitment_id)
            if current is None and expected_revision is not None:  # deleted since read
                raise StaleError("store.gone_commitment", current=None, id=commitment_id)
            if current is None:
                raise StoreError("store.no_commitment", id=commitment_id)
            refuse_stale(current, expected_revision, "commitment", commitment_id)
            return self.save_commitment(replace(change(current), revision=current.revision))

    def commitments(self, *, include_archive: bool | int = False) -> list[Commitment]:
        """Commitments of the active periods (open ones are always there), or all."""
        return self._records(self._periods(include_archive), "commitments", codec.commitment_from)

    def commitment(self, commitment_id: str) -> Commitment | None:
        file = self._period_file(period_of_id(commitment_id))
        found = file.records("commitments", codec.commitment_from)
        return next((c for c in found if c.id == commitment_id), None)

    def new_commitment_id(self, period: Period) -> str:
        """An id to give a commitment about to be added (take it under `add_commitment`)."""
        return f"{period}.{self._period_file(period).next_id('commitments')}"

    def add_commitment(self, period: Period, build: Callable[[str], Commitment]) -> Commitment:
        """Give a new commitment the next id of its period and save it, as one step."""
        with self._locked():
            file = self._period_file(period, for_write=True)
            number = file.next_id("commitments")
            commitment = replace(build(f"{period}.{number}"), revision=1)
            check_commitment_change(None, commitment, self.meeting)
            file.put("commitments", number, codec.commitment_doc(commitment))
            return commitment

    def save_commitments(self, commitments: Iterable[Commitment]) -> list[Commitment]:
        """Save whole commitments, each built on its `revision` (0: a new one); those of one
        period in one write, all of them one commit. Every one is checked before any is
        written."""
        given = list(commitments)
        with self._locked(), self._transaction():
            saved, changed = [], []
            for commitment in given:
                current = self._checked_save(commitment)
                if commitment == current:  # nothing changed: no write, no new revision
                    saved.append(current)
                    continue
                revision = (current.revision if current else 0) + 1
                saved.append(replace(commitment, revision=revision))
                changed.append(saved[-1])
            for period in self._write_by_period([], changed):
                self._archive_if_settled(period)
            return saved

    def _checked_save(self, commitment: Commitment) -> Commitment | None:
        """The commitment as on disk, once a save of `commitment` over it is allowed."""
        current = self.commitment(commitment.id)
        refuse_stale(current, commitment.revision, "commitment", commitment.id)
        check_commitment_change(current, commitment, self.meeting)
        return current

    def save_commitment(self, commitment: Commitment) -> Commitment:
        return self.save_commitments([commitment])[0]

    def delete_commitment(self, commitment_id: str, *, expected_revision: int) -> None:
        """Delete a commitment as the caller last read it (at `expected_revision`)."""
        with self._locked():
            current = self.commitment(commitment_id)
            if current is None:
                raise StaleError("store.gone_commitment", current=None, id=commitment_id)
            refuse_stale(current, expected_revision, "commitment", commitment_id)
            check_commitment_change(current, None, self.meeting)
            file = self._period_file(period_of_id(commitment_id), for_write=True)
            file.remove("commitments", _number(commitment_id))

    def carry_over(
        self,
        old: Commitment,
        new_due: date,
        on: date,
        *,
        period: Period,
        meeting_id: str | None = None,
    ) -> tuple[Commitment, Commitment]:
        """Carry a commitment over into `period`: the new one and the old one closed, two
        files saved as one commit (a kill in between leaves both or neither)."""
        with self._locked(), self._transaction():
            # As saved now, not as the caller last read it: another window may have marked
            # it done meanwhile, and carrying the stale copy would undo that.
            current = self.commitment(old.id)
            if current is None:
                raise StoreError("store.no_commitment", id=old.id)
            file = self._period_file(period, for_write=True)
            number = file.next_id("commitments")
            closed, new = carry_over(
                current, f"{period}.{number}", new_due, on, meeting_id=meeting_id
            )
            new = replace(new, revision=1)
            check_commitment_change(None, new, self.meeting)
            check_commitment_change(current, closed, self.meeting)
            file.put("commitments", number, codec.commitment_doc(new))
            return self.save_commitment(closed), new

    def add_records(self, meetings: Iterable[Meeting], commitments: Iterable[Commitment]) -> None:
        """Records new to this folder, written as they are (closed meetings and revisions too):
        seeding a demo, copying a district from another backend. Refused, nothing written, if
        any is on record already or a commitment would go into a closed meeting on record."""
        new_meetings, new_commitments = list(meetings), list(commitments)
        with self._locked(), self._transaction():
            taken = [m.id for m in new_meetings if self.meeting(m.id) is not None]
            taken += [c.id for c in new_commitments if self.commitment(c.id) is not None]
            if taken:
                raise StoreError("store.exists", id=taken[0])
            for commitment in new_commitments:
                check_commitment_change(None, commitment, self.meeting)
            for period in self._write_by_period(new_meetings, new_commitments):
                self._archive_if_settled(period)

    def _write_by_period(
        self, meetings: list[Meeting], commitments: list[Commitment]
    ) -> list[Period]:
        """Records into their periods' files, each file written once; the periods written."""
        periods = sorted({m.period for m in meetings} | {period_of_id(c.id) for c in commitments})
        for period in periods:
            changes = {
                "meetings": [
                    (_number(m.id), codec.meeting_doc(m)) for m in meetings if m.period == period
                ],
                "commitments": [
                    (_number(c.id), codec.commitment_doc(c))
                    for c in commitments
                    if period_of_id(c.id) == period
                ],
            }
            file = self._period_file(period, for_write=True)
            file.replace_all({table: docs for table, docs in changes.items() if docs})
        return periods

    def _archive_if_settled(self, period: Period) -> None:
        """Move a past period to the archive once nothing in it is open any more."""
        if period >= Period.of(self.clock()):
            return
        if self._journal.active is not None:  # once the month's new content is on disk
            self._journal.active.after_commit(
                lambda: self._archive_if_settled(period), key=("archive", period)
            )
            return
        file = self._file(self._period_path(period))
        meetings = file.records("meetings", codec.meeting_from)
        commitments = file.records("commitments", codec.commitment_from)
        if any(m.state is not MeetingState.CLOSED for m in meetings):
            return
        if any(c.is_open for c in commitments):
            return
        atomic_move(file.path, self.root / self._archive_path(period))
        del self._files[file.path]


def _number(record_id: str) -> int:
    return int(record_id.rsplit(".", 1)[1])
