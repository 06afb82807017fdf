"""Copy a district from one store to another (a folder to a server and back): everything
as it is, into a district that holds nothing yet.

The district's own agenda templates, settings, units (retired ones too), metrics, targets,
readings, meetings (closed ones stay closed, with their events and revisions, their
number in the year, topic, place, who came or sent whom and why, 列席) and commitments
(history, extensions, progress notes, carried links and counts, lead leader, supporting
units, number in their meeting, revisions) are written as they were read, each record at
its own revision and with the numbers it was given: a round trip folder -> server ->
folder gives back the same district, export for export.

- The target must be empty; otherwise the copy is refused, naming it, before anything is
  written.
- The whole copy is one commit on the target (`one_commit`: one transaction on a
  server): a copy that fails leaves the target empty, and can simply be run again.
- The source is read one year of readings, one period of commitments at a time: a big
  district is never held in memory whole. Meetings (a dozen a year) are written last, all
  together: a commitment made at, or marked at, a closed meeting must go in before that
  meeting is on record, or the target's own rules would refuse it as an addition to a
  closed meeting.
- Which months are archived is the target's to work out (a settled past month is moved
  out of the way by the same rule on both backends); it changes no record.
"""

from __future__ import annotations

from dataclasses import dataclass

from agenda.errors import RuleError
from agenda.meetings import Meeting
from agenda.metrics import default_metrics
from agenda.ports import DistrictStore


@dataclass(frozen=True)
class Copied:
    """What a copy wrote, for the line that reports it."""

    templates: int = 0
    settings: int = 0
    units: int = 0
    retired: int = 0
    metrics: int = 0
    targets: int = 0
    readings: int = 0
    meetings: int = 0
    commitments: int = 0
    periods: int = 0


def copy_district(source: DistrictStore, target: DistrictStore, *, target_name: object) -> Copied:
    """Copy everything `source` holds into `target`, which must hold nothing; `target_name`
    is how a refusal names it (a folder's path, a server's URL without its password)."""
    with target.one_commit():
        if not is_empty(target):
            raise RuleError("copy.target_not_empty", target=target_name)
        # Templates before the settings (the `template` setting may name one) and the
        # meetings held with them.
        templates = source.templates()
        for template in templates:
            target.save_template(template)
        settings = source.settings()
        if settings:
            target.save_settings(**settings)
        units = source.units()
        if units:
            target.save_units(units)
        # A district that never set its own metrics reads the built-in set: it stays so.
        metrics = source.metrics()
        own_metrics = metrics != default_metrics()
        if own_metrics:
            target.save_metrics(metrics)
        targets = source.targets()
        if targets:
            target.save_targets(targets)
        readings = 0
        for year in source.reading_years():
            readings += target.save_readings(source.readings([year]))
        meetings: list[Meeting] = []
        commitments = 0
        periods = source.periods()
        for period in periods:
            in_period, made = source.period_records(period)
            meetings.extend(in_period)
            if made:
                target.add_records([], made)
                commitments += len(made)
        if meetings:
            target.add_records(meetings, [])
    return Copied(
        templates=len(templates),
        settings=len(settings),
        units=len(units),
        retired=sum(1 for unit in units if not unit.active),
        metrics=len(metrics),
        targets=len(targets),
        readings=readings,
        meetings=len(meetings),
        commitments=commitments,
        periods=len(periods),
    )


def is_empty(store: DistrictStore) -> bool:
    """Nothing at all on record: no template, setting, unit, metric set, figure or period."""
    return (
        not store.templates()
        and not store.settings()
        and not store.units()
        and not store.targets()
        and not store.reading_years()
        and not store.periods()
        and store.metrics() == default_metrics()
    )
