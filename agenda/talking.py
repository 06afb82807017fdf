"""讲话要点: the chair's talking points drawn from the month's figures, in the register of
the speeches the office writes ("1-10月，全区新签约项目325个，完成年度任务的80.85%，落后序
时进度2.5个百分点……", "河口乡完成率仅15.4%，落后序时进度67.9个百分点，排名末位……").

Three parts, each a few paragraphs of fixed sentences filled from the scorecard: 成绩
(totals against target and pace, growth, the share of units at target, the leaders of
each group, the good practice noted), 差距 (who is furthest behind pace and how far from
the unit ahead, 白卷, 履约率 and who missed, who is called in, what is under supervision),
下步安排 (the commitments made). Rule-based and deterministic: the same figures give the
same words, and every number comes from the scorecard (`agenda.phrases` says it).

The minutes say 成绩 and 差距 in the same sentences (`achievements`, `gaps`).

No ambiguous-width characters (the app shows the draft): no curly quotes, no ellipsis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from agenda import phrases
from agenda.commitments import Commitment
from agenda.escalation import UnitFlag
from agenda.metrics import RateSource
from agenda.periods import Period
from agenda.reports.labels import MONTHS_EN
from agenda.review import Fulfilment
from agenda.scorecard import Row, Scorecard, Share
from agenda.settings import Settings
from agenda.standing import named, overall_share

NUMERALS_ZH = "一二三四五六七八九十"

WORDS: dict[str, tuple[str, str]] = {
    "title": ("在{occasion}上的讲话要点", "Talking points for {occasion}"),
    "achievements": ("一、肯定成绩", "1. Achievements"),
    "gaps": ("二、认清差距", "2. Gaps"),
    "next": ("三、下步安排", "3. Next steps"),
    "ytd": ("{year}年1-{month}月", "From January to {month_en} {year}"),
    "ytd_january": ("{year}年1月", "In January {year}"),
    "totals": ("{ytd}，{whole}{clauses}。", "{ytd}, across {whole}: {clauses}."),
    "clause_target": (
        "{label}{value}，完成年度任务的{completion}，{pace}",
        "{label} {value}, {completion} of the annual target, {pace}",
    ),
    "clause_plain": ("{label}{value}", "{label} {value}"),
    "clause_rate": ("{label}{value}，{against}", "{label} {value}, {against}"),
    "share": (
        "{whole}承担任务的{judged}个单位中，{reached}个单位各项指标均已完成年度任务，占{share}。",
        "Of the {judged} units carrying targets, {reached} have reached every one ({share}).",
    ),
    "share_none": (
        "{whole}承担任务的{judged}个单位中，暂无各项指标均完成年度任务的单位。",
        "Of the {judged} units carrying targets, none has yet reached every one.",
    ),
    "leaders_intro": ("从{label}完成情况看，", "On {label}, "),
    "leaders_group": (
        "{group}中{names}位居前列，{first}完成年度任务的{completion}",
        "{group_lower}: leading {names}, {first}at {completion} of its target",
    ),
    "leaders_single": (
        "{names}位居前列，{first}完成年度任务的{completion}",
        "leading {names}, {first}at {completion} of its target",
    ),
    "practice": ("{unit}的做法：{note}", "{unit}, {note}"),
    "practice_intro": ("会上肯定了", "Good practice noted at the meeting: "),
    "behind_count": (
        "从进度看，{label}有{count}个单位落后序时进度。",
        "On {label}, {count} units are behind pace.",
    ),
    "worst": (
        "{where}{unit}完成率仅{completion}，{pace}，排名{rank}",
        "{where}{unit} stands at {completion}, {pace}, ranked {rank}",
    ),
    "worst_ahead": ("，与前一名{ahead}相差{gap}个百分点", ", {gap} points behind {ahead}"),
    "also_behind": ("{names}也排名靠后", "{names} also lag"),
    "last_place": ("末位", "last"),
    "nth_place": ("第{rank}位", "{rank} of {count}"),
    "blank": (
        "{month}，{names}各项指标当月均无新增，交了白卷。",
        "In {month}, {names} added nothing on any figure: a blank month.",
    ),
    "fulfilment": (
        "从任务落实看，截至{cutoff}，{whole}到期任务{due}项，按时完成{on_time}项，履约率{rate}。",
        "On commitments: by {cutoff}, {due} were due across {whole} and {on_time} done on "
        "time, {rate}.",
    ),
    "missed": (
        "{names}有承诺事项未按期完成。",
        "{names} did not keep commitments on time.",
    ),
    "talk": (
        "{unit}连续{count}次会议未完成承诺事项，列入约谈。",
        "{unit} missed commitments at {count} meetings running and is called in for a talk.",
    ),
    "supervised": (
        "{unit}{text}任务已结转{count}次，挂牌督办。",
        "{unit}'s commitment to {text} has been carried over {count} times and is put "
        "under supervision.",
    ),
    "next_intro": (
        "下步，要重点抓好本次会议部署的{count}项任务：",
        "Next, the {count} commitments made at this meeting:",
    ),
    "task": (
        "{nth}是{unit}{text}，责任人{owner}，{due}前完成{extra}。",
        "{nth}, {unit} to {text}; owner {owner}, due {due}{extra}.",
    ),
    "task_lead": ("，牵头领导{lead}", "; lead: {lead}"),
    "task_supporting": ("，{units}配合", "; supported by {units}"),
    "no_tasks": ("本次会议尚未部署新任务。", "No commitments have been made at this meeting yet."),
}


@dataclass(frozen=True)
class Brief:
    """What the talking points are drawn from: one month's figures and one meeting's words."""

    period: Period
    cards: tuple[Scorecard, ...]  # the active metrics, in the district's order
    names: Mapping[str, str]  # unit id → name
    settings: Settings
    blanks: tuple[str, ...] = ()  # 白卷 units, in the district's order
    cutoff: date | None = None  # 履约率 counts what was due up to here
    fulfilment: Fulfilment | None = None
    missed: tuple[str, ...] = ()  # units with a commitment due by the cut-off not kept
    talks: tuple[UnitFlag, ...] = ()  # 约谈
    supervised: tuple[Commitment, ...] = ()  # 挂牌督办
    tasks: tuple[Commitment, ...] = ()  # made at the meeting, in order
    praised: tuple[tuple[str, str], ...] = ()  # unit id, the good practice noted
    # The meeting the points are for, in Chinese and English: 2026年第11次招商引资调度会.
    occasion: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Part:
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class TalkingPoints:
    title: str
    parts: tuple[Part, ...]

    def text(self) -> str:
        """As plain text, to copy: the title, each part's heading and its paragraphs."""
        lines = [self.title, ""]
        for part in self.parts:
            lines += [part.title, *part.paragraphs, ""]
        return "\n".join(lines).rstrip("\n") + "\n"


