"""Agenda templates: the two shipped ones load, and a malformed file is refused precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.errors import DiaoduError, InputError
from agenda.templates import (
    BUILTIN_TEMPLATES,
    SectionKind,
    builtin_template,
    load_template,
)

GOOD = """\
key: mine
name: {zh: 我的会, en: My meeting}
sections:
  - key: review
    kind: review
    title: {zh: 回头看, en: Review}
    items:
      - key: look-back
        title: 回头看
        minutes: 12.5
  - key: talk
    kind: free
    title: {zh: 讲话, en: Speech}
    items:
      - key: speech
        title: {zh: 讲话, en: Speech}
        minutes: 5
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, text: str) -> InputError:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_template(path)
    assert str(path) in str(caught.value), "the message must name the file"
    return caught.value


def test_the_zhaoshang_template_walks_the_four_movements() -> None:
    template = builtin_template("zhaoshang")
    assert template.language == "zh"
    assert template.name("zh") == "招商引资调度会"
    assert [s.kind for s in template.sections] == [
        SectionKind.REVIEW,
        SectionKind.ACHIEVEMENTS,
        SectionKind.GAPS,
        SectionKind.ASSIGNMENTS,
    ]
    assert [s.title("zh") for s in template.sections] == [
        "回头看",
        "肯定成绩",
        "认清差距",
        "安排部署",
    ]
    assert template.minutes == 60
    assert ("思想不够主动", "Not proactive enough") in template.problem_categories
    section, item = template.item("commitments")
    assert section.key == "assignments"
    assert item.minutes == 15


def test_every_builtin_template_loads() -> None:
    for key in BUILTIN_TEMPLATES:
        template = builtin_template(key)
        assert template.key == key
        assert template.items(), key
        keys = [item.key for _, item in template.items()]
        assert len(keys) == len(set(keys)), key
    assert builtin_template("monthly-review").language == "en"


def test_an_unknown_builtin_is_refused_with_the_choices() -> None:
    with pytest.raises(DiaoduError, match="no template 'x'; built in: zhaoshang, monthly-review"):
        builtin_template("x")


def test_an_unknown_item_is_refused() -> None:
    with pytest.raises(DiaoduError, match="template zhaoshang has no item 'nope'"):
        builtin_template("zhaoshang").item("nope")


def test_a_good_file_loads_with_defaults(tmp_path: Path) -> None:
    template = load_template(write(tmp_path, GOOD))
    assert template.language == "zh"
    assert template.problem_categories == ()
    review = template.sections[0]
    assert review.items[0].title("en") == "回头看"  # one string serves both languages
    assert review.items[0].minutes == 12.5
    assert template.minutes == 17.5
    assert [item.key for _, item in template.items()] == ["look-back", "speech"]


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        # A number that is not one.
        ("minutes: 12.5", "minutes: soon", 10, "sections[0].items[0].minutes: must be a number"),
        ("minutes: 5", "minutes: 0", 17, "sections[1].items[0].minutes: must be more than 0"),
        ("kind: free", "kind: party", 12, "sections[1].kind: 'party' is not one of review"),
        ("      - key: speech\n", "      - keey: speech\n", 15, "items[0].keey: unknown field"),
        (
            "    items:\n      - key: look-back",
            "    items: []\n    x:\n      - key: look-back",
            8,
            "sections[0].x: unknown field",
        ),
        ("key: speech", "key: look-back", 15, "item key 'look-back' is used twice"),
        ("name: {zh: 我的会, en: My meeting}\n", "", 1, "missing field 'name'"),
        (
            "title: {zh: 讲话, en: Speech}\n    items",
            "title: {en: Speech}\n    items",
            13,
            "sections[1].title: missing field 'zh'",
        ),
        ("minutes: 5", "minutes: [5]", 17, "sections[1].items[0].minutes: expected a single value"),
    ],
)
def test_a_malformed_template_is_refused_with_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    assert old in GOOD
    error = refusal(tmp_path, GOOD.replace(old, new, 1))
    assert error.line == line
    assert expected in str(error)
    assert f"line {line}: " in str(error)


def test_a_section_without_items_is_refused(tmp_path: Path) -> None:
    text = GOOD.split("  - key: talk")[0].replace(
        "    items:\n      - key: look-back\n        title: 回头看\n        minutes: 12.5\n",
        "    items: []\n",
    )
    error = refusal(tmp_path, text)
    assert "sections[0]: a section needs at least one item" in str(error)
    assert error.line == 4  # where the section begins


def test_a_template_without_sections_is_refused(tmp_path: Path) -> None:
    error = refusal(tmp_path, "key: k\nname: n\nsections: []\n")
    assert "sections: a template needs at least one section" in str(error)
    assert error.line == 3


def test_broken_yaml_syntax_names_the_line(tmp_path: Path) -> None:
    error = refusal(tmp_path, GOOD.replace("minutes: 5", "minutes: [5", 1))
    assert "not valid YAML" in str(error)
    assert error.line == 18


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert "the file is empty" in str(refusal(tmp_path, "# nothing\n"))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"(?i)no such file"):
        load_template(tmp_path / "nope.yaml")


def test_a_file_not_in_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(GOOD.encode("gb18030"))
    with pytest.raises(InputError, match="not UTF-8 text"):
        load_template(path)
