"""One view per kind of agenda section; the meeting screen mounts the one for the item."""

from __future__ import annotations

from importlib import import_module

from agenda.templates import SectionKind
from tui.views.base import SectionView

# Imported when a meeting is opened, not at start-up: home opens without the table views.
VIEWS = {
    SectionKind.REVIEW: ("tui.views.review", "ReviewView"),
    SectionKind.ACHIEVEMENTS: ("tui.views.scorecard", "ScorecardView"),
    SectionKind.GAPS: ("tui.views.gaps", "GapsView"),
    SectionKind.ASSIGNMENTS: ("tui.views.assignments", "AssignmentsView"),
    SectionKind.FREE: ("tui.views.notes", "NotesView"),
}


def view_class(kind: SectionKind) -> type[SectionView]:
    module, name = VIEWS[kind]
    view: type[SectionView] = getattr(import_module(module), name)
    return view
