"""Writing a finished report: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from agenda.errors import DiaoduError

NEW_FILE_MODE = 0o644


def write_atomic(path: Path, data: bytes) -> Path:
    """Write through a temporary file beside `path`, then replace it in one step.

    A crash never leaves half a .docx; a file held open by Word or Excel on Windows
    (which refuses the replace) is reported instead of overwritten in part.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            # mkstemp makes the file private (0600); a report is for handing out.
            os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise DiaoduError("report.cannot_write", path=path, reason=reason) from None
    return path
