"""A view's own keys, on one line above the screen's footer.

The footer is one line for the whole screen: at 80 columns a view's keys followed by the
meeting's (N, P, W, Esc) run off its end. A view that acts on many keys shows them here
instead (its bindings `show=False`, so the footer keeps the screen's), drawn from its
bindings: each action is declared once, with its key and its words, and the command
palette still finds it. A binding its view's `check_action` turns off is not shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.actions import parse
from textual.widget import Widget
from textual.widgets import Static


class KeyBar(Static):
    def __init__(self, owner: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.owner = owner

    def on_mount(self) -> None:
        self.show_keys()

    def show_keys(self) -> None:
        """The owner's keys as they are now (call it when what is enabled may change)."""
        line = Text()
        shown: set[str] = set()
        for bindings in self.owner._bindings.key_to_bindings.values():
            for binding in bindings:
                if not binding.description or binding.action in shown:
                    continue
                _, name, parameters = parse(binding.action)
                if self.owner.check_action(name, parameters) is False:
                    continue  # off for now; the next binding of the key may be on
                shown.add(binding.action)
                if line:
                    line.append("  ")
                line.append(self.app.get_key_display(binding), style="bold reverse")
                line.append(" " + binding.description)
                break  # a key does one thing at a time
        self.update(line)
