"""通报: the month's figures per metric, ranked, with who is behind, who sent nothing (白卷)
and each unit's fulfilment of its commitments (履约率).

`build_bulletin` computes it once; the document, the Excel sheets and the CSV are views.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from agenda.commitments import Commitment
from agenda.figures import Figures
from agenda.metrics import Metric
from agenda.numbers import fmt_change, fmt_number, fmt_percent, fmt_points
from agenda.periods import Period
from agenda.reports.common import UnitNames, metric_heading, numbered, period_words
from agenda.reports.document import (
    Block,
    Bullets,
    Column,
    Document,
    Heading,
    Kind,
    Paragraph,
    Value,
)
from agenda.reports.document import Table as DocTable
from agenda.reports.labels import MONTHS_EN, Words
from agenda.review import Fulfilment, fulfilment, fulfilment_by_unit
from agenda.scorecard import Row, Scorecard, blank_units, build_scorecard
from agenda.units import Unit, sorted_units


@dataclass(frozen=True)
class Bulletin:
    period: Period
    as_of: date
    units: tuple[Unit, ...]
    scorecards: tuple[Scorecard, ...]
    blanks: tuple[str, ...]  # unit ids with nothing added on any cumulative metric
    fulfilment: dict[str, Fulfilment]  # per unit id, commitments due this year by as_of
    overall: Fulfilment


def build_bulletin(
    period: Period,
    units: Iterable[Unit],
    metrics: Iterable[Metric],
    figures: Figures,
    commitments: Iterable[Commitment],
    *,
    as_of: date,
) -> Bulletin:
    active = tuple(sorted_units(units))
    metrics = list(metrics)
    commitments = list(commitments)
    since = date(period.year, 1, 1)
    return Bulletin(
        period=period,
        as_of=as_of,
        units=active,
        scorecards=tuple(
            build_scorecard(metric, active, figures, period, metrics=metrics) for metric in metrics
        ),
        blanks=tuple(blank_units(active, figures, metrics, period)),
        fulfilment=fulfilment_by_unit(commitments, as_of, since=since),
        overall=fulfilment(commitments, as_of, since=since),
    )


def _ytd(period: Period, words: Words) -> str:
    if period.month == 1:
        return words("ytd_january", year=period.year)
    return words("ytd", year=period.year, month=period.month, month_en=MONTHS_EN[period.month - 1])


def ranking_columns(metric: Metric, words: Words) -> tuple[Column, ...]:
    growth = Kind.CHANGE if metric.summable else Kind.POINTS  # a rate changes by points
    return (
        Column(words("col_rank"), Kind.INTEGER),
        Column(words("col_unit")),
        Column(words("col_value"), Kind.NUMBER),
        Column(words("col_target"), Kind.NUMBER),
        Column(words("col_completion"), Kind.PERCENT),
        Column(words("col_pace"), Kind.POINTS),
        Column(words("col_month"), Kind.NUMBER),
        Column(words("col_mom"), growth),
        Column(words("col_yoy"), growth),
    )


def _cells(row: Row, name: str) -> tuple[Value, ...]:
    return (
        row.rank,
        name,
        row.value,
        row.target,
        row.completion,
        row.pace_gap,
        row.month_value,
        row.mom,
        row.yoy,
    )


def ranking_table(bulletin: Bulletin, card: Scorecard, words: Words) -> DocTable:
    names = UnitNames(bulletin.units)
    rows = [_cells(row, names(row.unit_id)) for row in card.rows]
    if card.metric.summable:
        rows.append(_cells(card.total, words("total")))
    name = card.metric.label(words.lang)
    return DocTable(name, ranking_columns(card.metric, words), tuple(rows))


def _metric_summary(card: Scorecard, words: Words) -> str:
    total, measure = card.total, card.metric.measure
    if total.value is None:
        return ""
    parts = [words("metric_total", value=fmt_number(total.value), measure=measure)]
    if total.target:
        parts.append(
            words(
                "metric_target",
                target=fmt_number(total.target),
                measure=measure,
                completion=fmt_percent(total.completion),
                gap=fmt_points(total.pace_gap),
            )
        )
    if total.yoy is not None:
        parts.append(words("metric_yoy", yoy=fmt_change(total.yoy)))
    return ("，" if words.lang == "zh" else "; ").join(parts) + (
        "。" if words.lang == "zh" else "."
    )


def _metric_blocks(bulletin: Bulletin, card: Scorecard, index: int, words: Words) -> list[Block]:
    names = UnitNames(bulletin.units)
    blocks: list[Block] = [
        Heading(numbered(index, metric_heading(card.metric, words.lang), words.lang), 1)
    ]
    summary = _metric_summary(card, words)
    if summary:
        blocks.append(Paragraph(summary))
    leaders = [names(row.unit_id) for row in card.leaders()]
    if leaders:
        blocks.append(Paragraph(words("leaders", names=words.join(leaders))))
    if any(row.pace_gap is not None for row in card.rows):
        behind = [names(row.unit_id) for row in card.behind_pace()]
        text = words("behind", names=words.join(behind)) if behind else words("none_behind")
        blocks.append(Paragraph(text))
    blocks.append(ranking_table(bulletin, card, words))
    return blocks


def fulfilment_table(bulletin: Bulletin, words: Words) -> DocTable:
    names = UnitNames(bulletin.units)
    judged = [(unit_id, f) for unit_id, f in bulletin.fulfilment.items() if f.due]
    judged.sort(key=lambda item: names.order(item[0]))
    rows = [(names(unit_id), f.due, f.on_time, f.rate) for unit_id, f in judged]
    rows.append(
        (words("total"), bulletin.overall.due, bulletin.overall.on_time, bulletin.overall.rate)
    )
    return DocTable(
        words("sheet_fulfilment"),
        (
            Column(words("col_unit")),
            Column(words("col_due_count"), Kind.INTEGER),
            Column(words("col_on_time"), Kind.INTEGER),
            Column(words("col_fulfilment"), Kind.PERCENT),
        ),
        tuple(rows),
    )


def bulletin_document(bulletin: Bulletin, lang: str) -> Document:
    words = Words(lang)
    period = bulletin.period
    pace = fmt_percent(period.time_progress)
    blocks: list[Block] = [Paragraph(words("pace", ytd=_ytd(period, words), pace=pace))]
    for index, card in enumerate(bulletin.scorecards):
        blocks += _metric_blocks(bulletin, card, index, words)
    count = len(bulletin.scorecards)
    names = UnitNames(bulletin.units)
    blocks.append(Heading(numbered(count, words("blanks"), words.lang), 1))
    if bulletin.blanks:
        lines = [words("blank_line", name=names(unit_id)) for unit_id in bulletin.blanks]
        blocks.append(Bullets(tuple(lines)))
    else:
        blocks.append(Paragraph(words("no_blanks")))
    blocks.append(Heading(numbered(count + 1, words("fulfilment"), words.lang), 1))
    overall = bulletin.overall
    if overall.due:
        blocks.append(
            Paragraph(
                words(
                    "fulfilment_total",
                    due=overall.due,
                    on_time=overall.on_time,
                    rate=fmt_percent(overall.rate),
                )
            )
        )
        blocks.append(fulfilment_table(bulletin, words))
    else:
        blocks.append(Paragraph(words("no_fulfilment")))
    title = words("bulletin", period=period_words(period, words.lang))
    return Document(title, tuple(blocks), wide=True)


def bulletin_sheets(bulletin: Bulletin, lang: str) -> list[DocTable]:
    """For Excel: one sheet per metric, then the fulfilment sheet."""
    words = Words(lang)
    sheets = [ranking_table(bulletin, card, words) for card in bulletin.scorecards]
    return [*sheets, fulfilment_table(bulletin, words)]


def bulletin_csv_table(bulletin: Bulletin, lang: str) -> DocTable:
    """For CSV: every metric's ranking in one long table, the metric and its measure first."""
    words = Words(lang)
    rows: list[tuple[Value, ...]] = []
    columns: tuple[Column, ...] = ()
    for card in bulletin.scorecards:
        table = ranking_table(bulletin, card, words)
        columns = table.columns
        metric = card.metric
        rows += [(metric.label(words.lang), metric.measure, *row) for row in table.rows]
    metric_columns = (Column(words("col_metric")), Column(words("col_measure")))
    title = words("bulletin", period=period_words(bulletin.period, words.lang))
    return DocTable(title, (*metric_columns, *columns), tuple(rows))
