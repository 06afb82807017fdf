"""Persistence: a folder of small TinyDB files, written atomically, locked across processes."""

from store.errors import StoreError
from store.store import Store

__all__ = ["Store", "StoreError"]
