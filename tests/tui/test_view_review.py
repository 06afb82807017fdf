"""回头看 on the demo district: what the chair sees, and what each key leaves in the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable, Input, Label, Static

from agenda.commitments import Progress, Status
from store import Store
from tests.conftest import NOW, TODAY
from tests.tui.support import ViewHost, section_view
from tui.dialogs import DatePrompt, TextPrompt
from tui.theme import Palette
from tui.views.review import ReviewView
from tui.widgets.progress_prompt import ProgressPrompt

# Demo commitments of last month's meeting (2026-09.1), as the demo builds them for TODAY.
OVERDUE = "2026-09.7"  # 北山镇, due 2026-11-13: nine days overdue
OVERDUE_2 = "2026-09.3"  # 东城街道, due 2026-11-20: the first row
DUE_SOON = "2026-09.4"  # 西城街道, due 2026-11-24: yellow
CARRIED_IN = "2026-09.1"  # 河口乡, carried over from 2026-08.9


def host(store: Store, lang: str = "zh") -> ViewHost:
    return ViewHost(section_view(ReviewView, store, "review-commitments", lang), footer=True)


def table(app: ViewHost) -> DataTable[object]:
    return app.view.query_one(DataTable)


def row(app: ViewHost, key: str) -> list[str]:
    grid = table(app)
    return [str(cell) for cell in grid.get_row_at(grid.get_row_index(key))]


def cell(app: ViewHost, key: str, column: int) -> Text:
    grid = table(app)
    value = grid.get_row_at(grid.get_row_index(key))[column]
    assert isinstance(value, Text)
    return value


def select(app: ViewHost, key: str) -> None:
    grid = table(app)
    grid.move_cursor(row=grid.get_row_index(key), animate=False)


def shown(app: ViewHost, selector: str) -> str:
    return str(app.view.query_one(selector, Static).render())


async def test_overdue_is_red_and_due_soon_is_yellow(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)):
        red, yellow = Palette.of(app.view).bad, Palette.of(app.view).warn
        error = Style(color=app.get_css_variables()["error"]).color  # the theme's, not a hex
        assert red.color == error and red.color != yellow.color
        assert row(app, OVERDUE) == [
            "  第7项 组织产业链招商推介会",
            "郭秀英",
            "2026-11-13",
            "逾期9天",
            "",
        ]
        assert cell(app, OVERDUE, 2).style == red
        assert cell(app, OVERDUE, 3).style == red
        assert row(app, DUE_SOON)[2:4] == ["2026-11-24", "还有2天"]
        assert cell(app, DUE_SOON, 3).style == yellow


async def test_unit_rows_carry_fulfilment_and_misses_in_a_row(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        # 河口乡 missed at the two meetings before this one and its task, carried over
        # twice, is overdue again at this one: three meetings running, called in (约谈);
        # the task is under supervision (挂牌督办). 0 of 3 on time.
        assert row(app, "-unit:due:u014") == ["河口乡", "", "履约率 0%", "连续3次未完成", "约谈"]
        select(app, "-unit:due:u014")  # a unit row: the cursor steps onto its commitment
        await pilot.pause()
        assert app.view._selected_key() == CARRIED_IN
        history = shown(app, "#review-history-text").splitlines()
        assert history[0] == "河口乡：履约率 0%，连续3次会议未完成，约谈"
        assert history[1] == "第10次会议第1项：对接在谈企业落实投资协议（责任人：王明亮）"
        assert "由第9次会议第9项结转而来（原定 2026-10-20）" in history[-1]
        # 龙泉镇: August's done on time, September's overdue: missed at this meeting.
        assert row(app, "-unit:due:u011") == ["龙泉镇", "", "履约率 50%", "连续1次未完成", ""]
        assert row(app, "-unit:later:u003") == ["西城街道", "", "履约率 100%", "", ""]
        assert row(app, CARRIED_IN)[4] == "挂牌督办"
        assert shown(app, "#review-summary").splitlines() == [
            "回头看 20 项｜到期 8：完成 0，部分完成 0，未完成 0，撤销 0，待办 8",
            "未到期 12：本次记进展 0｜约谈单位 1，挂牌督办 1｜履约率 53.6%（15/28，近一年）",
        ]


async def test_done_is_stored_with_this_meeting_and_shown(demo_store: Store) -> None:
    app = host(demo_store)
    meeting_id = app.view.meeting_id
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.view._selected_key() == OVERDUE_2  # the first commitment is selected
        await pilot.press("d")
        stored = demo_store.commitment(OVERDUE_2)
        assert stored is not None and stored.status is Status.DONE
        assert stored.history[-1].meeting_id == meeting_id
        assert stored.history[-1].on == TODAY
        assert row(app, OVERDUE_2)[3:5] == ["完成", ""]
        assert "完成 1，" in shown(app, "#review-summary")
        assert app.view._selected_key() == OVERDUE_2  # the cursor stays on the row


async def test_a_wrong_mark_is_corrected_and_both_stay_on_record(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("d", "b", "x", "r")
        stored = demo_store.commitment(OVERDUE_2)
        assert stored is not None and stored.status is Status.DROPPED
        assert [change.status for change in stored.history] == [
            Status.DONE,
            Status.PARTIAL,
            Status.MISSED,
            Status.DROPPED,
        ]
        assert row(app, OVERDUE_2)[3] == "撤销"
        history = shown(app, "#review-history-text")
        assert "2026-11-22 完成（第11次会议）" in history
        assert "2026-11-22 撤销（第11次会议）" in history


async def test_carry_over_links_old_and_new(demo_store: Store) -> None:
    app = host(demo_store)
    meeting_id = app.view.meeting_id
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, OVERDUE)
        await pilot.press("c")
        assert isinstance(app.screen, DatePrompt)
        await pilot.press(*"2026-12-31", "enter")
        old = demo_store.commitment(OVERDUE)
        assert old is not None and old.status is Status.MISSED and old.carried_to
        new = demo_store.commitment(old.carried_to)
        assert new is not None
        assert new.id.startswith("2026-10.")
        assert (new.carried_from, new.due, new.meeting_id) == (
            OVERDUE,
            date(2026, 12, 31),
            meeting_id,
        )
        assert (new.unit_id, new.text, new.owner) == (old.unit_id, old.text, old.owner)
        nth = new.nth_in_meeting
        assert row(app, OVERDUE)[3] == "未完成"
        assert row(app, OVERDUE)[4] == f"转至本次第{nth}项"  # whole, never "转至 2"
        assert f"已结转为本次第{nth}项，新到期日 2026-12-31" in shown(app, "#review-history-text")
        assert shown(app, "#review-flash") == f"已结转为本次第{nth}项，到期 2026-12-31"


async def test_carry_over_cancelled_with_escape_changes_nothing(demo_store: Store) -> None:
    app = host(demo_store)
    before = demo_store.commitments()
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, OVERDUE)
        await pilot.press("c", "escape")
        assert demo_store.commitments() == before
        await pilot.press("d")  # the view still answers its keys
        stored = demo_store.commitment(OVERDUE)
        assert stored is not None and stored.status is Status.DONE


async def test_extend_keeps_the_original_due_date_on_record(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, DUE_SOON)
        await pilot.press("e", *"2026-12-15", "enter")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # no reason: refused next to the field, nothing saved
        assert "请写明延期理由" in str(app.screen.query_one("#error", Static).render())
        assert demo_store.commitment(DUE_SOON).extensions == ()  # type: ignore[union-attr]
        await pilot.press(*"土地指标待批", "enter")
        stored = demo_store.commitment(DUE_SOON)
        assert stored is not None
        assert stored.due == date(2026, 11, 24)
        assert stored.effective_due == date(2026, 12, 15)
        assert stored.extensions[0].reason == "土地指标待批"
        assert row(app, DUE_SOON)[2:5] == ["2026-12-15", "还有23天", "已延期"]
        assert "2026-11-22 延期至 2026-12-15，理由：土地指标待批" in shown(
            app, "#review-history-text"
        )


async def test_extending_an_overdue_commitment_is_refused_with_the_rule(
    demo_store: Store,
) -> None:
    app = host(demo_store)
    before = demo_store.commitment(OVERDUE)
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, OVERDUE)
        await pilot.press("e")
        assert app.screen is app.screen_stack[0]  # no date asked for
        assert shown(app, "#review-flash") == (
            "已逾期（2026-11-13 到期），不能延期：请标记未完成并结转。"
        )
        assert demo_store.commitment(OVERDUE) == before


async def test_m_notes_progress_on_an_open_one_and_a_note_on_an_outcome(
    demo_store: Store,
) -> None:
    app = host(demo_store)
    here = app.view.meeting_id
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, DUE_SOON)
        await pilot.press("m")  # open: 推进情况, with a share done if one is said
        assert isinstance(app.screen, ProgressPrompt)
        await pilot.press(*"已对接客商", "enter", *"６０%", "enter")
        stored = demo_store.commitment(DUE_SOON)
        assert stored is not None and stored.status is Status.OPEN and stored.history == ()
        assert stored.progress == (Progress(TODAY, "已对接客商", 60.0, here),)
        assert row(app, DUE_SOON)[4] == "进度60%"
        assert "2026-11-22 推进情况（第11次会议），完成60%：已对接客商" in shown(
            app, "#review-history-text"
        )
        select(app, OVERDUE)
        await pilot.press("x", "m", *"资金未落实", "enter")  # on the missed mark just made
        stored = demo_store.commitment(OVERDUE)
        assert stored is not None
        assert [(c.status, c.note) for c in stored.history] == [(Status.MISSED, "资金未落实")]
        assert stored.progress == ()


async def test_a_note_never_rewrites_what_a_closed_meeting_recorded(demo_store: Store) -> None:
    """Its last outcome recorded at a meeting since closed: a note today is an entry of its
    own, at this meeting; the closed meeting's record stays as it was."""
    app = host(demo_store)
    here = app.view.meeting_id
    demo_store.update_commitment(DUE_SOON, lambda c: c.mark(Status.PARTIAL, TODAY, meeting_id=here))
    demo_store.update_meeting("2026-09.1", lambda m: m.reopen(NOW, "chair"))
    demo_store.update_commitment(
        DUE_SOON, lambda c: c.mark(Status.DONE, TODAY, meeting_id="2026-09.1", note="已签约")
    )
    demo_store.update_meeting("2026-09.1", lambda m: m.close(NOW, "chair"))
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, DUE_SOON)
        await pilot.press("m", *"合同已备案", "enter")
        stored = demo_store.commitment(DUE_SOON)
        assert [(c.meeting_id, c.note) for c in stored.history] == [
            (here, ""),
            ("2026-09.1", "已签约"),
            (here, "合同已备案"),
        ]


