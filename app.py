"""diaodu: the entry point. Opens the app, or runs one command and exits.

The command line is a thin caller of the use cases (agenda/usecases/): it parses what was
typed, opens the district, calls one job and prints what it says, in the user's language
(--lang, else the district's `lang` setting, else DIAODU_LANG, else the system's). Errors a
user can act on are printed as one line and exit 1; no traceback.
"""

from __future__ import annotations

import argparse
import gc
import getpass
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from agenda.errors import DiaoduError
from agenda.language import choose_language
from agenda.words import say

if TYPE_CHECKING:
    from agenda.metrics import Metric
    from agenda.usecases.defining import MetricFacts
    from agenda.usecases.district import Clock, District
    from store.errors import StoreError

# The CLI's clock (tests set it once). The app and every command read the day from it.
CLOCK: Clock = datetime.now

HELP = """\
Run the monthly investment-promotion dispatch meeting (招商引资调度会) and make its
commitments stick. With no command, opens the app on your district's data folder.

This help is in English; what the commands print follows --lang, else the district's
`lang` setting, else DIAODU_LANG, else the system's language.

examples:
  diaodu --demo                      try it on a demo district (thrown away on exit)
  diaodu init                        create the data folder
  diaodu init --demo                 ...filled with the demo district, kept across restarts
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
  diaodu talking-points last -o 讲话要点.docx    the chair's talking points (讲话要点)
  diaodu meeting reopen 2026-10.1    reopen a closed meeting (kept on its record)
  diaodu templates list              the agenda templates: shipped and the district's own
  diaodu templates import weekly.yaml   keep a template of the district's (--replace)
  diaodu templates export zhaoshang 议程.yaml   a template as YAML, to edit and import
  diaodu copy ~/district 'postgresql://db.example/city?district=chengguan'
                                     move a district to a server (or back), as it is
"""
STATUSES = ("open", "done", "partial", "missed", "dropped")
MINUTES_FORMATS = ("md", "docx")
TALKING_FORMATS = ("txt", "md", "docx")
BULLETIN_FORMATS = ("md", "docx", "xlsx", "csv")
TABLE_FORMATS = ("csv", "xlsx", "md")


# --- the parser ----------------------------------------------------------------------------
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("diaodu")
    except PackageNotFoundError:
        return "unknown"


