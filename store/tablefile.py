"""One TinyDB file of the data folder: its records checked and decoded once per change."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from agenda.errors import DiaoduError
from store.errors import RecordError, damaged
from store.fields import FieldError, shown
from store.records import Spec
from store.storage import DurableStorage

T = TypeVar("T")
Doc = dict[str, Any]


class TableFile:
    def __init__(self, path: Path, tables: Mapping[str, Spec] | None = None) -> None:
        """`tables`: the spec of each table the file may hold (store/records.py); with
        none, records are taken as they are."""
        self.path = path
        self.tables = tables or {}
        self.db = TinyDB(path, storage=DurableStorage)
        storage = self.db.storage
        assert isinstance(storage, DurableStorage)
        self.storage = storage
        self._checked: dict[str, tuple[int, dict[int, Doc]]] = {}
        self._decoded: dict[str, tuple[int, dict[int, tuple[Doc, Any]]]] = {}

    # --- reading -------------------------------------------------------------------------
    def raw(self) -> dict[str, dict[str, Doc]]:
        """The file's tables as they are, unchecked (a folder's schema version is read
        before anything else: a newer diaodu's records are not ours to judge)."""
        return self.storage.read() or {}

    def docs(self, table: str) -> dict[int, Doc]:
        """The records of a table by number, each checked against the table's spec: one
        that breaks it is refused naming the file, the record and the field. A record
        the file still holds as the same object is not checked again. Do not change the
        records or the dict: they are the file's own."""
        return self._checked_docs(self.storage.read() or {}, table)

    def _checked_docs(self, data: dict[str, dict[str, Doc]], table: str) -> dict[int, Doc]:
        """`docs` of the data just read (a strict read reads the file: once a save)."""
        version = self.storage.version
        cached = self._checked.get(table)
        if cached is not None and cached[0] == version:
            return cached[1]
        if self.tables and not data.keys() <= self.tables.keys():
            unknown = next(name for name in data if name not in self.tables)
            raise damaged(self.path, RecordError("store.table_unknown", table=unknown))
        stored = data.get(table, {})
        checked = dict(zip(self._numbers(table, stored), stored.values(), strict=True))
        spec = self.tables.get(table)
        if spec is not None:
            before = cached[1] if cached is not None else {}
            stem = self.path.stem
            for doc_id, doc in checked.items():
                if before.get(doc_id) is not doc:
                    try:
                        spec.check(doc_id, doc, stem)
                    except FieldError as error:
                        raise self._refusal(table, doc_id, error) from None
            if spec.key is not None:
                self._check_unique(table, spec, checked)
        self._checked[table] = (version, checked)
        return checked

    def records(self, table: str, decode: Callable[[Doc], T]) -> list[T]:
        """Every record of a table, decoded; after a change, only the records that changed.

        A record the file still holds as the same object (our own save keeps the ones it
        did not touch) is not decoded again; a file another process wrote is all new.
        """
        docs = self.docs(table)
        cached = self._decoded.get(table)
        if cached is not None and cached[0] == self.storage.version:
            return [record for _, record in cached[1].values()]
        before = cached[1] if cached is not None else {}
        decoded: dict[int, tuple[Doc, Any]] = {}
        for doc_id, doc in docs.items():
            hit = before.get(doc_id)
            if hit is not None and hit[0] is doc:
                decoded[doc_id] = hit
                continue
            try:
                decoded[doc_id] = (doc, decode(doc))
            except (KeyError, ValueError, TypeError, AssertionError, DiaoduError) as error:
                # The spec should have caught it: a field a decoder reads and no spec lists.
                problem = RecordError(
                    "store.record_unreadable", table=table, record=doc_id, reason=str(error)
                )
                raise damaged(self.path, problem) from None
        self._decoded[table] = (self.storage.version, decoded)
        return [record for _, record in decoded.values()]

    def _numbers(self, table: str, keys: Iterable[str]) -> list[int]:
        """The records' numbers: 1, 2, 3... as TinyDB writes them, never "01" or "²"."""
        keys = list(keys)
        try:
            numbers = list(map(int, keys))  # in C: a file of ten thousand readings
        except ValueError:
            numbers = []
        if list(map(str, numbers)) == keys and (not numbers or min(numbers) > 0):
            return numbers
        bad = next(k for k in keys if not (k.isascii() and k.isdigit() and k[0] != "0"))
        raise damaged(self.path, RecordError("store.record_number", table=table, value=shown(bad)))

    def _refusal(self, table: str, doc_id: int, error: FieldError) -> Exception:
        problem = RecordError(
            error.code, table=table, record=doc_id, field=error.field, **error.params
        )
        return damaged(self.path, problem)

    def _check_unique(self, table: str, spec: Spec, docs: dict[int, Doc]) -> None:
        """Two records for one thing (a reading entered twice by hand): which one counts
        would depend on the order in the file, and a save would update only one."""
        assert spec.key is not None
        keys = list(map(spec.key, docs.values()))
        if len(set(keys)) == len(keys):
            return
        seen: dict[Any, int] = {}
        for doc_id, key in zip(docs, keys, strict=True):
            first = seen.setdefault(key, doc_id)
            if first != doc_id:
                parts = key if isinstance(key, tuple) else (key,)
                problem = RecordError(
                    "store.record_twice",
                    table=table,
                    record=doc_id,
                    first=first,
                    value=", ".join(shown(part) for part in parts),
                )
                raise damaged(self.path, problem)

    # --- writing (the caller holds the process lock) ---------------------------------------
    def put(self, table: str, doc_id: int, doc: Doc) -> None:
        """Add or replace one record. Not TinyDB's upsert: it writes the file twice for a
        new record (a failed update, then an insert) and merges fields into an old one."""
        self.replace_all({table: [(doc_id, doc)]})

    def remove(self, table: str, doc_id: int) -> None:
        self.docs(table)  # never write back a damaged file
        self.db.table(table, cache_size=0).remove(doc_ids=[doc_id])

    def next_id(self, table: str) -> int:
        return max(self.docs(table), default=0) + 1

    def replace_all(self, changes: dict[str, Iterable[tuple[int, Doc]]]) -> None:
        """Upsert many documents in several tables with one write of the file.

        The records written are checked first, and the file's checked tables carried
        forward with them: the next read need not walk the whole table again.
        """
        stored = self.storage.read() or {}
        checked = {table: dict(self._checked_docs(stored, table)) for table in changes}
        data = {name: dict(docs) for name, docs in stored.items()}
        stem = self.path.stem
        for table, docs in changes.items():
            target, spec = data.setdefault(table, {}), self.tables.get(table)
            for doc_id, doc in docs:
                if spec is not None:
                    try:
                        spec.check(doc_id, doc, stem)
                    except FieldError as error:
                        raise self._refusal(table, doc_id, error) from None
                target[str(doc_id)] = doc
                checked[table][doc_id] = doc
        unchanged = {
            table: docs
            for table, (version, docs) in self._checked.items()
            if table not in changes and version == self.storage.version
        }
        self.storage.write(data)
        version = self.storage.version
        self._checked = {
            **{table: (version, docs) for table, docs in unchanged.items()},
            **{table: (version, docs) for table, docs in checked.items()},
        }

    def strict(self, on: bool) -> None:
        self.storage.strict = on

    def exists(self) -> bool:
        return self.path.exists()
