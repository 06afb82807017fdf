"""Who else carries a commitment (牵头领导, 配合单位), progress notes (推进情况), and what a
carry-over keeps."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.commitments import (
    Commitment,
    Progress,
    Status,
    carry_over,
    new_commitment,
    supporting_refusal,
    validate,
)
from agenda.errors import RuleError
from agenda.review import fulfilment, outcome_counts

TODAY = date(2026, 11, 22)
UNITS = ["u001", "u002", "u003"]


def made(**fields: object) -> Commitment:
    defaults: dict[str, object] = {
        "id": "2026-10.1",
        "unit_id": "u001",
        "text": "签约1个亿元项目",
        "owner": "王",
        "due": date(2026, 12, 31),
        "today": TODAY,
        "meeting_id": "2026-10.1",
    }
    return new_commitment(**{**defaults, **fields})  # type: ignore[arg-type]


def test_a_lead_leader_and_supporting_units() -> None:
    c = made(lead=" 王建国副区长 ", supporting=["u002", "u003"], units=UNITS)
    assert (c.lead, c.supporting) == ("王建国副区长", ("u002", "u003"))


@pytest.mark.parametrize(
    ("supporting", "code"),
    [
        (["u009"], "commitment.supporting_unknown"),
        (["u001"], "commitment.supporting_responsible"),
        (["u002", "u002"], "commitment.supporting_twice"),
    ],
)
def test_supporting_units_are_checked(supporting: list[str], code: str) -> None:
    problems = validate(
        "签约", "王", TODAY, TODAY, None, unit_id="u001", supporting=supporting, units=UNITS
    )
    assert problems == {"supporting": code}
    with pytest.raises(RuleError) as caught:
        made(supporting=supporting, units=UNITS)
    assert caught.value.code == code


def test_supporting_words_name_the_unit() -> None:
    refusal = supporting_refusal("u001", ["u001"], UNITS)
    assert refusal is not None
    assert refusal.words("zh") == "配合单位 u001 就是责任单位"


def test_a_lead_leader_is_one_line() -> None:
    problems = validate("签约", "王", TODAY, TODAY, None, lead="王\n李")
    assert problems == {"lead": "text.not_one_line"}


def test_a_carry_over_keeps_who_carries_it_and_counts_itself() -> None:
    first = made(lead="王建国副区长", supporting=["u002"], units=UNITS)
    old, second = carry_over(first, "2026-11.1", date(2027, 1, 31), TODAY, meeting_id="2026-11.1")
    assert (second.lead, second.supporting, second.carried_times) == ("王建国副区长", ("u002",), 1)
    assert old.carried_times == 0
    _, third = carry_over(second, "2026-12.1", date(2027, 2, 28), TODAY)
    assert third.carried_times == 2


def test_a_progress_note_is_kept_with_its_share_and_changes_no_outcome() -> None:
    c = made(due=date(2026, 12, 31))
    noted = c.note_progress(
        "已完成第二轮洽谈。\n\n协议文本在审。", TODAY, percent=60, meeting_id="2026-11.1"
    )
    noted = noted.note_progress("协议已签。", date(2026, 11, 30))
    assert noted.progress == (
        Progress(TODAY, "已完成第二轮洽谈。\n\n协议文本在审。", 60, "2026-11.1"),
        Progress(date(2026, 11, 30), "协议已签。", None, None),
    )
    assert noted.latest_progress == noted.progress[-1]
    assert (noted.status, noted.history, noted.effective_due) == (c.status, (), c.due)
    assert outcome_counts([noted]) == outcome_counts([c])
    # 履约率 after it falls due: the same with or without progress notes.
    later = date(2027, 1, 31)
    assert fulfilment([noted], later) == fulfilment([c], later)


@pytest.mark.parametrize(
    ("note", "percent", "code"),
    [
        ("  \n ", 50, "commitment.progress_empty"),
        ("推进中", 101, "commitment.progress_percent"),
        ("推进中", -1, "commitment.progress_percent"),
    ],
)
def test_a_progress_note_is_checked(note: str, percent: float, code: str) -> None:
    with pytest.raises(RuleError) as caught:
        made().note_progress(note, TODAY, percent=percent)
    assert caught.value.code == code


def test_only_an_open_commitment_takes_a_progress_note() -> None:
    done = made().mark(Status.DONE, TODAY)
    with pytest.raises(RuleError) as caught:
        done.note_progress("推进中", TODAY)
    assert caught.value.words("zh") == "已完成的任务不再记录推进情况。"
    carried, _ = carry_over(made(), "2026-11.1", date(2027, 1, 31), TODAY)
    with pytest.raises(RuleError, match=r"Carried over to 2026-11\.1"):
        carried.note_progress("推进中", TODAY)
