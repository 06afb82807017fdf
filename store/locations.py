"""Where the data folder lives: --db, then DIAODU_DB, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "DIAODU_DB"


def default_data_folder() -> Path:
    return Path(platformdirs.user_data_dir("diaodu", appauthor=False)) / "district"


def data_folder(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return default_data_folder()
