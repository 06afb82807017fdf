"""单位与目标 on the demo district: each edit lands in the store, bad figures never do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from agenda.metrics import Reading, Target
from agenda.periods import Period
from agenda.scorecard import build_scorecard
from agenda.units import UnitKind, sorted_units
from agenda.usecases.district import District
from store import Store
from tests.conftest import NOW
from tui.app import DiaoduApp
from tui.context import Context
from tui.dialogs import TextPrompt
from tui.screens._units_figures import ReadingsPane, TargetsPane
from tui.screens._units_list import UnitsPane
from tui.screens.units import UnitsScreen
from tui.theme import PROJECTOR

LATEST = Period(2026, 10)  # the demo's last month with readings


async def open_units(app: DiaoduApp | Host, pilot: Pilot[None]) -> UnitsScreen:
    await pilot.pause()
    screen = UnitsScreen(app.ctx)
    app.push_screen(screen)
    await pilot.pause()
    return screen


def cells(table: DataTable[object], key: str) -> list[str]:
    return [str(cell) for cell in table.get_row_at(table.get_row_index(key))]


def flash(screen: UnitsScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def prompt_error(app: App[None]) -> str:
    assert isinstance(app.screen, TextPrompt)
    return str(app.screen.query_one("#error", Static).render())


async def retype(pilot: Pilot[None], text: str) -> None:
    """Clear the prompt's field and type `text`, as a user would (Chinese included)."""
    await pilot.press("ctrl+u", *text)


def select_row(screen: UnitsScreen, unit_id: str) -> None:
    table = screen.query_one("#units-table", DataTable)
    table.move_cursor(row=table.get_row_index(unit_id), animate=False)


def app_for(store: Store, lang: str = "zh") -> DiaoduApp:
    return DiaoduApp(District(store, lambda: NOW), lang)


class Host(App[None]):
    """The units screen over a blank one: no home screen to compute, a second faster."""

    CSS_PATH = DiaoduApp.CSS_PATH

    def __init__(self, store: Store, lang: str = "zh") -> None:
        super().__init__()
        self.ctx = Context(District(store, lambda: NOW), lang)
        self.register_theme(PROJECTOR)
        self.theme = PROJECTOR.name


async def test_add_a_unit_with_a_chinese_name(demo_store: Store) -> None:
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        await pilot.press("a", *"新城街道", "enter")
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value == "乡镇街道"  # the usual kind, offered
        await pilot.press("enter", *"赵一鸣", "enter")
        added = [unit for unit in demo_store.units() if unit.name == "新城街道"]
        assert len(added) == 1
        unit = added[0]
        assert (unit.id, unit.kind, unit.head, unit.active) == (
            "u037",
            UnitKind.TOWN,
            "赵一鸣",
            True,
        )
        assert unit.order == max(u.order for u in demo_store.units())
        table = screen.query_one("#units-table", DataTable)
        assert cells(table, "u037")[:5] == ["37", "新城街道", "乡镇街道", "赵一鸣", "在用"]
        assert flash(screen, "#units-flash") == "已新增单位：新城街道"


async def test_a_name_already_taken_or_empty_is_refused_in_the_prompt(demo_store: Store) -> None:
    app = Host(demo_store)
    before = demo_store.units()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_units(app, pilot)
        await pilot.press("a", *"河口乡", "enter")
        assert prompt_error(app) == "已有单位叫「河口乡」。"
        await pilot.press("ctrl+u", "enter")
        assert prompt_error(app) == "请输入单位名称。"
        await pilot.press("escape")
        assert demo_store.units() == before


async def test_an_unknown_kind_is_refused_and_park_is_understood(demo_store: Store) -> None:
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_units(app, pilot)
        await pilot.press("a", *"临港产业园", "enter")
        await retype(pilot, "工厂")
        await pilot.press("enter")
        assert prompt_error(app).startswith("「工厂」不是单位类别")
        await retype(pilot, "园区")
        await pilot.press("enter", "enter")
        unit = next(unit for unit in demo_store.units() if unit.name == "临港产业园")
        assert (unit.kind, unit.head) == (UnitKind.PARK, "")


async def test_rename_keeps_the_old_name_as_an_alias(demo_store: Store) -> None:
    app = Host(demo_store)
    commitments_before = [c for c in demo_store.commitments() if c.unit_id == "u014"]
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        select_row(screen, "u014")
        await pilot.press("r")
        assert app.screen.query_one(Input).value == "河口乡"
        await retype(pilot, "河口镇")
        await pilot.press("enter")
        unit = demo_store.unit("u014")
        assert unit is not None and (unit.name, unit.aliases) == ("河口镇", ("河口乡",))
        assert [c for c in demo_store.commitments() if c.unit_id == "u014"] == commitments_before
        assert cells(screen.query_one("#units-table", DataTable), "u014")[1] == "河口镇"


