"""通报: the month's figures per metric, ranked within groups, with the share of units at
target, who leads and who lags, who sent nothing (白卷) and fulfilment (履约率).

`build_bulletin` computes it once; the document, the Excel sheets and the CSV are views.
履约率 counts the commitments of the year due by the end of the bulletin's month (or by
the day it is made, if the month is not over): the paragraph says "截至10月31日".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from agenda.commitments import Commitment
from agenda.escalation import Escalation, UnitFlag
from agenda.figures import Figures
from agenda.metrics import Metric, RateSource, active_metrics
from agenda.periods import Period
from agenda.reports.bulletin_tables import (
    fulfilment_table,
    long_table,
    ranking_table,
    summary_table,
)
from agenda.reports.bulletin_text import Voice, amount_summary, group_lines, rate_summary
from agenda.reports.common import UnitNames, metric_heading, numbered, period_words
from agenda.reports.document import Block, Document, Heading, Paragraph
from agenda.reports.document import Table as DocTable
from agenda.reports.labels import MONTHS_EN, Words
from agenda.review import Fulfilment, FulfilmentBook, cutoff, fulfilment, fulfilment_by_unit
from agenda.scorecard import Scorecard, Share, blank_units, build_scorecard
from agenda.settings import Settings
from agenda.standing import overall_share
from agenda.units import Unit, sorted_units


@dataclass(frozen=True)
class Bulletin:
    period: Period
    as_of: date  # the day it is made
    cutoff: date  # 履约率 counts what was due up to here
    units: tuple[Unit, ...]
    metrics: tuple[Metric, ...]  # the active ones, in the district's order
    scorecards: tuple[Scorecard, ...]
    blanks: tuple[str, ...]  # unit ids with nothing added on any amount metric
    fulfilment: dict[str, Fulfilment]  # per unit id: due this year by the cut-off
    overall: Fulfilment
    share: Share | None  # units that reached the annual target of every amount they carry
    settings: Settings = field(default_factory=Settings)
    talks: tuple[UnitFlag, ...] = ()  # 约谈: units that missed at meetings running
    supervised: tuple[Commitment, ...] = ()  # 挂牌督办: commitments carried over again and again

    @property
    def review_card(self) -> Scorecard | None:
        """The district's 履约率 metric, if it defines one: the 履约 section is its."""
        return next((c for c in self.scorecards if c.metric.source is RateSource.REVIEW), None)


def build_bulletin(
    period: Period,
    units: Iterable[Unit],
    metrics: Iterable[Metric],
    figures: Figures,
    commitments: Iterable[Commitment],
    *,
    as_of: date,
    settings: Settings | None = None,
    escalated: Escalation | None = None,
) -> Bulletin:
    """The month's bulletin; `escalated`: who is called in and what is under supervision
    as of its cut-off (`agenda.escalation`), named in its 约谈 paragraph."""
    settings = settings or Settings()
    active = tuple(sorted_units(units))
    metrics = active_metrics(metrics)
    commitments = list(commitments)
    book = FulfilmentBook(commitments, as_of)
    until = cutoff(period, as_of)
    since = date(period.year, 1, 1)
    cards = tuple(
        build_scorecard(
            metric,
            active,
            figures,
            period,
            metrics=metrics,
            grouping=settings.groups,
            review=book,
        )
        for metric in metrics
    )
    return Bulletin(
        period=period,
        as_of=as_of,
        cutoff=until,
        units=active,
        metrics=tuple(metrics),
        scorecards=cards,
        blanks=tuple(blank_units(active, figures, metrics, period)),
        fulfilment=fulfilment_by_unit(commitments, until, since=since),
        overall=fulfilment(commitments, until, since=since),
        share=overall_share(card for card in cards if card.metric.summable),
        settings=settings,
        talks=escalated.units if escalated else (),
        supervised=tuple(f.commitment for f in escalated.commitments) if escalated else (),
    )


def _ytd(period: Period, words: Words) -> str:
    if period.month == 1:
        return words("ytd_january", year=period.year)
    return words("ytd", year=period.year, month=period.month, month_en=MONTHS_EN[period.month - 1])


def _month(period: Period, lang: str) -> str:
    return f"{period.month}月份" if lang == "zh" else MONTHS_EN[period.month - 1]


