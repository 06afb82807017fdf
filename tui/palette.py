"""The command palette (Ctrl+P): every action of the screen by its name in the UI
language, once each, and the minutes of every recent closed meeting.

The actions come from the screen's bindings (each declared once, with its key and its
words; a binding's tooltip, when it has one, is its longer name here). Textual's own
commands are offered in the UI language; the bindings of Textual's widgets (an Input's
"Delete all to the left", a table's cursor keys) are not: they are keys to type with,
and they speak only English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from agenda.meetings import Meeting
from agenda.sayings import meeting_number
from tui.context import Context
from tui.labels import meeting_title

# The minutes offered: the closed meetings of about the last two years (older: the CLI).
MINUTES_OFFERED = 24
# Actions that are the palette itself, or not worth a line in it.
NOT_OFFERED = {"command_palette"}


def _ours(node: DOMNode, binding: Binding) -> bool:
    """A binding diaodu's own screens, views and dialogs declare (its words are ours), not
    one they inherit from Textual (Tab's "Focus Next", Ctrl+C's "Copy selected text")."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("textual.") or cls is object:
            continue
        declared = vars(cls).get("BINDINGS", [])
        if any(isinstance(b, Binding) and b.action == binding.action for b in declared):
            return True
    return False


def commands(app: App[Any], ctx: Context, screen: Screen[object]) -> Iterator[SystemCommand]:
    """What the palette lists on `screen`: each title once."""
    seen: set[str] = set()
    for command in (
        *_screen_actions(app, screen),
        *_minutes(app, ctx, screen),
        *_textuals(app, ctx, screen),
    ):
        if command.title not in seen:
            seen.add(command.title)
            yield command


def _screen_actions(app: App[Any], screen: Screen[object]) -> Iterable[SystemCommand]:
    for active in screen.active_bindings.values():
        binding = active.binding
        if not (binding.description and active.enabled and _ours(active.node, binding)):
            continue
        if binding.action in NOT_OFFERED:
            continue

        def run(node: DOMNode = active.node, action: str = binding.action) -> None:
            app.call_later(app.run_action, action, node)

        title = binding.tooltip or binding.description
        yield SystemCommand(title, f"{binding.description} ({app.get_key_display(binding)})", run)


def _minutes(app: App[Any], ctx: Context, screen: Screen[object]) -> Iterable[SystemCommand]:
    """写会议纪要 of each recent closed meeting, by its month and number."""
    from tui.exporting import export_minutes_here

    for meeting in reversed(ctx.store.latest_meetings(MINUTES_OFFERED)):
        if not meeting.is_closed:
            continue

        def write(meeting_id: str = meeting.id) -> None:
            export_minutes_here(screen, ctx, meeting_id)

        yield SystemCommand(
            ctx.t("palette.minutes_of", meeting=meeting_label(ctx, meeting)),
            ctx.t("palette.minutes_help"),
            write,
        )


def meeting_label(ctx: Context, meeting: Meeting) -> str:
    """2026年10月调度会（2026年第11次）, a 专题调度会 with its topic."""
    title = meeting_title(ctx, meeting)
    return ctx.t("palette.numbered", title=title, number=meeting_number(meeting, ctx.lang))


def _textuals(app: App[Any], ctx: Context, screen: Screen[object]) -> Iterable[SystemCommand]:
    """Textual's own commands, in the UI language."""
    t = ctx.t
    yield SystemCommand(t("palette.theme"), t("palette.theme_help"), app.action_change_theme)
    keys: Callable[[], object]
    if screen.query("HelpPanel"):
        keys = app.action_hide_help_panel
        yield SystemCommand(t("palette.keys_hide"), t("palette.keys_help"), keys)
    else:
        keys = app.action_show_help_panel
        yield SystemCommand(t("palette.keys"), t("palette.keys_help"), keys)
    yield SystemCommand(
        t("palette.screenshot"),
        t("palette.screenshot_help"),
        lambda: app.set_timer(0.1, app.deliver_screenshot),
    )
    yield SystemCommand(t("common.quit"), t("palette.quit_help"), app.action_quit)
