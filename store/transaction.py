"""Several files saved as one: all of them or none, also when the process is killed.

A save that touches one file is atomic by itself (store/atomic.py). One that touches
several (an import of readings over two years writes readings/2025.json and 2026.json; a
carry-over writes two months) is committed in steps:

1. every file's new content is written aside, as a temp file, and fsynced;
2. the commit record `.commit.json`, listing the renames, is written atomically: from
   here on the save has happened;
3. the renames; 4. the record is removed.

Killed before 2, the temp files are orphans that the next open deletes: nothing was
saved. Killed after 2, whoever takes the lock next (an open, a save, the app's watch)
finds the record and finishes the renames: everything was saved. A reader never sees a
file half written; only while the renames run (microseconds) can it see one file new
and another old.

Saves inside `Store._transaction()` are staged here instead of written: the store's
files read their staged content back, so a save may build on the one before it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from store.atomic import TEMP_MARK, atomic_write, fsync_folder, write_temp
from store.errors import RecordError, damaged, os_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from store.storage import DurableStorage, Tables

RECORD = ".commit.json"


class Journal:
    """Where a store's files look for the transaction they are part of, if any."""

    def __init__(self) -> None:
        self.active: Transaction | None = None


class Transaction:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._staged: dict[Path, DurableStorage] = {}
        self._after: list[Callable[[], None]] = []
        self._after_keys: set[object] = set()

    def stage(self, storage: DurableStorage, data: Tables) -> None:
        storage.stage(data)
        self._staged[storage.path] = storage

    def after_commit(self, step: Callable[[], None], *, key: object = None) -> None:
        """A step of its own to take once the commit is done (moving a settled month to
        the archive: a rename that leaves the data the same, so it need not be part of it).
        A step with a `key` already waiting is not added twice (a month written twice in
        one commit is looked at once, after it)."""
        if key is not None:
            if key in self._after_keys:
                return
            self._after_keys.add(key)
        self._after.append(step)

    def discard(self) -> None:
        for storage in self._staged.values():
            storage.forget()
        self._staged.clear()
        self._after.clear()
        self._after_keys.clear()

    def commit(self) -> None:
        files = list(self._staged.values())
        self._staged.clear()
        if len(files) == 1:
            files[0].write_staged()  # one file is atomic by itself: no record needed
        elif files:
            self._commit_all(files)
        steps, self._after = self._after, []
        self._after_keys.clear()
        for step in steps:
            step()

    def _commit_all(self, files: list[DurableStorage]) -> None:
        written: list[tuple[DurableStorage, Path, bytes]] = []
        try:
            for storage in files:
                payload = storage.staged_payload()
                written.append((storage, write_temp(storage.path, payload), payload))
            for folder in {temp.parent for _, temp, _ in written}:
                fsync_folder(folder)
            renames = [(self._relative(temp), self._relative(s.path)) for s, temp, _ in written]
            atomic_write(self.root / RECORD, _record_bytes(renames))
        except BaseException as error:
            for _, temp, _ in written:
                temp.unlink(missing_ok=True)
            for storage in files:
                storage.forget()
            if isinstance(error, OSError):
                raise os_error(Path(error.filename or self.root), error, writing=True) from None
            raise
        # Committed: an error from here on leaves the record for the next lock to finish.
        try:
            _rename_all(self.root, renames)
        except BaseException as error:
            for storage in files:
                storage.forget()
            if isinstance(error, OSError):
                raise os_error(self.root / RECORD, error, writing=True) from None
            raise
        for storage, _, payload in written:
            storage.saved(payload)

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _record_bytes(renames: list[tuple[str, str]]) -> bytes:
    lines = ",\n".join(
        f"  {json.dumps([temp, target], ensure_ascii=False)}" for temp, target in renames
    )
    return ('{"renames": [\n' + lines + "\n]}\n").encode("utf-8")


def _rename_all(root: Path, renames: list[tuple[str, str]]) -> None:
    """The renames of a commit, then its record removed. Run again after a kill, it
    does what is left: a temp file already renamed is not there any more."""
    for temp, target in renames:
        try:
            os.replace(root / temp, root / target)
        except FileNotFoundError:
            if not (root / target).exists():
                raise
    for folder in {(root / target).parent for _, target in renames}:
        fsync_folder(folder)
    (root / RECORD).unlink()
    fsync_folder(root)


def finish_unfinished(root: Path) -> bool:
    """Roll an unfinished commit forward, if there is one; call only holding the lock.

    With no record there is nothing to do here: the temp files of a commit killed before
    its record are orphans, deleted at the next open with all the others.
    """
    path = root / RECORD
    if not os.path.lexists(path):  # the case of every save: one stat
        return False
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise os_error(path, error, writing=False) from None
    renames = _read_record(path, raw)
    try:
        _rename_all(root, renames)
    except OSError as error:
        raise os_error(path, error, writing=True) from None
    return True


def unfinished(root: Path) -> bool:
    return os.path.lexists(root / RECORD)


def _read_record(path: Path, raw: bytes) -> list[tuple[str, str]]:
    """The renames a record lists, each of a temp file onto the file it was written for,
    in the same folder: a record changed by hand must not rename anything else."""
    try:
        data: Any = json.loads(raw.decode("utf-8"))
        pairs = data["renames"]
        renames = [(str(temp), str(target)) for temp, target in pairs]
    except (ValueError, KeyError, TypeError):
        raise damaged(path, RecordError("store.commit_record")) from None
    for temp, target in renames:
        source, goal = PurePosixPath(temp), PurePosixPath(target)
        if (
            source.is_absolute()
            or ".." in source.parts
            or source.parent != goal.parent
            or source.name.split(TEMP_MARK)[0] != goal.name
            or TEMP_MARK not in source.name
        ):
            raise damaged(path, RecordError("store.commit_record"))
    return renames
