"""The meeting's clocks as the chair reads them: time left on the item, overrun plainly."""

from __future__ import annotations


def mmss(seconds: float) -> str:
    """Minutes and seconds; past an hour the minutes keep counting (75:03)."""
    whole = int(max(0.0, seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def remaining(spent: float, planned_minutes: float) -> float:
    """Seconds left in the time box; negative once it is overrun."""
    return planned_minutes * 60 - spent
