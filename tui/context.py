"""What every screen needs: the store, the language, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from agenda.meetings import Meeting
from agenda.review import DEFAULT_WARN_DAYS
from store import Store
from store.errors import StoreError
from tui.i18n import Catalog


@dataclass
class Context:
    store: Store
    lang: str
    clock: Callable[[], datetime] = datetime.now
    t: Catalog = field(init=False)

    def __post_init__(self) -> None:
        self.t = Catalog(self.lang)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def meeting(self, meeting_id: str) -> Meeting:
        """A meeting that must exist (a screen or view was opened on it)."""
        meeting = self.store.meeting(meeting_id)
        if meeting is None:
            raise StoreError(f"no meeting {meeting_id} in {self.store.root}")
        return meeting

    @property
    def warn_days(self) -> int:
        value = self.store.settings().get("warn_days", DEFAULT_WARN_DAYS)
        return int(value) if isinstance(value, int) else DEFAULT_WARN_DAYS