class _Version(argparse.Action):
    """--version, worked out only when asked (importlib.metadata is slow to load)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"diaodu {_version()}")
        parser.exit()


def _output(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("--format", choices=formats, help=f"default: from -o, else {formats[0]}")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")


def _importer(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    what = {
        "units": "units from CSV (name,kind,head,order,aliases) or YAML",
        "targets": "annual targets from CSV or Excel, long or wide form",
        "readings": "year-to-date readings from CSV or Excel, long or wide form",
    }[name]
    group = commands.add_parser(name, help=f"import {what}")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    importer = actions.add_parser("import", help=f"import {what}; all or nothing")
    importer.add_argument("file", type=Path)
    if name == "units":
        return
    if name == "targets":
        importer.add_argument("--year", type=int, help="the year, if the file has none")
    else:
        importer.add_argument("--period", help="YYYY-MM, if the file has no period column")
    importer.add_argument("--sheet", help="the Excel sheet to read (default: the first)")
    importer.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )


def _templates(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("templates", help="agenda templates: list, import, export")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="every template: key, name, items, minutes, kept where")
    importer = actions.add_parser(
        "import", help="keep a template from YAML (checked whole: file, line and field)"
    )
    importer.add_argument("file", type=Path)
    importer.add_argument(
        "--replace", action="store_true", help="replace the template of that key kept already"
    )
    export = actions.add_parser("export", help="a template as YAML, to edit and import back")
    export.add_argument("key", metavar="KEY", help="the template's key, e.g. zhaoshang")
    export.add_argument("file", type=Path, nargs="?", metavar="FILE", help="default: stdout")


def build_parser() -> argparse.ArgumentParser:
    from agenda.settings import setting_keys

    parser = argparse.ArgumentParser(
        prog="diaodu", description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=(
            "the data folder, or a district on a server: postgresql://HOST/DB?district=NAME"
            " (default: $DIAODU_DB, else the user data folder)"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help="language (default: the district's, else DIAODU_LANG, else the system's)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway demo district instead"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    init = commands.add_parser(
        "init", help="create the data folder (or the district on a server) and say where it is"
    )
    init.add_argument(
        "--demo",
        dest="seed_demo",  # not `demo`: the subcommand's default would hide `diaodu --demo`
        action="store_true",
        help="fill it with the demo district, to try and keep (an empty folder only)",
    )
    for name in ("units", "targets", "readings"):
        _importer(commands, name)
    metrics = commands.add_parser("metrics", help="the metrics: list, export, import")
    actions = metrics.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="each metric: measure, how a rate is formed, aliases, in use")
    export = actions.add_parser("export", help="the metrics as YAML, to edit and import back")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    importer = actions.add_parser(
        "import", help="metric definitions from YAML (replaces the set; a metric with data stays)"
    )
    importer.add_argument("file", type=Path)
    settings = commands.add_parser("settings", help="show the district's settings, or set one")
    change = settings.add_subparsers(dest="action", metavar="ACTION")
    setter = change.add_parser("set", help="set one: diaodu settings set level 县")
    setter.add_argument("key", choices=setting_keys(), metavar="KEY")
    setter.add_argument("value", metavar="VALUE")
    minutes = commands.add_parser("minutes", help="the minutes of a meeting (会议纪要)")
    minutes.add_argument("meeting", help="the meeting's id, e.g. 2026-10.1, or `last`")
    _output(minutes, MINUTES_FORMATS)
    bulletin = commands.add_parser("bulletin", help="the bulletin of a month (通报)")
    bulletin.add_argument("--period", help="YYYY-MM (default: the latest with readings)")
    _output(bulletin, BULLETIN_FORMATS)
    points = commands.add_parser(
        "talking-points",
        help="the chair's talking points (讲话要点): 成绩, 差距, 下步安排 from the figures",
    )
    points.add_argument(
        "meeting", nargs="?", default="last", help="the meeting's id, or `last` (default)"
    )
    _output(points, TALKING_FORMATS)
    table = commands.add_parser("commitments", help="the commitment table (任务分解表)")
    table.add_argument("--unit", help="only this unit (name, alias or id)")
    table.add_argument("--status", choices=STATUSES, help="only this status")
    table.add_argument("--period", help="only those made in this period, YYYY-MM")
    table.add_argument("--overdue", action="store_true", help="only open and overdue ones")
    _output(table, TABLE_FORMATS)
    _templates(commands)
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


# --- one run -------------------------------------------------------------------------------
class Run:
    """One command: what was typed, the district once opened, and the language to speak."""

    def __init__(self, args: argparse.Namespace, out: Callable[[str], None], clock: Clock) -> None:
        self.args = args
        self.out = out
        self.clock = clock
        self.lang = choose_language(args.lang, os.environ)
        self._district: District | None = None

    def district(self) -> District:
        """The district at --db, opened once; from then on its `lang` setting is spoken."""
        if self._district is None:
            from store.opening import open_district

            self._district = open_district(self.args.db, clock=self.clock, on_notice=self.notice)
            self.speak_for(self._district)
        return self._district

    def speak_for(self, district: District) -> None:
        self.lang = choose_language(
            self.args.lang, os.environ, district=district.settings_or_defaults().lang
        )

    def say(self, key: str, **values: object) -> None:
        self.out(say(key, self.lang, **values))

    def notice(self, notice: StoreError) -> None:
        """What the store noticed and went on (a stray file it left alone), on stderr."""
        print(f"diaodu: {notice.words(self.lang)}", file=sys.stderr)

    def emit(self, fmt: str, rendered: object) -> int:
        """A report to -o FILE (saying so), or to stdout if it is text."""
        from agenda.errors import InputError
        from agenda.usecases.exporting import Rendered, write_file

        assert isinstance(rendered, Rendered)
        if self.args.output is None:
            if rendered.text is None:
                raise InputError("report.binary_to_stdout", format=fmt)
            sys.stdout.write(rendered.text)
            return 0
        write_file(self.args.output, rendered)
        self.say("cli.wrote", file=self.args.output)
        return 0


# --- the commands ----------------------------------------------------------------------------
def cmd_init(run: Run) -> int:
    from store import Store
    from store.opening import init_district

    district = init_district(run.args.db, clock=run.clock)
    run.speak_for(district)
    store = district.store
    if run.args.seed_demo:
        from agenda.demo import build_demo
        from store.seed import seed

        seed(store, build_demo(district.today()))  # refused, naming it, unless empty
    if isinstance(store, Store):
        run.say("cli.data_folder", folder=store.root)
        if run.args.seed_demo:
            run.say("cli.demo_seeded")
        return 0
    from store.pg.schema import CITY_ROLE, district_role
    from store.pg.store import PgStore

    assert isinstance(store, PgStore)

    role = district_role(store.district)
    run.say("cli.init_district", district=store.district, where=store.root)  # no password
    run.say("cli.init_role_district", role=role)
    run.say("cli.init_role_city", role=CITY_ROLE)
    run.say("cli.init_logins")
    run.out(f"  CREATE ROLE wang_mishu LOGIN PASSWORD '...' IN ROLE {role};")
    if run.args.seed_demo:
        run.say("cli.demo_seeded")
    return 0


def cmd_import(run: Run) -> int:
    """Check the whole file, then save it (unless --dry-run). A dry run shows every new
    and changed value; an import lists the values it overwrote (old → new), so nothing
    changes unseen, and ends saying what it wrote."""
    from agenda.periods import Period
    from agenda.usecases import importing

    args, kind = run.args, run.args.command
    if kind == "units":
        incoming = importing.read_units(args.file)  # checked whole before the district opens
        saved = importing.import_units(run.district(), incoming)
        run.say("import.imported_units", count=len(saved), source=Path(args.file))
        return 0
    period = getattr(args, "period", None)
    district = run.district()
    prepared = importing.prepare(
        district,
        kind,
        args.file,
        sheet=args.sheet,
        period=Period.parse(period) if period else None,
        year=getattr(args, "year", None),
    )
    if args.dry_run:
        for line in prepared.preview.lines(run.lang):
            run.out(line)
        run.say("import.dry_run")
        return 0
    importing.commit(district, prepared)
    for line in prepared.preview.lines(run.lang, new=False)[1:]:
        run.out(line)
    # A Path, not a str: a path is said whole, never shortened like a quoted value.
    run.say(f"import.imported_{kind}", count=prepared.count, source=Path(args.file))
    return 0


def cmd_minutes(run: Run) -> int:
    from agenda.usecases import exporting, reports

    fmt = exporting.choose_format(MINUTES_FORMATS, run.args.format, run.args.output)
    district = run.district()
    document = reports.minutes(district, run.args.meeting, lang=run.args.lang)
    return run.emit(fmt, exporting.render_document(document, fmt))


def cmd_bulletin(run: Run) -> int:
    from agenda.periods import Period
    from agenda.usecases import exporting, reports

    fmt = exporting.choose_format(BULLETIN_FORMATS, run.args.format, run.args.output)
    period = Period.parse(run.args.period) if run.args.period else None
    district = run.district()
    bulletin = reports.bulletin(district, period)
    lang = reports.document_language(district, run.args.lang)
    return run.emit(fmt, exporting.render_bulletin(bulletin, fmt, lang))


def cmd_talking_points(run: Run) -> int:
    """讲话要点 of a meeting, in --lang, else the district's language (as the documents)."""
    from agenda.usecases import exporting, reports

    fmt = exporting.choose_format(TALKING_FORMATS, run.args.format, run.args.output)
    district = run.district()
    lang = reports.document_language(district, run.args.lang)
    points = reports.talking_points(district, run.args.meeting, lang)
    return run.emit(fmt, exporting.render_talking_points(points, fmt, lang))


