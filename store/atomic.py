"""Write a file so that a crash at any moment leaves either the old or the new content.

TinyDB's JSONStorage rewrites in place (seek, write, truncate): a kill between the write
and the truncate leaves new data followed by an old tail. Here: temp file in the same
folder, fsync, os.replace, fsync the folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TEMP_MARK = ".tmp-"


def atomic_write(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        with open(temp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def atomic_move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    fsync_folder(target.parent)
    fsync_folder(source.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable. Windows cannot open a folder; its rename is durable enough."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_orphaned_temps(root: Path) -> list[Path]:
    """Temp files left by a writer killed mid-save; call only while holding the lock."""
    removed = []
    for temp in root.rglob(f"*{TEMP_MARK}*"):
        temp.unlink(missing_ok=True)
        removed.append(temp)
    return removed
