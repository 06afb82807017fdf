"""The minutes' words, in Chinese and English: the register of a 会议纪要."""

from __future__ import annotations

from datetime import date

from agenda.commitments import Status
from agenda.meetings import Meeting
from agenda.reports.labels import MONTHS_EN, STATUS
from agenda.templates import Template

WORDS: dict[str, tuple[str, str]] = {
    "title": ("{district}{number}{name}会议纪要", "Minutes of the {name}, {number}"),
    "draft": ("（草稿：会议尚未结束）", "(Draft: the meeting is not closed yet)"),
    "time": ("时间", "Time"),
    "place": ("地点", "Place"),
    "chair": ("主持人", "Chair"),
    "present": ("出席", "Present"),
    "observers": ("列席", "Also attending"),
    "excused": ("请假", "Excused"),
    "absent": ("缺席", "Absent"),
    "secretary": ("记录", "Minutes taken by"),
    "deputy": ("{unit}（{deputy}代）", "{unit} (represented by {deputy})"),
    "opening": (
        "{day}，{who}{number}{name}。现将会议议定事项纪要如下：",
        "On {day}, {who}the {name}{number}{place}. These minutes record what it heard and decided.",
    ),
    "opening_chair": ("{chair}同志{place}主持召开", "{chair} chaired "),
    "opening_nobody": ("{place}召开", "was held "),
    "at_place": ("在{place}", " at {place}"),
    "heard_lead": ("会议听取了", "The meeting heard"),
    "heard": (
        "{units}关于前期部署任务落实情况的汇报。",
        " reports from {units} on the commitments made at earlier meetings.",
    ),
    "outcomes": ("上述任务共{count}项，其中{parts}", "Of these {count} commitments, {parts}"),
    "outcome": ("{status}{count}项（{units}）", "{count} {status} ({units})"),
    "carried": ("；结转{count}项：{units}", "; {count} carried over: {units}"),
    "extended": ("；延期{count}项：{units}", "; {count} extended: {units}"),
    "due_moved": ("完成时限延至{due}", "now due {due}"),
    "progress": ("会上报告的推进情况：{lines}。", "Progress reported at the meeting: {lines}."),
    "progress_line": ("{unit}{text}，{note}", "{unit}, {text}: {note}"),
    "noted": ("会议指出，", "The meeting noted: "),
    "noted_also": ("会议同时指出，", "The meeting also noted: "),
    "problems": ("存在的主要问题：{lines}。", "Problems named: {lines}."),
    "unit_note": ("{unit}：{note}", "{unit}: {note}"),
    "required_lead": ("会议要求，", "The meeting required"),
    "required": (
        "各责任单位对照以下任务抓好落实，按时限办结：",
        " each unit responsible to carry out the following by its date:",
    ),
    "task": ("{number}．{text}{carried}。{facts}。", "{number}. {text}{carried}. {facts}."),
    "task_unit": ("责任单位：{unit}", "Unit responsible: {unit}"),
    "task_owner": ("责任人：{owner}", "Owner: {owner}"),
    "task_due": ("完成时限：{due}", "Due: {due}"),
    "task_lead": ("牵头领导：{lead}", "Lead leader: {lead}"),
    "task_supporting": ("配合单位：{units}", "Supporting: {units}"),
    "carried_over": ("（前期任务结转）", " (carried over)"),
    "stressed_lead": ("会议强调：", "The chair stressed:"),
    "on_section": ("关于{title}，", "On {title}: "),
}


class MinutesWords:
    def __init__(self, lang: str) -> None:
        self.lang = "zh" if lang == "zh" else "en"
        self._index = 0 if self.lang == "zh" else 1

    def __call__(self, key: str, **values: object) -> str:
        text = WORDS[key][self._index]
        return text.format(**values) if values else text

    @property
    def colon(self) -> str:
        return "：" if self.lang == "zh" else ": "

    @property
    def stop(self) -> str:
        return "。" if self.lang == "zh" else "."

    @property
    def list_sep(self) -> str:
        return "，" if self.lang == "zh" else "; "

    @property
    def fact_sep(self) -> str:
        return "；" if self.lang == "zh" else "; "

    def join(self, names: list[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(names)

    def bracketed(self, name: str, extra: str) -> str:
        """河口乡（参加市水利工作会议） / 区水利局 (at the city's water meeting)."""
        if not extra:
            return name
        return f"{name}（{extra}）" if self.lang == "zh" else f"{name} ({extra})"

    def status(self, status: Status) -> str:
        return STATUS[status][self._index]

    def day(self, day: date) -> str:
        """2026年10月25日 / 25 October 2026."""
        if self.lang == "zh":
            return f"{day.year}年{day.month}月{day.day}日"
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"

    def meeting_name(self, meeting: Meeting, template: Template) -> str:
        """The meeting's kind: its topic for a 专题调度会, else its template's name."""
        if not meeting.topic:
            return template.name(self.lang)
        if self.lang == "zh" and not meeting.topic.endswith("会"):
            return f"{meeting.topic}专题会议"
        return meeting.topic

    def opening(self, meeting: Meeting, name: str, number: str) -> str:
        place = self("at_place", place=meeting.place) if meeting.place else ""
        if meeting.chair:
            who = self("opening_chair", chair=meeting.chair, place=place)
        else:
            who = self("opening_nobody", place=place)
        if self.lang == "en" and number:
            number = f" ({number})"
        return self(
            "opening",
            day=self.day(meeting.date),
            who=who,
            number=number,
            name=name,
            place=place if self.lang == "en" else "",
        )
