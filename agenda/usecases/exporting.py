"""The office's files: a report rendered in a format, and written where it goes.

The command line writes one format to `-o FILE` or to stdout; the app writes every format
of a report into the exports folder: $DIAODU_EXPORTS, else the district's `exports`
setting, else <Documents>/diaodu. Rendering Word or Excel is the slow part, and touches
no store: an `Export` is planned from the store (`minutes_export`, `bulletin_export`)
and written (`Export.write`) wherever the client likes, away from its screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from agenda.errors import InputError
from agenda.periods import Period
from agenda.usecases import reports
from agenda.usecases.district import District
from agenda.words import say

if TYPE_CHECKING:
    from agenda.reports.bulletin import Bulletin
    from agenda.reports.document import Document, Table
    from agenda.talking import TalkingPoints

EXPORTS_ENV = "DIAODU_EXPORTS"
MINUTES_FORMATS = ("md", "docx")
BULLETIN_FORMATS = ("md", "docx", "xlsx", "csv")
TABLE_FORMATS = ("csv", "xlsx", "md")


@dataclass(frozen=True)
class Rendered:
    """A report in one format: its bytes, and its text when it is text (for stdout)."""

    data: bytes
    text: str | None = None

    @classmethod
    def of_text(cls, text: str) -> Rendered:
        return cls(text.encode("utf-8"), text)


def choose_format(formats: tuple[str, ...], asked: str | None, output: Path | None) -> str:
    """The format asked for, else the output file's suffix, else the first."""
    if asked:
        return asked
    if output is None:
        return formats[0]
    suffix = output.suffix.lower().lstrip(".")
    suffix = "md" if suffix == "markdown" else suffix
    if suffix not in formats:
        raise InputError("report.format_unknown", file=output, formats=", ".join(formats))
    return suffix


def render_document(document: Document, fmt: str) -> Rendered:
    """Markdown or Word."""
    if fmt == "docx":
        from agenda.reports.word import render_docx

        return Rendered(render_docx(document))
    from agenda.reports.markdown import render_markdown

    return Rendered.of_text(render_markdown(document))


def render_bulletin(bulletin: Bulletin, fmt: str, lang: str) -> Rendered:
    from agenda.reports import bulletin as report

    if fmt == "xlsx":
        from agenda.reports.excel import render_xlsx

        title = report.bulletin_title(bulletin, lang)
        return Rendered(render_xlsx(report.bulletin_sheets(bulletin, lang), title))
    if fmt == "csv":
        from agenda.reports.csvfile import csv_bytes, render_csv

        table = report.bulletin_csv_table(bulletin, lang)
        return Rendered(csv_bytes(table), render_csv(table))
    return render_document(report.bulletin_document(bulletin, lang), fmt)


def render_talking_points(points: TalkingPoints, fmt: str, lang: str) -> Rendered:
    """讲话要点 as text (to copy), Markdown or Word."""
    if fmt == "txt":
        return Rendered.of_text(points.text())
    from agenda.reports.talking_document import talking_document

    return render_document(talking_document(points, lang), fmt)


def render_table(table: Table, fmt: str) -> Rendered:
    if fmt == "xlsx":
        from agenda.reports.excel import render_xlsx

        return Rendered(render_xlsx([table]))
    if fmt == "md":
        from agenda.reports.document import Document

        return render_document(Document(table.name, (table,)), fmt)
    from agenda.reports.csvfile import csv_bytes, render_csv

    return Rendered(csv_bytes(table), render_csv(table))


def write_file(path: Path, rendered: Rendered) -> Path:
    """Whole or not at all; a file held open elsewhere is said, not half written."""
    from agenda.reports.files import write_atomic

    return write_atomic(path, rendered.data)


# --- the app's exports: every format of a report, into the exports folder --------------------
def exports_folder(district: District, environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    from_env = environ.get(EXPORTS_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    setting = district.settings_or_defaults().exports
    if setting:
        return Path(setting).expanduser()
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "diaodu"


@dataclass(frozen=True)
class Export:
    """Files to write, each with how its bytes are made."""

    files: tuple[tuple[Path, Callable[[], Rendered]], ...]

    def write(self) -> list[Path]:
        return [write_file(path, render()) for path, render in self.files]


def minutes_export(district: District, meeting_id: str) -> Export:
    """The minutes as .md and .docx, in the language of the meeting's agenda, named in it:
    会议纪要-2026-10.1.docx for a Chinese meeting."""
    from agenda.usecases.meetings import find_meeting
    from agenda.usecases.templates import template

    meeting = find_meeting(district, meeting_id)
    lang = template(district, meeting.template).language
    document = reports.minutes(district, meeting.id)
    stem = exports_folder(district) / f"{say('report.minutes_file', lang)}-{meeting.id}"
    return Export(
        tuple(
            (stem.with_name(f"{stem.name}.{fmt}"), partial(render_document, document, fmt))
            for fmt in MINUTES_FORMATS
        )
    )


def bulletin_export(district: District, period: Period, lang: str | None = None) -> Export:
    """The bulletin as .md, .docx and .xlsx, in `lang`, else the district's language (its
    `lang` setting, else its agenda's), never the language of the screen it is made from."""
    lang = lang or reports.document_language(district)
    bulletin = reports.bulletin(district, period)
    stem = exports_folder(district) / f"{say('report.bulletin_file', lang)}-{period}"
    return Export(
        tuple(
            (stem.with_name(f"{stem.name}.{fmt}"), partial(render_bulletin, bulletin, fmt, lang))
            for fmt in ("md", "docx", "xlsx")
        )
    )


def talking_points_export(district: District, meeting_id: str, lang: str) -> Export:
    """讲话要点 as .docx and .md, in `lang` (the screen's: the chair reads them)."""
    from agenda.usecases.meetings import find_meeting

    meeting = find_meeting(district, meeting_id)
    points = reports.talking_points(district, meeting.id, lang)
    stem = exports_folder(district) / f"{say('report.talking_file', lang)}-{meeting.id}"
    return Export(
        tuple(
            (
                stem.with_name(f"{stem.name}.{fmt}"),
                partial(render_talking_points, points, fmt, lang),
            )
            for fmt in ("md", "docx")
        )
    )
