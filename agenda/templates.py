"""Agenda templates: the sections and time-boxed items a meeting walks, from YAML.

Two ship with the app (`agenda/data/templates/`); a district brings its own as YAML
(`load_template`), kept in its data folder (the store's `templates()`), and exported back
(`agenda.template_yaml.dump_template`) in a form that imports again. A meeting names its
template by key: `find_template` looks among the shipped ones and the district's.

Nothing in the domain knows the 招商引资 template's own keys: what an item does comes
from its section's kind (review, achievements, gaps, assignments, free), and how long a
commitment made at it runs from the template's `due_in_days` (a weekly meeting's to-dos
run a week; by default, to the end of the next month).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

from agenda import yamlfile
from agenda.errors import InputError, RuleError
from agenda.periods import end_of_month


class SectionKind(StrEnum):
    REVIEW = "review"  # 回头看
    ACHIEVEMENTS = "achievements"  # 肯定成绩
    GAPS = "gaps"  # 认清差距
    ASSIGNMENTS = "assignments"  # 安排部署
    FREE = "free"  # anything else: a speech, a report, AOB


@dataclass(frozen=True)
class Item:
    key: str
    title_zh: str
    title_en: str
    minutes: float

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True)
class Section:
    key: str
    kind: SectionKind
    title_zh: str
    title_en: str
    items: tuple[Item, ...]

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    @property
    def minutes(self) -> float:
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True)
class Template:
    key: str
    name_zh: str
    name_en: str
    language: str
    sections: tuple[Section, ...]
    problem_categories: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    # Days a commitment made at this meeting runs by default (a weekly meeting: 7);
    # None: to the end of the next month.
    due_in_days: int | None = None

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def items(self) -> list[tuple[Section, Item]]:
        """Every item in order, with its section: the walk of the meeting."""
        return [(section, item) for section in self.sections for item in section.items]

    def item(self, key: str) -> tuple[Section, Item]:
        for section, item in self.items():
            if item.key == key:
                return section, item
        raise RuleError("template.no_item", template=self.key, item=key)

    @property
    def minutes(self) -> float:
        return sum(section.minutes for section in self.sections)

    def item_keys(self) -> list[str]:
        return [item.key for _, item in self.items()]

    # --- commitments made at this meeting ------------------------------------------------
    def due_choices(self, day: date) -> tuple[date, date, date]:
        """Three due dates to offer for a commitment made on `day`: the end of this month,
        the next and the one after; or one, two and three spans of `due_in_days`."""
        if self.due_in_days:
            span = timedelta(days=self.due_in_days)
            return (day + span, day + 2 * span, day + 3 * span)
        return (end_of_month(day), end_of_month(day, 1), end_of_month(day, 2))

    def default_due(self, day: date) -> date:
        """The due date a new commitment made on `day` starts with: the end of the next
        month, or `due_in_days` later (reviewed at the next meeting)."""
        choices = self.due_choices(day)
        return choices[0] if self.due_in_days else choices[1]


# --- reading a template ------------------------------------------------------------------
TEMPLATE_FIELDS = ("key", "name", "language", "due_in_days", "problem_categories", "sections")
SECTION_FIELDS = ("key", "kind", "title", "items")
ITEM_FIELDS = ("key", "title", "minutes")
KEY = re.compile(r"^[^\s/\\:*?\"<>|]{1,40}$")  # a word a command line and a file name take
MAX_DUE_DAYS = 366
LANGUAGES = ("zh", "en")


def load_template(path: Path | str, text: str | None = None) -> Template:
    """Read an agenda template; a malformed one is refused with file, line and field."""
    root = yamlfile.Fields(yamlfile.load(path, text), TEMPLATE_FIELDS)
    key_node = root.required("key")
    key = key_node.text()
    if not KEY.match(key):
        raise key_node.error("template.bad_key", template=key)
    name = yamlfile.labels(root.required("name"))
    language_node = root.optional("language")
    due_node = root.optional("due_in_days")
    due_in_days = None
    if due_node is not None:
        due_in_days = due_node.whole()
        if not 1 <= due_in_days <= MAX_DUE_DAYS:
            raise due_node.error("template.due_days", days=due_in_days, most=MAX_DUE_DAYS)
    categories_node = root.optional("problem_categories")
    categories: list[tuple[str, str]] = []
    for category in categories_node.sequence() if categories_node else []:
        label = yamlfile.labels(category)
        categories.append((label["zh"], label["en"]))
    seen_keys: set[str] = set()
    sections: list[Section] = []
    sections_node = root.required("sections")
    for section_node in sections_node.sequence():
        section = yamlfile.Fields(section_node, SECTION_FIELDS)
        items: list[Item] = []
        for item_node in section.required("items").sequence():
            item = yamlfile.Fields(item_node, ITEM_FIELDS)
            item_key_node = item.required("key")
            item_key = item_key_node.text()
            if item_key in seen_keys:
                raise item_key_node.error("template.item_twice", item=item_key)
            seen_keys.add(item_key)
            title = yamlfile.labels(item.required("title"))
            minutes = item.required("minutes").number(positive=True)
            items.append(Item(item_key, title["zh"], title["en"], minutes))
        if not items:
            raise section_node.error("template.section_empty")
        title = yamlfile.labels(section.required("title"))
        kinds = tuple(kind.value for kind in SectionKind)
        sections.append(
            Section(
                key=section.required("key").text(),
                kind=SectionKind(section.required("kind").choice(kinds)),
                title_zh=title["zh"],
                title_en=title["en"],
                items=tuple(items),
            )
        )
    if not sections:
        raise sections_node.error("template.no_sections")
    return Template(
        key=key,
        name_zh=name["zh"],
        name_en=name["en"],
        language=language_node.choice(LANGUAGES) if language_node else "zh",
        sections=tuple(sections),
        problem_categories=tuple(categories),
        due_in_days=due_in_days,
    )


def template_refusal(template: Template) -> RuleError | None:
    """Why a template built otherwise than from YAML (a stored record) cannot be walked:
    what `load_template` refuses in a file, or None."""
    if not KEY.match(template.key):
        return RuleError("template.bad_key", template=template.key)
    if template.language not in LANGUAGES:
        return RuleError("template.bad_language", language=template.language)
    if template.due_in_days is not None and not 1 <= template.due_in_days <= MAX_DUE_DAYS:
        return RuleError("template.due_days", days=template.due_in_days, most=MAX_DUE_DAYS)
    if not template.sections:
        return RuleError("template.no_sections")
    seen: set[str] = set()
    for section in template.sections:
        if not section.items:
            return RuleError("template.section_empty")
        for item in section.items:
            if item.key in seen:
                return RuleError("template.item_twice", item=item.key)
            if not item.minutes > 0:
                return RuleError("template.bad_minutes", item=item.key)
            seen.add(item.key)
    return None


# --- the shipped templates and the district's --------------------------------------------
BUILTIN_TEMPLATES = ("zhaoshang", "monthly-review")
DEFAULT_TEMPLATE = "zhaoshang"


@cache  # a Template is frozen: read each shipped one once, not at every screen and report
def builtin_template(key: str) -> Template:
    if key not in BUILTIN_TEMPLATES:
        raise RuleError("template.unknown", template=key, known=", ".join(BUILTIN_TEMPLATES))
    resource = resources.files("agenda") / "data" / "templates" / f"{key}.yaml"
    return load_template(f"agenda/data/templates/{key}.yaml", resource.read_text("utf-8"))


# Examples of a district's own template, shipped to be imported (not offered as built in).
EXAMPLE_TEMPLATES = ("weekly",)


def example_text(key: str) -> str:
    """An example template's YAML, as shipped (`agenda/data/examples/`)."""
    if key not in EXAMPLE_TEMPLATES:
        raise RuleError("template.unknown", template=key, known=", ".join(EXAMPLE_TEMPLATES))
    return (resources.files("agenda") / "data" / "examples" / f"{key}.yaml").read_text("utf-8")


