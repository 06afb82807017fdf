"""认清差距: who is behind pace, who handed in a blank month, and the problems ticked."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import DataTable, Static

from store import Store
from tests.tui.support import ViewHost, section_view
from tui.views.gaps import GapsView

HEKOU = "u014"  # 河口乡, the demo laggard
MAJI = "u013"  # 马集镇, nothing this month (白卷)
CHENGGUAN = "u001"


def make_view(store: Store, lang: str = "zh") -> GapsView:
    return section_view(GapsView, store, "behind-pace", lang)


def rows(view: GapsView) -> list[str]:
    table = view.query_one(DataTable)
    return [str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(table.row_count)]


def row_text(view: GapsView, key: str) -> list[str]:
    return [str(cell) for cell in view.query_one(DataTable).get_row(key)]


def text_of(view: GapsView, selector: str) -> str:
    return str(view.query_one(selector, Static).render())


def select(view: GapsView, key: str) -> None:
    table = view.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(key))


async def test_laggard_behind_pace_and_blank_unit_are_listed(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)):
        heading = text_of(view, "#gaps-heading")
        assert heading.startswith("2026年10月｜签约项目数 (个)｜序时进度 83.33%")
        assert "23 个单位落后序时进度，1 个单位白卷" in heading
        listed = rows(view)
        # Furthest behind first: 河口乡 has 4 of 13 signed, 30.77% against 83.33%; last of
        # the 14 towns, 38.5 points behind 杨庄镇 just ahead.
        assert listed[0] == HEKOU
        assert row_text(view, HEKOU)[:6] == ["河口乡", "30.77%", "-52.6", "14/14", "38.5", "-"]
        assert row_text(view, MAJI)[6] == "白卷"
        assert row_text(view, HEKOU)[6] == ""
        # Behind pace is sorted by how far behind.
        paces = [float(row_text(view, key)[2]) for key in listed]
        assert paces == sorted(paces)
        assert "问题类别" in text_of(view, "#gaps-categories")
        assert "1 思想不够主动" in text_of(view, "#gaps-categories")


async def test_gap_to_the_unit_ahead_and_behind_is_named(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, "u009")  # 白沙镇, tenth of the towns with three others at 69.23%
        await pilot.pause()
        detail = text_of(view, "#gaps-detail")
        assert "白沙镇｜乡镇（街道）第 10/14 名" in detail
        assert "差前一名 马集镇 7.7 个百分点" in detail  # 76.92% − 69.23%
        assert "与 金桥镇 并列" in detail


async def test_a_rate_short_of_its_target_and_a_blank_unit_above_it(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        for _ in range(6):
            await pilot.press("right_square_bracket")  # 开工率: against its 60 % target
        heading = text_of(view, "#gaps-heading")
        assert heading == "2026年10月｜开工率 (%)｜13 个单位未达到目标，1 个单位白卷"
        table = view.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()][1:3] == ["开工率", "较目标"]
        # 马集镇 is 10 points above the target but handed in a blank month: listed last.
        assert rows(view)[-1] == MAJI
        assert row_text(view, MAJI)[1:3] == ["70.00%", "+10.0"]
        assert row_text(view, MAJI)[6] == "白卷"


async def test_number_keys_tick_problems_into_the_store(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, HEKOU)
        await pilot.press("3", "1", "5")
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None
        # Stored by their Chinese labels, in the template's order whatever the keys' order.
        assert meeting.problems[HEKOU] == ("思想不够主动", "项目质量不高", "要素保障不足")
        assert row_text(view, HEKOU)[7] == "思想不够..."
        assert "问题：思想不够主动、项目质量不高、要素保障不足" in text_of(view, "#gaps-detail")
        await pilot.press("3")  # untick
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None
        assert meeting.problems[HEKOU] == ("思想不够主动", "要素保障不足")
        await pilot.press("1", "5")
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None and HEKOU not in meeting.problems
        await pilot.press("9")  # no ninth category in this template: nothing happens
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None and HEKOU not in meeting.problems


async def test_english_shows_english_labels_but_stores_chinese(demo_store: Store) -> None:
    view = make_view(demo_store, "en")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, HEKOU)
        await pilot.press("2")
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None and meeting.problems[HEKOU] == ("方法不够灵活",)
        assert "Problems: Methods not flexible" in text_of(view, "#gaps-detail")


async def test_note_on_a_laggard_is_saved(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, HEKOU)
        await pilot.press("e", *"会后约谈负责同志", "enter")
        await pilot.pause()
        meeting = demo_store.meeting(view.meeting_id)
        assert meeting is not None
        assert meeting.unit_notes["gaps"] == {HEKOU: "会后约谈负责同志"}
        assert row_text(view, HEKOU)[8] == "会后约..."  # whole below
        assert "会后约谈负责同志" in text_of(view, "#gaps-detail")


async def test_markup_in_names_and_notes_is_shown_literally(demo_store: Store) -> None:
    units = {unit.id: unit for unit in demo_store.units()}
    demo_store.save_unit(replace(units[HEKOU], name="[/oops]"))
    demo_store.save_unit(replace(units["u012"], name="[b]x[/b]"))  # 杨庄镇, just ahead of 河口乡
    view = make_view(demo_store)
    demo_store.update_meeting(
        view.meeting_id, lambda m: m.with_unit_note("gaps", HEKOU, "[b]x[/b]")
    )
    view.show_store()
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, HEKOU)
        await pilot.pause()
        assert row_text(view, HEKOU)[0] == "[/oops]"
        assert row_text(view, HEKOU)[8] == "[b]x[/b]"
        detail = text_of(view, "#gaps-detail")
        assert "[/oops]｜乡镇（街道）第 14/14 名" in detail
        assert "差前一名 [b]x[/b] 38.5" in detail
        select(view, "u012")
        await pilot.pause()
        assert "领先后一名 [/oops] 38.5" in text_of(view, "#gaps-detail")


async def test_reload_keeps_the_cursor_and_shows_another_windows_ticks(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        select(view, MAJI)
        demo_store.update_meeting(
            view.meeting_id, lambda m: m.with_problems(MAJI, ("能力素质不强",))
        )
        view.show_store()
        await pilot.pause()
        assert view.cursor_unit() == MAJI
        assert row_text(view, MAJI)[7] == "能力素质不强"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_snapshot(demo_store: Store, snap_compare: object, lang: str) -> None:
    view = make_view(demo_store, lang)
    demo_store.update_meeting(
        view.meeting_id,
        lambda m: m.with_problems(HEKOU, ("思想不够主动", "要素保障不足")).with_unit_note(
            "gaps", HEKOU, "连续两月进度滞后，会后约谈"
        ),
    )
    view.show_store()
    assert snap_compare(ViewHost(view), terminal_size=(120, 36))  # type: ignore[operator]
