"""Persistence: a folder of small TinyDB files, written atomically, locked across processes."""

from agenda.ports import DistrictStore
from store.errors import StoreError
from store.store import Store


def _implements_the_contract(store: Store) -> DistrictStore:
    return store  # mypy checks here that Store is a DistrictStore


__all__ = ["Store", "StoreError"]
