"""Key bindings speak the UI language.

Bindings are declared at class level, before the language is known, so their
`description` holds a catalog key ("review.key_done"). Each screen and view calls
`translate_bindings(self, t)` once it exists; the footer and the command palette then
show "完成" or "Done". A `tooltip`, when given, is a catalog key too: the action's longer
name, which the palette shows (the footer keeps the short one).
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from tui.i18n import Catalog


def translate_bindings(node: DOMNode, t: Catalog) -> None:
    # `_bindings` is the node's own copy of its class bindings (a fresh dict per node):
    # assigning new lists into it leaves the class and other nodes untouched.
    keys = node._bindings.key_to_bindings
    for key, bindings in list(keys.items()):
        keys[key] = [
            replace(
                binding,
                description=t(binding.description) if binding.description else "",
                # The longer name the palette gives the action, when the footer's is short.
                tooltip=t(binding.tooltip) if binding.tooltip else "",
            )
            for binding in bindings
        ]
