"""Text a user types: notes that run to paragraphs, and names that must fit on one line.

Notes (an item's notes, the chair's remarks 主要领导讲话要点, a progress note) are kept
exactly as typed, newlines and blank lines included: the model and the store never trim
or join them. A document splits them into paragraphs with `paragraphs`.
"""

from __future__ import annotations

import re
from enum import StrEnum

from agenda.errors import RuleError

LINE_LIMIT = 60  # a name, a post, a place, a topic: what fits a line of the minutes
# A line break as any editor may save it: \n, \r\n, \r (and the Unicode separators).
_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")
# Spaces a typist puts before a paragraph, the full-width 　 of a Chinese indent included:
# the document indents its paragraphs itself.
_EDGE = " \t\u3000\u00a0"


class Line(StrEnum):
    """What a one-line text is, said in a refusal (values.line_<value>)."""

    PLACE = "place"
    TOPIC = "topic"
    DEPUTY_NAME = "deputy_name"
    DEPUTY_POST = "deputy_post"
    REASON = "reason"
    OBSERVER_NAME = "observer_name"
    OBSERVER_POST = "observer_post"
    LEAD = "lead"


def paragraphs(text: str) -> list[str]:
    """A note as the paragraphs of a document: every line that is not blank is one.

    A Chinese typist ends a paragraph with one Enter, an English one often leaves a blank
    line between paragraphs: both read the same. A text editor wraps long lines itself, so
    a line break typed in a note is a paragraph break. Spaces around a line (a typed
    两字 indent 　　 too) are dropped: the document indents each paragraph.
    """
    return [line.strip(_EDGE) for line in _BREAK.split(text) if line.strip(_EDGE + "\t ")]


def one_line(text: str, what: Line, *, limit: int = LINE_LIMIT) -> str:
    """A name, post, place or topic: trimmed, on one line, at most `limit` characters."""
    value = text.strip()
    if _BREAK.search(value):
        raise RuleError("text.not_one_line", what=what)
    if len(value) > limit:
        raise RuleError("text.too_long", what=what, limit=limit)
    return value
