"""Home's line of 督办: the units called in (约谈), with the meetings they missed running,
and how many commitments are under supervision (挂牌督办). Hidden when there are none.

A widget of its own, so home shows it with one line in its layout and one in its reload
(which fills it when home is shown and whenever the store changed since).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from agenda.usecases.review import escalation_now
from tui.context import Context
from tui.text import plain
from tui.theme import Palette


class TalkLine(Static):
    def __init__(self, ctx: Context) -> None:
        super().__init__(id="talk-line")
        self.ctx = ctx

    def show_talks(self) -> None:
        """Read who is called in as of today, and say it (or hide)."""
        t, flags = self.ctx.t, escalation_now(self.ctx.district)
        self.display = bool(flags.units or flags.commitments)
        if not self.display:
            return
        names = {unit.id: unit.name for unit in self.ctx.store.units()}
        line = Text(t("review.home_title"), style=Palette.of(self).bad)
        for index, flag in enumerate(flags.units):
            if index:
                line.append(t("review.list_separator"))
            name = plain(names.get(flag.unit_id, flag.unit_id), style="bold")
            line.append_text(name + Text(t("review.home_run", count=flag.count)))
        if not flags.units:
            line.append(t("review.home_none"))
        if flags.commitments:
            line.append(t("review.home_supervised", count=len(flags.commitments)))
        self.update(line)
