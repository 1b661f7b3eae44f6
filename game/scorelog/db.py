"""Opening the SQLite file, and turning its failures into one clear line for the user."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from game.core.errors import UsageError, UserError

BUSY_TIMEOUT_MS = 30_000  # a training room's worth of writers queue, they never fail


def user_error(path: Path, err: sqlite3.Error) -> UserError:
    """The one line a user sees for a database failure; says that nothing was lost."""
    text = str(err)
    if "locked" in text or "busy" in text:
        return UserError(f"the score log {path} is locked by another program; "
                         "nothing recorded was lost, try again")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return UserError(f"the score log {path} is damaged or not a score log ({text}); "
                         "it was left untouched, keep a copy of it")
    if "unable to open" in text or "readonly" in text:
        return UserError(f"cannot open the score log {path} ({text})")
    return UserError(f"score log {path}: {text}")


@contextmanager
def guarded(path: Path | str) -> Iterator[None]:
    """Database failures inside as one line (SQLite's, or the server's: see ``pg.conn``)."""
    try:
        yield
    except sqlite3.Error as err:
        raise user_error(Path(path), err) from err
    except Exception as err:
        if not type(err).__module__.startswith("psycopg"):
            raise
        from game.scorelog.pg.conn import user_error as server_error

        raise server_error(str(path), err) from err


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction taken up front (``BEGIN IMMEDIATE``; plain BEGIN on the server,
    whose writers queue on the chain head's row lock): committed or rolled back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        try:
            conn.execute("ROLLBACK")
        except Exception:  # the connection itself failed: nothing to roll back
            if not getattr(conn, "dialect", "") == "postgresql":
                raise
        raise
    conn.execute("COMMIT")


def connect(path: Path, *, create: bool, timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection in WAL mode with a busy timeout; no file is created unless asked."""
    if not create and not path.exists():
        raise UsageError(f"no score log at {path} (play a session or run demo-data first)")
    if path.exists() and path.is_dir():
        raise UserError(f"the score log path {path} is a folder, not a file")
    with guarded(path):
        if create and not path.parent.is_dir():
            _make_folder_if_default(path)
        conn = sqlite3.connect(path, timeout=timeout_ms / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
        _refuse_foreign(conn, path)  # before anything is written or switched to WAL
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL survives a killed process (a commit is in the WAL before
        # COMMIT returns); FULL adds an fsync per event for power loss.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if create:
            # bulk loads update several indexes at once: a 64 MiB page cache instead of
            # 2 MiB keeps them off the disk. Not for the tools that only read (report,
            # verify-log...): their scans and sorts ran 12 % (1 M events) to 80 % (79 k)
            # slower with it, paying for the memory, and the OS caches the file anyway.
            conn.execute("PRAGMA cache_size = -65536")
    return conn


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Another program's SQLite file (tables, none of them the log's events) is only
    reported: adding the score log's tables to it, or switching it to WAL, would change
    a file nobody asked us to touch."""
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    if tables and "events" not in tables:
        conn.close()
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise UserError(f"{path} is another program's database (tables: {shown}), not a score "
                        "log; nothing in it was changed: choose another --db")


def _make_folder_if_default(path: Path) -> None:
    """The per-user data folder is created on first use; a folder the user named with
    --db or $CRT_DB is not (a typo would otherwise leave folders behind)."""
    from game.scorelog.location import default_db_path

    if path != default_db_path():
        raise UsageError(f"the folder {path.parent} does not exist; create it first")
    path.parent.mkdir(parents=True, exist_ok=True)
