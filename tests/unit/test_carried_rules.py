"""A carried-over commitment lives on in the new one: its outcome is recorded there."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.commitments import Commitment, Status, carry_over
from agenda.errors import RuleError


def test_a_carried_commitment_cannot_be_marked_again() -> None:
    old = Commitment("2026-09.1", "u001", "签约项目2个", "王明亮", date(2026, 10, 31))
    closed, new = carry_over(old, "2026-10.4", date(2026, 11, 30), date(2026, 11, 2))
    with pytest.raises(RuleError, match=r"2026-10\.4"):
        closed.mark(Status.DONE, date(2026, 11, 3))
    assert closed.status is Status.MISSED  # as the carry-over left it
    assert new.mark(Status.DONE, date(2026, 11, 3)).status is Status.DONE