async def test_retire_keeps_history_and_hides_the_unit_from_targets(demo_store: Store) -> None:
    app = Host(demo_store)
    history = [c for c in demo_store.commitments(include_archive=True) if c.unit_id == "u014"]
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        select_row(screen, "u014")
        await pilot.press("x")
        unit = demo_store.unit("u014")
        assert unit is not None and unit.active is False
        assert "u014" not in {u.id for u in sorted_units(demo_store.units())}
        kept = [c for c in demo_store.commitments(include_archive=True) if c.unit_id == "u014"]
        assert kept == history
        assert any(t.unit_id == "u014" for t in demo_store.targets(2026))
        assert cells(screen.query_one("#units-table", DataTable), "u014")[4] == "已撤并"
        assert flash(screen, "#units-flash").startswith("河口乡 已撤并")
        await pilot.press("2")
        targets = screen.query_one(TargetsPane).query_one(DataTable)
        assert targets.row_count == 35
        await pilot.press("1", "x")  # and back again
        assert demo_store.unit("u014").active is True  # type: ignore[union-attr]


async def test_move_down_and_up_reorders_and_keeps_the_cursor(demo_store: Store) -> None:
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        await pilot.press("J")
        assert [u.name for u in demo_store.units()[:3]] == ["东城街道", "城关镇", "西城街道"]
        assert screen.query_one(UnitsPane).selected_id() == "u001"
        await pilot.press("ctrl+down", "K")
        assert [u.name for u in demo_store.units()[:3]] == ["东城街道", "城关镇", "西城街道"]
        assert [u.order for u in demo_store.units()] == list(range(1, 37))


async def test_set_a_target(demo_store: Store) -> None:
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        await pilot.press("2", "enter")  # 城关镇 × 签约项目数 is selected first
        assert app.screen.query_one(Input).value == "13"
        await retype(pilot, "15")
        await pilot.press("enter")
        assert Target("u001", "signed_projects", 2026, 15.0) in demo_store.targets(2026)
        pane = screen.query_one(TargetsPane)
        assert cells(pane.query_one(DataTable), "u001")[:2] == ["城关镇", "15"]
        assert flash(screen, "#figures-flash") == "已保存：城关镇 签约项目数 2026 年度任务 15"


BAD_FIGURES = [  # in the domain's words (agenda/strings/number.yaml), as an import says them
    ("-3", "-3 为负数，不能填写负数"),
    ("十五", "「十五」不是数字：请填如 12 或 3.5"),
    ("", "请填写数值"),
    ("nan", "「nan」不是数字：请填如 12 或 3.5"),
]


async def test_a_bad_target_is_refused_with_a_message_and_nothing_saved(
    demo_store: Store,
) -> None:
    app = Host(demo_store)
    before = demo_store.targets()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_units(app, pilot)
        await pilot.press("2", "enter")
        for typed, message in BAD_FIGURES:
            await retype(pilot, typed)
            await pilot.press("enter")
            assert prompt_error(app) == message, typed
            assert demo_store.targets() == before
        await pilot.press("escape")
        assert not isinstance(app.screen, TextPrompt)
        assert demo_store.targets() == before


async def test_next_years_targets_and_full_width_digits(demo_store: Store) -> None:
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        await pilot.press("2", "right_square_bracket")
        assert "2027 年度任务" in flash(screen, "#figures-heading")
        await pilot.press("enter", *"１，２００", "enter")  # typed with a Chinese IME
        assert demo_store.targets(2027) == [Target("u001", "signed_projects", 2027, 1200.0)]


async def test_correcting_a_reading_changes_the_scorecard(demo_store: Store) -> None:
    metric = next(m for m in demo_store.metrics() if m.key == "signed_amount")

    def scorecard_value() -> float | None:
        card = build_scorecard(metric, demo_store.units(), demo_store.figures(LATEST), LATEST)
        row = card.row("u001")
        assert row is not None
        return row.value

    before = scorecard_value()
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        await pilot.press("3")
        pane = screen.query_one(ReadingsPane)
        assert pane.period == LATEST
        assert flash(screen, "ReadingsPane #figures-heading") == "2026年10月 累计完成（1-10月）"
        await pilot.press("right", "enter")
        assert app.screen.query_one(Input).value == f"{before:g}"
        await retype(pilot, "21.5")
        await pilot.press("enter")
        assert Reading("u001", "signed_amount", LATEST, 21.5) in demo_store.readings([2026])
        assert before != 21.5 and scorecard_value() == 21.5
        assert cells(pane.query_one(DataTable), "u001")[2] == "21.5"


async def test_markup_in_a_name_is_shown_as_typed(demo_store: Store) -> None:
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        await pilot.press("a", *"[/oops]", "enter", "enter", *"[b]x[/b]", "enter")
        unit = next(u for u in demo_store.units() if u.name == "[/oops]")
        assert cells(screen.query_one("#units-table", DataTable), unit.id)[1:4] == [
            "[/oops]",
            "乡镇街道",
            "[b]x[/b]",
        ]


async def test_escape_goes_back(demo_store: Store) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        assert app.screen is screen
        await pilot.press("escape")
        assert app.screen is not screen and not isinstance(app.screen, UnitsScreen)


