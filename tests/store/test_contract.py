"""The store's contract (agenda/ports.py), on both backends: round trips, the archive, two
windows. Every store test that is not about the files themselves is here or in another
test_contract_*.py, and runs on a data folder and on a district on PostgreSQL; the
files' own tests (layout, damage, durability, read-only folders) are tests/store/test_store*.py.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agenda.commitments import Commitment, Status
from agenda.demo import build_demo
from agenda.errors import RuleError
from agenda.meetings import Attendance
from agenda.metrics import Metric, MetricKind, Reading, Target, default_metrics
from agenda.periods import Period
from agenda.units import Unit, UnitKind
from store import StoreError
from store.opening import AnyStore
from store.seed import seed
from tests.backends import Backend

TODAY = date(2026, 11, 22)
OCT = Period(2026, 10)
NOV = Period(2026, 11)


def add(store: AnyStore, period: Period, unit: str = "u001", due: date = date(2026, 11, 30)):
    return store.add_commitment(
        period,
        lambda id_: Commitment(
            id=id_, unit_id=unit, text="确保签约1个亿元项目", owner="张三", due=due
        ),
    )


# --- round trips --------------------------------------------------------------------------


def test_units_round_trip_and_get_ids(backend: Backend) -> None:
    saved = backend.store.save_units(
        [
            Unit("u001", "城关镇", UnitKind.TOWN, "王建国", 1, True, ("城关",)),
            Unit("", "区商务局", UnitKind.DEPARTMENT, "赵强", 2),
            Unit("u009", "旧城镇", order=3, active=False),
        ]
    )
    assert saved[1].id == "u010"  # not u002: past every id in use, later ones included
    again = backend.reopen()
    assert again.units() == saved
    assert again.unit("u009") == Unit("u009", "旧城镇", order=3, active=False)
    assert again.unit("u404") is None
    again.save_unit(Unit("u001", "城关镇", UnitKind.TOWN, "李明", 1))
    assert [u.head for u in backend.reopen().units()] == ["李明", "赵强", ""]


def test_new_units_never_take_an_id_claimed_later_in_the_batch(backend: Backend) -> None:
    saved = backend.store.save_units([Unit("", "新华街道"), Unit("u001", "城关镇")])
    assert [u.id for u in saved] == ["u002", "u001"]
    assert sorted(u.name for u in backend.reopen().units()) == ["城关镇", "新华街道"]


def test_metrics_default_until_replaced(backend: Backend) -> None:
    assert backend.store.metrics() == default_metrics()
    mine = [Metric("visits", "走访企业", "Firms visited", "家", MetricKind.AMOUNT, True, None)]
    backend.store.save_metrics(mine)
    assert backend.reopen().metrics() == mine


def test_targets_and_readings_round_trip_and_upsert(backend: Backend) -> None:
    store = backend.store
    store.save_targets([Target("u001", "signed_amount", 2026, 358.0)])
    store.save_targets(
        [
            Target("u001", "signed_amount", 2026, 400.0),  # replaces the first
            Target("u001", "signed_amount", 2027, 450.0),
        ]
    )
    store.save_readings(
        [
            Reading("u001", "signed_amount", Period(2025, 10), 300.0),
            Reading("u001", "signed_amount", OCT, 412.0),
        ]
    )
    store.save_readings([Reading("u001", "signed_amount", OCT, 412.63)])
    again = backend.reopen()
    assert again.targets(2026) == [Target("u001", "signed_amount", 2026, 400.0)]
    assert len(again.targets()) == 2
    assert again.readings([2026]) == [Reading("u001", "signed_amount", OCT, 412.63)]
    assert again.reading_years() == [2025, 2026]
    assert again.latest_reading_period() == OCT
    figures = again.figures(OCT)
    assert figures.ytd("u001", "signed_amount", OCT) == 412.63
    assert figures.ytd("u001", "signed_amount", Period(2025, 10)) == 300.0
    assert figures.target("u001", "signed_amount", 2026) == 400.0


def test_figures_asked_for_again_see_every_save_since(backend: Backend) -> None:
    """Figures are kept between asks while their files are unchanged: a reading or a
    target saved since, by this window or another, is seen at the next ask."""
    store, other = backend.store, backend.window()
    store.save_readings([Reading("u001", "signed_amount", OCT, 100.0)])
    assert store.figures(OCT).ytd("u001", "signed_amount", OCT) == 100.0
    assert store.latest_reading_period() == OCT
    store.save_readings([Reading("u001", "signed_amount", OCT, 120.0)])
    assert store.figures(OCT).ytd("u001", "signed_amount", OCT) == 120.0
    other.save_readings(
        [
            Reading("u001", "signed_amount", NOV, 150.0),
            Reading("u001", "signed_amount", Period(2025, 12), 90.0),
        ]
    )
    other.save_targets([Target("u001", "signed_amount", 2026, 400.0)])
    figures = store.figures(OCT)
    assert figures.ytd("u001", "signed_amount", NOV) == 150.0
    assert figures.ytd("u001", "signed_amount", Period(2025, 12)) == 90.0
    assert figures.target("u001", "signed_amount", 2026) == 400.0
    assert store.latest_reading_period() == NOV
    other.save_readings([Reading("u001", "signed_amount", Period(2027, 1), 5.0)])
    assert store.latest_reading_period() == Period(2027, 1)
    assert store.figures(Period(2027, 1)).ytd("u001", "signed_amount", NOV) == 150.0


def test_every_field_of_a_metric_round_trips(backend: Backend) -> None:
    metrics = [
        *default_metrics(),
        Metric("stalled", "停缓建项目", "Stalled", higher_is_better=False, active=False),
    ]
    backend.store.save_metrics(metrics)
    assert backend.reopen().metrics() == metrics


def test_a_new_district_takes_the_new_built_in_set(backend: Backend) -> None:
    keys = [m.key for m in backend.store.metrics()]
    assert keys[-3:] == ["start_rate", "funds_rate", "fulfilment"]


def test_a_metric_with_readings_is_never_dropped(backend: Backend) -> None:
    store = backend.store
    store.save_readings([Reading("u001", "negotiating", OCT, 3.0)])
    store.save_targets([Target("u001", "visits", 2026, 5.0)])
    before = backend.snapshot()
    kept = [m for m in default_metrics() if m.key != "negotiating"]
    with pytest.raises(RuleError) as caught:
        store.save_metrics(kept)
    assert caught.value.code == "metrics.drop_in_use"
    assert "negotiating, visits" in str(caught.value)
    assert backend.snapshot() == before  # nothing changed
    assert backend.reopen().metrics() == default_metrics()
    retired = [
        *default_metrics(),
        Metric("visits", "走访企业", "Firms visited", "家", active=False),
    ]
    store = backend.store
    store.save_metrics(retired)
    assert backend.reopen().metrics() == retired  # rates, aliases and retiring round-trip
    assert backend.store.readings([2026])[0].metric == "negotiating"  # its figures stay


def test_records_keep_the_order_they_were_first_given_in(backend: Backend) -> None:
    store = backend.store
    first = [Target(f"u00{n}", "signed_amount", 2026, float(n)) for n in (3, 1, 2)]
    store.save_targets(first)
    store.save_targets([Target("u001", "signed_amount", 2026, 10.0), first[0]])
    assert [t.unit_id for t in backend.reopen().targets(2026)] == ["u003", "u001", "u002"]
    readings = [Reading("u002", "signed_amount", OCT, 1.0), Reading("u001", "x", NOV, 2.0)]
    store = backend.store
    store.save_readings([*readings, Reading("u002", "signed_amount", OCT, 5.0)])
    assert [r.value for r in backend.reopen().readings([2026])] == [5.0, 2.0]


def test_meetings_round_trip_with_everything_said(backend: Backend) -> None:
    store = backend.store
    meeting = store.create_meeting(OCT, date(2026, 11, 5), "zhaoshang", chair="刘区长")
    assert meeting.id == "2026-10.1"
    assert store.create_meeting(OCT, date(2026, 11, 6), "zhaoshang").id == "2026-10.2"
    start = datetime(2026, 11, 5, 9, 0)
    store.update_meeting(
        meeting.id,
        lambda m: (
            m.start(start, "review-commitments")
            .with_attendance("u001", Attendance.DEPUTY)
            .with_note("scorecard", "全区签约[b]增长[/b]")
            .with_unit_note("achievements", "u001", "经验做法：以商招商")
            .with_problems("u002", ("思想不够主动", "方法不够灵活"))
            .move_to("scorecard", datetime(2026, 11, 5, 9, 12))
        ),
    )
    loaded = backend.reopen().meeting(meeting.id)
    assert loaded is not None
    assert loaded.chair == "刘区长"
    assert loaded.started_at == start
    assert loaded.attendance["u001"] is Attendance.DEPUTY
    assert loaded.notes["scorecard"] == "全区签约[b]增长[/b]"
    assert loaded.unit_notes["achievements"]["u001"] == "经验做法：以商招商"
    assert loaded.problems["u002"] == ("思想不够主动", "方法不够灵活")
    assert loaded.current_item == "scorecard"
    assert loaded.item_seconds["review-commitments"] == 720.0
    assert [m.id for m in backend.store.meetings()] == ["2026-10.1", "2026-10.2"]


def test_update_of_a_missing_record_is_refused(backend: Backend) -> None:
    with pytest.raises(StoreError, match=r"no meeting 2026-10\.1"):
        backend.store.update_meeting("2026-10.1", lambda m: m)
    with pytest.raises(StoreError, match=r"no commitment 2026-10\.1"):
        backend.store.update_commitment("2026-10.1", lambda c: c)


def test_commitments_round_trip_with_history_extensions_and_links(backend: Backend) -> None:
    store = backend.store
    first = add(store, NOV)
    assert first.id == "2026-11.1"
    assert add(store, NOV, "u002").id == "2026-11.2"
    assert store.new_commitment_id(NOV) == "2026-11.3"
    store.update_commitment(
        first.id,
        lambda c: c.extend(date(2026, 12, 15), "客商推迟来访", TODAY, meeting_id="2026-11.1").mark(
            Status.PARTIAL, date(2026, 12, 1), note="签约1个"
        ),
    )
    closed, new = store.carry_over(
        store.commitment(first.id), date(2026, 12, 31), date(2026, 12, 2), period=Period(2026, 12)
    )
    assert new.id == "2026-12.1"
    again = backend.reopen()
    loaded = again.commitment(first.id)
    assert loaded == closed
    assert loaded.due == date(2026, 11, 30)
    assert loaded.effective_due == date(2026, 12, 15)
    assert loaded.extensions[0].reason == "客商推迟来访"
    assert loaded.history[0].note == "签约1个"
    assert loaded.carried_to == "2026-12.1"
    assert again.commitment("2026-12.1") == new
    assert again.commitment("2026-12.1").carried_from == first.id
    assert [c.id for c in again.commitments()] == ["2026-11.1", "2026-11.2", "2026-12.1"]


def test_carrying_over_a_stale_copy_does_not_undo_another_windows_outcome(
    backend: Backend,
) -> None:
    stale = add(backend.store, NOV)
    secretary = backend.window()
    secretary.update_commitment(stale.id, lambda c: c.mark(Status.DONE, TODAY, note="已签约"))
    with pytest.raises(RuleError, match="marked done is not carried over"):
        backend.store.carry_over(stale, date(2026, 12, 31), TODAY, period=Period(2026, 12))
    secretary.close()
    kept = backend.reopen().commitment(stale.id)
    assert kept.status is Status.DONE
    assert kept.carried_to is None
    assert backend.reopen().commitments() == [kept]


def test_delete_commitment(backend: Backend) -> None:
    first = add(backend.store, NOV)
    add(backend.store, NOV)
    backend.store.delete_commitment(first.id, expected_revision=first.revision)
    assert [c.id for c in backend.reopen().commitments()] == ["2026-11.2"]


def test_a_commitment_with_every_field_reads_back_as_saved(backend: Backend) -> None:
    saved = backend.store.add_commitment(
        NOV,
        lambda id_: Commitment(
            id_, "u001", "签约", "张三", date(2026, 12, 31), metric="x", quantity=2.5
        ).extend(date(2027, 1, 15), "客商推迟", TODAY),
    )
    assert backend.reopen().commitment(saved.id) == saved


def test_settings_round_trip(backend: Backend) -> None:
    backend.store.save_settings(warn_days=5, exports="/srv/公文")
    backend.store.save_settings(lang="en", warn_days=3)
    assert backend.reopen().settings() == {"warn_days": 3, "lang": "en", "exports": "/srv/公文"}


def test_a_setting_the_next_read_would_refuse_is_not_saved(backend: Backend) -> None:
    backend.store.save_settings(warn_days=5)
    before = backend.snapshot()
    for bad in ({"warn_days": "5"}, {"warn_dyas": 5}):
        with pytest.raises(StoreError) as refused:
            backend.store.save_settings(**bad)
        assert refused.value.code == "store.bad_setting"
    assert backend.snapshot() == before
    assert backend.reopen().settings() == {"warn_days": 5}


# --- the archive ----------------------------------------------------------------------------


def test_a_settled_past_period_moves_to_the_archive(backend: Backend) -> None:
    store = backend.store
    meeting = store.create_meeting(OCT, date(2026, 10, 28), "zhaoshang")
    commitment = add(store, OCT, due=date(2026, 11, 15))
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 10, 28, 11, 0)))
    assert store.active_periods() == [OCT]  # a commitment is still open
    store.update_commitment(commitment.id, lambda c: c.mark(Status.DONE, date(2026, 11, 14)))
    assert store.active_periods() == []

    again = backend.reopen()
    assert again.active_periods() == []
    assert again.archived_periods() == [OCT]
    assert again.commitments() == []  # opening reads only active periods
    assert [c.id for c in again.commitments(include_archive=True)] == [commitment.id]
    assert again.commitment(commitment.id).status is Status.DONE  # found by id all the same
    assert [m.id for m in again.meetings(include_archive=1)] == [meeting.id]
    assert again.meetings() == []


def test_reopening_an_archived_commitment_brings_its_period_back(backend: Backend) -> None:
    store = backend.store
    meeting = store.create_meeting(OCT, date(2026, 10, 28), "zhaoshang")
    store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 10, 28, 11, 0)))
    commitment = add(store, OCT)
    store.update_commitment(commitment.id, lambda c: c.mark(Status.DONE, TODAY))
    assert store.archived_periods() == [OCT]
    store.update_commitment(commitment.id, lambda c: c.mark(Status.OPEN, TODAY))
    assert store.active_periods() == [OCT]
    assert store.archived_periods() == []
    assert backend.reopen().commitment(commitment.id).is_open


def test_the_current_period_is_never_archived(backend: Backend) -> None:
    meeting = backend.store.create_meeting(NOV, TODAY, "zhaoshang")
    backend.store.update_meeting(meeting.id, lambda m: m.close(datetime(2026, 11, 22, 11, 0)))
    assert backend.store.active_periods() == [NOV]


def test_the_demo_archives_its_settled_past(backend: Backend) -> None:
    seed(backend.store, build_demo(TODAY))
    store = backend.reopen()
    # July's and August's meetings are closed and all their commitments settled;
    # September's are not.
    assert store.archived_periods() == [Period(2026, 7), Period(2026, 8)]
    assert store.active_periods() == [Period(2026, 9)]
    everything = store.commitments(include_archive=True)
    archived = [c for c in everything if c.id.startswith("2026-08.")]
    assert archived and not any(c.is_open for c in archived)
    assert {c.id for c in everything if c.is_open} <= {c.id for c in store.commitments()}


def test_the_demo_reads_back_the_same_from_both(backend: Backend, tmp_path) -> None:
    """Everything the demo holds, read from this backend, equals the folder's reading."""
    from store import Store

    demo = build_demo(TODAY)
    seed(backend.store, demo)
    folder = Store.open(tmp_path / "reference", clock=lambda: TODAY)
    seed(folder, demo)
    store = backend.reopen()
    assert store.units() == folder.units()
    assert store.metrics() == folder.metrics()
    assert store.targets() == folder.targets()  # in the same order too
    years = folder.reading_years()
    assert store.reading_years() == years
    assert store.readings(years) == folder.readings(years)
    assert store.meetings(include_archive=True) == folder.meetings(include_archive=True)
    assert store.commitments(include_archive=True) == folder.commitments(include_archive=True)
    assert store.commitments() == folder.commitments()
    assert store.latest_reading_period() == folder.latest_reading_period()


