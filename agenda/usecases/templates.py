"""Agenda templates as a district keeps them: list, import, export, and the one a meeting
walks (shipped or the district's own: `agenda.templates.find_template`)."""

from __future__ import annotations

from pathlib import Path

from agenda.template_yaml import dump_template
from agenda.templates import Template, all_templates, find_template, load_template
from agenda.usecases.district import District


def templates(district: District) -> list[Template]:
    """What a chair picks from: the shipped templates, then the district's own."""
    return all_templates(district.store.templates())


def template(district: District, key: str) -> Template:
    """The template `key` names (a meeting's, the setting's). Raises RuleError
    ("template.unknown", naming those there are)."""
    return find_template(key, district.store.templates())


def is_stored(district: District, key: str) -> bool:
    """Whether the district keeps the template itself (not one that ships)."""
    return any(kept.key == key for kept in district.store.templates())


def import_template(district: District, path: Path, *, replace: bool = False) -> Template:
    """Read a template file (refused with file, line and field) and keep it; refused too
    for a shipped key, a key kept already unless `replace`, or an item dropped from the
    one it replaces (`agenda.templates.saving_refusal`)."""
    return district.store.save_template(load_template(path), replace=replace)


def export_template(district: District, key: str) -> str:
    """The template as YAML, to edit and import again (a shipped one too, as a start)."""
    return dump_template(template(district, key))
