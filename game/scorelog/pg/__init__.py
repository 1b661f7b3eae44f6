"""The central score log on PostgreSQL: the same events, chain, reports and xAPI as the
SQLite file, on a server several training rooms share, with roles (``access``).

    log = ScoreLog.open("postgresql://anna@scores.example/crt")   # or $CRT_DB

``open_server`` is what :meth:`ScoreLog.open` calls for a URL.
"""

from game.scorelog.pg.conn import (
    PgConnection,
    ServerUnavailable,
    is_unavailable,
    is_url,
    shown,
    user_error,
)
from game.scorelog.pg.server import init_server, open_server

__all__ = [
    "PgConnection",
    "ServerUnavailable",
    "init_server",
    "is_unavailable",
    "is_url",
    "open_server",
    "shown",
    "user_error",
]
