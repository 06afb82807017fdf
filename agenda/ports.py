"""The store's contract: what the CLI and the TUI call to read and save a district.

`store.Store` (a folder of small JSON files) implements it; a PostgreSQL backend will
implement the same. Everything here is plain: domain records in, domain records out.

Revisions. Every meeting and commitment carries `revision`, the number of times it has
been saved (0: never). A save sets it to the revision on record plus one and returns the
record as saved: keep that copy, it is what the next save builds on. A whole-record save
(`save_meeting`, `save_commitment(s)`) is refused with `StaleError` when the revision it
was built on is not the one on record (another window saved meanwhile; `error.current`
is the record as it is now, None when it was deleted). A record given with revision 0
is new: refused if one with its id is on record. `update_*` read, change and save under
one lock, so two windows never undo each other; with `expected_revision` they too refuse
when the record moved since the caller read it. Nothing is ever overwritten silently: the
check and the write happen under one lock, in one backend transaction.

Closed meetings. A closed meeting refuses every change but `Meeting.reopen` (kept in its
events): to its record, to the commitments made at it (none added, edited or deleted),
to outcomes and extensions recorded at it. Marking last month's commitments at this
month's open meeting stays allowed. The rules are `agenda.rules`; the backend applies
them under its lock, so they hold for every window and for the CLI. Refusals are
`RuleError` (`meeting.closed_*`).

Errors. Every refusal is a `DiaoduError` with a code (`agenda/strings`): `StaleError`
(a `RuleError`) as above, `RuleError` for the domain's rules, `StoreError` when the data
cannot be read or written (damaged, read-only, busy, full): nothing was saved then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, Protocol

from agenda.archive import MonthBrief
from agenda.commitments import Commitment
from agenda.figures import Figures
from agenda.meetings import Meeting
from agenda.metrics import Metric, Reading, Target
from agenda.periods import Period
from agenda.templates import Template
from agenda.units import Unit


class DistrictStore(Protocol):
    """One district's records. Reads see every save that returned, from any window."""

    # Today, as the store needs it (a past month whose records are settled is archived):
    # the district's clock (agenda/usecases/district.py) sets it.
    clock: Callable[[], date]

    # --- settings, units, metrics, figures -------------------------------------------------
    def settings(self) -> dict[str, Any]: ...

    def save_settings(self, **values: Any) -> None:
        """Raises StoreError (a value the setting cannot take), InputError (`template`
        names no template there is: `settings.unknown_template`)."""
        ...

    # --- agenda templates -----------------------------------------------------------------
    def templates(self) -> list[Template]:
        """The district's own templates, by key (the shipped ones are not stored: see
        `agenda.templates.all_templates` and `find_template`)."""
        ...

    def save_template(self, template: Template, *, replace: bool = False) -> Template:
        """Keep a template the district brings. Raises RuleError: a shipped template's key
        (`template.builtin_key`), one kept already unless `replace` (`template.exists`),
        an item dropped from the one replaced (`template.item_dropped`)."""
        ...

    def units(self) -> list[Unit]:
        """All units, retired ones too, in their sort order."""
        ...

    def unit(self, unit_id: str) -> Unit | None: ...

    def save_units(self, units: Iterable[Unit]) -> list[Unit]:
        """Add or update units in one save; a unit without an id is given one."""
        ...

    def save_unit(self, unit: Unit) -> Unit: ...

    def metrics(self) -> list[Metric]: ...

    def save_metrics(self, metrics: Iterable[Metric]) -> None: ...

    def targets(self, year: int | None = None) -> list[Target]: ...

    def save_targets(self, targets: Iterable[Target]) -> int: ...

    def readings(self, years: Iterable[int]) -> list[Reading]: ...

    def reading_years(self) -> list[int]: ...

    def save_readings(self, readings: Iterable[Reading]) -> int:
        """All or nothing: every reading is saved, or none is."""
        ...

    def figures(self, period: Period) -> Figures: ...

    def latest_reading_period(self) -> Period | None: ...

    # --- meetings -------------------------------------------------------------------------
    def meetings(self, *, include_archive: bool | int = False) -> list[Meeting]:
        """Meetings still in use (and those of the archive: all, or the last N periods)."""
        ...

    def meeting(self, meeting_id_: str) -> Meeting | None: ...

    def meetings_in_year(self, year: int) -> list[Meeting]:
        """The meetings dated in `year`, archived ones too, in the order held (第N次)."""
        ...

    def latest_meetings(self, count: int) -> list[Meeting]:
        """The last `count` meetings by date (then id), the archive's included; oldest first."""
        ...

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
        """A new meeting on `period`'s figures held on `day` (a 专题调度会 with a `topic`),
        its id numbered within the period and `nth_in_year` (第N次) within the year of its
        date. Raises RuleError: `agenda.meetings.new_meeting_refusal` (a period in the
        future, a date in the future or before the period, a period more than 12 months
        back, a date before the year's latest numbered meeting), a topic or place that is
        not one line of at most 60 characters."""
        ...

    def save_meeting(self, meeting: Meeting) -> Meeting:
        """Raises StaleError (built on an old revision), RuleError (closed)."""
        ...

    def update_meeting(
        self,
        meeting_id_: str,
        change: Callable[[Meeting], Meeting],
        *,
        expected_revision: int | None = None,
    ) -> Meeting:
        """Apply `change` to the meeting as on record, under the lock. Raises StoreError
        (no such meeting), StaleError (moved since `expected_revision`), RuleError (the
        change raised it, or the meeting is closed)."""
        ...

    # --- commitments ----------------------------------------------------------------------
    def commitments(self, *, include_archive: bool | int = False) -> list[Commitment]:
        """Commitments still in use (every open one among them), or the archive's too."""
        ...

    def commitment(self, commitment_id: str) -> Commitment | None: ...

    # What a report shows, read without the rest of the archive: a report of a month at ten
    # years reads what it shows, not ten years.
    def commitments_due(self, first: date, last: date) -> list[Commitment]:
        """Every commitment, settled or not, whose date in force (`effective_due`) is from
        `first` to `last`, the archive's included: what 履约率 counts."""
        ...

    def commitments_of_meeting(self, meeting_id_: str) -> list[Commitment]:
        """Every commitment made at the meeting, or acted on at it (an outcome, a note or an
        extension recorded there), the archive's included: what its minutes tell."""
        ...

    def archive_briefs(self, last: int) -> list[MonthBrief]:
        """The last `last` archived months, as `include_archive=last` counts them, that are
        not active, each briefed (`agenda.archive.MonthBrief`: its meetings, the span of
        its commitments' dates, the meetings and units they concern, when they were
        settled): what 督办 reads to choose the few months it must read
        (`period_records`)."""
        ...

    def add_commitment(self, period: Period, build: Callable[[str], Commitment]) -> Commitment:
        """Give a new commitment the next id of `period` (`build(id)`) and, made at a
        meeting, its number there (`nth_in_meeting`, 第N项), and save it. Raises RuleError
        (its meeting is closed; a supporting unit not on record or the responsible one)."""
        ...

    def save_commitments(self, commitments: Iterable[Commitment]) -> list[Commitment]:
        """Whole records, each checked before any is written. Raises StaleError,
        RuleError (closed meeting; supporting units, when they changed)."""
        ...

    def save_commitment(self, commitment: Commitment) -> Commitment: ...

    def update_commitment(
        self,
        commitment_id: str,
        change: Callable[[Commitment], Commitment],
        *,
        expected_revision: int | None = None,
    ) -> Commitment:
        """As `update_meeting`, for a commitment."""
        ...

    def delete_commitment(self, commitment_id: str, *, expected_revision: int) -> None:
        """Delete it as the caller read it. Raises StaleError (already deleted, or saved
        since `expected_revision`), RuleError (made at a closed meeting)."""
        ...

    def carry_over(
        self,
        old: Commitment,
        new_due: date,
        on: date,
        *,
        period: Period,
        meeting_id: str | None = None,
    ) -> tuple[Commitment, Commitment]:
        """Carry the commitment as on record (not `old` as the caller read it) into a new
        one of `period` (numbered in `meeting_id`'s commitments, its carry-overs counted);
        returns both as saved. Raises RuleError."""
        ...

    def add_records(self, meetings: Iterable[Meeting], commitments: Iterable[Commitment]) -> None:
        """Records new to this district, written as they are (closed meetings too): for
        seeding and copying a district. Raises StoreError if any is on record already."""
        ...

    # --- a whole district, period by period (copying it) ----------------------------------
    def periods(self) -> list[Period]:
        """Every period holding meetings or commitments, the archived ones too, in order."""
        ...

    def period_records(self, period: Period) -> tuple[list[Meeting], list[Commitment]]:
        """One period's meetings and commitments as on record, archived or not."""
        ...

    def one_commit(self) -> AbstractContextManager[None]:
        """The saves made inside are one commit: all of them or none (one transaction on
        a server, one multi-file commit in a folder), under the store's lock throughout.
        For copying a district; a window's saves need none. A save inside builds on the
        ones before it, but a listing read inside (`commitments()`, `periods()`) may not
        show a month first written inside: a folder lists its files from the disk."""
        ...

    # --- watching and closing -------------------------------------------------------------
    def changed(self) -> bool:
        """True when someone else saved since the last call (or since our last save)."""
        ...

    def close(self) -> None: ...
