"""Agenda templates: the two shipped ones load, and a malformed file is refused precisely."""

from __future__ import annotations

from dataclasses import replace as replace_
from datetime import date
from pathlib import Path

import pytest

from agenda.errors import DiaoduError, InputError, RuleError
from agenda.template_yaml import dump_template
from agenda.templates import (
    BUILTIN_TEMPLATES,
    Item,
    Section,
    SectionKind,
    Template,
    all_templates,
    builtin_template,
    find_template,
    load_template,
    saving_refusal,
    template_refusal,
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
    with pytest.raises(
        DiaoduError, match=r"no template 'x' \(templates: zhaoshang, monthly-review\)"
    ):
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


# --- a district's own agenda --------------------------------------------------------------
def test_the_weekly_example_has_seven_time_boxed_items_and_week_long_to_dos() -> None:
    from agenda.templates import example_template

    weekly = example_template("weekly")
    assert len(weekly.items()) == 7 and all(item.minutes > 0 for _, item in weekly.items())
    assert weekly.due_in_days == 7
    assert {section.kind for section in weekly.sections} >= {
        SectionKind.REVIEW,
        SectionKind.ACHIEVEMENTS,
        SectionKind.ASSIGNMENTS,
        SectionKind.FREE,
    }
    _, longest = max(weekly.items(), key=lambda pair: pair[1].minutes)
    assert (longest.key, longest.minutes) == ("issues", 60)
    monday = date(2026, 11, 23)
    assert weekly.default_due(monday) == date(2026, 11, 30)  # reviewed next Monday
    assert weekly.due_choices(monday) == (date(2026, 11, 30), date(2026, 12, 7), date(2026, 12, 14))


def test_a_monthly_template_runs_commitments_to_the_end_of_next_month() -> None:
    zhaoshang = builtin_template("zhaoshang")
    assert zhaoshang.due_in_days is None
    assert zhaoshang.default_due(date(2026, 11, 22)) == date(2026, 12, 31)
    assert zhaoshang.due_choices(date(2026, 11, 22))[0] == date(2026, 11, 30)


@pytest.mark.parametrize(
    "template",
    [
        *(builtin_template(key) for key in BUILTIN_TEMPLATES),
        load_template(
            "weekly",
            (Path(__file__).parents[2] / "agenda/data/examples/weekly.yaml").read_text("utf-8"),
        ),
        Template(
            "tricky",
            "yes",  # YAML 1.1 would read it as true
            '12:30 "引号" - 与 # 号',
            "en",
            (
                Section(
                    "s",
                    SectionKind.GAPS,
                    "- 列表？",
                    "null",
                    (Item("a:b", "第一\u2028项", "@at", 12.5),),
                ),
            ),
            (("~", "[x]"),),
            due_in_days=14,
        ),
    ],
    ids=lambda t: t.key,
)
def test_an_exported_template_imports_again_the_same(template: Template) -> None:
    text = dump_template(template)
    assert load_template("exported.yaml", text) == template


def test_every_section_kind_can_be_written_and_read() -> None:
    sections = tuple(
        Section(kind.value, kind, kind.value, kind.value, (Item(f"i-{kind.value}", "x", "x", 5),))
        for kind in SectionKind
    )
    template = Template("all-kinds", "全部", "All", "zh", sections)
    assert load_template("x.yaml", dump_template(template)) == template


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("key: mine", "key: my meeting", 1, "key: 'my meeting' is not a template key"),
        (
            "name: {zh: 我的会, en: My meeting}\n",
            "name: {zh: 我的会, en: My meeting}\ndue_in_days: 0\n",
            3,
            "due_in_days: due_in_days is 0: a commitment's default span must be 1 to 366 days",
        ),
        (
            "name: {zh: 我的会, en: My meeting}\n",
            "name: {zh: 我的会, en: My meeting}\ndue_in_days: 1.5\n",
            3,
            "due_in_days: must be a whole number, not 1.5",
        ),
    ],
)
def test_a_district_template_is_refused_with_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    error = refusal(tmp_path, GOOD.replace(old, new, 1))
    assert error.line == line
    assert expected in str(error)


def test_a_template_is_found_among_the_shipped_and_the_districts() -> None:
    mine = load_template("mine.yaml", GOOD)
    assert find_template("mine", [mine]) is mine
    assert find_template("zhaoshang", [mine]).key == "zhaoshang"
    with pytest.raises(RuleError) as caught:
        find_template("weekly", [mine])
    assert str(caught.value) == "no template 'weekly' (templates: zhaoshang, monthly-review, mine)"
    assert [t.key for t in all_templates([mine])] == ["zhaoshang", "monthly-review", "mine"]


def test_what_a_district_may_keep() -> None:
    mine = load_template("mine.yaml", GOOD)
    assert saving_refusal(mine, None, replace=False) is None
    shipped = replace_(builtin_template("zhaoshang"), name_zh="改过的")
    assert _code(saving_refusal(shipped, None, replace=False)) == "template.builtin_key"
    assert _code(saving_refusal(mine, mine, replace=False)) == "template.exists"
    retitled = replace_(mine, name_zh="我的例会")
    assert saving_refusal(retitled, mine, replace=True) is None
    fewer = replace_(mine, sections=mine.sections[:1])
    refused = saving_refusal(fewer, mine, replace=True)
    assert _code(refused) == "template.item_dropped"
    assert refused is not None and "cannot drop item 'speech'" in str(refused)


def test_a_stored_template_that_cannot_be_walked_is_refused() -> None:
    mine = load_template("mine.yaml", GOOD)
    twice = replace_(mine, sections=(mine.sections[0], mine.sections[0]))
    assert _code(template_refusal(twice)) == "template.item_twice"
    assert _code(template_refusal(replace_(mine, language="fr"))) == "template.bad_language"
    assert _code(template_refusal(replace_(mine, sections=()))) == "template.no_sections"


def test_nothing_in_the_domain_assumes_the_zhaoshang_agenda() -> None:
    """What an item does comes from its section's kind, never from its key."""
    zhaoshang = builtin_template("zhaoshang")
    # Its item keys (its section keys are the kinds' own names: review, gaps...).
    keys = set(zhaoshang.item_keys())
    root = Path(__file__).parents[2]
    sources = [*root.glob("agenda/**/*.py"), *root.glob("store/**/*.py")]
    found = [
        f"{path.relative_to(root)}: {key}"
        for path in sources
        if not path.name.startswith("demo")  # the demo district holds zhaoshang meetings
        for key in keys
        if f'"{key}"' in path.read_text("utf-8") and not _a_table_name(key, path)
    ]
    assert found == []


def _a_table_name(key: str, path: Path) -> bool:
    """ "commitments" is also a table of the store and a word of the reports."""
    return key == "commitments" and (path.parts[-2] in ("store", "pg", "reports"))


def _code(error: DiaoduError | None) -> str | None:
    return error.code if error else None
