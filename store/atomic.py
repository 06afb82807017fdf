"""Write a file so that a crash at any moment leaves either the old or the new content.

TinyDB's JSONStorage rewrites in place (seek, write, truncate): a kill between the write
and the truncate leaves new data followed by an old tail. Here: temp file in the same
folder, fsync, os.replace, fsync the folder.

Every error of the operating system comes out as a coded StoreError naming the file
(disk full, file too large, read-only folder...), the temp file removed: the app says so
and keeps running, the file as it was.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from store.errors import os_error

TEMP_MARK = ".tmp-"


def atomic_write(path: Path, payload: bytes) -> None:
    temp = write_temp(path, payload)
    try:
        os.replace(temp, path)
        fsync_folder(path.parent)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise os_error(path, error, writing=True) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_temp(path: Path, payload: bytes) -> Path:
    """`payload` in a new temp file beside `path`, on disk (fsynced) when this returns."""
    temp = path.with_name(f"{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise os_error(path, error, writing=True) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def atomic_move(source: Path, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        fsync_folder(target.parent)
        fsync_folder(source.parent)
    except OSError as error:
        raise os_error(target, error, writing=True) from None


def fsync_folder(folder: Path) -> None:
    """Make a rename durable. Windows cannot open a folder; its rename is durable enough."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def has_temps(root: Path) -> bool:
    """Whether a writer killed mid-save left a temp file (a look, without the lock)."""
    try:
        return any(temp.is_file() for temp in root.rglob(f"*{TEMP_MARK}*"))
    except OSError:
        return True  # the opening under the lock says what is wrong


def remove_orphaned_temps(root: Path) -> list[Path]:
    """Temp files left by a writer killed mid-save; call only while holding the lock."""
    removed = []
    try:
        for temp in root.rglob(f"*{TEMP_MARK}*"):
            if temp.is_file():
                temp.unlink(missing_ok=True)
                removed.append(temp)
    except OSError as error:
        raise os_error(Path(error.filename or root), error, writing=True) from None
    return removed
