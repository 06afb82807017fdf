"""The bulletin's tables: each metric ranked within its groups, with subtotals and the total.

Columns say what they hold. An amount: 累计完成, 年度任务, 完成率, 较序时进度(百分点),
当月新增, 环比, 同比 (in %), 白卷. A rate: the rate, its target, 较目标(百分点), the two sums
it comes from, and its 环比(百分点), 同比(百分点). Each column has its measure's decimals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agenda.metrics import Metric, RateSource
from agenda.numbers import measure_digits
from agenda.reports.bulletin_text import Voice
from agenda.reports.common import UnitNames
from agenda.reports.document import Column, Kind, Table, Value
from agenda.review import Fulfilment
from agenda.scorecard import GroupCard, Row, Scorecard, Share

Line = tuple[Value, ...]
SHARE_DIGITS = 1


def _amount_columns(metric: Metric, voice: Voice) -> tuple[Column, ...]:
    w, digits = voice.words, measure_digits(metric.measure)
    target = "col_target" if metric.higher_is_better else "col_ceiling"
    return (
        Column(w("col_rank"), Kind.INTEGER),
        Column(w("col_unit")),
        Column(w("col_value"), Kind.NUMBER, digits),
        Column(w(target), Kind.NUMBER, digits),
        Column(w("col_completion"), Kind.PERCENT, voice.settings.percent_digits),
        Column(w("col_pace"), Kind.POINTS),
        Column(w("col_month"), Kind.NUMBER, digits),
        Column(w("col_mom"), Kind.CHANGE),
        Column(w("col_yoy"), Kind.CHANGE),
        Column(w("col_blank")),
    )


def _amount_cells(row: Row, name: str, voice: Voice) -> Line:
    blank = voice.words("blank_mark") if row.blank else None
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
        blank,
    )


def _parts(metric: Metric, metrics: dict[str, Metric], voice: Voice) -> tuple[Column, ...]:
    """The two sums a formed rate comes from, headed by what they are."""
    w = voice.words
    if metric.source is RateSource.REVIEW:
        return Column(w("col_on_time"), Kind.INTEGER), Column(w("col_due_count"), Kind.INTEGER)
    if metric.source is RateSource.RATIO:
        columns = []
        for key in (metric.numerator, metric.denominator):
            part = metrics.get(key or "")
            header = part.label(voice.lang) if part else str(key)
            columns.append(
                Column(header, Kind.NUMBER, measure_digits(part.measure if part else ""))
            )
        return tuple(columns)
    return ()


def _rate_columns(metric: Metric, metrics: dict[str, Metric], voice: Voice) -> tuple[Column, ...]:
    w, digits = voice.words, voice.settings.percent_digits
    return (
        Column(w("col_rank"), Kind.INTEGER),
        Column(w("col_unit")),
        Column(metric.label(voice.lang), Kind.PERCENT, digits),
        Column(w("col_rate_target"), Kind.PERCENT, digits),
        Column(w("col_to_target"), Kind.POINTS),
        *_parts(metric, metrics, voice),
        Column(w("col_mom_points"), Kind.POINTS),
        Column(w("col_yoy_points"), Kind.POINTS),
    )


def _rate_cells(row: Row, name: str, metric: Metric) -> Line:
    parts: Line = (row.numerator, row.denominator) if metric.formed else ()
    return (row.rank, name, row.value, row.target, row.target_gap, *parts, row.mom, row.yoy)


@dataclass(frozen=True)
class _Line:
    group: str  # the group's name ("" on the total)
    row: Row
    name: str  # the unit's, or 乡镇（街道）小计 / 全区合计
    share: Share | None = None  # a subtotal's or the total's share at target


def _lines(card: Scorecard, voice: Voice, names: UnitNames) -> list[_Line]:
    """Every line of a metric's table: units, each group's subtotal, the total."""
    settings, lang = voice.settings, voice.lang
    single = len(card.groups) == 1
    review = card.metric.source is RateSource.REVIEW
    lines: list[_Line] = []
    for group in card.groups:
        group_name = _group_name(group, voice)
        for row in group.rows:
            if review and row.value is None:
                continue  # nothing due: no 履约率 to show
            lines.append(_Line(group_name, row, names(row.unit_id)))
        if not single and card.has_total:
            subtotal = settings.subtotal_label(group.group, lang)
            share = card.share_at_target(group.rows)
            lines.append(_Line(group_name, group.subtotal, subtotal, share))
    if card.has_total:
        lines.append(_Line("", card.total, settings.total_label(lang), card.share_at_target()))
    return lines


def _group_name(group: GroupCard, voice: Voice) -> str:
    return group.group.name(voice.lang, voice.settings.level)


def ranking_table(
    card: Scorecard,
    voice: Voice,
    names: UnitNames,
    metrics: dict[str, Metric],
    *,
    grouped: bool = False,
) -> Table:
    """One metric's table; `grouped` adds a first column naming each line's group (for a
    spreadsheet, to filter by)."""
    metric, lines = card.metric, _lines(card, voice, names)
    if metric.summable:
        columns = _amount_columns(metric, voice)
        rows = [_amount_cells(line.row, line.name, voice) for line in lines]
    else:
        columns = _rate_columns(metric, metrics, voice)
        rows = [_rate_cells(line.row, line.name, metric) for line in lines]
    if grouped:
        columns = (Column(voice.words("col_group")), *columns)
        rows = [(line.group, *row) for line, row in zip(lines, rows, strict=True)]
    return Table(metric.label(voice.lang), columns, tuple(rows))


def _share_cells(share: Share | None) -> Line:
    if share is None:
        return (None, None, None)
    return (share.judged, share.reached, share.percent)


def _share_columns(voice: Voice) -> tuple[Column, ...]:
    w = voice.words
    return (
        Column(w("col_judged"), Kind.INTEGER),
        Column(w("col_reached"), Kind.INTEGER),
        Column(w("col_share"), Kind.PERCENT, SHARE_DIGITS),
    )


def long_table(
    cards: Iterable[Scorecard], overall: Share | None, voice: Voice, names: UnitNames, title: str
) -> Table:
    """Every metric in one table (CSV): one column per quantity, filled where it applies,
    so no column mixes per cent and points or an amount and a rate. A unit's line says
    whether it reached its target; a subtotal's and the total's how many units did."""
    w = voice.words
    columns = (
        Column(w("col_metric")),
        Column(w("col_measure")),
        Column(w("col_group")),
        Column(w("col_rank"), Kind.INTEGER),
        Column(w("col_unit")),
        Column(w("col_figure"), Kind.NUMBER),
        Column(w("col_target") + "/" + w("col_rate_target"), Kind.NUMBER),
        Column(w("col_completion"), Kind.PERCENT),
        Column(w("col_pace"), Kind.POINTS),
        Column(w("col_to_target"), Kind.POINTS),
        Column(w("col_month"), Kind.NUMBER),
        Column(w("col_mom"), Kind.CHANGE),
        Column(w("col_mom_points"), Kind.POINTS),
        Column(w("col_yoy"), Kind.CHANGE),
        Column(w("col_yoy_points"), Kind.POINTS),
        Column(w("col_numerator"), Kind.NUMBER),
        Column(w("col_denominator"), Kind.NUMBER),
        Column(w("col_blank")),
        Column(w("col_at_target")),
        *_share_columns(voice),
    )
    rows: list[Line] = []
    for card in cards:
        metric, amount = card.metric, card.metric.summable
        for line in _lines(card, voice, names):
            row = line.row
            unit = bool(row.unit_id)
            reached = None if not unit or row.reached is None else w("yes" if row.reached else "no")
            rows.append(
                (
                    metric.label(voice.lang),
                    metric.measure,
                    line.group,
                    row.rank,
                    line.name,
                    row.value,
                    row.target,
                    row.completion,
                    row.pace_gap,
                    row.target_gap,
                    row.month_value,
                    row.mom if amount else None,
                    None if amount else row.mom,
                    row.yoy if amount else None,
                    None if amount else row.yoy,
                    row.numerator,
                    row.denominator,
                    w("blank_mark") if row.blank else None,
                    reached,
                    *_share_cells(line.share),
                )
            )
    if overall is not None:
        total = voice.settings.total_label(voice.lang)
        nothing: Line = (None,) * (len(columns) - 8)  # every quantity but the share
        rows.append((w("every_metric"), None, None, None, total, *nothing, *_share_cells(overall)))
    return Table(title, columns, tuple(rows))


def summary_table(cards: Iterable[Scorecard], overall: Share | None, voice: Voice) -> Table:
    """For Excel's first sheet: each metric's district figure and its share at target."""
    w = voice.words
    columns = (
        Column(w("col_metric")),
        Column(w("col_measure")),
        Column(w("col_figure"), Kind.NUMBER),
        Column(w("col_target") + "/" + w("col_rate_target"), Kind.NUMBER),
        Column(w("col_completion"), Kind.PERCENT, voice.settings.percent_digits),
        Column(w("col_pace"), Kind.POINTS),
        Column(w("col_to_target"), Kind.POINTS),
        *_share_columns(voice),
    )
    rows: list[Line] = []
    for card in cards:
        total = card.total
        rows.append(
            (
                card.metric.label(voice.lang),
                card.metric.measure,
                total.value,
                total.target,
                total.completion,
                total.pace_gap,
                total.target_gap,
                *_share_cells(card.share_at_target()),
            )
        )
    if overall is not None:
        rows.append((w("every_metric"), None, None, None, None, None, None, *_share_cells(overall)))
    return Table(w("sheet_summary"), columns, tuple(rows))


def fulfilment_table(
    fulfilment: dict[str, Fulfilment], overall: Fulfilment, voice: Voice, names: UnitNames
) -> Table:
    """履约率 per unit with something due, when the district defines no 履约率 metric."""
    w = voice.words
    judged = sorted(
        ((unit_id, f) for unit_id, f in fulfilment.items() if f.due),
        key=lambda item: names.order(item[0]),
    )
    rows: list[Line] = [(names(unit_id), f.due, f.on_time, f.rate) for unit_id, f in judged]
    rows.append(
        (voice.settings.total_label(voice.lang), overall.due, overall.on_time, overall.rate)
    )
    return Table(
        w("sheet_fulfilment"),
        (
            Column(w("col_unit")),
            Column(w("col_due_count"), Kind.INTEGER),
            Column(w("col_on_time"), Kind.INTEGER),
            Column(w("col_fulfilment"), Kind.PERCENT, voice.settings.percent_digits),
        ),
        tuple(rows),
    )
