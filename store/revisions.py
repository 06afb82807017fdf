"""A save built on an older copy of a record than the one on record is refused: one
check for every save of a meeting or a commitment (store/store.py), with the record as
it is now, so the client can show what the other window changed."""

from __future__ import annotations

from typing import Literal

from agenda.commitments import Commitment
from agenda.errors import StaleError
from agenda.meetings import Meeting

# The refusal when the record is gone, and when it moved on, by kind of record.
CODES = {
    "meeting": ("store.no_meeting", "store.stale_meeting"),
    "commitment": ("store.gone_commitment", "store.stale_commitment"),
}


def refuse_stale(
    current: Meeting | Commitment | None,
    expected: int | None,
    kind: Literal["meeting", "commitment"],
    record_id: str,
) -> None:
    """Refuse a save built on revision `expected` (0: a new record; None: not checked)
    of a record that is `current` on record now (None: there is none)."""
    gone, stale = CODES[kind]
    if expected is None:
        return
    if current is None:
        if expected:
            raise StaleError(gone, current=None, id=record_id)
    elif current.revision != expected:
        raise StaleError(stale, current=current, id=record_id)
