"""What every screen needs: the store, the language, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from agenda.errors import DiaoduError
from agenda.meetings import Meeting
from agenda.settings import Settings
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
    def settings(self) -> Settings:
        """The district's settings. A value damaged by hand is shown with its default here
        (the meeting goes on); `diaodu settings` names it, and the documents refuse it."""
        try:
            return Settings.from_mapping(self.store.settings())
        except DiaoduError:
            return Settings()

    @property
    def warn_days(self) -> int:
        return self.settings.warn_days