async def test_user_text_that_looks_like_markup_is_shown_as_typed(demo_store: Store) -> None:
    unit = demo_store.unit("u002")
    assert unit is not None
    demo_store.save_units([replace(unit, name="[/oops]")])
    # Made at last month's meeting, closed: reopened to change it, as the office would.
    made_at = demo_store.commitment(OVERDUE_2).meeting_id
    demo_store.update_meeting(made_at, lambda m: m.reopen(NOW, "chair"))
    demo_store.update_commitment(OVERDUE_2, lambda c: replace(c, text="[b]x[/b] 到位资金"))
    demo_store.update_meeting(made_at, lambda m: m.close(NOW, "chair"))
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert row(app, "-unit:due:u002")[0] == "[/oops]"
        assert row(app, OVERDUE_2)[0] == "  第3项 [b]x[/b] 到位资金"
        await pilot.press("m", *"[i]why[/i]", "enter", "enter")  # its progress
        assert "[i]why[/i]" in shown(app, "#review-history-text")
        assert "[b]x[/b] 到位资金（责任人：何春梅）" in shown(app, "#review-history-text")


async def test_reload_shows_another_windows_save_and_keeps_the_cursor(
    demo_store: Store,
) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, CARRIED_IN)
        meeting_id = app.view.meeting_id
        demo_store.update_commitment(
            CARRIED_IN, lambda c: c.mark(Status.PARTIAL, TODAY, meeting_id=meeting_id)
        )
        app.view.show_store()
        await pilot.pause()
        assert row(app, CARRIED_IN)[3] == "部分完成"
        assert app.view._selected_key() == CARRIED_IN