class Voice:
    def __init__(self, lang: str, settings: Settings) -> None:
        self.lang = "zh" if lang == "zh" else "en"
        self.settings = settings

    def __call__(self, key: str, **values: object) -> str:
        text = WORDS[key][0 if self.lang == "zh" else 1]
        return text.format(**values)

    @property
    def whole(self) -> str:
        return self.settings.whole(self.lang)

    def join(self, names: Sequence[str]) -> str:
        if self.lang == "zh":
            return "、".join(names)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def clauses(self, parts: Sequence[str]) -> str:
        return ("；" if self.lang == "zh" else "; ").join(part for part in parts if part)

    def percent(self, value: float | None) -> str:
        return phrases.percent(value, self.settings.percent_digits)

    def day(self, day: date, year: int | None = None) -> str:
        """10月31日 / October 31; with the year when it is not `year`'s."""
        if self.lang == "zh":
            said = f"{day.month}月{day.day}日"
            return said if year in (None, day.year) else f"{day.year}年{said}"
        said = f"{MONTHS_EN[day.month - 1]} {day.day}"
        return said if year in (None, day.year) else f"{said}, {day.year}"

    def ordinal(self, index: int) -> str:
        if self.lang == "zh":
            return chinese_number(index + 1)
        words = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")
        return words[index] if index < len(words) else f"No. {index + 1}"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 24 → 二十四 (up to 99; beyond, the digits)."""
    tens, ones = divmod(number, 10)
    if not 0 < number < 100:
        return str(number)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS_ZH[tens - 1] + "十")
    return head + (NUMERALS_ZH[ones - 1] if ones else "")


def _first(leading: list[Row], brief: Brief, voice: Voice) -> str:
    """The first of the leaders by name, unless it is the only one ("位居前列，完成…")."""
    if len(leading) == 1:
        return ""
    name = brief.names.get(leading[0].unit_id, leading[0].unit_id)
    return name if voice.lang == "zh" else name + " "


def ytd(period: Period, voice: Voice) -> str:
    if period.month == 1:
        return voice("ytd_january", year=period.year)
    return voice("ytd", year=period.year, month=period.month, month_en=MONTHS_EN[period.month - 1])


def _main(cards: Sequence[Scorecard]) -> Scorecard | None:
    """The metric the speech leads with: the first amount with targets (more is better)."""
    return next(
        (c for c in cards if c.metric.summable and c.metric.higher_is_better and c.total.target),
        None,
    )


# --- 成绩 ---------------------------------------------------------------------------------
def achievements(brief: Brief, lang: str) -> list[str]:
    """Totals against target and pace with growth; the share at target; each group's
    leaders; the good practice noted."""
    voice = Voice(lang, brief.settings)
    paragraphs = []
    clauses = [_total_clause(card, voice) for card in brief.cards]
    if any(clauses):
        whole = voice.whole
        text = voice(
            "totals", ytd=ytd(brief.period, voice), whole=whole, clauses=voice.clauses(clauses)
        )
        paragraphs.append(text if lang == "zh" else text[0].upper() + text[1:])
    share = _share(brief, voice)
    standing = [share] if share else []
    main = _main(brief.cards)
    if main is not None:
        leaders = _leaders(main, brief, voice)
        if leaders:
            standing.append(leaders)
    if standing:
        paragraphs.append("".join(standing) if lang == "zh" else " ".join(standing))
    if brief.praised:
        notes = [
            voice("practice", unit=brief.names.get(unit, unit), note=_bare(note))
            for unit, note in brief.praised
        ]
        stop = "。" if lang == "zh" else "."
        paragraphs.append(voice("practice_intro") + voice.clauses(notes) + stop)
    return paragraphs


def _total_clause(card: Scorecard, voice: Voice) -> str:
    metric, total = card.metric, card.total
    if total.value is None or metric.source is RateSource.REVIEW:
        return ""
    label = metric.label(voice.lang)
    if voice.lang == "en":
        label = label[0].lower() + label[1:]
    value = phrases.quantity(total.value, metric.measure, voice.lang, voice.settings.percent_digits)
    growth = phrases.growth(total.yoy, voice.lang, points=not metric.summable)
    if metric.summable:
        if not metric.higher_is_better:
            return ""  # a ceiling is not an achievement to read out
        if total.target:
            pace = phrases.pace(total.pace_gap, voice.lang)
            text = voice(
                "clause_target",
                label=label,
                value=value,
                completion=voice.percent(total.completion),
                pace=pace,
            )
        else:
            text = voice("clause_plain", label=label, value=value)
    elif metric.formed:
        value = voice.percent(total.value)
        if total.target is None:
            text = voice("clause_plain", label=label, value=value)
        else:
            against = phrases.against_target(total.target_gap, voice.lang)
            text = voice("clause_rate", label=label, value=value, against=against)
    else:
        return ""
    return text + ("，" if voice.lang == "zh" else ", ") + growth if growth else text


def _share(brief: Brief, voice: Voice) -> str:
    """Units at the annual target of every amount they carry one on."""
    share: Share | None = overall_share(c for c in brief.cards if c.metric.summable)
    if share is None:
        return ""
    return voice(
        "share" if share.reached else "share_none",
        whole=voice.whole,
        judged=share.judged,
        reached=share.reached,
        share=phrases.percent(share.percent, 1),
    )


def _leaders(card: Scorecard, brief: Brief, voice: Voice) -> str:
    single = len(card.groups) == 1
    bits = []
    for group, leading, _ in named(card, brief.settings.top_n):
        if not leading:
            continue
        names = voice.join([brief.names.get(r.unit_id, r.unit_id) for r in leading])
        first = leading[0]
        name = group.group.name(voice.lang, brief.settings.level)
        bits.append(
            voice(
                "leaders_single" if single else "leaders_group",
                group=name,
                group_lower=name.lower(),
                names=names,
                first=_first(leading, brief, voice),
                completion=voice.percent(first.completion),
            )
        )
    if not bits:
        return ""
    label = card.metric.label(voice.lang)
    intro = voice("leaders_intro", label=label if voice.lang == "zh" else label.lower())
    text = intro + voice.clauses(bits)
    return text + "。" if voice.lang == "zh" else text[0].upper() + text[1:] + "."


# --- 差距 ---------------------------------------------------------------------------------
def gaps(brief: Brief, lang: str) -> list[str]:
    """Who is furthest behind pace in each group and how far from the unit ahead; 白卷;
    履约率 and who missed; who is called in (约谈); what is under supervision (挂牌督办)."""
    voice = Voice(lang, brief.settings)
    paragraphs = []
    main = _main(brief.cards)
    if main is not None:
        behind = _behind(main, brief, voice)
        if behind:
            paragraphs.append(behind)
    if brief.blanks:
        month = f"{brief.period.month}月份" if lang == "zh" else MONTHS_EN[brief.period.month - 1]
        names = voice.join([brief.names.get(u, u) for u in brief.blanks])
        paragraphs.append(voice("blank", month=month, names=names))
    review = _review(brief, voice)
    if review:
        paragraphs.append(review)
    return paragraphs


def _behind(card: Scorecard, brief: Brief, voice: Voice) -> str:
    lagging = card.lagging()
    if not lagging:
        return ""
    label = card.metric.label(voice.lang)
    count_label = label if voice.lang == "zh" else label[0].lower() + label[1:]
    sentences = [voice("behind_count", label=count_label, count=len(lagging))]
    single = len(card.groups) == 1
    bits = []
    for group, _, trailing in named(card, brief.settings.top_n):
        if not trailing:
            continue
        worst = trailing[0]
        ranked = [row for row in group.rows if row.rank is not None]
        where = "" if single else group.group.name(voice.lang, brief.settings.level)
        where = (
            (where + "中，") if where and voice.lang == "zh" else (where + ": " if where else "")
        )
        bit = _worst(worst, ranked, where, brief, voice)
        others = [brief.names.get(r.unit_id, r.unit_id) for r in trailing[1:]]
        if others:
            bit += ("，" if voice.lang == "zh" else "; ") + voice(
                "also_behind", names=voice.join(others)
            )
        bits.append(bit)
    if bits:
        text = voice.clauses(bits)
        sentences.append(text + "。" if voice.lang == "zh" else text + ".")
    return ("" if voice.lang == "zh" else " ").join(sentences)


def _worst(row: Row, ranked: list[Row], where: str, brief: Brief, voice: Voice) -> str:
    last = row.rank == max(r.rank or 0 for r in ranked)
    rank = voice("last_place") if last else voice("nth_place", rank=row.rank, count=len(ranked))
    text = voice(
        "worst",
        where=where,
        unit=brief.names.get(row.unit_id, row.unit_id),
        completion=voice.percent(row.completion),
        pace=phrases.pace(row.pace_gap, voice.lang),
        rank=rank,
    )
    # The unit ahead: the nearest ranked better (units tied with it are not "ahead").
    ahead = [r for r in ranked if r.rank is not None and row.rank is not None and r.rank < row.rank]
    if ahead and ahead[-1].completion is not None and row.completion is not None:
        text += voice(
            "worst_ahead",
            ahead=brief.names.get(ahead[-1].unit_id, ahead[-1].unit_id),
            gap=phrases.percent(ahead[-1].completion - row.completion, 1).removesuffix("%"),
        )
    return text


def _review(brief: Brief, voice: Voice) -> str:
    sentences = []
    done = brief.fulfilment
    if done is not None and done.due and brief.cutoff is not None:
        sentences.append(
            voice(
                "fulfilment",
                cutoff=voice.day(brief.cutoff),
                whole=voice.whole,
                due=done.due,
                on_time=done.on_time,
                rate=voice.percent(done.rate),
            )
        )
    if brief.missed:
        sentences.append(
            voice("missed", names=voice.join([brief.names.get(u, u) for u in brief.missed]))
        )
    for flag in brief.talks:
        sentences.append(
            voice("talk", unit=brief.names.get(flag.unit_id, flag.unit_id), count=flag.count)
        )
    for commitment in brief.supervised:
        sentences.append(
            voice(
                "supervised",
                unit=brief.names.get(commitment.unit_id, commitment.unit_id),
                text=_bare(commitment.text),
                count=commitment.carried_times,
            )
        )
    return ("" if voice.lang == "zh" else " ").join(sentences)


def _bare(text: str) -> str:
    """A commitment's text inside a sentence: on one line, without its closing stop."""
    return " ".join(text.split()).rstrip("。.；;")