def cmd_commitments(run: Run) -> int:
    from agenda.usecases import exporting, reports

    args = run.args
    fmt = exporting.choose_format(TABLE_FORMATS, args.format, args.output)
    district = run.district()
    only = reports.commitment_filter(
        district, unit=args.unit, status=args.status, period=args.period, overdue=args.overdue
    )
    table = reports.task_table(district, only, reports.document_language(district, args.lang))
    return run.emit(fmt, exporting.render_table(table, fmt))


def cmd_meeting(run: Run) -> int:
    """`meeting reopen ID`: a closed meeting changes only this way, and its record says
    who reopened it and when (here: the user logged in)."""
    from agenda.usecases.meetings import reopen_meeting

    meeting = reopen_meeting(run.district(), run.args.id, by=f"cli {getpass.getuser()}")
    run.say("cli.meeting_reopened", id=meeting.id)
    return 0


def cmd_metrics(run: Run) -> int:
    from agenda.usecases import defining

    district = run.district()
    if run.args.action == "import":
        metrics = defining.import_metrics(district, run.args.file)
        run.say("cli.metrics_imported", count=len(metrics), file=run.args.file)
        return 0
    if run.args.action == "export":
        from agenda.usecases.exporting import Rendered, write_file

        text = defining.export_metrics(district)
        if run.args.output is None:
            sys.stdout.write(text)
            return 0
        write_file(run.args.output, Rendered.of_text(text))
        run.say("cli.wrote", file=run.args.output)
        return 0
    facts = defining.metric_facts(district)
    width = max(len(fact.metric.key) for fact in facts)
    for fact in facts:
        run.out(_metric_line(fact, width, run.lang))
    return 0