async def test_the_cursor_steps_over_headings(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.view._selected_key() == OVERDUE_2  # row 2, under 到期应办 and 东城街道
        await pilot.press("down")  # over 北山镇's row
        assert app.view._selected_key() == OVERDUE
        await pilot.press("up")
        assert app.view._selected_key() == OVERDUE_2
        await pilot.press("up")  # the headings above: nowhere to go
        assert app.view._selected_key() == OVERDUE_2
        await pilot.press("down", "down", "d")  # two presses, two commitments on
        stored = demo_store.commitment("2026-09.12")
        assert stored is not None and stored.status is Status.DONE


async def test_nothing_due_says_so(store: Store) -> None:
    app = host(store, "en")
    async with app.run_test(size=(120, 36)):
        empty = app.view.query_one("#review-empty", Static)
        assert empty.display and not table(app).display
        assert str(empty.render()).startswith("Nothing to review")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_snapshot_at_80x24(demo_store: Store, snap_compare: object, lang: str) -> None:
    """The smallest terminal: every column whole but the task, cut to fit; the keys."""
    app = host(demo_store, lang)
    assert snap_compare(app, terminal_size=(80, 24))  # type: ignore[operator]


async def test_a_done_commitment_is_not_carried_over_or_extended(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, DUE_SOON)
        await pilot.press("d")
        after_done = demo_store.commitments()
        await pilot.press("c")
        assert app.screen is app.screen_stack[0]
        assert shown(app, "#review-flash") == "已完成的任务不再结转。"
        await pilot.press("e")
        assert shown(app, "#review-flash") == "已完成的任务不能延期。"
        assert demo_store.commitments() == after_done


async def test_a_carried_over_commitment_is_not_carried_twice(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, OVERDUE)
        await pilot.press("c", "enter")  # the choice offered first: end of next month
        old = demo_store.commitment(OVERDUE)
        assert old is not None and old.carried_to is not None
        new = demo_store.commitment(old.carried_to)
        assert new is not None and new.due == date(2026, 12, 31)
        count = len(demo_store.commitments())
        await pilot.press("c")
        assert shown(app, "#review-flash") == f"已结转为 {new.id}，不能重复结转。"
        assert len(demo_store.commitments()) == count


async def test_escape_on_the_reason_goes_back_to_the_date_as_typed(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        select(app, DUE_SOON)
        await pilot.press("e", *"12-15", "enter", "escape")
        assert isinstance(app.screen, DatePrompt)
        assert app.screen.query_one(Input).value == "2026-12-15"
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]
        stored = demo_store.commitment(DUE_SOON)
        assert stored is not None and stored.extensions == ()


async def test_the_extend_picker_opens_on_its_first_choice_and_says_so(demo_store: Store) -> None:
    app = host(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        select(app, DUE_SOON)  # due 2026-11-24: the ends of the months after it
        await pilot.press("e")
        prompt = app.screen
        assert isinstance(prompt, DatePrompt)
        assert [day.isoformat() for _, day in prompt.choices] == [
            "2026-11-30",
            "2026-12-31",
            "2027-01-31",
        ]
        selected = prompt.query_one("#selected", Label)
        assert str(selected.render()) == "已选：11月底  2026-11-30（回车确认）"
        await pilot.press("down")
        assert str(selected.render()) == "已选：12月底  2026-12-31（回车确认）"
        await pilot.press("enter", *"土地指标待批", "enter")
        stored = demo_store.commitment(DUE_SOON)
        assert stored is not None and stored.effective_due == date(2026, 12, 31)
