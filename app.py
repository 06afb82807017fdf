"""diaodu: the entry point. Opens the app, or runs one command and exits.

Errors a user can act on are printed as one line and exit 1; no traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import cli_metrics
import cli_reports
from agenda.errors import DiaoduError
from agenda.language import choose_language
from store import Store, StoreError
from store.locations import ENV_VAR
from store.opening import AnyStore, init_store, open_store

HELP = """\
Run the monthly investment-promotion dispatch meeting (招商引资调度会) and make its
commitments stick. With no command, opens the app on your district's data folder.

examples:
  diaodu --demo                      try it on a demo district (thrown away on exit)
  diaodu init                        create the data folder
  diaodu --db 'postgresql://db.example/city?district=chengguan' init
                                     create a district on a server (the DBA does)
  diaodu units import units.csv      name,kind,head,aliases
  diaodu metrics export -o m.yaml    the metrics as YAML; edit, then metrics import m.yaml
  diaodu settings set level 县        全县合计; `diaodu settings` shows every setting
  diaodu targets import t.csv        unit,metric,year,target  or one column per metric
  diaodu readings import r.csv       unit,metric,period,value or one column per metric
  diaodu readings import r.xlsx --dry-run   an Excel return: show what would change
  diaodu minutes last -o 纪要.docx    the minutes of the latest meeting, as Word
  diaodu bulletin --period 2026-10 -o 通报.xlsx   rankings, 白卷, 履约率 as Excel
  diaodu commitments --overdue -o 超期任务.xlsx   the task table, filtered
  diaodu meeting reopen 2026-10.1    reopen a closed meeting (kept on its record)
  diaodu copy ~/district 'postgresql://db.example/city?district=chengguan'
                                     move a district to a server (or back), as it is
"""


def _version() -> str:
    try:
        return version("diaodu")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diaodu",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"diaodu {_version()}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=(
            "the data folder, or a district on a server: postgresql://HOST/DB?district=NAME"
            f" (default: ${ENV_VAR}, else the user data folder)"
        ),
    )
    parser.add_argument("--lang", choices=("zh", "en"), help="language (default: the locale)")
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway demo district instead"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "init", help="create the data folder (or the district on a server) and say where it is"
    )
    for name, what in (
        ("units", "units from CSV (name,kind,head,order,aliases) or YAML"),
        ("targets", "annual targets from CSV or Excel, long or wide form"),
        ("readings", "year-to-date readings from CSV or Excel, long or wide form"),
    ):
        group = commands.add_parser(name, help=f"import {what}")
        actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
        importer = actions.add_parser("import", help=f"import {what}; all or nothing")
        importer.add_argument("file", type=Path)
        if name == "targets":
            importer.add_argument("--year", type=int, help="the year, if the file has none")
        if name == "readings":
            importer.add_argument("--period", help="YYYY-MM, if the file has no period column")
        if name in ("targets", "readings"):
            cli_reports.add_import_options(importer)
    cli_metrics.add_commands(commands)
    cli_reports.add_commands(commands)
    meeting = commands.add_parser("meeting", help="reopen a closed meeting")
    meeting_actions = meeting.add_subparsers(dest="action", metavar="ACTION", required=True)
    reopen = meeting_actions.add_parser(
        "reopen", help="reopen a closed meeting so it can be changed; kept on its record"
    )
    reopen.add_argument("id", metavar="ID", help="the meeting, e.g. 2026-10.1")
    copy = commands.add_parser(
        "copy", help="copy a district as it is into an empty place: a folder to a server, or back"
    )
    copy.add_argument("source", metavar="FROM", help="a data folder, or postgresql://...?district=")
    copy.add_argument("target", metavar="TO", help="an empty data folder, or an empty district")
    return parser


def open_district(args: argparse.Namespace) -> AnyStore:
    return open_store(args.db, on_notice=cli_reports.notice_printer(args))


def cmd_init(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    store = init_store(args.db)
    if isinstance(store, Store):
        out(f"data folder: {store.root}")
        return 0
    from store.pg.schema import CITY_ROLE, district_role

    role = district_role(store.district)
    out(f"district {store.district}: {store.root}")  # the URL without its password
    out(f"  role {role}: reads and writes this district only")
    out(f"  role {CITY_ROLE}: reads every district")
    out("Give each person a login in one of them, e.g. (as the DBA, in psql):")
    out(f"  CREATE ROLE wang_mishu LOGIN PASSWORD '...' IN ROLE {role};")
    return 0


def cmd_units(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from agenda.importing import merge_units, read_units_file
    from agenda.words import say

    incoming = read_units_file(args.file)  # the whole file is checked before the folder opens
    store = open_district(args)
    saved = store.save_units(merge_units(store.units(), incoming))
    lang = choose_language(args.lang, os.environ)
    out(say("import.imported_units", lang, count=len(saved), source=Path(args.file)))
    return 0


def cmd_meeting(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    """`meeting reopen ID`: a closed meeting changes only this way, and its record says
    who reopened it and when (here: the user logged in)."""
    by = f"cli {getpass.getuser()}"
    meeting = open_district(args).update_meeting(args.id, lambda m: m.reopen(datetime.now(), by))
    out(f"meeting {meeting.id} reopened; it is in progress again (close it in the app)")
    return 0


def cmd_copy(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    """`copy FROM TO`: the use case agenda/usecases/copying.py, between two stores. A
    district missing on the server is created, if this account may (the DBA's)."""
    from agenda.usecases.copying import copy_district
    from agenda.words import say
    from store.locations import data_location
    from store.pg.location import Shown
    from store.schema import MARKER

    source_at = data_location(args.source)
    if isinstance(source_at, Path) and not (source_at / MARKER).is_file():
        raise StoreError("copy.no_source", source=source_at)  # never a new, empty folder
    source = open_store(source_at, on_notice=cli_reports.notice_printer(args))
    try:
        target = open_store(args.target)
    except StoreError as error:
        if error.code != "pg.no_district":
            raise
        target = init_store(args.target)
    places = [s.root if isinstance(s.root, Path) else Shown(s.root) for s in (source, target)]
    copied = copy_district(source, target, target_name=places[1])
    lang = choose_language(args.lang, os.environ)
    out(say("copy.done", lang, source=places[0], target=places[1], **vars(copied)))
    return 0


def demo_store() -> Store:
    from agenda.demo import build_demo
    from store.seed import seed

    folder = Path(tempfile.mkdtemp(prefix="diaodu-demo-"))
    store = Store.open(folder)
    seed(store, build_demo(date.today()))
    return store


def run_app(store: AnyStore, lang: str) -> int:
    from tui.app import DiaoduApp  # here, not at the top: the data commands need no Textual

    DiaoduApp(store=store, lang=lang).run()
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Callable[[str], None]], int]] = {
    "init": cmd_init,
    "units": cmd_units,
    "meeting": cmd_meeting,
    "copy": cmd_copy,
    **cli_metrics.COMMANDS,  # metrics list / export / import, settings
    **cli_reports.COMMANDS,  # targets, readings (CSV or Excel), minutes, bulletin, commitments
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = choose_language(args.lang, os.environ)
    try:
        if args.command:
            return COMMANDS[args.command](args, print)
        if args.demo:
            store = demo_store()
            try:
                return run_app(store, lang)
            finally:
                store.close()
                shutil.rmtree(store.root, ignore_errors=True)
        return run_app(open_district(args), lang)
    except DiaoduError as error:
        print(f"diaodu: {error.words(lang)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
