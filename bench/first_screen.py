"""Open a data folder, draw the home screen headless, exit: timed by bench/startup.py.

The real `diaodu` command (app.entry, with --db and --lang), its app made to exit once
home has been drawn and to run headless, the clock fixed on the day the history ends.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app
import tui.app

NOW = datetime(2026, 11, 22, 9, 30)


class FirstScreen(tui.app.DiaoduApp):
    def on_mount(self) -> None:
        # Textual runs DiaoduApp.on_mount too (handlers run up the class tree): it pushes
        # home. Exit once home has been drawn.
        self.call_after_refresh(lambda: self.call_after_refresh(self.exit))

    def run(self, *args: object, **kwargs: object) -> None:
        super().run(headless=True)


if __name__ == "__main__":
    tui.app.DiaoduApp = FirstScreen  # type: ignore[misc]
    app.CLOCK = lambda: NOW
    sys.argv = ["diaodu", "--db", sys.argv[1], "--lang", "zh"]
    app.entry()
