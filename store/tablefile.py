"""One TinyDB file of the data folder, with its records decoded once per change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from store.storage import DurableStorage, damaged

T = TypeVar("T")
Doc = dict[str, Any]


class TableFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = TinyDB(path, storage=DurableStorage)
        storage = self.db.storage
        assert isinstance(storage, DurableStorage)
        self.storage = storage
        self._decoded: dict[str, tuple[int, dict[int, tuple[Doc, Any]]]] = {}

    # --- reading -------------------------------------------------------------------------
    def docs(self, table: str) -> dict[int, Doc]:
        data = self.storage.read() or {}
        return {int(doc_id): doc for doc_id, doc in data.get(table, {}).items()}

    def records(self, table: str, decode: Callable[[Doc], T]) -> list[T]:
        """Every record of a table, decoded; after a change, only the records that changed.

        A record the file still holds as the same object (our own save keeps the ones it
        did not touch) is not decoded again; a file another process wrote is all new.
        """
        self.storage.read()  # refresh the version if another process saved
        cached = self._decoded.get(table)
        if cached is not None and cached[0] == self.storage.version:
            return [record for _, record in cached[1].values()]
        before = cached[1] if cached is not None else {}
        decoded: dict[int, tuple[Doc, Any]] = {}
        for doc_id, doc in self.docs(table).items():
            hit = before.get(doc_id)
            if hit is not None and hit[0] is doc:
                decoded[doc_id] = hit
                continue
            try:
                decoded[doc_id] = (doc, decode(doc))
            except (KeyError, ValueError, TypeError, AssertionError) as error:
                problem = f"record {doc_id} of table {table!r}: bad or missing {error}"
                raise damaged(self.path, problem) from None
        self._decoded[table] = (self.storage.version, decoded)
        return [record for _, record in decoded.values()]

    # --- writing (the caller holds the process lock) ---------------------------------------
    def put(self, table: str, doc_id: int, doc: Doc) -> None:
        """Add or replace one record. Not TinyDB's upsert: it writes the file twice for a
        new record (a failed update, then an insert) and merges fields into an old one."""
        self.replace_all({table: [(doc_id, doc)]})

    def remove(self, table: str, doc_id: int) -> None:
        self.db.table(table, cache_size=0).remove(doc_ids=[doc_id])

    def next_id(self, table: str) -> int:
        return max(self.docs(table), default=0) + 1

    def replace_all(self, changes: dict[str, Iterable[tuple[int, Doc]]]) -> None:
        """Upsert many documents in several tables with one write of the file."""
        data = {name: dict(docs) for name, docs in (self.storage.read() or {}).items()}
        for table, docs in changes.items():
            target = data.setdefault(table, {})
            for doc_id, doc in docs:
                target[str(doc_id)] = doc
        self.storage.write(data)

    def strict(self, on: bool) -> None:
        self.storage.strict = on

    def exists(self) -> bool:
        return self.path.exists()
