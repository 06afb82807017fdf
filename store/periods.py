"""A folder's meetings and commitments: one file per period (periods/2026-10.json), and
a past period whose meetings are closed and commitments settled moved to archive/.

Every save of a meeting or commitment is checked under the store's lock: the revision it
was built on (store/revisions.py) and the rules of a closed meeting (agenda/rules.py).
`store.Store` mixes this in and provides the folder, its files, the lock and the commit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, suppress
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from agenda.archive import MonthBrief, month_brief
from agenda.commitments import Commitment, carry_over, supporting_refusal
from agenda.errors import StaleError
from agenda.meetings import Meeting, MeetingState, new_meeting, period_of_id, year_periods
from agenda.periods import Period
from agenda.rules import check_commitment_change, check_meeting_change
from agenda.units import Unit
from store import codec
from store.atomic import atomic_move
from store.briefs import Brief, Briefs, brief_of, file_stamp, meetings_of
from store.errors import StoreError
from store.records import is_data_name
from store.revisions import refuse_stale
from store.tablefile import TableFile
from store.transaction import Journal


class PeriodRecords:
    # What the folder store provides (store/store.py).
    root: Path
    clock: Callable[[], date]
    read_only: bool
    _briefs: Briefs
    _files: dict[Path, TableFile]
    _journal: Journal

    def _file(self, relative: str | Path) -> TableFile:
        raise NotImplementedError

    def _dir(self, name: str) -> list[Path]:
        raise NotImplementedError

    def _notice(self, notice: StoreError) -> None:
        raise NotImplementedError

    def units(self) -> list[Unit]:
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

    # --- what a report reads: only the archived months that may hold it ---------------
    def _archived_months(self) -> list[tuple[Period, Brief | None]]:
        """Each archived month that is not also active, with its brief if it describes the
        file as it is (else None: the month must be read to know)."""
        active = set(self.active_periods())
        months = []
        for path in self._dir("archive"):
            period = Period.parse(path.stem)
            if period not in active:
                months.append((period, self._briefs.current(period, path)))
        return months

    def commitments_due(self, first: date, last: date) -> list[Commitment]:
        """Every commitment whose date in force is from `first` to `last`, archive included."""
        chosen = [
            p
            for p, brief in self._archived_months()
            if brief is None or brief.due_within(first, last)
        ]
        periods = sorted({*self.active_periods(), *chosen})
        found = self._records(periods, "commitments", codec.commitment_from)
        return [c for c in found if first <= c.effective_due <= last]

    def commitments_of_meeting(self, meeting_id_: str) -> list[Commitment]:
        """Every commitment made or acted on at the meeting, archive included."""
        chosen = [
            p for p, brief in self._archived_months() if brief is None or meeting_id_ in brief.acted
        ]
        periods = sorted({*self.active_periods(), *chosen})
        found = self._records(periods, "commitments", codec.commitment_from)
        return [c for c in found if meeting_id_ in meetings_of(c)]

    def latest_meetings(self, count: int) -> list[Meeting]:
        """The last `count` meetings by date and id, archive included; oldest first."""
        known = [(m.date, m.id) for m in self.meetings()]
        for period, brief in self._archived_months():
            if brief is None:
                meetings = self._period_file(period).records("meetings", codec.meeting_from)
                known += [(m.date, m.id) for m in meetings]
            else:
                known += [(m.date, m.id) for m in brief.month.meetings]
        chosen = sorted(known)[-count:] if count > 0 else []
        found = (self.meeting(meeting_id_) for _, meeting_id_ in chosen)
        return [meeting for meeting in found if meeting is not None]

    def archive_briefs(self, last: int) -> list[MonthBrief]:
        """The last `last` archived months, as `include_archive=last` counts them, that are
        not active: each as its brief says, or as its file says when it has none that
        describes it (the month is read to say it)."""
        months = []
        active = set(self.active_periods())
        for period in self._periods(last):
            if period in active:
                continue
            path = self.root / self._archive_path(period)
            brief = self._briefs.current(period, path)
            if brief is not None:
                months.append(brief.month)
            else:
                months.append(month_brief(period, *self.period_records(period)))
        return months

    def _brief_archived(self) -> None:
        """Brief the archived months that have no brief describing them (archived by an
        older diaodu, put back by hand): at the opening of a folder that may be written to,
        under its lock. A month that cannot be read keeps what it had (the command that
        reads it says why), and a folder whose briefs all hold is not written to."""
        briefs = self._briefs.all()
        active = set(self.active_periods())
        wanted: dict[Period, Brief] = {}
        written = False
        for path in self._quiet_dir("archive"):
            period = Period.parse(path.stem)
            if period in active:
                continue
            brief = self._briefs.current(period, path)
            if brief is None:
                brief = self._brief_from_file(period, path)
                written = written or brief is not None
            brief = brief or briefs.get(period)
            if brief is not None:
                wanted[period] = brief
        if written:
            with suppress(StoreError):  # a cache: a folder that cannot take it still opens
                self._briefs.write(wanted)

    def _quiet_dir(self, name: str) -> list[Path]:
        """The data files of a folder, without a word about anything else there (said by
        the commands that read the folder)."""
        folder = self.root / name
        try:
            return [
                folder / entry for entry in sorted(os.listdir(folder)) if is_data_name(name, entry)
            ]
        except OSError:
            return []

    def _brief_from_file(self, period: Period, path: Path) -> Brief | None:
        from store.records import tables_of
        from store.tablefile import TableFile

        stamp = file_stamp(path)
        if stamp is None:
            return None
        file = TableFile(path, tables_of(Path("archive") / path.name))
        try:
            meetings = file.records("meetings", codec.meeting_from)
            commitments = file.records("commitments", codec.commitment_from)
        except StoreError:
            return None
        finally:
            file.db.close()
        return brief_of(period, stamp, meetings, commitments)

    def meetings(self, *, include_archive: bool | int = False) -> list[Meeting]:
        """Meetings of the active periods (and of the archive: all, or the last N periods)."""
        meetings = self._records(self._periods(include_archive), "meetings", codec.meeting_from)
        return sorted(meetings, key=lambda m: (m.date, m.id))

    def meeting(self, meeting_id_: str) -> Meeting | None:
        period = period_of_id(meeting_id_)
        meetings = self._period_file(period).records("meetings", codec.meeting_from)
        return next((m for m in meetings if m.id == meeting_id_), None)

    def meetings_in_year(self, year: int) -> list[Meeting]:
        """The meetings dated in `year` (archived ones too), in the order held."""
        found = self._records(self._existing(year_periods(year)), "meetings", codec.meeting_from)
        return sorted((m for m in found if m.date.year == year), key=lambda m: (m.date, m.id))

    def _existing(self, periods: Iterable[Period]) -> list[Period]:
        on_file = {*self.active_periods(), *self.archived_periods()}
        return [period for period in periods if period in on_file]

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
        """A new meeting on `period`'s figures held on `day`, numbered in its period (the
        id) and in the year of its date (第N次). Refused by `new_meeting_refusal`."""
        with self._locked():
            year = self.meetings_in_year(day.year)
            number = self._period_file(period).next_id("meetings")
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
            meeting = replace(meeting, revision=1)
            # Only now, the meeting allowed: writing moves an archived month back out.
            file = self._period_file(period, for_write=True)
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
        """Give a new commitment the next id of its period, and its number in its meeting
        (第N项), and save it, as one step."""
        with self._locked():
            file = self._period_file(period, for_write=True)
            number = file.next_id("commitments")
            commitment = self._numbered(replace(build(f"{period}.{number}"), revision=1), period)
            check_commitment_change(None, commitment, self.meeting)
            self._check_supporting(None, commitment)
            file.put("commitments", number, codec.commitment_doc(commitment))
            return commitment

    def _numbered(self, commitment: Commitment, period: Period) -> Commitment:
        """A new commitment of a meeting with its number there: one more than the highest
        given (its meeting's commitments are filed in the meeting's period, or in this)."""
        if commitment.meeting_id is None or commitment.nth_in_meeting is not None:
            return commitment
        periods = {period, period_of_id(commitment.meeting_id)}
        mine = [
            c
            for c in self._records(sorted(periods), "commitments", codec.commitment_from)
            if c.meeting_id == commitment.meeting_id
        ]
        highest = max((c.nth_in_meeting or 0 for c in mine), default=0)
        return replace(commitment, nth_in_meeting=max(highest, len(mine)) + 1)

    def _check_supporting(self, current: Commitment | None, commitment: Commitment) -> None:
        """配合单位: units on record, none the responsible one (checked when they change)."""
        if current is not None and (current.supporting, current.unit_id) == (
            commitment.supporting,
            commitment.unit_id,
        ):
            return
        if not commitment.supporting:
            return
        units = [unit.id for unit in self.units()]
        refusal = supporting_refusal(commitment.unit_id, commitment.supporting, units)
        if refusal is not None:
            raise refusal

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
        self._check_supporting(current, commitment)
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
            new = self._numbered(replace(new, revision=1), period)
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
        archived = self.root / self._archive_path(period)
        atomic_move(file.path, archived)
        del self._files[file.path]
        stamp = file_stamp(archived)
        if stamp is not None:  # a report of a later month need not read this one
            briefs = {**self._briefs.all(), period: brief_of(period, stamp, meetings, commitments)}
            with suppress(StoreError):  # the save is made; a report reads the month whole
                self._briefs.write(briefs)


def _number(record_id: str) -> int:
    return int(record_id.rsplit(".", 1)[1])
