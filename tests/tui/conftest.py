"""Pilot tests wait less for an idle app.

After every key, Textual's Pilot sleeps in 20 ms slices until a slice passes with the
process nearly idle (under 5% of it on the CPU): at least 40 ms a key, most of it asleep,
and a Pilot test presses dozens of keys. Slices of 5 ms (the same share of CPU) take the
same decision four times as often. A test that waits for a worker (an export, a dialog
flow) says so with `settled()` (tests/tui/support.py) rather than rely on this guess.

Textual is pinned exactly (pyproject.toml), so this module-level setting of its waiting
helper cannot change under the tests unnoticed.
"""

from __future__ import annotations

import textual._wait

textual._wait.SLEEP_GRANULARITY = 0.005
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20
