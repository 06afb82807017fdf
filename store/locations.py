"""Where the data lives: --db, then DIAODU_DB, then the user data folder.

A `postgresql://` URL (with `?district=NAME`) is a district on a server; anything else
is a folder path.
"""

from __future__ import annotations

import os
from pathlib import Path

from store.errors import StoreError
from store.pg.location import Shown, is_url, redact

ENV_VAR = "DIAODU_DB"

__all__ = ["ENV_VAR", "data_folder", "data_location", "default_data_folder", "is_url", "shown"]


def default_data_folder() -> Path:
    import platformdirs  # only without --db or DIAODU_DB: a report given its folder skips it

    return Path(platformdirs.user_data_dir("diaodu", appauthor=False)) / "district"


def data_location(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """A folder (Path) or a server URL (str), as given or from the environment."""
    chosen = explicit or os.environ.get(ENV_VAR)
    if not chosen:
        return default_data_folder()
    if is_url(chosen):
        return str(chosen).strip()
    return Path(chosen).expanduser()


def data_folder(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder, for a job only a folder can do; a URL is refused, never taken for
    a folder named "postgresql:"."""
    location = data_location(explicit)
    if isinstance(location, str):
        raise StoreError("pg.folder_only", url=Shown(redact(location)))
    return location


def shown(location: Path | str) -> str:
    """A location as the user may see it: a URL without its password."""
    return redact(location) if isinstance(location, str) else str(location)
