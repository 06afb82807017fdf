"""The store's refusals, each a code with parameters (words in agenda/strings/store.yaml).

A path is passed as a `Path`, never a `str`: the catalog quotes a `str` parameter at 60
characters, and a message must name the whole file.
"""

from __future__ import annotations

import errno
from pathlib import Path

from agenda.errors import DiaoduError

# Errors of the operating system that mean "you cannot write here", whatever the cause
# (a read-only share or stick, a folder of another user): a write is refused, a read works.
NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class StoreError(DiaoduError):
    """The data folder cannot be used as it is; the message names the file and what to do.

    A parameter that is itself an error (a record's problem inside `store.damaged`) is
    worded in the same language as the message around it.
    """

    def words(self, lang: str) -> str:
        from agenda.words import say

        params = {
            name: _Worded(value.words(lang)) if isinstance(value, DiaoduError) else value
            for name, value in self.params.items()
        }
        return say(self.code, lang, **params)


class RecordError(DiaoduError):
    """What is wrong with one record: a phrase the store puts inside `store.damaged`."""


class _Worded:
    """Text already in the user's language: shown whole (a `str` would be quoted short)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __format__(self, spec: str) -> str:
        return self.text


def damaged(path: Path, problem: RecordError) -> StoreError:
    return StoreError("store.damaged", path=Path(path), problem=problem)


def os_error(path: Path, error: OSError, *, writing: bool) -> StoreError:
    """An error of the operating system on a file of the data folder, as one coded line."""
    path, number = Path(path), error.errno
    if number == errno.EISDIR:
        return StoreError("store.folder_in_place", path=path)
    if number in (errno.ENOTDIR, errno.EEXIST) and (blocker := _file_above(path)):
        # periods/ is a file: opening periods/2026-10.json says ENOTDIR, making it EEXIST
        return StoreError("store.file_in_place", path=blocker)
    if writing and number in NOT_WRITABLE:
        return StoreError("store.read_only", path=path)
    if writing and number in DISK_FULL:
        return StoreError("store.disk_full", path=path)
    if writing and number == errno.EFBIG:
        return StoreError("store.too_large", path=path)
    reason = error.strerror or type(error).__name__
    if writing:
        return StoreError("store.write_failed", path=path, reason=reason)
    return StoreError("store.read_failed", path=path, reason=reason)


def _file_above(path: Path) -> Path | None:
    """The file that stands where a folder on `path` should be (periods/ made a file)."""
    for step in (*reversed(path.parents), path):
        if step.exists() and not step.is_dir():
            return step
    return None
