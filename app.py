"""diaodu: the entry point. Opens the app, or runs one command and exits.

Errors a user can act on are printed as one line and exit 1; no traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import cli_metrics
import cli_reports
from agenda.errors import DiaoduError
from agenda.language import choose_language
from store import Store
from store.locations import ENV_VAR, data_folder

HELP = """\
Run the monthly investment-promotion dispatch meeting (招商引资调度会) and make its
commitments stick. With no command, opens the app on your district's data folder.

examples:
  diaodu --demo                      try it on a demo district (thrown away on exit)
  diaodu init                        create the data folder
  diaodu units import units.csv      name,kind,head,aliases
  diaodu metrics export -o m.yaml    the metrics as YAML; edit, then metrics import m.yaml
  diaodu settings set level 县        全县合计; `diaodu settings` shows every setting
  diaodu targets import t.csv        unit,metric,year,target  or one column per metric
  diaodu readings import r.csv       unit,metric,period,value or one column per metric
  diaodu readings import r.xlsx --dry-run   an Excel return: show what would change
  diaodu minutes last -o 纪要.docx    the minutes of the latest meeting, as Word
  diaodu bulletin --period 2026-10 -o 通报.xlsx   rankings, 白卷, 履约率 as Excel
  diaodu commitments --overdue -o 超期任务.xlsx   the task table, filtered
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
        metavar="PATH",
        help=f"the data folder (default: ${ENV_VAR}, else the user data folder)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), help="language (default: the locale)")
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway demo district instead"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("init", help="create the data folder and say where it is")
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
    return parser


def open_store(args: argparse.Namespace) -> Store:
    return Store.open(data_folder(args.db))


def cmd_init(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    store = open_store(args)
    out(f"data folder: {store.root}")
    return 0


def cmd_units(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from agenda.imports import merge_units, read_units_file

    incoming = read_units_file(args.file)
    store = open_store(args)
    saved = store.save_units(merge_units(store.units(), incoming))
    out(f"{len(saved)} units imported from {args.file}")
    return 0


def demo_store() -> Store:
    from agenda.demo import build_demo
    from store.seed import seed

    folder = Path(tempfile.mkdtemp(prefix="diaodu-demo-"))
    store = Store.open(folder)
    seed(store, build_demo(date.today()))
    return store


def run_app(store: Store, lang: str) -> int:
    from tui.app import DiaoduApp  # here, not at the top: the data commands need no Textual

    DiaoduApp(store=store, lang=lang).run()
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Callable[[str], None]], int]] = {
    "init": cmd_init,
    "units": cmd_units,
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
        return run_app(open_store(args), lang)
    except DiaoduError as error:
        print(f"diaodu: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