def _metric_line(fact: MetricFacts, width: int, lang: str) -> str:
    """key, label (measure), what it is, then what else is worth knowing of it."""
    metric = fact.metric
    what = [_metric_kind(metric, fact.parts, lang)]
    if not metric.higher_is_better:
        what.append(say("cli.metric_lower", lang))
    if metric.aliases:
        what.append(say("cli.metric_aliases", lang, names="、".join(metric.aliases)))
    if not metric.active:
        what.append(say("cli.metric_retired", lang))
    if fact.in_use:
        what.append(say("cli.metric_in_use", lang))
    label = f"{metric.label(lang)} ({metric.measure})"
    return f"{metric.key:<{width}}  {label}  " + say("cli.joiner", lang).join(what)


def _metric_kind(metric: Metric, parts: tuple[Metric | None, Metric | None], lang: str) -> str:
    from agenda.metrics import RateSource

    if metric.summable:
        return say("cli.metric_amount", lang)
    if metric.source is RateSource.RATIO:
        top, bottom = parts
        return say(
            "cli.metric_ratio",
            lang,
            numerator=top.label(lang) if top else str(metric.numerator),
            denominator=bottom.label(lang) if bottom else str(metric.denominator),
        )
    if metric.source is RateSource.REVIEW:
        return say("cli.metric_review", lang)
    return say("cli.metric_reported", lang)


def cmd_templates(run: Run) -> int:
    from agenda.usecases import templates

    district, args = run.district(), run.args
    if args.action == "import":
        kept = templates.import_template(district, args.file, replace=args.replace)
        run.say("cli.template_imported", template=kept.key, file=args.file)
        return 0
    if args.action == "export":
        from agenda.usecases.exporting import Rendered, write_file

        text = templates.export_template(district, args.key)
        if args.file is None:
            sys.stdout.write(text)
            return 0
        write_file(args.file, Rendered.of_text(text))
        run.say("cli.wrote", file=args.file)
        return 0
    default = district.settings_or_defaults().template
    shown = templates.templates(district)
    width = max(len(template.key) for template in shown)
    for template in shown:
        own = templates.is_stored(district, template.key)
        where = "template_kept" if own else "template_shipped"
        facts = [
            say("cli.template_items", run.lang, count=len(template.items())),
            say("cli.template_minutes", run.lang, minutes=f"{template.minutes:g}"),
            say(f"cli.{where}", run.lang),
        ]
        if template.due_in_days:
            facts.append(say("cli.template_due_days", run.lang, days=template.due_in_days))
        if template.key == default:
            facts.append(say("cli.template_default", run.lang))
        name = template.name(run.lang)
        run.out(f"{template.key:<{width}}  {name}  " + say("cli.joiner", run.lang).join(facts))
    return 0


