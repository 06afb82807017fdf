"""The words the reports print, in Chinese and English (the domain has no UI catalog)."""

from __future__ import annotations

from agenda.commitments import Status
from agenda.meetings import Attendance

WORDS: dict[str, tuple[str, str]] = {
    # minutes
    "minutes": ("会议纪要", "Minutes"),
    "date": ("会议日期", "Date"),
    "time": ("会议时间", "Time"),
    "period": ("调度月份", "Figures of"),
    "chair": ("主持人", "Chair"),
    "secretary": ("记录人", "Secretary"),
    "attendance": ("出席情况", "Attendance"),
    "not_recorded": ("未记录", "Not recorded"),
    "draft": ("（草稿：会议尚未结束）", "(Draft: the meeting is not closed yet)"),
    "no_notes": ("（无记录）", "(nothing recorded)"),
    "review_outcome": ("任务落实情况", "Review of commitments"),
    "nothing_due": ("本次会议无到期任务。", "Nothing was due at this meeting."),
    "new_commitments": ("新部署任务", "New commitments"),
    "no_commitments": ("本次会议未部署新任务。", "No commitments were made at this meeting."),
    "problems": ("存在问题", "Problems named"),
    "unit_notes": ("单位情况", "Per unit"),
    "summary": (
        "共{due}项：完成{done}项，部分完成{partial}项，未完成{missed}项，结转{carried}项。",
        "{due} items: {done} done, {partial} partly, {missed} missed, {carried} carried over.",
    ),
    "carried_to": ("结转至{id}（{due}）", "carried over to {id} (due {due})"),
    "carried_from": ("结转自{id}", "carried over from {id}"),
    "extended": ("延期至{due}：{reason}", "extended to {due}: {reason}"),
    # table columns
    "col_id": ("编号", "No."),
    "col_unit": ("单位", "Unit"),
    "col_text": ("任务", "Commitment"),
    "col_owner": ("责任人", "Owner"),
    "col_due": ("完成时限", "Due"),
    "col_effective_due": ("现时限", "Due now"),
    "col_quantity": ("目标数量", "Quantity"),
    "col_metric": ("指标", "Metric"),
    "col_measure": ("计量单位", "Measure"),
    "col_status": ("状态", "Status"),
    "col_outcome": ("落实情况", "Outcome"),
    "col_note": ("说明", "Note"),
    "col_warning": ("预警", "Warning"),
    "col_carried_from": ("结转自", "Carried from"),
    "col_carried_to": ("结转至", "Carried to"),
    "col_meeting": ("会议", "Meeting"),
    "col_rank": ("排名", "Rank"),
    "col_value": ("累计完成", "Year to date"),
    "col_target": ("年度任务", "Annual target"),
    "col_completion": ("完成率", "Completion"),
    "col_pace": ("较序时进度(百分点)", "Against pace (points)"),
    "col_month": ("当月", "This month"),
    "col_mom": ("环比", "Month on month"),
    "col_yoy": ("同比", "Year on year"),
    "col_due_count": ("到期任务", "Due"),
    "col_on_time": ("按时完成", "Done on time"),
    "col_fulfilment": ("履约率", "Fulfilment"),
    "total": ("全区合计", "District total"),
    # bulletin
    "bulletin": ("{period}招商引资工作通报", "Investment promotion bulletin, {period}"),
    "ytd": ("{year}年1-{month}月", "January to {month_en} {year}"),
    "ytd_january": ("{year}年1月", "January {year}"),
    "pace": ("{ytd}，序时进度{pace}。", "{ytd}: time progress (序时进度) {pace}."),
    "metric_total": ("全区累计完成{value}{measure}", "District total {value} {measure}"),
    "metric_target": (
        "占年度任务{target}{measure}的{completion}，较序时进度{gap}个百分点",
        "{completion} of the annual target of {target} {measure}, {gap} points against pace",
    ),
    "metric_yoy": ("同比{yoy}", "year on year {yoy}"),
    "leaders": ("位居前列：{names}。", "Leading: {names}."),
    "behind": ("落后序时进度：{names}。", "Behind pace: {names}."),
    "none_behind": ("所有单位均达到序时进度。", "Every unit is on pace."),
    "blanks": ("当月“交白卷”单位", "Units with nothing this month (白卷)"),
    "no_blanks": ("本月无“交白卷”单位。", "Every unit added something this month."),
    "blank_line": ("{name}：各项累计指标当月均无新增。", "{name}: nothing added on any figure."),
    "fulfilment": ("履约情况", "Fulfilment of commitments (履约率)"),
    "fulfilment_total": (
        "全区到期任务{due}项，按时完成{on_time}项，履约率{rate}。",
        "{due} commitments due, {on_time} done on time: {rate}.",
    ),
    "no_fulfilment": ("截至目前无到期任务。", "No commitment has fallen due yet."),
    "sheet_fulfilment": ("履约率", "Fulfilment"),
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

ATTENDANCE: dict[Attendance, tuple[str, str]] = {
    Attendance.PRESENT: ("出席", "Present"),
    Attendance.DEPUTY: ("代会", "Sent a deputy"),
    Attendance.EXCUSED: ("请假", "Excused"),
    Attendance.ABSENT: ("缺席", "Absent"),
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

    def attendance(self, status: Attendance) -> str:
        return ATTENDANCE[status][self._index]

    def join(self, names: list[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(names)
