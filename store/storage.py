"""A TinyDB storage that reads a file once, notices other writers, and writes atomically."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

from store.atomic import atomic_write
from store.errors import RecordError, damaged, os_error

if TYPE_CHECKING:
    from store.transaction import Journal

Tables = dict[str, dict[str, Any]]


# ensure_ascii=False: Chinese stays readable in the file; written as UTF-8 on every
# platform (Windows would otherwise write cp936). No indent: with one, json falls back
# to its pure-Python encoder, five times slower on a month of commitments.
_encode_value = json.JSONEncoder(ensure_ascii=False).encode


# An encoded record line, kept with the very record it was made from.
LineCache = dict[tuple[str, str], tuple[Any, str]]


def encode(data: Tables, cache: LineCache | None = None) -> bytes:
    """The file's text: one table per block, one record per line, readable by hand.

    With a cache, a record that is the same object as at the last write is not encoded
    again: a save re-encodes only what it changed. Records are replaced, never changed
    in place (the store does not use TinyDB's update), so identity means unchanged.
    """
    fresh: LineCache = {}
    tables = []
    for name, docs in data.items():
        lines = []
        for doc_id, doc in docs.items():
            key = (name, str(doc_id))
            hit = cache.get(key) if cache is not None else None
            if hit is not None and hit[0] is doc:
                line = hit[1]
            else:
                line = f"  {_encode_value(str(doc_id))}: {_encode_value(doc)}"
            fresh[key] = (doc, line)
            lines.append(line)
        body = "{\n" + ",\n".join(lines) + "\n}" if lines else "{}"
        tables.append(f"{_encode_value(name)}: {body}")
    if cache is not None:
        cache.clear()
        cache.update(fresh)
    return ("{\n" + ",\n".join(tables) + "\n}\n").encode("utf-8")


class DurableStorage(Storage):
    """Keeps the parsed file in memory; re-reads it only when it changed on disk.

    Outside a save, a change is noticed by the file's stat (a save replaces the file, so
    its inode changes). Inside a save (`strict`, under the process lock) the bytes are
    compared too, so a save never builds on a stale copy: no lost update.

    Inside a transaction (`journal.active`), a write is staged: held in memory, read back
    by the saves after it, and written with the transaction's other files at its commit.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.strict = False
        self.journal: Journal | None = None
        self._staged = False
        self.version = 0  # bumped whenever the data in memory changes
        self._data: Tables | None = None
        self._stamp: tuple[int, ...] | None = None
        self._digest: bytes | None = None
        self._lines: LineCache = {}

    def stamp(self) -> tuple[int, ...] | None:
        return self._file_stamp()

    @property
    def read_stamp(self) -> tuple[int, ...] | None:
        """The file's stamp when the copy in memory was read or saved (None: none held)."""
        return self._stamp

    def _file_stamp(self) -> tuple[int, ...] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise os_error(self.path, error, writing=False) from None
        return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)

    def is_current(self) -> bool:
        return self._data is not None and self._file_stamp() == self._stamp

    def read(self) -> Tables | None:
        if self._staged:
            return self._data
        stamp = self._file_stamp()
        if stamp is None:
            if self._data is not None:
                self.forget()
            return None
        if self._data is not None and stamp == self._stamp and not self.strict:
            return self._data
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            raise os_error(self.path, error, writing=False) from None
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        if self._data is not None and digest == self._digest:
            self._stamp = stamp
            return self._data
        self._data = self._parse(raw)
        self._stamp, self._digest = stamp, digest
        self.version += 1
        return self._data

    def _parse(self, raw: bytes) -> Tables:
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise damaged(self.path, RecordError("store.not_utf8", offset=error.start)) from None
        except json.JSONDecodeError as error:
            problem = RecordError(
                "store.not_json", line=error.lineno, column=error.colno, reason=error.msg
            )
            raise damaged(self.path, problem) from None
        if not isinstance(data, dict) or not all(
            isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
            for table in data.values()
        ):
            raise damaged(self.path, RecordError("store.not_tables"))
        return data

    def write(self, data: Tables) -> None:
        journal = self.journal
        if journal is not None and journal.active is not None:
            journal.active.stage(self, data)
            return
        self._write_through(data)

    def _write_through(self, data: Tables, *, changed: bool = True) -> None:
        """`changed`: the data is new (TinyDB hands back our own dict changed in place, so
        identity cannot tell); not so for a transaction's staged data, read already."""
        try:
            payload = encode(data, self._lines)
            atomic_write(self.path, payload)
        except BaseException:
            # TinyDB changed our cached copy before calling write: forget it, so the
            # next read comes from disk and memory never claims an unsaved change.
            self.forget()
            raise
        self._data = data
        if changed:
            self.version += 1
        self.saved(payload)

    # --- a transaction's steps (store/transaction.py) ------------------------------------
    def stage(self, data: Tables) -> None:
        self._data, self._staged = data, True
        self.version += 1

    def write_staged(self) -> None:
        assert self._data is not None and self._staged
        self._staged = False
        self._write_through(self._data, changed=False)

    def staged_payload(self) -> bytes:
        assert self._data is not None and self._staged
        return encode(self._data, self._lines)

    def saved(self, payload: bytes) -> None:
        """The file on disk now holds `payload`, the encoding of the data in memory (the
        same data as before: the version stays, and what was decoded from it holds)."""
        self._staged = False
        self._stamp = self._file_stamp()
        self._digest = hashlib.blake2b(payload, digest_size=16).digest()

    def forget(self) -> None:
        self._lines.clear()
        self._staged = False
        self._data = None
        self._stamp = None
        self._digest = None
        self.version += 1
