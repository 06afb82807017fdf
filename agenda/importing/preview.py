"""What an import would change, before anything is written: each value new, changed
(old → new), or the same again. The CLI prints it (`--dry-run`), the app shows it and
writes only on Ctrl+S."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agenda.metrics import Metric
from agenda.numbers import fmt_number
from agenda.units import Unit
from agenda.words import say


@dataclass(frozen=True)
class Change:
    """One value the import would set: new (old is None), changed, or the same again."""

    unit: str
    metric: Metric
    key: str  # the year of a target, the period of a reading
    old: float | None
    new: float

    @property
    def is_new(self) -> bool:
        return self.old is None

    @property
    def is_changed(self) -> bool:
        return self.old is not None and self.old != self.new


@dataclass(frozen=True)
class Preview:
    source: str
    changes: tuple[Change, ...]

    @property
    def new(self) -> list[Change]:
        return [c for c in self.changes if c.is_new]

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.is_changed]

    @property
    def unchanged(self) -> list[Change]:
        return [c for c in self.changes if not c.is_new and not c.is_changed]

    def summary(self, lang: str) -> str:
        """ "r.xlsx: 3 new, 1 changed, 16 unchanged"; the path is never shortened."""
        counts = say(
            "import.preview_counts",
            lang,
            new=len(self.new),
            changed=len(self.changed),
            unchanged=len(self.unchanged),
        )
        return self.source + say("input.colon", lang) + counts

    def lines(self, lang: str, *, new: bool = True) -> list[str]:
        """The summary, then every new (unless `new` is False) and changed value;
        unchanged ones are only counted."""
        out = [self.summary(lang)]
        for change in [*(self.new if new else []), *self.changed]:
            what = f"{change.unit} / {change.metric.label(lang)} / {change.key}"
            if change.is_new:
                out.append(f"  {say('import.preview_new', lang)}  {what}: {fmt_number(change.new)}")
            else:
                value = f"{fmt_number(change.old)} → {fmt_number(change.new)}"
                out.append(f"  {say('import.preview_changed', lang)}  {what}: {value}")
        return out


def preview(
    source: str,
    incoming: Iterable[tuple[Unit, Metric, str, float]],
    on_file: dict[tuple[str, str, str], float],
) -> Preview:
    """`incoming`: (unit, metric, key, value); `on_file`: (unit id, metric key, key) →
    the value on file now."""
    changes = [
        Change(unit.name, metric, key, on_file.get((unit.id, metric.key, key)), value)
        for unit, metric, key, value in incoming
    ]
    return Preview(source, tuple(changes))
