"""Write a demo district (or any prepared set of records) into a store."""

from __future__ import annotations

from agenda.demo import Demo
from agenda.ports import DistrictStore


def seed(store: DistrictStore, demo: Demo) -> None:
    store.save_units(demo.units)
    store.save_metrics(demo.metrics)
    store.save_targets(demo.targets)
    store.save_readings(demo.readings)
    # Closed meetings and the commitments made at them, as one record of the past: the
    # app's saves would refuse them (a closed meeting takes no new commitment).
    store.add_records(demo.meetings, demo.commitments)
