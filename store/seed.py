"""Write a demo district (or any prepared set of records) into an empty district: a data
folder or a district on a server (`diaodu init --demo`)."""

from __future__ import annotations

from agenda.demo import Demo
from agenda.metrics import default_metrics
from agenda.ports import DistrictStore
from store.errors import StoreError


def holds_data(store: DistrictStore) -> bool:
    """Whether the district holds anything of its own: units, metrics, figures, meetings,
    commitments or templates. Settings alone do not count (a folder set up first)."""
    return bool(
        store.units()
        or store.reading_years()
        or store.targets()
        or store.templates()
        or store.meetings(include_archive=True)
        or store.commitments(include_archive=True)
        or store.metrics() != default_metrics()
    )


def seed(store: DistrictStore, demo: Demo) -> None:
    """Fill an empty district with `demo`. A district that holds data is refused
    (`store.seed_not_empty`), with nothing written: the demo never mixes with real work."""
    if holds_data(store):
        raise StoreError("store.seed_not_empty", path=getattr(store, "root", ""))
    store.save_units(demo.units)
    store.save_metrics(demo.metrics)
    store.save_targets(demo.targets)
    store.save_readings(demo.readings)
    for template in demo.templates:
        store.save_template(template)
    # Closed meetings and the commitments made at them, as one record of the past: the
    # app's saves would refuse them (a closed meeting takes no new commitment).
    store.add_records(demo.meetings, demo.commitments)