# --- two windows ---------------------------------------------------------------------------


def test_a_save_seen_while_reading_is_still_reported(backend: Backend) -> None:
    """The other window's notice may arrive while this one reads: it is not lost."""
    chair = backend.store
    secretary = backend.window()
    add(secretary, NOV)
    assert [c.id for c in chair.commitments()] == ["2026-11.1"]  # the read sees it first
    assert chair.changed()
    secretary.close()


def test_a_month_first_read_between_two_looks_still_shows_the_other_windows_save(
    backend: Backend,
) -> None:
    """The chair starts a month's meeting; the secretary's watch sees the new month, then
    its window reads the month to join; the chair's first commitment in it is a save to
    be shown, though the month was not yet watched at the watch's last look."""
    chair = backend.store
    secretary = backend.window()
    assert not secretary.changed()
    add(chair, NOV)  # a month new to the folder
    secretary.units()  # a round trip: a server's notice of the save has come by then
    assert secretary.changed()  # its watch comes round: the new month
    assert [c.id for c in secretary.commitments()] == ["2026-11.1"]  # read to join
    add(chair, NOV)
    secretary.units()
    assert secretary.changed(), "the chair's save went unseen"
    assert not secretary.changed(), "said once"
    secretary.close()


def test_a_save_made_just_before_this_windows_own_save_is_still_shown(backend: Backend) -> None:
    """The chair moves the meeting on as the secretary saves a commitment: the secretary's
    save must not hide the chair's from its window's watch (it follows the chair by it)."""
    chair = backend.store
    add(chair, NOV)
    secretary = backend.window()
    assert len(secretary.commitments()) == 1  # what its window shows
    assert not secretary.changed()
    add(chair, NOV)  # the chair's save, not yet seen by the secretary's watch
    add(secretary, NOV)  # then the secretary's own
    assert secretary.changed(), "the chair's save was hidden by the secretary's"
    assert not secretary.changed(), "said once"
    add(secretary, NOV)
    assert not secretary.changed(), "its own save is no other's"
    secretary.close()


# --- one commit (copying a district) -----------------------------------------------------------


def test_saves_in_one_commit_are_all_or_nothing(backend: Backend) -> None:
    store = backend.store
    store.save_settings(top_n=4)
    before = backend.snapshot()
    with pytest.raises(RuntimeError), store.one_commit():
        store.save_units([Unit("u001", "城关镇")])
        store.save_readings([Reading("u001", "signed_amount", Period(2025, 12), 1.0)])
        store.save_readings([Reading("u001", "signed_amount", OCT, 2.0)])
        add(store, NOV)
        raise RuntimeError("the copy failed half-way")
    assert backend.snapshot() == before
    other = backend.window()
    with store.one_commit():
        store.save_units([Unit("u001", "城关镇")])
        add(store, NOV)
    assert [c.id for c in other.commitments()] == ["2026-11.1"]
    assert other.changed()
    other.close()
