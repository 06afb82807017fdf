"""A commitment decoded without its dataclass __init__ (store/codec.py `_made`, for speed
at ten years) is the record its __init__ would make: every field, equal, hashable, and
as frozen."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from agenda.commitments import Commitment, Extension, Progress, Status, StatusChange
from store import codec


def full() -> Commitment:
    return Commitment(
        id="2026-09.3",
        unit_id="u001",
        text="签约1个项目",
        owner="王",
        due=date(2026, 10, 31),
        meeting_id="2026-09.1",
        metric="signed_projects",
        quantity=2.0,
        status=Status.MISSED,
        history=(StatusChange(Status.MISSED, date(2026, 11, 20), "2026-10.1", "未签约"),),
        extensions=(Extension(date(2026, 11, 15), "等审批", date(2026, 10, 20), "2026-09.1"),),
        carried_from="2026-08.2",
        carried_to="2026-10.4",
        created=date(2026, 9, 20),
        revision=3,
        lead="李副区长",
        supporting=("u002",),
        nth_in_meeting=3,
        carried_times=2,
        progress=(Progress(date(2026, 10, 1), "已洽谈", 40.0, "2026-09.1"),),
    )


@pytest.mark.parametrize(
    "made", [full(), Commitment("2026-09.1", "u001", "x", "", date(2026, 9, 30))]
)
def test_a_decoded_commitment_is_the_one_its_init_makes(made: Commitment) -> None:
    decoded = codec.commitment_from(codec.commitment_doc(made))
    assert decoded == made and hash(decoded) == hash(made)
    for record, kind in [(decoded, Commitment), *((h, StatusChange) for h in decoded.history)]:
        assert not hasattr(kind, "__post_init__")  # nothing its __init__ would have done
        assert set(vars(record)) == {field.name for field in dataclasses.fields(kind)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        decoded.text = "changed"  # type: ignore[misc]
