"""Agenda templates: the sections and time-boxed items a meeting walks, from YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path

from agenda import yamlfile
from agenda.errors import InputError, RuleError


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


_TEMPLATE_FIELDS = ("key", "name", "language", "problem_categories", "sections")
_SECTION_FIELDS = ("key", "kind", "title", "items")
_ITEM_FIELDS = ("key", "title", "minutes")


def load_template(path: Path | str, text: str | None = None) -> Template:
    """Read an agenda template; a malformed one is refused with file, line and field."""
    root = yamlfile.Fields(yamlfile.load(path, text), _TEMPLATE_FIELDS)
    name = yamlfile.labels(root.required("name"))
    language_node = root.optional("language")
    categories_node = root.optional("problem_categories")
    categories: list[tuple[str, str]] = []
    for category in categories_node.sequence() if categories_node else []:
        label = yamlfile.labels(category)
        categories.append((label["zh"], label["en"]))
    seen_keys: set[str] = set()
    sections: list[Section] = []
    sections_node = root.required("sections")
    for section_node in sections_node.sequence():
        section = yamlfile.Fields(section_node, _SECTION_FIELDS)
        items: list[Item] = []
        for item_node in section.required("items").sequence():
            item = yamlfile.Fields(item_node, _ITEM_FIELDS)
            key_node = item.required("key")
            key = key_node.text()
            if key in seen_keys:
                raise key_node.error("template.item_twice", item=key)
            seen_keys.add(key)
            title = yamlfile.labels(item.required("title"))
            minutes = item.required("minutes").number(positive=True)
            items.append(Item(key, title["zh"], title["en"], minutes))
        if not items:
            raise section_node.error("template.no_items")
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
        key=root.required("key").text(),
        name_zh=name["zh"],
        name_en=name["en"],
        language=language_node.choice(("zh", "en")) if language_node else "zh",
        sections=tuple(sections),
        problem_categories=tuple(categories),
    )


BUILTIN_TEMPLATES = ("zhaoshang", "monthly-review")
DEFAULT_TEMPLATE = "zhaoshang"


def builtin_template(key: str) -> Template:
    if key not in BUILTIN_TEMPLATES:
        raise InputError("template.unknown", template=key, known=", ".join(BUILTIN_TEMPLATES))
    resource = resources.files("agenda") / "data" / "templates" / f"{key}.yaml"
    return load_template(f"agenda/data/templates/{key}.yaml", resource.read_text("utf-8"))
