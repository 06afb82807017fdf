"""The CLI's commands for what a district defines once: its metrics and its settings.

diaodu metrics list                 what each metric is, how a rate is formed, in use?
diaodu metrics export [-o FILE]     YAML to edit and import back
diaodu metrics import FILE          replace the set (refuses to drop a metric with data)
diaodu settings                     every setting, its value and what it does
diaodu settings set KEY VALUE       checked before it is saved
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from agenda.language import choose_language
from agenda.metrics import Metric, RateSource, dump_metrics, load_metrics
from agenda.settings import parse_setting, setting_keys
from agenda.words import say
from store.opening import AnyStore, open_store

Out = Callable[[str], None]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def _store(args: argparse.Namespace) -> AnyStore:
    """The district at --db: a folder or a server URL (store/opening.py)."""
    return open_store(args.db)


def _lang(args: argparse.Namespace) -> str:
    return choose_language(args.lang, os.environ)


# --- metrics ---------------------------------------------------------------------------------
def cmd_metrics(args: argparse.Namespace, out: Out) -> int:
    store = _store(args)
    if args.action == "import":
        metrics = load_metrics(args.file)
        store.save_metrics(metrics)
        out(say("cli.metrics_imported", _lang(args), count=len(metrics), file=args.file))
        return 0
    if args.action == "export":
        text = dump_metrics(store.metrics())
        if args.output is None:
            sys.stdout.write(text)
            return 0
        from agenda.reports.files import write_atomic

        write_atomic(args.output, text.encode("utf-8"))
        out(say("cli.wrote", _lang(args), file=args.output))
        return 0
    for line in metric_lines(store, _lang(args)):
        out(line)
    return 0


def metric_lines(store: AnyStore, lang: str) -> list[str]:
    """One line per metric: key, label, measure, what it is, aliases, whether it has data."""
    metrics = store.metrics()
    by_key = {metric.key: metric for metric in metrics}
    in_use = {reading.metric for reading in store.readings(store.reading_years())}
    in_use |= {target.metric for target in store.targets()}
    width = max(len(metric.key) for metric in metrics)
    lines = []
    for metric in metrics:
        facts = [_what(metric, by_key, lang)]
        if not metric.higher_is_better:
            facts.append(say("cli.metric_lower", lang))
        if metric.aliases:
            facts.append(say("cli.metric_aliases", lang, names="、".join(metric.aliases)))
        if not metric.active:
            facts.append(say("cli.metric_retired", lang))
        if metric.key in in_use:
            facts.append(say("cli.metric_in_use", lang))
        label = f"{metric.label(lang)} ({metric.measure})"
        lines.append(f"{metric.key:<{width}}  {label}  " + say("cli.joiner", lang).join(facts))
    return lines


def _what(metric: Metric, by_key: dict[str, Metric], lang: str) -> str:
    if metric.summable:
        return say("cli.metric_amount", lang)
    if metric.source is RateSource.RATIO:
        top = by_key.get(metric.numerator or "")
        bottom = by_key.get(metric.denominator or "")
        return say(
            "cli.metric_ratio",
            lang,
            numerator=top.label(lang) if top else str(metric.numerator),
            denominator=bottom.label(lang) if bottom else str(metric.denominator),
        )
    if metric.source is RateSource.REVIEW:
        return say("cli.metric_review", lang)
    return say("cli.metric_reported", lang)


# --- settings --------------------------------------------------------------------------------
def cmd_settings(args: argparse.Namespace, out: Out) -> int:
    store, lang = _store(args), _lang(args)
    if args.action == "set":
        value = parse_setting(args.key, args.value)
        store.save_settings(**{args.key: value})
        out(say("settings.saved", lang, setting=args.key, value=str(value)))
        return 0
    from cli_reports import load_settings

    settings = load_settings(store)
    shown = settings.shown()
    width = max(len(key) for key, _ in shown)
    for key, value in shown:
        out(f"{key:<{width}}  {value or '-':<12}  # {say(f'settings.help_{key}', lang)}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Out], int]] = {
    "metrics": cmd_metrics,
    "settings": cmd_settings,
}
