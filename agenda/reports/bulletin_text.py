"""The sentences of the bulletin: totals against target and pace, shares, who is named.

Every figure is said the way a 通报 prints it (`agenda.phrases`): "落后序时进度2.5个百分点",
"同比增长43.8%", a count whole and an amount with two places.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agenda import phrases
from agenda.metrics import Metric, RateSource
from agenda.reports.common import UnitNames
from agenda.reports.labels import MONTHS_EN, Words
from agenda.scorecard import Row, Scorecard, Share
from agenda.settings import Settings
from agenda.standing import named

SHARE_DIGITS = 1  # "占13.9%": a share of units, one place


@dataclass(frozen=True)
class Voice:
    """The report's language and the district's settings: how every figure is said."""

    words: Words
    settings: Settings

    @property
    def lang(self) -> str:
        return self.words.lang

    @property
    def whole(self) -> str:
        return self.settings.whole(self.lang)

    def quantity(self, value: float | None, measure: str) -> str:
        return phrases.quantity(value, measure, self.lang, self.settings.percent_digits)

    def percent(self, value: float | None) -> str:
        return phrases.percent(value, self.settings.percent_digits)

    def share(self, share: Share) -> str:
        return phrases.percent(share.percent, SHARE_DIGITS)

    def day(self, day: date) -> str:
        """10月31日 / October 31: the cut-off of 履约率."""
        if self.lang == "zh":
            return f"{day.month}月{day.day}日"
        return f"{MONTHS_EN[day.month - 1]} {day.day}"

    def sentence(self, parts: list[str]) -> str:
        """Clauses joined as one sentence: "…，…。" / "..., ...."."""
        parts = [part for part in parts if part]
        if not parts:
            return ""
        if self.lang == "zh":
            return "，".join(parts) + "。"
        text = ", ".join(parts)
        return text[0].upper() + text[1:] + "."

    def say(self, key: str, **values: object) -> str:
        whole = self.whole
        return self.words(key, whole=whole, Whole=whole[0].upper() + whole[1:], **values)


def amount_summary(card: Scorecard, voice: Voice) -> list[str]:
    """The district's total against target and pace, then the share of units at target."""
    total, metric = card.total, card.metric
    if total.value is None:
        return []
    label, measure = metric.label(voice.lang), metric.measure
    parts = [voice.say("amount_total", label=label, value=voice.quantity(total.value, measure))]
    if total.target:
        key = "amount_target" if metric.higher_is_better else "amount_ceiling"
        target = voice.quantity(total.target, measure)
        parts.append(voice.say(key, target=target, completion=voice.percent(total.completion)))
        parts.append(
            phrases.pace(total.pace_gap, voice.lang, higher_is_better=metric.higher_is_better)
        )
    parts.append(phrases.growth(total.yoy, voice.lang, over="year"))
    return [voice.sentence(parts), share_line(card, voice)]


def rate_summary(
    card: Scorecard, voice: Voice, metrics: dict[str, Metric], cutoff: date
) -> list[str]:
    """A rate from its two sums, against its target in points; a reported one is said to
    have no district figure."""
    total, metric = card.total, card.metric
    label = metric.label(voice.lang)
    if not metric.formed:
        return [voice.say("rate_reported", label=label), share_line(card, voice)]
    if metric.source is RateSource.REVIEW:
        if not total.denominator:
            return [voice.say("review_none", cutoff=voice.day(cutoff))]
        first = voice.say(
            "review_total",
            cutoff=voice.day(cutoff),
            due=int(total.denominator),
            on_time=int(total.numerator or 0),
            value=voice.percent(total.value),
        )
    elif total.value is None:
        return []
    else:
        first = voice.say(
            "rate_parts",
            label=label,
            numerator=_part(metrics.get(metric.numerator or ""), total.numerator, voice),
            denominator=_part(metrics.get(metric.denominator or ""), total.denominator, voice),
            value=voice.percent(total.value),
        )
    parts = [first]
    if total.target is not None:
        parts[0] += voice.say("rate_target", target=voice.percent(total.target))
        parts.append(phrases.against_target(total.target_gap, voice.lang))
    parts.append(phrases.growth(total.yoy, voice.lang, over="year", points=True))
    lines = [voice.sentence(parts), share_line(card, voice)]
    if metric.source is RateSource.REVIEW:
        lines.append(voice.say("review_left_out"))
    return lines


def _part(metric: Metric | None, value: float | None, voice: Voice) -> str:
    if metric is None:
        return voice.quantity(value, "")
    joiner = "" if voice.lang == "zh" else " "
    return f"{metric.label(voice.lang)}{joiner}{voice.quantity(value, metric.measure)}"


def share_line(card: Scorecard, voice: Voice) -> str:
    """36个承担任务的单位中，3个已完成年度任务，占8.3%；23个落后序时进度。 ("" without targets)"""
    metric = card.metric
    if metric.source is RateSource.REVIEW:
        key, behind_key = "share_review", "count_short"
    elif not metric.summable:
        key, behind_key = "share_rate", "count_short"
    elif metric.higher_is_better:
        key, behind_key = "share_amount", "count_behind"
    else:
        key, behind_key = "share_ceiling", "count_above"
    share = card.share_at_target()
    if share is None:
        return ""
    if not share.reached:
        key += "_none"
    text = voice.say(key, judged=share.judged, reached=share.reached, share=voice.share(share))
    lagging = len(card.lagging())
    if lagging:
        text += ("；" if voice.lang == "zh" else "; ") + voice.say(behind_key, count=lagging)
    return text + ("。" if voice.lang == "zh" else ".")


def group_lines(card: Scorecard, voice: Voice, names: UnitNames) -> list[str]:
    """Per group: the units leading it and those lagging, by the top-N rules."""
    lines = []
    single = len(card.groups) == 1
    for group, leading, lagging in named(card, voice.settings.top_n):
        bits = []
        if leading:
            bits.append(voice.say("leading", names=_names(leading, names, voice)))
        if lagging:
            bits.append(voice.say("lagging", names=_names(lagging, names, voice)))
        if not bits:
            continue
        text = ("；" if voice.lang == "zh" else "; ").join(bits)
        if single:
            lines.append(voice.sentence([text]))
        else:
            name = group.group.name(voice.lang, voice.settings.level)
            lines.append(voice.say("group_line", group=name, text=text))
    return lines


def _names(rows: list[Row], names: UnitNames, voice: Voice) -> str:
    return voice.words.join([names(row.unit_id) for row in rows])