class _Writer:
    def __init__(self, bulletin: Bulletin, lang: str) -> None:
        self.bulletin = bulletin
        self.voice = Voice(Words(lang), bulletin.settings)
        self.names = UnitNames(bulletin.units)
        self.metrics = {metric.key: metric for metric in bulletin.metrics}

    def metric_blocks(self, card: Scorecard, heading: str) -> list[Block]:
        voice = self.voice
        if card.metric.summable:
            lines = amount_summary(card, voice)
        else:
            lines = rate_summary(card, voice, self.metrics, self.bulletin.cutoff)
        lines += group_lines(card, voice, self.names)
        blocks: list[Block] = [Heading(heading, 1)]
        blocks += [Paragraph(line) for line in lines if line]
        blocks.append(ranking_table(card, voice, self.names, self.metrics))
        return blocks

    def blanks(self) -> Paragraph:
        bulletin, voice = self.bulletin, self.voice
        month = _month(bulletin.period, voice.lang)
        if not bulletin.blanks:
            return Paragraph(voice.say("no_blanks", month=month))
        names = voice.words.join([self.names(unit_id) for unit_id in bulletin.blanks])
        return Paragraph(voice.say("blank_units", month=month, names=names))

    def plain_fulfilment(self) -> list[Block]:
        bulletin, voice = self.bulletin, self.voice
        overall = bulletin.overall
        day = voice.day(bulletin.cutoff)
        if not overall.due:
            return [Paragraph(voice.say("review_none", cutoff=day))]
        text = voice.say(
            "review_total",
            cutoff=day,
            due=overall.due,
            on_time=overall.on_time,
            value=voice.percent(overall.rate),
        )
        table = fulfilment_table(bulletin.fulfilment, overall, voice, self.names)
        return [Paragraph(voice.sentence([text])), table]

    def notes(self) -> list[str]:
        bulletin, voice = self.bulletin, self.voice
        notes = []
        groups = (
            [group.group for group in bulletin.scorecards[0].groups] if bulletin.scorecards else []
        )
        if len(groups) > 1:
            separator = "、" if voice.lang == "zh" else ", "
            listed = separator.join(
                group.name(voice.lang, voice.settings.level) for group in groups
            )
            notes.append(voice.say("note_groups", groups=listed))
        if any(row.mom_gap for card in bulletin.scorecards for row in card.rows):
            notes.append(voice.say("note_mom"))
        if any(card.metric.formed for card in bulletin.scorecards):
            notes.append(voice.say("note_rates"))
        return [f"{index}. {note}" for index, note in enumerate(notes, start=1)]


def metric_sections(bulletin: Bulletin, lang: str) -> list[Block]:
    """Every metric in full: what the district did, who leads and lags, its table ranked
    within groups; then 白卷 and 履约; then the notes (说明). The 附件 of the 通报."""
    writer = _Writer(bulletin, lang)
    voice = writer.voice
    blocks: list[Block] = []
    review = bulletin.review_card
    index = 0
    for card in bulletin.scorecards:
        if card is review:
            continue
        heading = numbered(index, metric_heading(card.metric, lang), lang)
        blocks += writer.metric_blocks(card, heading)
        index += 1
    blocks += [Heading(numbered(index, voice.words("blanks"), lang), 1), writer.blanks()]
    heading = numbered(index + 1, voice.words("fulfilment"), lang)
    if review is not None:
        blocks += writer.metric_blocks(review, heading)
    else:
        blocks += [Heading(heading, 1), *writer.plain_fulfilment()]
    notes = writer.notes()
    if notes:
        blocks += [Heading(voice.words("notes"), 2), *(Paragraph(note) for note in notes)]
    return blocks


def bulletin_document(bulletin: Bulletin, lang: str) -> Document:
    """The 通报 as it is sent (`agenda.reports.bulletin_document`)."""
    from agenda.reports.bulletin_document import bulletin_notice

    return bulletin_notice(bulletin, lang)


def bulletin_title(bulletin: Bulletin, lang: str) -> str:
    """2026年10月招商引资工作通报: the title over each sheet of the workbook."""
    return Words(lang)("bulletin", period=period_words(bulletin.period, lang))


def bulletin_sheets(bulletin: Bulletin, lang: str) -> list[DocTable]:
    """For Excel: the summary (each metric's district figure and share at target), one
    sheet per metric (a group column to filter by), then 履约率 if the district has no
    such metric."""
    writer = _Writer(bulletin, lang)
    summary = summary_table(bulletin.scorecards, bulletin.share, writer.voice)
    sheets = [
        summary,
        *[
            ranking_table(card, writer.voice, writer.names, writer.metrics, grouped=True)
            for card in bulletin.scorecards
        ],
    ]
    if bulletin.review_card is None:
        sheets.append(
            fulfilment_table(bulletin.fulfilment, bulletin.overall, writer.voice, writer.names)
        )
    return sheets


def bulletin_csv_table(bulletin: Bulletin, lang: str) -> DocTable:
    """For CSV: every metric in one long table, a column per quantity."""
    writer = _Writer(bulletin, lang)
    title = writer.voice.words("bulletin", period=period_words(bulletin.period, lang))
    return long_table(bulletin.scorecards, bulletin.share, writer.voice, writer.names, title)
