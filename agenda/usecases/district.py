"""A district as the clients hold it: its store, the one clock, its settings.

The CLI and the app each hold one `District` (`store.opening.open_district` makes it) and
hand it to the use cases. The clock is here and only here: the store is given the same
clock (it decides which months are past), the app's screens read it through the
district, and a test sets it once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from agenda.errors import DiaoduError
from agenda.ports import DistrictStore
from agenda.settings import Settings

Clock = Callable[[], datetime]


@dataclass
class District:
    store: DistrictStore
    clock: Clock = datetime.now
    # Where the district lives, as a message may name it: the folder's settings file, or
    # the server's address without its password.
    where: str = ""
    _settings: tuple[dict[str, Any], Settings] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # One clock: the store decides which months are past by the district's.
        self.store.clock = self.today

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def settings(self) -> Settings:
        """The district's settings, checked: a bad stored value is refused naming the
        setting and where it is kept (the documents refuse to be made with it)."""
        raw = self.store.settings()
        if self._settings is None or self._settings[0] != raw:
            self._settings = (raw, Settings.from_mapping(raw, source=self.where))
        return self._settings[1]

    def settings_or_defaults(self) -> Settings:
        """The settings for a screen: a value damaged by hand shows its default there (the
        meeting goes on); `diaodu settings` names it, and the documents refuse it."""
        try:
            return self.settings()
        except DiaoduError:
            return Settings()
