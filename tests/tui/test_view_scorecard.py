"""肯定成绩: the scorecard view shows each unit's exact figures, sorts, and keeps notes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import DataTable, Static

from store import Store
from tests.tui.support import ViewHost, section_view
from tui.views.scorecard import TOTAL_KEY, ScorecardView

CHENGGUAN = "u001"  # 城关镇
LEADER = "u015"  # 经济开发区


def make_view(store: Store, lang: str = "zh") -> ScorecardView:
    return section_view(ScorecardView, store, "scorecard", lang)


def row_text(view: ScorecardView, key: str) -> list[str]:
    table = view.query_one(DataTable)
    return [str(cell) for cell in table.get_row(key)]


def heading(view: ScorecardView) -> str:
    return str(view.query_one("#scorecard-heading", Static).render())


def detail(view: ScorecardView) -> str:
    return str(view.query_one("#scorecard-detail", Static).render())


def select(view: ScorecardView, key: str) -> None:
    table = view.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(key))


def unit_order(view: ScorecardView) -> list[str]:
    table = view.query_one(DataTable)
    return [str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(table.row_count)]


async def test_exact_figures_and_switching_metric(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        lines = heading(view).splitlines()
        assert lines[0].startswith("2026年10月｜签约项目数 (个)｜序时进度 83.33%")
        # The leaders of each group, by the top-N rules; the share of units at target.
        assert lines[1] == "位居前列（*）：乡镇（街道） 青石镇｜园区 经济开发区"
        assert lines[2] == (
            "完成年度任务：36 个单位中 3 个，占 8.3%；落后序时进度 23 个"
            "｜各项指标均完成：36 个单位中 0 个，占 0.0%"
        )
        # 经济开发区: 48 signed against 40 → 120%, 36.7 points ahead of 83.33%.
        assert row_text(view, LEADER) == [
            "*1", "经济开发区", "48", "40", "120.00%", "+36.7", "2", "-60.0%", "+14.3%", "",
        ]  # fmt: skip
        await pilot.press("right_square_bracket")
        assert "签约金额 (亿元)" in heading(view)
        # 城关镇 on 签约金额: 31.30 of 33 亿元 = 94.85%, 11.5 points ahead of pace, first town.
        assert row_text(view, CHENGGUAN) == [
            "*1", "城关镇", "31.30", "33.00", "94.85%", "+11.5", "2.96", "+107.0%", "+42.5%", "",
        ]  # fmt: skip
        assert row_text(view, TOTAL_KEY)[1:5] == ["全区合计", "789.31", "990.00", "79.73%"]
        assert row_text(view, "__group__0")[1:5] == [
            "乡镇（街道）小计",
            "348.89",
            "462.00",
            "75.52%",
        ]
        await pilot.press("left_square_bracket")
        assert row_text(view, CHENGGUAN)[2] == "11"
        assert "签约项目数" in heading(view)


async def test_a_rate_from_its_sums_against_its_target(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        for _ in range(6):
            await pilot.press("right_square_bracket")  # 开工率
        assert heading(view).startswith("2026年10月｜开工率 (%)｜按合计计算：开工项目 / 签约项目数")
        assert "达到目标：36 个单位中 23 个，占 63.9%；未达到目标 13 个" in heading(view)
        assert "序时进度" not in heading(view)
        table = view.query_one(DataTable)
        headers = [str(column.label) for column in table.columns.values()]
        assert headers[2:9] == [
            "开工率", "目标", "较目标", "开工项目", "签约项目数", "环比(百分点)", "同比(百分点)",
        ]  # fmt: skip
        # The district: 213 started of 329 signed = 64.74 %, 4.7 points above the 60 % target.
        assert row_text(view, TOTAL_KEY)[1:9] == [
            "全区合计", "64.74%", "60.00%", "+4.7", "213", "329", "+1.2", "+0.7",
        ]  # fmt: skip
        assert row_text(view, CHENGGUAN)[2:7] == ["63.64%", "60.00%", "+3.6", "7", "11"]


async def test_fulfilment_from_the_review(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press("left_square_bracket")  # wraps round to the last metric, 履约率
        assert heading(view).startswith("2026年10月｜履约率 (%)｜截至10月31日：按时完成 / 到期任务")
        assert row_text(view, TOTAL_KEY)[1:7] == [
            "全区合计",
            "68.75%",
            "90.00%",
            "-21.3",
            "11",
            "16",
        ]


async def test_sort_cycles_through_completion_value_name_change(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press("right_square_bracket")  # 签约金额
        assert unit_order(view)[:3] == [TOTAL_KEY, CHENGGUAN, "u010"]  # the first towns
        await pilot.press("s")  # completion: same as rank here
        assert "排序：完成率" in heading(view)
        assert unit_order(view)[1] == CHENGGUAN
        await pilot.press("s")  # value: the biggest amount first, within each group
        assert "排序：累计值" in heading(view)
        towns = unit_order(view)[1:15]
        values = [float(row_text(view, key)[2]) for key in towns]
        assert values == sorted(values, reverse=True)
        await pilot.press("s")  # the district's own order
        assert unit_order(view)[1:4] == ["u001", "u002", "u003"]
        await pilot.press("s")  # 同比, highest growth first
        assert "排序：同比" in heading(view)
        towns = unit_order(view)[1:15]
        growth = [float(row_text(view, key)[8].rstrip("%")) for key in towns]
        assert growth == sorted(growth, reverse=True)
        assert row_text(view, unit_order(view)[15])[1] == "乡镇（街道）小计"
        await pilot.press("s")
        assert "排序：名次" in heading(view)


async def test_note_on_a_unit_is_saved_and_shown(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, CHENGGUAN)
        await pilot.pause()
        # Said as the bulletin says it: 11 of 13 is 84.62 %, 1.3 points ahead of 83.33 %.
        assert detail(view).startswith("城关镇｜超序时进度1.3个百分点，同比增长37.5%｜")
        await pilot.press("e")
        await pilot.press(*"产业链招商成效明显 签约3个亿元项目", "enter")
        await pilot.pause()
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None
        assert meeting.unit_notes["achievements"][CHENGGUAN] == "产业链招商成效明显 签约3个亿元项目"
        # The table cuts a long note to 10 cells; the line below shows it whole.
        assert row_text(view, CHENGGUAN)[-1] == "产业链..."
        assert "产业链招商成效明显 签约3个亿元项目" in detail(view)


async def test_escape_in_the_note_prompt_saves_nothing(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, CHENGGUAN)
        await pilot.press("e", *"draft", "escape")
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None and "achievements" not in meeting.unit_notes


async def test_markup_in_names_and_notes_is_shown_literally(demo_store: Store) -> None:
    demo_store.save_unit(replace(demo_store.units()[0], name="[/oops]"))
    view = make_view(demo_store)
    demo_store.update_meeting(
        view.meeting_id, lambda m: m.with_unit_note("achievements", CHENGGUAN, "[b]x[/b]")
    )
    view.show_store()
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, CHENGGUAN)
        await pilot.pause()
        assert row_text(view, CHENGGUAN)[1] == "[/oops]"
        assert row_text(view, CHENGGUAN)[-1] == "[b]x[/b]"
        assert "[/oops]" in detail(view) and "[b]x[/b]" in detail(view)


async def test_reload_shows_another_windows_note_and_keeps_the_cursor(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press("down", "down", "down")
        before = view.cursor_unit()
        assert before is not None
        demo_store.update_meeting(
            view.meeting_id, lambda m: m.with_unit_note("achievements", before, "外地经验")
        )
        view.show_store()
        await pilot.pause()
        assert view.cursor_unit() == before
        assert row_text(view, before)[-1] == "外地经验"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_snapshot(demo_store: Store, snap_compare: object, lang: str) -> None:
    view = make_view(demo_store, lang)
    demo_store.update_meeting(
        view.meeting_id,
        lambda m: m.with_unit_note("achievements", LEADER, "产业链招商成效明显，值得推广"),
    )
    view.show_store()
    assert snap_compare(ViewHost(view), press=["right_square_bracket"], terminal_size=(120, 36))  # type: ignore[operator]
