"""安排部署: the secretary types commitments; what the store holds and the screen shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select

from agenda.commitments import Commitment
from agenda.periods import Period
from store import Store
from tests.conftest import NOW
from tests.tui.support import ViewHost, section_view
from tui.views.assignments import AssignmentsView
from tui.widgets.unit_picker import UnitPicker

HEKOU = "u014"  # 河口乡


def make_view(store: Store, lang: str = "zh") -> AssignmentsView:
    return section_view(AssignmentsView, store, "commitments", lang)


def mine(store: Store, view: AssignmentsView) -> list[Commitment]:
    return [c for c in store.commitments() if c.meeting_id == view.meeting_id]


async def paste(pilot: Pilot[None], text: str) -> None:
    """What a terminal sends for pasted (or IME-composed) text: one Paste event."""
    focused = pilot.app.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()


def error(view: AssignmentsView, field: str) -> str:
    label = view.query_one(f"#{field}-error", Label)
    return str(label.render()) if label.has_class("-shown") else ""


def field(view: AssignmentsView, name: str) -> str:
    return view.query_one(f"#{name}", Input).value


async def test_a_full_commitment_typed_in_chinese_is_saved(demo_store: Store) -> None:
    view = make_view(demo_store)
    before = len(demo_store.commitments())
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter")  # filter, pick the only match
        head = demo_store.unit(HEKOU).head  # type: ignore[union-attr]
        assert field(view, "owner") == head  # the owner follows the unit's head
        await paste(pilot, "新签约亿元以上项目2个，确保年底前开工")
        await pilot.press("enter")  # → owner
        await pilot.press("enter")  # keep the head → due (end of next month prefilled)
        assert field(view, "due") == "2026-12-31"
        await pilot.press("up")  # quick choice: end of this month
        assert field(view, "due") == "2026-11-30"
        await pilot.press("down")
        await pilot.press("enter")  # → metric
        view.query_one("#metric", Select).value = "signed_projects"
        await pilot.pause()
        await pilot.press("2", "enter")  # quantity, Enter on the last field saves
        await pilot.pause()
        saved = mine(demo_store, view)
        assert len(demo_store.commitments()) == before + 1
        assert len(saved) == 1
        c = saved[0]
        assert (c.unit_id, c.text, c.owner, c.due, c.metric, c.quantity) == (
            HEKOU, "新签约亿元以上项目2个，确保年底前开工", head, date(2026, 12, 31),
            "signed_projects", 2.0,
        )  # fmt: skip
        assert c.id.startswith("2026-10.") and c.created == NOW.date()
        row = [str(cell) for cell in view.query_one(DataTable).get_row(c.id)]
        assert row == ["第1项", "河口乡", "新签约亿元以上项目2个，确保年底前开工", head,
                       "2026-12-31", "-", "签约项目数", "2"]  # fmt: skip
        # Ready for the next: text and quantity cleared, unit and due kept, focus on unit.
        assert field(view, "text") == "" and field(view, "quantity") == ""
        assert view.query_one(UnitPicker).unit is not None
        assert field(view, "due") == "2026-12-31"
        assert pilot.app.focused is view.query_one(UnitPicker).input


async def test_ctrl_s_saves_from_any_field_and_alias_finds_the_unit(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"发改", "enter")  # 区发改局, also known as 发改局
        assert view.query_one(UnitPicker).unit.name == "区发改局"  # type: ignore[union-attr]
        await pilot.press(*"abc", "ctrl+s")
        await pilot.pause()
        (c,) = mine(demo_store, view)
        assert (c.text, c.metric, c.quantity) == ("abc", None, None)
        assert demo_store.unit(c.unit_id).name == "区发改局"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("field_name", "typed", "message"),
    [
        ("text", "   ", "任务内容不能为空"),
        ("owner", "", "请填写责任人"),
        ("due", "下周", "「下周」不是日期"),
        ("due", "2026-11-01", "2026-11-01 已经过去"),
        ("due", "", "请填写完成时限"),
        ("quantity", "两个", "「两个」不是数字"),
        ("quantity", "-3", "数量不能为负数"),
        ("quantity", "12,5", "「12,5」中的逗号有歧义"),  # was saved as 125
    ],
)
async def test_each_bad_field_says_why_and_nothing_is_saved(
    demo_store: Store, field_name: str, typed: str, message: str
) -> None:
    view = make_view(demo_store)
    before = demo_store.commitments()
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"赴长三角招商")
        view.query_one(f"#{field_name}", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message in error(view, field_name)
        assert demo_store.commitments() == before
        # Everything typed is still there, and the cursor is on the field to fix.
        assert field(view, "text") == ("赴长三角招商" if field_name != "text" else typed)
        assert pilot.app.focused is view.query_one(f"#{field_name}")
        # Fixed, it saves and the message goes.
        view.query_one(f"#{field_name}", Input).value = {
            "text": "赴长三角招商", "owner": "王建国", "due": "12-31", "quantity": "3"
        }[field_name]  # fmt: skip
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(view, field_name) == ""
        assert len(mine(demo_store, view)) == 1


async def test_no_unit_or_an_unknown_one_is_refused(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        view.query_one("#text", Input).value = "x"
        view.query_one("#owner", Input).value = "王"
        await pilot.press("ctrl+s")
        assert "请选择单位" in error(view, "unit")
        await pilot.press(*"火星乡", "ctrl+s")
        await pilot.pause()
        assert "没有名为「火星乡」的单位" in error(view, "unit")
        assert mine(demo_store, view) == []


async def test_edit_delete_and_undo_each(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"第一项", "ctrl+s")
        await pilot.press("enter", *"第二项", "ctrl+s")  # same unit kept: Enter keeps it
        await pilot.pause()
        first, second = mine(demo_store, view)
        assert (first.text, second.text, second.unit_id) == ("第一项", "第二项", HEKOU)

        # Edit: Enter on the listed row loads it; change the text; save updates in place.
        table = view.query_one(DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        assert field(view, "text") == "第一项"
        view.query_one("#text", Input).value = "第一项（改）"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.commitment(first.id).text == "第一项（改）"  # type: ignore[union-attr]
        assert len(mine(demo_store, view)) == 2

        # Undo the edit: the text is back.
        table.focus()
        await pilot.press("u")
        assert demo_store.commitment(first.id).text == "第一项"  # type: ignore[union-attr]

        # Delete asks first; No keeps it, Yes deletes it.
        table.move_cursor(row=1)
        await pilot.press("x", "n")
        assert demo_store.commitment(second.id) is not None
        await pilot.press("x", "y")
        await pilot.pause()
        assert demo_store.commitment(second.id) is None
        assert table.row_count == 1

        # Undo the delete: it comes back under its own number, whole.
        await pilot.press("u")
        assert demo_store.commitment(second.id) == second
        assert table.row_count == 2

        # Undo the adds, newest first, then nothing is left to undo.
        await pilot.press("u", "u")
        assert demo_store.commitment(second.id) is None
        assert demo_store.commitment(first.id) is None
        await pilot.press("u")
        assert mine(demo_store, view) == []


async def test_undo_of_a_delete_whose_number_was_reused(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"甲", "ctrl+s")
        await pilot.pause()
        (gone,) = mine(demo_store, view)
        table = view.query_one(DataTable)
        table.focus()
        await pilot.press("x", "y")
        view.form.focus_first()
        await pilot.press("enter", *"乙", "ctrl+s")  # takes the freed number
        await pilot.pause()
        (taken,) = mine(demo_store, view)
        assert taken.id == gone.id
        # Undo the add of 乙, then the delete of 甲: 甲 comes back under its own number.
        table.focus()
        await pilot.press("u", "u")
        assert demo_store.commitment(gone.id) == gone


async def test_markup_looking_text_is_stored_and_shown_literally(demo_store: Store) -> None:
    demo_store.save_unit(replace(demo_store.unit(HEKOU), name="[/oops]"))  # type: ignore[arg-type]
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"[/oo", "enter")
        await paste(pilot, "[b]x[/b]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (c,) = mine(demo_store, view)
        assert (c.unit_id, c.text) == (HEKOU, "[b]x[/b]")
        row = [str(cell) for cell in view.query_one(DataTable).get_row(c.id)]
        assert row[1:3] == ["[/oops]", "[b]x[/b]"]


async def test_reload_keeps_what_is_half_typed(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"写了一半")
        demo_store.add_commitment(
            Period(2026, 10),
            lambda new_id: Commitment(
                new_id, "u001", "另一窗口", "王", date(2026, 12, 31), meeting_id=view.meeting_id
            ),
        )
        view.show_store()
        await pilot.pause()
        assert field(view, "text") == "写了一半"
        assert view.query_one(UnitPicker).unit.id == HEKOU  # type: ignore[union-attr]
        assert view.query_one(DataTable).row_count == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_snapshot_at_80x24(demo_store: Store, snap_compare: object, lang: str) -> None:
    view = make_view(demo_store, lang)
    for unit, text, quantity in (
        ("u014", "新签约亿元以上项目2个", 2.0),
        ("u013", "确保12月份有签约项目", 1.0),
        ("u019", "赴长三角开展小分队招商", None),
    ):
        demo_store.add_commitment(
            Period(2026, 10),
            lambda new_id, unit=unit, text=text, quantity=quantity: Commitment(
                new_id, unit, text, demo_store.unit(unit).head,  # type: ignore[union-attr]
                date(2026, 12, 31), meeting_id=view.meeting_id,
                metric="signed_projects" if quantity else None, quantity=quantity,
                lead="王建国副区长" if quantity else "", supporting=("u003",) if quantity else (),
            ),
        )  # fmt: skip
    view.show_store()

    async def type_some(pilot: Pilot[None]) -> None:
        await pilot.press(*"河口", "enter")
        await pilot.press("ctrl+s")  # no text: the message shows under the field
        await pilot.pause()

    assert snap_compare(ViewHost(view), run_before=type_some, terminal_size=(80, 24))  # type: ignore[operator]


async def test_editing_one_deleted_elsewhere_keeps_the_typing(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"原文", "ctrl+s")
        await pilot.pause()
        (saved,) = mine(demo_store, view)
        table = view.query_one(DataTable)
        table.focus()
        await pilot.press("enter")
        view.query_one("#text", Input).value = "改过的"
        demo_store.delete_commitment(saved.id, expected_revision=saved.revision)  # other window
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert mine(demo_store, view) == []  # not resurrected behind the user's back
        assert field(view, "text") == "改过的"
        assert "新任务" in str(view.query_one("#form-title", Label).render())
        await pilot.press("ctrl+s")  # now saved as a new commitment
        await pilot.pause()
        assert [c.text for c in mine(demo_store, view)] == ["改过的"]


async def test_unit_picker_arrows_through_matches_and_takes_a_paste(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(80, 24)) as pilot:
        picker = view.query_one(UnitPicker)
        await pilot.press("区")  # the departments first (names starting with 区), in order
        await pilot.press("down", "down", "enter")
        assert picker.unit is not None and picker.unit.name == "区工信局"
        assert pilot.app.focused is view.query_one("#text")
        picker.input.focus()
        await pilot.pause()
        await paste(pilot, "马集")  # pasted (or composed by an IME) Chinese
        await pilot.press("enter")
        assert picker.unit is not None and picker.unit.name == "马集镇"
        assert field(view, "owner") == picker.unit.head  # the owner followed the unit


async def test_c_stops_editing_and_asks_before_discarding_edits(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        assert not view.check_action("clear", ())  # nothing loaded: c is not offered
        await pilot.press(*"河口", "enter", *"原文", "ctrl+s")
        await pilot.pause()
        table = view.query_one(DataTable)
        table.focus()
        await pilot.press("enter")  # loaded, untouched: c just stops editing
        assert view.form.editing is not None and view.check_action("clear", ())
        table.focus()
        await pilot.press("c")
        assert view.form.editing is None and field(view, "text") == ""
        table.focus()
        await pilot.press("enter")
        view.query_one("#text", Input).value = "改了一半"
        table.focus()
        await pilot.press("c", "n")  # No: the edit stays in the form
        assert view.form.editing is not None and field(view, "text") == "改了一半"
        await pilot.press("c", "y")
        assert view.form.editing is None and field(view, "text") == ""
        assert [c.text for c in mine(demo_store, view)] == ["原文"]


async def test_lead_leader_and_supporting_units_are_saved_and_shown(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"对接在谈企业", "enter")
        view.query_one("#lead", Input).focus()  # a Tab or two past the quantity
        await pilot.press(*"王建国副区长")
        view.query_one("#supporting", Input).value = "河口乡、不存在局"
        await pilot.press("ctrl+s")  # refused, said next to the field
        await pilot.pause()
        assert error(view, "supporting") == "配合单位 不存在局 不存在"
        assert mine(demo_store, view) == []
        view.query_one("#supporting", Input).value = "河口乡"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(view, "supporting") == "配合单位 河口乡 就是责任单位"
        view.query_one("#supporting", Input).value = "西城街道，商务局"  # an alias will do
        await pilot.press("ctrl+s")
        await pilot.pause()
        (saved,) = mine(demo_store, view)
        assert (saved.lead, saved.supporting) == ("王建国副区长", ("u003", "u018"))
        row = [str(cell) for cell in view.query_one(DataTable).get_row(saved.id)]
        assert row[5] == "王建国副区长；西城街道、区商务局"
        assert field(view, "lead") == "" and field(view, "supporting") == ""  # for the next


async def test_down_from_the_form_to_the_list_and_enter_edits(demo_store: Store) -> None:
    view = make_view(demo_store)
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press(*"河口", "enter", *"第一项", "ctrl+s")
        await pilot.press("enter", *"第二项", "ctrl+s")
        await pilot.pause()
        first, second = mine(demo_store, view)
        await pilot.press("enter")  # the unit kept: on to the text
        assert pilot.app.focused is view.query_one("#text", Input)
        await pilot.press("down")  # one key to the list, on the one just saved
        table = view.query_one(DataTable)
        assert pilot.app.focused is table and view.cursor_commitment() == second.id
        await pilot.press("enter")  # and one to edit it
        assert view.form.editing == second and field(view, "text") == "第二项"
        title = view.query_one("#form-title", Label).render()
        assert str(title) == "正在修改 第2项（在列表按 c 放弃修改）"
        await pilot.press("down")  # from the text field again
        await pilot.press("up", "enter")  # the first commitment, edited instead
        assert view.form.editing == first and field(view, "text") == "第一项"
        await pilot.press("up")  # the first row: up goes back to the form
        assert pilot.app.focused is view.query_one("#text", Input)
