"""What every screen needs: the district (its store, its clock, its settings), the
language, and this window's seat at each meeting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from agenda.meetings import Meeting
from agenda.ports import DistrictStore
from agenda.settings import Settings
from agenda.usecases.district import District
from store.errors import StoreError
from tui.i18n import Catalog


class Seat(StrEnum):
    """Who works a meeting in this window. The chair's window moves the meeting from item
    to item; the secretary's follows it, and may look elsewhere without moving it."""

    CHAIR = "chair"  # 主持人
    SECRETARY = "secretary"  # 记录人


@dataclass
class Context:
    district: District
    lang: str
    t: Catalog = field(init=False)
    # This window's seat at each meeting it has opened (asked once per meeting).
    seats: dict[str, Seat] = field(default_factory=dict)
    # How many changes of the store this window has seen (its own saves, and another
    # window's once noticed): a view that read an older one shows old data.
    generation: int = 0

    def __post_init__(self) -> None:
        self.t = Catalog(self.lang)

    @property
    def store(self) -> DistrictStore:
        return self.district.store

    def now(self) -> datetime:
        return self.district.now()

    def today(self) -> date:
        return self.district.today()

    def changed(self) -> None:
        """The store changed: a save of this window, or another's noticed."""
        self.generation += 1

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
        return self.district.settings_or_defaults()

    @property
    def warn_days(self) -> int:
        return self.settings.warn_days
