"""An agenda template written back as YAML, laid out as the shipped ones are, so that a
district can export one, edit it and import it again (`load_template` reads it back to
the same template).

Every text is written as a double-quoted YAML string (JSON's quoting, which YAML reads):
a title such as `yes`, `12:30` or `- x` stays text, and Chinese stays readable.
"""

from __future__ import annotations

import json

from agenda.templates import Template

# Characters YAML reads as a line break inside quotes (JSON leaves them as they are).
_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _text(value: str) -> str:
    quoted = json.dumps(value, ensure_ascii=False)
    for raw, escaped in _BREAKS.items():
        quoted = quoted.replace(raw, escaped)
    return quoted


def _label(zh: str, en: str) -> str:
    return f"{{zh: {_text(zh)}, en: {_text(en)}}}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def dump_template(template: Template) -> str:
    """The template as YAML text (UTF-8 when written to a file)."""
    lines = [
        "# An agenda template of diaodu: edit it, then import it again.",
        f"key: {_text(template.key)}",
        f"name: {_label(template.name_zh, template.name_en)}",
        f"language: {template.language}",
    ]
    if template.due_in_days is not None:
        lines.append(f"due_in_days: {template.due_in_days}")
    if template.problem_categories:
        lines.append("problem_categories:")
        lines += [f"  - {_label(zh, en)}" for zh, en in template.problem_categories]
    lines.append("sections:")
    for section in template.sections:
        lines += [
            f"  - key: {_text(section.key)}",
            f"    kind: {section.kind.value}",
            f"    title: {_label(section.title_zh, section.title_en)}",
            "    items:",
        ]
        for item in section.items:
            lines += [
                f"      - key: {_text(item.key)}",
                f"        title: {_label(item.title_zh, item.title_en)}",
                f"        minutes: {_number(item.minutes)}",
            ]
    return "\n".join(lines) + "\n"
