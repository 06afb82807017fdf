"""讲话要点 as a document: the title, each part under its heading (一、肯定成绩), its
paragraphs as body text. Laid out as every other Word file (GB/T 9704), without 文号 or
signature: the chair's own draft, not a document sent out."""

from __future__ import annotations

from agenda.reports.document import Block, Document, Heading, Paragraph
from agenda.talking import TalkingPoints


def talking_document(points: TalkingPoints, lang: str) -> Document:
    blocks: list[Block] = []
    for part in points.parts:
        blocks.append(Heading(part.title, 1))
        blocks += [Paragraph(text) for text in part.paragraphs]
    return Document(points.title, tuple(blocks), lang="zh" if lang == "zh" else "en")
