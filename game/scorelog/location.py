"""Where the score log lives: ``--db``, else ``$CRT_DB``, else the per-user data folder.

Either a SQLite file or a ``postgresql://`` URL (an organisation's central log)."""

from __future__ import annotations

import os
from pathlib import Path

from game.core.errors import UsageError

ENV_VAR = "CRT_DB"
APP_NAME = "client-relations-trainer"
FILE_NAME = "scorelog.sqlite3"


def default_db_path() -> Path:
    """The per-user data location (``~/.local/share/client-relations-trainer/`` on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / FILE_NAME


def server_url(arg: str | os.PathLike[str] | None = None) -> str | None:
    """The central log's URL when ``--db`` (else ``$CRT_DB``) names a server, else None."""
    from game.scorelog.pg.conn import is_url

    if arg is not None:
        return os.fspath(arg).strip() if is_url(os.fspath(arg).strip()) else None
    env = os.environ.get(ENV_VAR, "").strip()
    return env if is_url(env) else None


def resolve_db_path(arg: str | os.PathLike[str] | None = None) -> Path:
    """The database path the user asked for, in order of precedence."""
    if arg is not None:
        if not os.fspath(arg).strip():  # `--db ''` must not quietly mean the default log
            raise UsageError("--db needs a path to the score log (it was empty)")
        return _expand(arg)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return _expand(env)
    return default_db_path()


def _expand(path: str | os.PathLike[str]) -> Path:
    try:
        return Path(path).expanduser()
    except RuntimeError:  # '~nosuchuser/x.db': no such user's home folder
        raise UsageError(f"{os.fspath(path)}: no such user's home folder") from None
