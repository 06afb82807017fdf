"""The words the reports print, in Chinese and English (the domain has no UI catalog)."""

from __future__ import annotations

from agenda.commitments import Status

WORDS: dict[str, tuple[str, str]] = {
    # table columns
    "col_unit": ("单位", "Unit"),
    "col_text": ("任务", "Commitment"),
    "col_owner": ("责任人", "Owner"),
    "col_due": ("完成时限", "Due"),
    "col_effective_due": ("现时限", "Due now"),
    "col_quantity": ("目标数量", "Quantity"),
    "col_metric": ("指标", "Metric"),
    "col_measure": ("计量单位", "Measure"),
    "col_status": ("状态", "Status"),
    "col_warning": ("预警", "Warning"),
    "col_carried_from": ("结转自", "Carried from"),
    "col_carried_to": ("结转至", "Carried to"),
    "col_meeting": ("会议", "Meeting"),
    "col_nth": ("序号", "No."),
    "col_lead": ("牵头领导", "Lead leader"),
    "col_supporting": ("配合单位", "Supporting units"),
    "col_rank": ("排名", "Rank"),
    "col_group": ("组别", "Group"),
    "col_value": ("累计完成", "Year to date"),
    "col_figure": ("数值", "Value"),
    "col_target": ("年度任务", "Annual target"),
    "col_ceiling": ("年度控制目标", "Annual ceiling"),
    "col_completion": ("完成率", "Completion"),
    "col_pace": ("较序时进度(百分点)", "Against pace (points)"),
    "col_month": ("当月新增", "Added this month"),
    "col_mom": ("环比", "Month on month"),
    "col_yoy": ("同比", "Year on year"),
    "col_blank": ("白卷", "Blank month"),
    "col_rate_target": ("目标", "Target"),
    "col_to_target": ("较目标(百分点)", "Against target (points)"),
    "col_mom_points": ("环比(百分点)", "Month on month (points)"),
    "col_yoy_points": ("同比(百分点)", "Year on year (points)"),
    "col_numerator": ("分子", "Numerator"),
    "col_denominator": ("分母", "Denominator"),
    "col_due_count": ("到期任务", "Due"),
    "col_on_time": ("按时完成", "Done on time"),
    "col_fulfilment": ("履约率", "Fulfilment"),
    "blank_mark": ("白卷", "blank"),
    "col_at_target": ("达标", "At target"),
    "col_judged": ("承担任务单位数", "Units with a target"),
    "col_reached": ("达标单位数", "Units at target"),
    "col_share": ("达标占比", "Share at target"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "every_metric": ("各项指标均完成", "Every target reached"),
    "sheet_summary": ("概况", "Summary"),
    # bulletin
    "bulletin": ("{period}招商引资工作通报", "Investment promotion bulletin, {period}"),
    "ytd": ("{year}年1-{month}月", "January to {month_en} {year}"),
    "ytd_january": ("{year}年1月", "January {year}"),
    "opening": (
        "现将{ytd}{whole}招商引资工作情况通报如下（序时进度{pace}）。",
        "This bulletin reports {whole}'s investment promotion for {ytd} (time progress {pace}).",
    ),
    "amount_total": ("{whole}{label}累计{value}", "{Whole}: {value} year to date"),
    "amount_target": (
        "完成年度任务（{target}）的{completion}",
        "{completion} of the annual target ({target})",
    ),
    "amount_ceiling": (
        "为年度控制目标（{target}）的{completion}",
        "{completion} of the annual ceiling ({target})",
    ),
    "share_amount": (
        "承担任务的{judged}个单位中，{reached}个已完成年度任务，占{share}",
        "Of {judged} units carrying a target, {reached} reached it ({share})",
    ),
    "share_ceiling": (
        "承担任务的{judged}个单位中，{reached}个控制在年度目标以内，占{share}",
        "Of {judged} units carrying a ceiling, {reached} are within it ({share})",
    ),
    "share_rate": (
        "{judged}个单位中，{reached}个达到目标，占{share}",
        "Of {judged} units, {reached} reached the target ({share})",
    ),
    "share_amount_none": (
        "承担任务的{judged}个单位均未完成年度任务",
        "None of the {judged} units carrying a target has reached it yet",
    ),
    "share_ceiling_none": (
        "承担任务的{judged}个单位均已超出年度控制目标",
        "All {judged} units carrying a ceiling are over it",
    ),
    "share_review": (
        "有到期任务的{judged}个单位中，{reached}个达到目标，占{share}",
        "Of {judged} units with commitments due, {reached} reached the target ({share})",
    ),
    "share_review_none": (
        "有到期任务的{judged}个单位均未达到目标",
        "None of the {judged} units with commitments due reached the target",
    ),
    "share_rate_none": (
        "{judged}个单位均未达到目标",
        "None of the {judged} units has reached the target",
    ),
    "count_behind": ("{count}个落后序时进度", "behind pace: {count}"),
    "count_above": ("{count}个高于序时进度", "above pace: {count}"),
    "count_short": ("{count}个未达到目标", "short of target: {count}"),
    "rate_parts": (
        "{whole}{numerator}、{denominator}，{label}{value}",
        "{Whole}: {numerator}, {denominator}; {label} {value}",
    ),
    "rate_value": ("{whole}{label}{value}", "{Whole}: {label} {value}"),
    "rate_target": ("（目标{target}）", " (target {target})"),
    "rate_reported": (
        "{label}由各单位填报，{whole}不作合计。",
        "{label} is reported by each unit; no figure is formed for {whole}.",
    ),
    "review_total": (
        "截至{cutoff}，{whole}到期任务{due}项，按时完成{on_time}项，履约率{value}",
        "By {cutoff}, {due} commitments were due across {whole} and {on_time} done on time: "
        "{value}",
    ),
    "review_none": (
        "截至{cutoff}，{whole}尚无到期任务。",
        "By {cutoff}, no commitment had fallen due.",
    ),
    "review_left_out": ("无到期任务的单位不列入排名。", "Units with nothing due are not ranked."),
    "group_line": ("{group}：{text}。", "{group}: {text}."),
    "leading": ("{names}位居前列", "leading {names}"),
    "lagging": ("{names}排名靠后", "lagging {names}"),
    "blanks": ("当月“交白卷”单位", "Units with nothing this month (白卷)"),
    "blank_units": (
        "{month}，{names}各项指标当月均无新增，交了“白卷”。",
        "In {month}, {names} added nothing on any figure (白卷).",
    ),
    "no_blanks": (
        "{month}，各单位均有新增，无“交白卷”单位。",
        "In {month}, every unit added something.",
    ),
    "fulfilment": ("履约情况", "Fulfilment of commitments (履约率)"),
    "sheet_fulfilment": ("履约率", "Fulfilment"),
    "notes": ("说明", "Notes"),
    "note_groups": (
        "排名在{groups}各自范围内进行，表中列各组小计和{whole}合计。",
        "Units are ranked within their group ({groups}); each group has a subtotal.",
    ),
    "note_mom": (
        "环比为“—”的：本月或上月未报送、上月数据含此前未报月份，或上月无新增，无法比较。",
        "A month-on-month change is '—' when a month was not reported, when last month's "
        "figure includes earlier months, or when nothing was added last month.",
    ),
    "note_rates": (
        "比率指标按各单位分子、分母合计计算（不以各单位比率相加或平均），与目标比较，不计序时进度；其环比、同比为百分点变化。",
        "A rate is worked out from the sums of its numerator and denominator (never a sum "
        "or an average of rates), compared with its target, not with pace; its changes are "
        "in points.",
    ),
    "commitments": ("任务分解表", "Commitments"),
    "yellow": ("黄灯", "yellow"),
    "red": ("红灯", "red"),
}

STATUS: dict[Status, tuple[str, str]] = {
    Status.OPEN: ("未办结", "open"),
    Status.DONE: ("已完成", "done"),
    Status.PARTIAL: ("部分完成", "partly done"),
    Status.MISSED: ("未完成", "missed"),
    Status.DROPPED: ("已撤销", "dropped"),
}

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class Words:
    """`words("summary", due=3)` in the report's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in ("zh", "en") else "en"
        self._index = 0 if self.lang == "zh" else 1

    def __call__(self, key: str, **values: object) -> str:
        text = WORDS[key][self._index]
        return text.format(**values) if values else text

    def status(self, status: Status) -> str:
        return STATUS[status][self._index]

    def join(self, names: list[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(names)
