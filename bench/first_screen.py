"""Open a data folder, draw the home screen headless, exit: timed by bench/startup.py."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.opening import open_district
from tui.app import DiaoduApp

NOW = datetime(2026, 11, 22, 9, 30)


class FirstScreen(DiaoduApp):
    def on_mount(self) -> None:
        # Textual runs DiaoduApp.on_mount too (handlers run up the class tree): it pushes
        # home. Exit once home has been drawn.
        self.call_after_refresh(lambda: self.call_after_refresh(self.exit))


if __name__ == "__main__":
    FirstScreen(open_district(sys.argv[1], clock=lambda: NOW), "zh").run(headless=True)
