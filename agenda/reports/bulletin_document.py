"""通报 as it is sent: a short body, the full tables as its 附件.

The issuing office and its 文号 over the title "关于2026年1-10月招商引资工作情况的通报", the
主送 line, then: 一、总体情况 (the district against target and pace, the share of units at
target), 二、通报表扬 (the leaders of each group on the main metric), 三、通报批评和约谈 (the
units lagging each group, 白卷, those called in and what is under supervision), 四、履约情况
(with its cut-off), 五、排名情况 (one compact table per group: 序号, 单位, 目标, 完成, 完成率,
序时进度差, 排名); a closing sentence; the office's name and the date; every metric in full
as 附件 on landscape pages; 抄送 last.
"""

from __future__ import annotations

from agenda import phrases
from agenda.reports.bulletin import Bulletin, metric_sections
from agenda.reports.bulletin_text import Voice
from agenda.reports.common import UnitNames
from agenda.reports.document import Annex, Block, Column, Document, Heading, Kind, Paragraph, Table
from agenda.reports.labels import MONTHS_EN, Words
from agenda.scorecard import GroupCard, Scorecard
from agenda.standing import named
from agenda.talking import Brief, achievements, chinese_number

WORDS: dict[str, tuple[str, str]] = {
    "title": ("关于{ytd}招商引资工作情况的通报", "Investment promotion, {ytd}: bulletin"),
    "to": ("各{groups}：", "To: {groups}"),
    "opening": (
        "现将{ytd}{whole}招商引资工作情况通报如下（序时进度{pace}）。",
        "This bulletin reports {whole}'s investment promotion for {ytd} (time progress {pace}).",
    ),
    "overall": ("一、总体情况", "1. Overall"),
    "praise": ("二、通报表扬", "2. Commended"),
    "criticism": ("三、通报批评和约谈", "3. Criticised and called in"),
    "fulfilment": ("四、履约情况", "4. Commitments kept"),
    "ranking": ("五、排名情况", "5. Rankings"),
    "praised": (
        "按{label}完成率排名，{list}位居前列，予以通报表扬。",
        "Commended, ranked on {label}: {list}.",
    ),
    "criticised": (
        "按{label}完成率排名，{list}排名靠后，予以通报批评。",
        "Criticised, ranked on {label}: {list}.",
    ),
    "in_group": ("{group}中{names}", "{names} ({group})"),
    "blank": (
        "{month}，{names}各项指标当月均无新增，交了“白卷”，予以通报批评。",
        "Criticised: {names}, who added nothing on any figure in {month} (a blank month).",
    ),
    "talk": (
        "{unit}连续{count}次会议未完成承诺事项，约谈其主要负责同志。",
        "{unit} missed commitments at {count} meetings running; its head is called in.",
    ),
    "supervised": (
        "{unit}“{text}”任务已结转{count}次，实行挂牌督办。",
        "{unit}'s commitment to {text} has been carried over {count} times and is put under "
        "supervision.",
    ),
    "nobody": ("本期无通报批评和约谈单位。", "No unit is criticised or called in this month."),
    "ranking_intro": (
        "按{label}完成率排名如下（各项指标完成情况见附件）。",
        "Ranked on {label} (every metric in full in the annex):",
    ),
    "closing": (
        "受到表扬的单位要再接再厉；排名靠后、交“白卷”和被约谈的单位要认真查找原因，明确整改措施，"
        "确保完成全年目标任务。",
        "Units commended should keep it up; those lagging, with a blank month or called in "
        "should find out why and act, so that the year's targets are met.",
    ),
    "annex": ("{ytd}各项指标完成情况", "Every metric, {ytd}"),
    "col_index": ("序号", "No."),
    "col_unit": ("单位", "Unit"),
    "col_target": ("目标", "Target"),
    "col_done": ("完成", "Done"),
    "col_completion": ("完成率", "Completion"),
    "col_pace": ("序时进度差", "Against pace"),
    "col_rank": ("排名", "Rank"),
}