def cmd_settings(run: Run) -> int:
    from agenda.usecases import defining

    district = run.district()
    if run.args.action == "set":
        value = defining.change_setting(district, run.args.key, run.args.value)
        run.say("settings.saved", setting=run.args.key, value=str(value))
        return 0
    shown = defining.settings(district).shown()
    width = max(len(key) for key, _ in shown)
    for key, value in shown:
        run.out(f"{key:<{width}}  {value or '-':<12}  # {say(f'settings.help_{key}', run.lang)}")
    return 0


def cmd_copy(run: Run) -> int:
    """`copy FROM TO`: the use case agenda/usecases/copying.py, between two districts. A
    district missing on the server is created, if this account may (the DBA's)."""
    from agenda.usecases.copying import copy_district
    from store.errors import StoreError
    from store.locations import data_location
    from store.opening import init_store, open_store
    from store.pg.location import Shown
    from store.schema import MARKER

    source_at = data_location(run.args.source)
    if isinstance(source_at, Path) and not (source_at / MARKER).is_file():
        raise StoreError("copy.no_source", source=source_at)  # never a new, empty folder
    source = open_store(source_at, clock=run.clock, on_notice=run.notice)
    try:
        target = open_store(run.args.target, clock=run.clock)
    except StoreError as error:
        if error.code != "pg.no_district":
            raise
        target = init_store(run.args.target, clock=run.clock)
    places = [s.root if isinstance(s.root, Path) else Shown(s.root) for s in (source, target)]
    copied = copy_district(source, target, target_name=places[1])
    run.say("copy.done", source=places[0], target=places[1], **vars(copied))
    return 0


COMMANDS: dict[str, Callable[[Run], int]] = {
    "init": cmd_init,
    "units": cmd_import,
    "targets": cmd_import,
    "readings": cmd_import,
    "metrics": cmd_metrics,
    "settings": cmd_settings,
    "minutes": cmd_minutes,
    "bulletin": cmd_bulletin,
    "talking-points": cmd_talking_points,
    "commitments": cmd_commitments,
    "meeting": cmd_meeting,
    "templates": cmd_templates,
    "copy": cmd_copy,
}


# --- the app ---------------------------------------------------------------------------------
def demo_district(clock: Clock) -> District:
    """A throwaway folder holding the demo district as it stands today."""
    from agenda.demo import build_demo
    from store import Store
    from store.opening import district_of
    from store.seed import seed

    folder = Path(tempfile.mkdtemp(prefix="diaodu-demo-"))
    store = Store.open(folder, clock=clock)
    seed(store, build_demo(clock().date()))
    return district_of(store, clock)


def run_app(district: District, lang: str) -> int:
    from tui.app import DiaoduApp  # here, not at the top: the data commands need no Textual

    # What the imports made lives as long as the process. Frozen, the collector no longer
    # walks it at every collection while the app runs, nor at the end: ~65 ms of the
    # first screen with ten years of history (bench/startup.py).
    gc.freeze()
    DiaoduApp(district, lang).run()
    return 0


def open_app(run: Run) -> int:
    if not run.args.demo:
        return run_app(run.district(), run.lang)
    district = demo_district(run.clock)
    run.speak_for(district)
    try:
        return run_app(district, run.lang)
    finally:
        district.store.close()
        shutil.rmtree(Path(district.where).parent, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = Run(args, print, CLOCK)
    try:
        if args.command:
            return COMMANDS[args.command](run)
        return open_app(run)
    except DiaoduError as error:
        print(f"diaodu: {error.words(run.lang)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def entry() -> None:
    """The `diaodu` command (pyproject's [project.scripts]): main(), then out. What the
    run made is frozen first: the interpreter's last collection would walk all of it only
    to free what the system frees anyway when the process ends."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
