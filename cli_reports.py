"""The CLI's report commands (minutes, bulletin, commitments) and its imports of targets
and readings from CSV or Excel, with a preview of what would change (`--dry-run`).

The loaders (`load_minutes`, `load_bulletin`, `load_commitments`) fetch from the Store
what the pure report builders in agenda.reports take. An import is the use case
`agenda.importing.prepare_import` (the app's import screen calls it too), then
`commit_import`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from agenda.errors import DiaoduError
from agenda.language import choose_language
from agenda.meetings import Meeting
from agenda.periods import Period
from store import Store, StoreError
from store.opening import AnyStore, open_store

if TYPE_CHECKING:
    from agenda.importing import PreparedImport
    from agenda.reports.bulletin import Bulletin
    from agenda.reports.commitment_table import CommitmentFilter
    from agenda.reports.document import Document, Table
    from agenda.settings import Settings

Out = Callable[[str], None]
STATUSES = ("open", "done", "partial", "missed", "dropped")


def today() -> date:
    """The day the reports are made (tests fix it)."""
    return date.today()


# --- what the reports need, from the store -------------------------------------------------
def load_minutes(store: Store, meeting_id: str, lang: str | None = None) -> Document:
    from agenda.reports.minutes import build_minutes
    from agenda.templates import builtin_template

    meeting = find_meeting(store, meeting_id)
    return build_minutes(
        meeting,
        builtin_template(meeting.template),
        store.units(),
        store.commitments(include_archive=True),
        store.metrics(),
        lang=lang,
        figures=store.figures(meeting.period),
        settings=load_settings(store),
    )


def find_meeting(store: Store, meeting_id: str) -> Meeting:
    """A meeting by id ("2026-09.1"), or `last` for the latest one."""
    meetings = store.meetings(include_archive=True)
    if meeting_id == "last":
        if not meetings:
            raise DiaoduError("there is no meeting yet")
        return meetings[-1]
    found = next((m for m in meetings if m.id == meeting_id), None)
    if found is None:
        known = ", ".join(m.id for m in meetings[-5:]) or "none yet"
        raise DiaoduError(f"no meeting {meeting_id!r} (latest: {known}; or say `last`)")
    return found


def load_bulletin(store: Store, period: Period | None, on: date) -> Bulletin:
    from agenda.reports.bulletin import build_bulletin

    period = period or store.latest_reading_period()
    if period is None:
        raise DiaoduError("no readings yet: import some first (diaodu readings import FILE)")
    return build_bulletin(
        period,
        store.units(),
        store.metrics(),
        store.figures(period),
        store.commitments(include_archive=True),
        as_of=on,
        settings=load_settings(store),
    )


def load_settings(store: AnyStore) -> Settings:
    """The district's settings, checked: a bad stored value names the setting and where
    it is kept (the folder's meta.json, or the server's address)."""
    from agenda.settings import Settings

    where = store.root / "meta.json" if isinstance(store, Store) else store.root
    return Settings.from_mapping(store.settings(), source=str(where))


def load_commitments(store: Store, only: CommitmentFilter | None, on: date, lang: str) -> Table:
    from agenda.reports.commitment_table import commitment_table

    return commitment_table(
        store.commitments(include_archive=True),
        store.units(),
        store.metrics(),
        today=on,
        lang=lang,
        only=only,
        warn_days=load_settings(store).warn_days,
    )


# --- the parser --------------------------------------------------------------------------
def add_import_options(importer: argparse.ArgumentParser) -> None:
    importer.add_argument("--sheet", help="the Excel sheet to read (default: the first)")
    importer.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )


def _output(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("--format", choices=formats, help=f"default: from -o, else {formats[0]}")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    minutes = commands.add_parser("minutes", help="the minutes of a meeting (会议纪要)")
    minutes.add_argument("meeting", help="the meeting's id, e.g. 2026-10.1, or `last`")
    _output(minutes, ("md", "docx"))
    bulletin = commands.add_parser("bulletin", help="the bulletin of a month (通报)")
    bulletin.add_argument("--period", help="YYYY-MM (default: the latest with readings)")
    _output(bulletin, ("md", "docx", "xlsx", "csv"))
    table = commands.add_parser("commitments", help="the commitment table (任务分解表)")
    table.add_argument("--unit", help="only this unit (name, alias or id)")
    table.add_argument("--status", choices=STATUSES, help="only this status")
    table.add_argument("--period", help="only those made in this period, YYYY-MM")
    table.add_argument("--overdue", action="store_true", help="only open and overdue ones")
    _output(table, ("csv", "xlsx", "md"))


# --- writing ----------------------------------------------------------------------------
def _format(args: argparse.Namespace, formats: tuple[str, ...]) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        suffix = args.output.suffix.lower().lstrip(".")
        suffix = "md" if suffix == "markdown" else suffix
        if suffix not in formats:
            raise DiaoduError(f"{args.output}: say --format ({', '.join(formats)})")
        return suffix
    return formats[0]


def _emit(args: argparse.Namespace, fmt: str, text: str | None, data: bytes, out: Out) -> int:
    from agenda.reports.files import write_atomic

    if args.output is None:
        if text is None:
            raise DiaoduError(f"--format {fmt} is a binary file: give -o FILE")
        sys.stdout.write(text)
        return 0
    write_atomic(args.output, data)
    out(f"wrote {args.output}")
    return 0


def _store(args: argparse.Namespace) -> AnyStore:
    """The district at --db: a folder or a server URL (store/opening.py)."""
    return open_store(args.db, clock=today, on_notice=notice_printer(args))


def notice_printer(args: argparse.Namespace) -> Callable[[StoreError], None]:
    """What the store noticed and went on (a stray file it left alone), said on stderr."""
    lang = _lang(args)
    return lambda notice: print(f"diaodu: {notice.words(lang)}", file=sys.stderr)


def _lang(args: argparse.Namespace) -> str:
    return choose_language(args.lang, os.environ)


def cmd_minutes(args: argparse.Namespace, out: Out) -> int:
    from agenda.reports.markdown import render_markdown
    from agenda.reports.word import render_docx

    fmt = _format(args, ("md", "docx"))
    document = load_minutes(_store(args), args.meeting, lang=args.lang)
    if fmt == "docx":
        return _emit(args, fmt, None, render_docx(document), out)
    text = render_markdown(document)
    return _emit(args, fmt, text, text.encode("utf-8"), out)


def cmd_bulletin(args: argparse.Namespace, out: Out) -> int:
    from agenda.reports import bulletin as report
    from agenda.reports.csvfile import csv_bytes, render_csv
    from agenda.reports.excel import render_xlsx
    from agenda.reports.markdown import render_markdown
    from agenda.reports.word import render_docx

    fmt = _format(args, ("md", "docx", "xlsx", "csv"))
    period = Period.parse(args.period) if args.period else None
    bulletin, lang = load_bulletin(_store(args), period, today()), _lang(args)
    if fmt == "docx":
        return _emit(args, fmt, None, render_docx(report.bulletin_document(bulletin, lang)), out)
    if fmt == "xlsx":
        return _emit(args, fmt, None, render_xlsx(report.bulletin_sheets(bulletin, lang)), out)
    if fmt == "csv":
        table = report.bulletin_csv_table(bulletin, lang)
        return _emit(args, fmt, render_csv(table), csv_bytes(table), out)
    text = render_markdown(report.bulletin_document(bulletin, lang))
    return _emit(args, fmt, text, text.encode("utf-8"), out)


def _filter(args: argparse.Namespace, store: Store, on: date) -> CommitmentFilter:
    from agenda.commitments import Status
    from agenda.reports.commitment_table import CommitmentFilter
    from agenda.units import find_unit

    unit_id = None
    if args.unit:
        unit = find_unit(store.units(), args.unit)
        if unit is None:
            raise DiaoduError(f"no unit {args.unit!r}")
        unit_id = unit.id
    return CommitmentFilter(
        unit_id=unit_id,
        status=Status(args.status) if args.status else None,
        period=Period.parse(args.period) if args.period else None,
        overdue_on=on if args.overdue else None,
    )


def cmd_commitments(args: argparse.Namespace, out: Out) -> int:
    from agenda.reports.csvfile import csv_bytes, render_csv
    from agenda.reports.document import Document
    from agenda.reports.excel import render_xlsx
    from agenda.reports.markdown import render_markdown

    fmt = _format(args, ("csv", "xlsx", "md"))
    store, on = _store(args), today()
    table = load_commitments(store, _filter(args, store, on), on, _lang(args))
    if fmt == "xlsx":
        return _emit(args, fmt, None, render_xlsx([table]), out)
    if fmt == "md":
        text = render_markdown(Document(table.name, (table,)))
        return _emit(args, fmt, text, text.encode("utf-8"), out)
    return _emit(args, fmt, render_csv(table), csv_bytes(table), out)


# --- imports ------------------------------------------------------------------------------
def _import(args: argparse.Namespace, out: Out, kind: str) -> int:
    """Check the whole file, then save it (unless --dry-run). A dry run shows every new
    and changed value; an import lists the values it overwrote (old → new), so nothing
    changes unseen, and ends saying what it wrote."""
    from agenda.importing import commit_import, prepare_import
    from agenda.words import say

    store, lang = _store(args), _lang(args)
    period = getattr(args, "period", None)
    prepared: PreparedImport = prepare_import(
        kind,
        args.file,
        units=store.units(),
        metrics=store.metrics(),
        existing=store,
        today=today(),
        sheet=args.sheet,
        period=Period.parse(period) if period else None,
        year=getattr(args, "year", None),
    )
    if args.dry_run:
        for line in prepared.preview.lines(lang):
            out(line)
        out(say("import.dry_run", lang))
        return 0
    commit_import(prepared, store)
    for line in prepared.preview.lines(lang, new=False)[1:]:
        out(line)
    # A Path, not a str: a path is said whole, never shortened like a quoted value.
    out(say(f"import.imported_{kind}", lang, count=prepared.count, source=Path(args.file)))
    return 0


def cmd_targets(args: argparse.Namespace, out: Out) -> int:
    return _import(args, out, "targets")


def cmd_readings(args: argparse.Namespace, out: Out) -> int:
    return _import(args, out, "readings")


COMMANDS: dict[str, Callable[[argparse.Namespace, Out], int]] = {
    "minutes": cmd_minutes,
    "bulletin": cmd_bulletin,
    "commitments": cmd_commitments,
    "targets": cmd_targets,
    "readings": cmd_readings,
}