class _Say:
    def __init__(self, lang: str) -> None:
        self.lang = "zh" if lang == "zh" else "en"

    def __call__(self, key: str, **values: object) -> str:
        return WORDS[key][0 if self.lang == "zh" else 1].format(**values)


def _ytd(bulletin: Bulletin, lang: str) -> str:
    period = bulletin.period
    if lang == "zh":
        return f"{period.year}年1-{period.month}月" if period.month > 1 else f"{period.year}年1月"
    return f"January to {MONTHS_EN[period.month - 1]} {period.year}"


def main_card(bulletin: Bulletin) -> Scorecard | None:
    """The metric a bulletin ranks by: the first amount with targets (more is better)."""
    return next(
        (
            c
            for c in bulletin.scorecards
            if c.metric.summable and c.metric.higher_is_better and c.total.target
        ),
        None,
    )


class _Notice:
    def __init__(self, bulletin: Bulletin, lang: str) -> None:
        self.bulletin = bulletin
        self.say = _Say(lang)
        self.lang = self.say.lang
        self.voice = Voice(Words(self.lang), bulletin.settings)
        self.names = UnitNames(bulletin.units)
        self.main = main_card(bulletin)

    def join(self, names: list[str]) -> str:
        return self.voice.words.join(names)

    def brief(self) -> Brief:
        bulletin = self.bulletin
        return Brief(
            period=bulletin.period,
            cards=bulletin.scorecards,
            names={unit.id: unit.name for unit in bulletin.units},
            settings=bulletin.settings,
        )

    def label(self) -> str:
        assert self.main is not None
        label = self.main.metric.label(self.lang)
        return label if self.lang == "zh" else label.lower()

    def by_group(self, leaders: bool) -> str:
        """乡镇（街道）中青石镇、南湖街道，园区中经济开发区 (those named, group by group)."""
        assert self.main is not None
        card, settings = self.main, self.bulletin.settings
        single = len(card.groups) == 1
        bits = []
        for group, leading, lagging in named(card, settings.top_n):
            rows = leading if leaders else lagging
            if not rows:
                continue
            names = self.join([self.names(row.unit_id) for row in rows])
            name = group.group.name(self.lang, settings.level)
            bits.append(names if single else self.say("in_group", group=name, names=names))
        return ("，" if self.lang == "zh" else "; ").join(bits)

    # --- the parts -----------------------------------------------------------------------
    def overall(self) -> list[Block]:
        said = achievements(self.brief(), self.lang)
        return [Heading(self.say("overall"), 1), *(Paragraph(text) for text in said)]

    def praise(self) -> list[Block]:
        if self.main is None:
            return []
        listed = self.by_group(leaders=True)
        if not listed:
            return []
        text = self.say("praised", label=self.label(), list=listed)
        return [Heading(self.say("praise"), 1), Paragraph(text)]

    def criticism(self) -> list[Block]:
        bulletin, say = self.bulletin, self.say
        said = []
        if self.main is not None:
            listed = self.by_group(leaders=False)
            if listed:
                said.append(say("criticised", label=self.label(), list=listed))
        if bulletin.blanks:
            month = (
                f"{bulletin.period.month}月份"
                if self.lang == "zh"
                else MONTHS_EN[bulletin.period.month - 1]
            )
            names = self.join([self.names(u) for u in bulletin.blanks])
            said.append(say("blank", month=month, names=names))
        for flag in bulletin.talks:
            said.append(say("talk", unit=self.names(flag.unit_id), count=flag.count))
        for commitment in bulletin.supervised:
            text = " ".join(commitment.text.split()).rstrip("。.")
            unit = self.names(commitment.unit_id)
            said.append(say("supervised", unit=unit, text=text, count=commitment.carried_times))
        return [Heading(say("criticism"), 1), *(Paragraph(t) for t in said or [say("nobody")])]

    def fulfilment(self) -> list[Block]:
        bulletin, voice = self.bulletin, self.voice
        overall = bulletin.overall
        day = voice.day(bulletin.cutoff)
        if not overall.due:
            text = voice.say("review_none", cutoff=day)
        else:
            text = voice.sentence(
                [
                    voice.say(
                        "review_total",
                        cutoff=day,
                        due=overall.due,
                        on_time=overall.on_time,
                        value=voice.percent(overall.rate),
                    )
                ]
            )
        return [Heading(self.say("fulfilment"), 1), Paragraph(text)]

    def ranking(self) -> list[Block]:
        if self.main is None:
            return []
        card = self.main
        blocks: list[Block] = [
            Heading(self.say("ranking"), 1),
            Paragraph(self.say("ranking_intro", label=self.label())),
        ]
        single = len(card.groups) == 1
        for index, group in enumerate(card.groups):
            name = group.group.name(self.lang, self.bulletin.settings.level)
            if not single:
                number = f"（{_numeral(index)}）" if self.lang == "zh" else f"({index + 1}) "
                blocks.append(Heading(f"{number}{name}", 2))
            blocks.append(self.compact(card, group, name))
        return blocks

    def compact(self, card: Scorecard, group: GroupCard, name: str) -> Table:
        """序号, 单位, 目标, 完成, 完成率, 序时进度差, 排名: one group, best first."""
        say, digits = self.say, self.bulletin.settings.percent_digits
        measure = phrases.measure_word(card.metric.measure, self.lang)
        unit_digits = 0 if card.metric.measure in ("个", "家", "项") else 2
        suffix = f"（{measure}）" if self.lang == "zh" and measure else ""
        columns = (
            Column(say("col_index"), Kind.INTEGER),
            Column(say("col_unit")),
            Column(say("col_target") + suffix, Kind.NUMBER, unit_digits),
            Column(say("col_done") + suffix, Kind.NUMBER, unit_digits),
            Column(say("col_completion"), Kind.PERCENT, digits),
            Column(say("col_pace"), Kind.POINTS),
            Column(say("col_rank"), Kind.INTEGER),
        )
        rows = tuple(
            (
                index,
                self.names(row.unit_id),
                row.target,
                row.value,
                row.completion,
                row.pace_gap,
                row.rank,
            )
            for index, row in enumerate(group.rows, start=1)
        )
        return Table(name, columns, rows)

    def annex(self) -> Annex:
        ytd = _ytd(self.bulletin, self.lang)
        return Annex(
            self.say("annex", ytd=ytd), tuple(metric_sections(self.bulletin, self.lang)), wide=True
        )

    def document(self) -> Document:
        bulletin, settings, say = self.bulletin, self.bulletin.settings, self.say
        ytd = _ytd(bulletin, self.lang)
        groups = (
            [c.group.name(self.lang, settings.level) for c in bulletin.scorecards[0].groups]
            if bulletin.scorecards
            else []
        )
        addressee = (
            say("to", groups=("、" if self.lang == "zh" else ", ").join(groups)) if groups else ""
        )
        opening = say(
            "opening",
            ytd=ytd,
            whole=settings.whole(self.lang),
            pace=self.voice.percent(bulletin.period.time_progress),
        )
        blocks: list[Block] = [Paragraph(opening)]
        blocks += self.overall()
        blocks += self.praise()
        blocks += self.criticism()
        blocks += self.fulfilment()
        blocks += self.ranking()
        blocks.append(Paragraph(say("closing")))
        chinese = self.lang == "zh"
        return Document(
            say("title", ytd=ytd),
            tuple(blocks),
            lang=self.lang,
            issuer=settings.issuer if chinese else "",
            number=settings.doc_reference(bulletin.as_of.year) if chinese else "",
            addressee=addressee,
            signature=settings.issuer,
            dated=bulletin.as_of,
            annexes=(self.annex(),),
            copies=settings.copies,
            printed=settings.issuer,
        )


def _numeral(index: int) -> str:
    return chinese_number(index + 1)


def bulletin_notice(bulletin: Bulletin, lang: str) -> Document:
    """The 通报 of `bulletin`, in `lang`."""
    return _Notice(bulletin, lang).document()
