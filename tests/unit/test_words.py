"""Refusals carry a code; each client words it from the catalog, in Chinese or English."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from agenda.commitments import Commitment, Status
from agenda.errors import DiaoduError, InputError, RuleError
from agenda.words import entries, quote, say

ROOT = Path(__file__).resolve().parents[2]
# The first argument of an error raised or returned in code: Error("area.key", ...)
CODE_IN_CODE = re.compile(r"""Error\(\s*["']([a-z_]+\.[a-z_0-9.]+)["']""")


def test_every_error_code_raised_in_the_code_is_in_the_catalog() -> None:
    sources = [*ROOT.glob("agenda/**/*.py"), *ROOT.glob("store/**/*.py"), *ROOT.glob("*.py")]
    unknown = {
        f"{path.relative_to(ROOT)}: {code}"
        for path in sources
        for code in CODE_IN_CODE.findall(path.read_text("utf-8"))
        if code not in entries()
    }
    assert sorted(unknown) == []


def test_a_rule_refusal_reads_in_both_languages() -> None:
    overdue = Commitment("2026-10.1", "u001", "签约", "李四", date(2026, 11, 1))
    refusal = overdue.extension_refusal(date(2026, 11, 5))
    assert isinstance(refusal, RuleError)
    assert refusal.code == "commitment.extend_overdue"
    assert refusal.words("zh") == "已逾期（2026-11-01 到期），不能延期：请标记未完成并结转。"
    assert str(refusal).startswith("Overdue since 2026-11-01: it cannot be extended.")


def test_an_enum_parameter_is_said_in_words() -> None:
    done = Commitment("2026-10.1", "u001", "签约", "李四", date(2026, 11, 30)).mark(
        Status.DONE, date(2026, 11, 5)
    )
    refusal = done.carry_over_refusal()
    assert refusal is not None
    assert refusal.words("zh") == "已完成的任务不再结转。"
    assert refusal.words("en") == "A commitment marked done is not carried over."


def test_bad_input_says_where_in_the_users_language() -> None:
    error = InputError("commitment.owner_empty", source="任务.csv", line=3, column="责任人")
    assert error.words("zh") == "任务.csv，第3行，责任人列：请填写责任人"
    assert str(error) == "任务.csv, line 3, column 责任人: Name who is responsible"
    placed = error.at(sheet="11月")
    assert placed.words("en").startswith("任务.csv, sheet 11月, row 3")


def test_a_long_value_is_quoted_short_on_one_line() -> None:
    assert quote("城关镇" * 5000) == "城关镇" * 19 + "..."
    assert len(quote("x" * 10_000)) == 60
    assert quote("第一行\n=1+1") == "第一行 =1+1"
    error = RuleError("commitment.carry_twice", id="u" * 10_000)
    assert len(str(error)) < 100


def test_an_unknown_code_is_shown_as_it_is_never_a_crash() -> None:
    assert say("no.such_key", "zh") == "no.such_key"
    assert str(DiaoduError("no.such_key", value=1)) == "no.such_key"
