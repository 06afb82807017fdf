"""The whole 回头看: every open commitment of earlier meetings, due ones first, then the
rest; what the meeting settled stays where it was."""

from __future__ import annotations

from datetime import date

from agenda.commitments import Commitment, Status
from agenda.meetings import Meeting
from agenda.periods import Period
from agenda.review import whole_review

TODAY = date(2026, 11, 22)
MEETING = Meeting("2026-10.1", Period(2026, 10), TODAY, "zhaoshang")
ORDER = {"u001": 2, "u002": 1}  # the units' sort order: u002 first


def make(id: str, unit: str, due: date, **fields: object) -> Commitment:
    fields.setdefault("meeting_id", "2026-09.1")
    fields.setdefault("created", date(2026, 10, 25))
    return Commitment(id, unit, f"任务{id}", "张三", due, **fields)  # type: ignore[arg-type]


def ids(commitments: list[Commitment]) -> list[tuple[str, bool]]:
    return [
        (line.commitment.id, line.due)
        for line in whole_review(commitments, MEETING, unit_order=ORDER.__getitem__)
    ]


def test_due_ones_first_then_every_other_open_one_unit_by_unit() -> None:
    commitments = [
        make("2026-09.1", "u001", date(2026, 11, 30)),  # not yet due
        make("2026-09.2", "u001", date(2026, 11, 10)),  # overdue
        make("2026-09.3", "u002", date(2026, 12, 31)),  # not yet due
        make("2026-09.4", "u002", TODAY),  # due today
        make("2026-09.5", "u001", date(2026, 11, 1)),  # overdue, earlier
    ]
    assert ids(commitments) == [
        ("2026-09.4", True),
        ("2026-09.5", True),
        ("2026-09.2", True),
        ("2026-09.3", False),
        ("2026-09.1", False),
    ]


def test_right_after_a_meeting_that_made_ten_there_is_something_to_review() -> None:
    # The meeting before made commitments that all run to the end of next month.
    made = [make(f"2026-09.{n}", "u001", date(2026, 12, 31)) for n in range(1, 11)]
    lines = whole_review(made, MEETING)
    assert len(lines) == 10 and not any(line.due for line in lines)


def test_settled_here_stays_settled_before_goes_made_here_and_later_are_not_reviewed() -> None:
    commitments = [
        make("2026-09.1", "u001", date(2026, 11, 10)).mark(
            Status.DONE, TODAY, meeting_id=MEETING.id
        ),
        make("2026-09.2", "u001", date(2026, 12, 31)).mark(
            Status.DONE, date(2026, 11, 5)
        ),  # settled before the meeting: not reviewed again
        make("2026-10.1", "u001", date(2026, 12, 31), meeting_id=MEETING.id, created=TODAY),
        make(
            "2026-10.2",
            "u001",
            date(2026, 12, 31),
            meeting_id="2026-10.2",
            created=date(2026, 11, 23),
        ),
        make("2026-09.3", "u002", date(2026, 12, 31)).note_progress(
            "洽谈中", TODAY, meeting_id=MEETING.id
        ),
    ]
    lines = whole_review(commitments, MEETING, unit_order=ORDER.__getitem__)
    assert [(line.commitment.id, line.due, line.acted_here) for line in lines] == [
        ("2026-09.1", True, True),
        ("2026-09.3", False, True),
    ]


def test_an_extension_granted_at_the_meeting_does_not_move_it() -> None:
    due_today = make("2026-09.1", "u001", TODAY)
    other = make("2026-09.2", "u001", date(2026, 11, 21))
    extended = due_today.extend(date(2027, 1, 31), "企业推迟签约", TODAY, meeting_id=MEETING.id)
    assert ids([due_today, other]) == [("2026-09.2", True), ("2026-09.1", True)]
    assert ids([extended, other]) == [("2026-09.2", True), ("2026-09.1", True)]