def example_template(key: str) -> Template:
    """领导班子周例会 ("weekly"): seven time-boxed items, to-dos that run a week."""
    return load_template(f"agenda/data/examples/{key}.yaml", example_text(key))


def all_templates(stored: Iterable[Template]) -> list[Template]:
    """The shipped templates, then the district's own (by key): what a chair picks from."""
    return [builtin_template(key) for key in BUILTIN_TEMPLATES] + sorted(
        stored, key=lambda t: t.key
    )


def find_template(key: str, stored: Iterable[Template]) -> Template:
    """The template a meeting (or the `template` setting) names: a shipped one, or one
    the district keeps. Raises RuleError("template.unknown") naming those there are."""
    if key in BUILTIN_TEMPLATES:
        return builtin_template(key)
    stored = list(stored)
    for template in stored:
        if template.key == key:
            return template
    known = [*BUILTIN_TEMPLATES, *sorted(t.key for t in stored)]
    raise RuleError("template.unknown", template=key, known=", ".join(known))


def saving_refusal(new: Template, old: Template | None, *, replace: bool) -> RuleError | None:
    """Why a district may not keep `new` (over `old`, the one it keeps under that key), or
    None. A shipped template's key is taken; an existing one is replaced only when asked,
    and never loses an item: meetings held with it keep their notes and times by item key
    (retitle, retime, add or move items instead)."""
    refusal = template_refusal(new)
    if refusal is not None:
        return refusal
    if new.key in BUILTIN_TEMPLATES:
        return RuleError("template.builtin_key", template=new.key)
    if old is None:
        return None
    if not replace:
        return RuleError("template.exists", template=new.key)
    kept = set(new.item_keys())
    dropped = [key for key in old.item_keys() if key not in kept]
    if dropped:
        return RuleError("template.item_dropped", template=new.key, item=dropped[0])
    return None


def template_key_refusal(key: str) -> InputError | None:
    """A key as the `template` setting takes it (that it exists is the store's to say)."""
    return None if KEY.match(key) else InputError("template.bad_key", template=key)


def template_setting_refusal(
    settings: dict[str, object], stored: Iterable[Template]
) -> InputError | None:
    """Why settings about to be saved may not be (their `template` names no template there
    is, shipped or the district's), or None."""
    if "template" not in settings:
        return None
    key = settings["template"]
    known = [*BUILTIN_TEMPLATES, *sorted(template.key for template in stored)]
    if key in known:
        return None
    return InputError(
        "settings.unknown_template", setting="template", value=str(key), known=", ".join(known)
    )