# --- 下步安排 -------------------------------------------------------------------------------
def next_steps(brief: Brief, lang: str) -> list[str]:
    """The commitments made at the meeting, one a paragraph: 一是……，二是……."""
    voice = Voice(lang, brief.settings)
    if not brief.tasks:
        return [voice("no_tasks")]
    paragraphs = [voice("next_intro", count=len(brief.tasks))]
    for index, task in enumerate(brief.tasks):
        extra = voice("task_lead", lead=task.lead) if task.lead else ""
        if task.supporting:
            units = voice.join([brief.names.get(u, u) for u in task.supporting])
            extra += voice("task_supporting", units=units)
        due = task.effective_due
        paragraphs.append(
            voice(
                "task",
                nth=voice.ordinal(index),
                unit=brief.names.get(task.unit_id, task.unit_id),
                text=_bare(task.text),
                owner=task.owner or "-",
                due=voice.day(due, brief.period.year),
                extra=extra,
            )
        )
    return paragraphs


def talking_points(brief: Brief, lang: str) -> TalkingPoints:
    """成绩, 差距 and 下步安排 for the chair, in `lang` (zh or en)."""
    voice = Voice(lang, brief.settings)
    occasion = brief.occasion[0 if voice.lang == "zh" else 1] or (
        f"{brief.period.year}年{brief.period.month}月招商引资调度会"
        if voice.lang == "zh"
        else f"the meeting on {MONTHS_EN[brief.period.month - 1]} {brief.period.year}"
    )
    parts = [
        Part(voice("achievements"), tuple(achievements(brief, voice.lang))),
        Part(voice("gaps"), tuple(gaps(brief, voice.lang))),
        Part(voice("next"), tuple(next_steps(brief, voice.lang))),
    ]
    return TalkingPoints(
        voice("title", occasion=occasion), tuple(part for part in parts if part.paragraphs)
    )
