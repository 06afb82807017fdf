"""T on the achievements and gaps views: the chair's talking points in a dialog, to read,
copy whole or write as Word."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from agenda.usecases import reports
from agenda.usecases.district import District
from store import Store
from tests.conftest import NOW
from tests.tui.support import ViewHost, section_view, settled
from tui.talking_points import TalkingPointsDialog
from tui.views.gaps import GapsView
from tui.views.scorecard import ScorecardView


async def test_t_on_the_scorecard_shows_the_draft_and_c_copies_it(demo_store: Store) -> None:
    view = section_view(ScorecardView, demo_store, "scorecard")
    draft = reports.talking_points(District(demo_store, lambda: NOW), view.meeting_id, "zh")
    async with ViewHost(view, footer=True).run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        await settled(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, TalkingPointsDialog)
        text = dialog.query_one(TextArea).text
        assert text == draft.text()
        assert text.startswith("在2026年第11次招商引资调度会上的讲话要点\n\n一、肯定成绩\n")
        assert "河口乡完成率仅30.77%，落后序时进度52.6个百分点，排名末位" in text
        await pilot.press("c")
        assert pilot.app.clipboard == text
        await pilot.press("escape")
        await settled(pilot)
        assert not isinstance(pilot.app.screen, TalkingPointsDialog)


async def test_t_on_the_gaps_view_in_english_and_w_writes_word(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAODU_EXPORTS", str(tmp_path / "out"))
    view = section_view(GapsView, demo_store, "behind-pace", lang="en")
    async with ViewHost(view).run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        await settled(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, TalkingPointsDialog)
        assert dialog.query_one(TextArea).text.startswith(
            "Talking points for the Investment promotion dispatch meeting, No. 11 of 2026\n"
        )
        await pilot.press("w")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        written = sorted(path.name for path in (tmp_path / "out").iterdir())
        assert written == ["talking-points-2026-10.1.docx", "talking-points-2026-10.1.md"]
