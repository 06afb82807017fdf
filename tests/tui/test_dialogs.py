"""The small questions: a due date as typed in the room, text, yes or no."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Label

from agenda.errors import DiaoduError
from agenda.periods import parse_due
from agenda.usecases.district import District
from store import Store
from tests.conftest import NOW, TODAY
from tui.app import DiaoduApp
from tui.context import Context
from tui.dialogs import ConfirmPrompt, DatePrompt, TextPrompt


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-31", date(2026, 12, 31)),
        ("2026/12/31", date(2026, 12, 31)),
        ("2026年12月31日", date(2026, 12, 31)),
        ("12-31", date(2026, 12, 31)),
        ("12月31日", date(2026, 12, 31)),
        ("1-15", date(2027, 1, 15)),  # typed in November: next January
        ("11-22", date(2026, 11, 22)),  # today is not "next year"
    ],
)
def test_due_dates_as_typed_in_the_room(typed: str, expected: date) -> None:
    assert parse_due(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["next week", "13-01", "2026-02-30", "31"])
def test_not_a_date_is_refused(typed: str) -> None:
    with pytest.raises(DiaoduError):
        parse_due(typed, TODAY)


class Asker(App[None]):
    CSS_PATH = DiaoduApp.CSS_PATH

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.answers: list[object] = []

    def compose(self) -> ComposeResult:
        yield Label("underneath")

    def ask(self, screen: object) -> None:
        self.push_screen(screen, self.answers.append)  # type: ignore[arg-type]


@pytest.fixture
def asker(store: Store) -> Asker:
    return Asker(Context(District(store, lambda: NOW), "zh"))


async def test_date_prompt_enter_takes_end_of_this_month(asker: Asker) -> None:
    async with asker.run_test() as pilot:
        asker.ask(DatePrompt(asker.ctx, "到期"))
        await pilot.pause()
        await pilot.press("enter")
        assert asker.answers == [date(2026, 11, 30)]


async def test_date_prompt_down_picks_end_of_next_month(asker: Asker) -> None:
    async with asker.run_test() as pilot:
        asker.ask(DatePrompt(asker.ctx, "到期"))
        await pilot.pause()
        await pilot.press("down", "enter")
        assert asker.answers == [date(2026, 12, 31)]


async def test_date_prompt_refuses_past_and_nonsense_then_accepts(asker: Asker) -> None:
    async with asker.run_test() as pilot:
        asker.ask(DatePrompt(asker.ctx, "到期"))
        await pilot.pause()
        await pilot.press(*"2026-11-01", "enter")
        error = asker.screen.query_one("#error", Label)
        assert "已经过去" in str(error.render())
        assert asker.answers == []
        await pilot.press(*["backspace"] * 10, *"abc", "enter")
        assert "不是日期" in str(error.render())
        await pilot.press(*["backspace"] * 3, *"12-15", "enter")
        assert asker.answers == [date(2026, 12, 15)]


async def test_escape_answers_none(asker: Asker) -> None:
    async with asker.run_test() as pilot:
        asker.ask(TextPrompt("备注", "已有内容"))
        await pilot.pause()
        await pilot.press("escape")
        assert asker.answers == [None]


async def test_text_prompt_validates_and_keeps_markup_literal(asker: Asker) -> None:
    def not_empty(value: str) -> str | None:
        return "不能为空" if not value.strip() else None

    async with asker.run_test() as pilot:
        asker.ask(TextPrompt("[/oops] 标题", validate=not_empty))
        await pilot.pause()
        await pilot.press("enter")
        assert "不能为空" in str(asker.screen.query_one("#error", Label).render())
        await pilot.press(*"[b]x[/b]", "enter")
        assert asker.answers == ["[b]x[/b]"]


async def test_confirm(asker: Asker) -> None:
    async with asker.run_test() as pilot:
        asker.ask(ConfirmPrompt(asker.ctx, "删除？"))
        await pilot.pause()
        await pilot.press("y")
        asker.ask(ConfirmPrompt(asker.ctx, "删除？"))
        await pilot.pause()
        await pilot.press("escape")
        asker.ask(ConfirmPrompt(asker.ctx, "删除？"))
        await pilot.pause()
        await pilot.press("enter")  # a slip of Enter throws nothing away
        assert asker.answers == [True, False, False]
