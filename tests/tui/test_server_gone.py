"""The secretary's window on a district on a server that goes away in the middle of the
meeting: the save is one readable line, what was typed stays, the window keeps working,
and the same save goes through once the server is back."""

from __future__ import annotations

from textual.widgets import Input

from store.pg.store import PgStore
from tests import pgserver
from tests.backends import new_district, seeded
from tests.pgserver import Server
from tests.tui.support import ViewHost, section_view
from tui.views.assignments import AssignmentsView


async def test_a_save_while_the_server_is_down_keeps_the_typing_and_goes_through_later(
    pg_server: Server,
) -> None:
    store = seeded(pg_server.admin_url(district=new_district()))
    assert isinstance(store, PgStore)
    view = section_view(AssignmentsView, store, "commitments")  # type: ignore[arg-type]
    mine = [c for c in store.commitments() if c.meeting_id == view.meeting_id]
    async with ViewHost(view).run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press(*"河口", "enter", *"到位资金1亿元")
        pgserver.halt(pg_server)
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
            said = [n.message for n in pilot.app._notifications]
            assert len(said) == 1 and said[0].startswith("无法连接数据库服务器 postgresql://")
            assert view.query_one("#text", Input).value == "到位资金1亿元"  # kept
            await pilot.press("end", *" ok")  # the window goes on working
        finally:
            pgserver.resume(pg_server)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert view.query_one("#text", Input).value == ""  # saved: ready for the next
    saved = [c for c in store.commitments() if c.meeting_id == view.meeting_id]
    assert [c.text for c in saved if c not in mine] == ["到位资金1亿元 ok"]
    store.close()
