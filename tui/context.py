"""What every screen needs: the store, the language, the clock, and this window's seat."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from agenda.errors import DiaoduError
from agenda.meetings import Meeting
from agenda.settings import Settings
from store import Store
from store.errors import StoreError
from tui.i18n import Catalog


class Seat(StrEnum):
    """Who works a meeting in this window. The chair's window moves the meeting from item
    to item; the secretary's follows it, and may look elsewhere without moving it."""

    CHAIR = "chair"  # 主持人
    SECRETARY = "secretary"  # 记录人


@dataclass
class Context:
    store: Store
    lang: str
    clock: Callable[[], datetime] = datetime.now
    t: Catalog = field(init=False)
    # This window's seat at each meeting it has opened (asked once per meeting).
    seats: dict[str, Seat] = field(default_factory=dict)

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
            raise StoreError("store.no_meeting", id=meeting_id)
        return meeting

    def seat(self, meeting_id: str) -> Seat:
        """This window's seat at a meeting: the chair's unless chosen otherwise."""
        return self.seats.get(meeting_id, Seat.CHAIR)

    def by(self, meeting: Meeting) -> str:
        """Who acts, for a meeting's record: this window's seat and its holder's name."""
        seat = self.seat(meeting.id)
        name = meeting.chair if seat is Seat.CHAIR else meeting.secretary
        return f"{seat.value} {name}".strip()

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
