"""Write a demo district (or any prepared set of records) into a store."""

from __future__ import annotations

from agenda.demo import Demo
from store.store import Store


def seed(store: Store, demo: Demo) -> None:
    store.save_units(demo.units)
    store.save_metrics(demo.metrics)
    store.save_targets(demo.targets)
    store.save_readings(demo.readings)
    for meeting in demo.meetings:
        store.save_meeting(meeting)
    store.save_commitments(demo.commitments)
    for meeting in demo.meetings:  # archive what the commitments settled
        store.save_meeting(meeting)
