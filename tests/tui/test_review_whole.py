"""The whole 回头看 and 督办 on a small hand-made history, counted exactly.

甲镇 (u001) missed its commitment at the September meeting's review (in October, where it
was carried over) and the carried one is overdue at this month's: two meetings running,
called in (约谈). 乙镇 kept its word in October. The October meeting also made ten
commitments due at the end of the year: this month's review lists them all, not "nothing
to review".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from textual.widgets import DataTable, Static

from agenda.commitments import Commitment, Progress, Status, carry_over
from agenda.meetings import Meeting, MeetingState
from agenda.periods import Period
from agenda.units import Unit
from store import Store
from tests.conftest import TODAY
from tests.tui.support import ViewHost, demo_app, section_view, settled
from tui.views.review import ReviewView
from tui.widgets.progress_prompt import ProgressPrompt
from tui.widgets.talk_line import TalkLine

SEP, OCT = date(2026, 9, 20), date(2026, 10, 20)


def held(period: Period, day: date, nth: int) -> Meeting:
    at = datetime.combine(day, datetime.min.time())
    return Meeting(
        f"{period}.1", period, day, "zhaoshang", state=MeetingState.CLOSED,
        started_at=at, ended_at=at, nth_in_year=nth,
    )  # fmt: skip


def history(store: Store) -> None:
    units = [Unit(f"u{n:03}", name, head=f"{name}长", order=n) for n, name in
             enumerate(("甲镇", "乙镇", "丙镇", "丁镇", "戊镇"), start=1)]  # fmt: skip
    store.save_units(units)
    september, october = held(Period(2026, 8), SEP, 9), held(Period(2026, 9), OCT, 10)

    def made(at: Meeting, nth: int, unit: str, due: date) -> Commitment:
        return Commitment(f"{at.period}.{nth}", unit, f"任务{nth}", "王", due, at.id,
                          created=at.date, nth_in_meeting=nth)  # fmt: skip

    missed = made(september, 1, "u001", date(2026, 10, 15))
    kept = made(september, 2, "u002", date(2026, 10, 15))  # done on time
    kept = kept.mark(Status.DONE, date(2026, 10, 10), meeting_id=october.id)
    missed = missed.mark(Status.MISSED, OCT, meeting_id=october.id)
    missed, carried = carry_over(
        missed, "2026-09.1", date(2026, 11, 15), OCT, meeting_id=october.id
    )
    carried = replace(carried, nth_in_meeting=1)
    ten = [made(october, nth, f"u00{2 + nth % 4}", date(2026, 12, 31)) for nth in range(2, 12)]
    store.add_records([september, october], [missed, kept, carried, *ten])


def host(store: Store) -> ViewHost:
    return ViewHost(section_view(ReviewView, store, "review-commitments"), footer=True)


def text(app: ViewHost, selector: str) -> str:
    return str(app.view.query_one(selector, Static).render())


def row(app: ViewHost, key: str) -> list[str]:
    table = app.view.query_one(DataTable)
    return [str(cell) for cell in table.get_row(key)]


async def test_the_whole_review_with_progress_notes(store: Store) -> None:
    history(store)
    app = host(store)
    here = app.view.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        assert text(app, "#review-summary").splitlines() == [
            "回头看 11 项｜到期 1：完成 0，部分完成 0，未完成 0，撤销 0，待办 1",
            "未到期 10：本次记进展 0｜约谈单位 1，挂牌督办 0｜履约率 33.3%（1/3，近一年）",
        ]
        keys = [str(key.value) for key in app.view.query_one(DataTable).rows]
        assert keys[:3] == ["-part:due", "-unit:due:u001", "2026-09.1"]
        assert keys[3] == "-part:later"
        assert sorted(k for k in keys[4:] if not k.startswith("-")) == sorted(
            f"2026-09.{n}" for n in range(2, 12)
        )
        # Two not yet due get a progress note, one with the share done.
        app.view.query_one(DataTable).move_cursor(row=keys.index("2026-09.2"))
        await pilot.press("m")
        assert isinstance(app.screen, ProgressPrompt)
        await pilot.press(*"ok", "enter", *"40", "enter")
        await settled(pilot)
        app.view.query_one(DataTable).move_cursor(row=keys.index("2026-09.3"))
        await pilot.press("m", *"going", "enter", "enter")
        await settled(pilot)
        assert store.commitment("2026-09.2").progress == (Progress(TODAY, "ok", 40.0, here),)  # type: ignore[union-attr]
        assert store.commitment("2026-09.3").progress == (Progress(TODAY, "going", None, here),)  # type: ignore[union-attr]
        assert row(app, "2026-09.2")[3:] == ["还有39天", "进度40%"]
        assert "本次记进展 2｜" in text(app, "#review-summary")
        # Nothing else moved: still open, 履约率 as it was.
        assert store.commitment("2026-09.2").status is Status.OPEN  # type: ignore[union-attr]
        assert "履约率 33.3%（1/3，近一年）" in text(app, "#review-summary")


async def test_escalation_after_two_missed_meetings(store: Store) -> None:
    history(store)
    app = host(store)
    async with app.run_test(size=(120, 36)):
        assert row(app, "-unit:due:u001") == ["甲镇", "", "履约率 0%", "连续2次未完成", "约谈"]
        assert row(app, "2026-09.1")[4] == "已结转1次"  # once: not yet 挂牌督办
        summary = text(app, "#review-summary")
        assert "约谈单位 1，挂牌督办 0" in summary
        # 乙镇 kept its word in October: no run, no flag.
        assert row(app, "-unit:later:u002")[3:] == ["", ""]


async def test_called_in_after_the_districts_number_of_meetings(store: Store) -> None:
    history(store)
    store.save_settings(talk_after=3)
    app = host(store)
    async with app.run_test(size=(120, 36)):
        assert row(app, "-unit:due:u001") == ["甲镇", "", "履约率 0%", "连续2次未完成", ""]
        assert "约谈单位 0，挂牌督办 0" in text(app, "#review-summary")


async def test_home_says_who_is_called_in(demo_store: Store, store: Store) -> None:
    app = demo_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(TalkLine)
        assert str(line.render()) == "约谈：河口乡（连续2次会议未完成）；挂牌督办 1 项"
    app = demo_app(store)  # nobody to call in: no line
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(TalkLine).display