def opened(tab: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, DiaoduApp)
        await open_units(app, pilot)
        await pilot.press(tab)

    return run_before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_snapshot(demo_store: Store, snap_compare: object, lang: str) -> None:
    app = app_for(demo_store, lang)
    assert snap_compare(app, terminal_size=(120, 36), run_before=opened("1"))  # type: ignore[operator]


async def test_head_and_kind_are_edited(demo_store: Store) -> None:
    app = Host(demo_store, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        select_row(screen, "u017")  # 区发改局
        await pilot.press("h")
        await retype(pilot, "周强")
        await pilot.press("enter", "t")
        assert app.screen.query_one(Input).value == "Department"
        await retype(pilot, "park")
        await pilot.press("enter")
        unit = demo_store.unit("u017")
        assert unit is not None and (unit.head, unit.kind) == ("周强", UnitKind.PARK)
        assert cells(screen.query_one("#units-table", DataTable), "u017")[2:4] == ["Park", "周强"]
        assert flash(screen, "#units-flash") == "区发改局 is now: Park"


async def test_readings_of_an_earlier_month(demo_store: Store) -> None:
    app = Host(demo_store)
    september = {
        r.unit_id: r.value
        for r in demo_store.readings([2026])
        if r.period == Period(2026, 9) and r.metric == "signed_projects"
    }
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        await pilot.press("3", "left_square_bracket")
        pane = screen.query_one(ReadingsPane)
        assert pane.period == Period(2026, 9)
        assert flash(screen, "ReadingsPane #figures-heading") == "2026年9月 累计完成（1-9月）"
        table = pane.query_one(DataTable)
        assert cells(table, "u014")[1] == f"{september['u014']:g}"
        await pilot.press("enter", "ctrl+u", "7", "enter")
        saved = [r for r in demo_store.readings([2026]) if r.period == Period(2026, 9)]
        assert Reading("u001", "signed_projects", Period(2026, 9), 7.0) in saved


async def test_another_windows_save_shows_and_the_cursor_stays(demo_store: Store) -> None:
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        select_row(screen, "u014")
        unit = demo_store.unit("u014")
        assert unit is not None
        demo_store.save_units([replace(unit, head="陈新")])  # the secretary's window
        screen.show_store()
        await pilot.pause()
        assert screen.query_one(UnitsPane).selected_id() == "u014"
        assert cells(screen.query_one("#units-table", DataTable), "u014")[3] == "陈新"


async def test_escape_in_the_add_steps_goes_back_a_step_keeping_the_answer(
    demo_store: Store,
) -> None:
    app = Host(demo_store)
    before = demo_store.units()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_units(app, pilot)
        await pilot.press("a", *"新城街道", "enter")
        await retype(pilot, "园区")
        await pilot.press("enter", "escape")  # from the head back to the kind
        assert app.screen.query_one(Input).value == "园区"
        await pilot.press("escape")  # from the kind back to the name
        assert app.screen.query_one(Input).value == "新城街道"
        await pilot.press("escape")  # and out: nothing added
        assert not isinstance(app.screen, TextPrompt)
        assert demo_store.units() == before


async def test_a_worked_out_rate_has_a_target_but_no_reading_to_type(demo_store: Store) -> None:
    app = Host(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units(app, pilot)
        await pilot.press("2")
        targets = screen.query_one(TargetsPane).query_one(DataTable)
        target_columns = [str(key.value) for key in targets.columns]
        assert target_columns[-3:] == ["start_rate", "funds_rate", "fulfilment"]
        await pilot.press("3")
        readings = screen.query_one(ReadingsPane).query_one(DataTable)
        reading_columns = [str(key.value) for key in readings.columns]
        # 开工率, 资金到位率 and 履约率 come from their parts: never typed in.
        assert reading_columns[-1] == "foreign_capital"
        assert "start_rate" not in reading_columns


async def test_a_name_that_is_another_units_alias_says_whose(demo_store: Store) -> None:
    """Readings are matched by name: a new unit called 发改局 would take 区发改局's."""
    app = Host(demo_store)
    before = demo_store.units()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_units(app, pilot)
        await pilot.press("a", *"发改局", "enter")
        assert prompt_error(app) == "「发改局」已是区发改局的别名：一个名称或别名只能对应一个单位。"
        await retype(pilot, "河口乡 ")  # a space after is the same name
        await pilot.press("enter")
        assert prompt_error(app) == "已有单位叫「河口乡」。"
        await pilot.press("escape")
        assert demo_store.units() == before


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,5", "「12,5」中的逗号有歧义"),  # 12.5 or 125? today it was saved as 125
        ("1.234,5", "「1.234,5」中的逗号有歧义"),
        ("95%", "「95%」是百分数"),
    ],
)
async def test_a_figure_with_a_doubtful_comma_is_refused(
    demo_store: Store, typed: str, message: str
) -> None:
    app = Host(demo_store)
    before = demo_store.targets()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_units(app, pilot)
        await pilot.press("2", "enter")
        await retype(pilot, typed)
        await pilot.press("enter")
        assert prompt_error(app).startswith(message)
        assert demo_store.targets() == before
