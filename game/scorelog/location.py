"""Where the score log lives: ``--db``, else ``$CRT_DB``, else the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CRT_DB"
APP_NAME = "client-relations-trainer"
FILE_NAME = "scorelog.sqlite3"


def default_db_path() -> Path:
    """The per-user data location (``~/.local/share/client-relations-trainer/`` on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / FILE_NAME


def resolve_db_path(arg: str | os.PathLike[str] | None = None) -> Path:
    """The database path the user asked for, in order of precedence."""
    if arg:
        return Path(arg).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()
