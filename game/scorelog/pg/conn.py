"""A PostgreSQL connection that speaks the sqlite3 API the score log's SQL is written in.

The reports, verify-log and the outbox run the same SQL on both back ends: ``?``
placeholders, ``conn.execute(sql, params)`` returning a cursor, numbers as floats and
truth values as 0/1 (SQLite's types). This module translates the placeholders and loads
``numeric`` and ``boolean`` results the way SQLite gives them back, so a report is the
same bytes from either log. Server failures become one clear line (:func:`user_error`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from game.core.errors import UsageError, UserError

SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 5  # a training room waits this long for the server, then queues offline


class ServerUnavailable(UserError):
    """The server cannot be reached now (down, unknown host, network): try again later.

    Exit 69 (EX_UNAVAILABLE of sysexits.h): a script can tell it from a mistake."""

    exit_code = 69


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def shown(url: str) -> str:
    """The URL as messages show it: never the password."""
    return re.sub(r"(://[^:/@?]*):[^@/?]*@", r"\1:***@", url)


_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\?|%")
_translated: dict[str, str] = {}


def translate(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s``; a literal ``%`` doubled (quoted text kept)."""
    done = _translated.get(sql)
    if done is None:
        def one(match: re.Match[str]) -> str:
            token = match.group(0)
            if token == "?":
                return "%s"
            if token == "%":
                return "%%"
            return token.replace("%", "%%")

        done = _translated[sql] = _PLACEHOLDER.sub(one, sql)
    return done


STREAM_ROWS = 5000  # rows per FETCH of a streamed scan: ~5-10 MB of events at a time
_scans: dict[str, bool] = {}


def is_scan(sql: str) -> bool:
    """A read that may return the whole log: a SELECT in an order (the log's scans all
    have one: seq, rowid, session and seq) with no LIMIT."""
    found = _scans.get(sql)
    if found is None:
        text = sql.lstrip()[:6].upper()
        upper = sql.upper()
        found = _scans[sql] = text.startswith(("SELECT", "WITH")) and "ORDER BY" in upper \
            and "LIMIT" not in upper
    return found


class PgConnection:
    """sqlite3-style access to one psycopg connection (autocommit; explicit BEGIN).

    psycopg's ordinary cursor holds a whole result in memory, as sqlite3's does not:
    inside a transaction (``reading()``, or a writer's BEGIN) a scan (``is_scan``) runs
    in a server-side cursor instead, fetched ``STREAM_ROWS`` at a time, so verify-log,
    the replay and the xAPI export of a million events use the memory of a few
    thousand. Outside one, every statement is its own transaction (the game's writes)."""

    dialect = "postgresql"

    def __init__(self, raw: Any, url: str) -> None:
        self.raw = raw
        self.url = url
        self._cursors = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if sql.startswith("BEGIN IMMEDIATE"):
            sql = "BEGIN"  # PostgreSQL orders writers itself (the chain head's row lock)
        if is_scan(sql) and self._in_transaction():
            self._cursors += 1
            cur = self.raw.cursor(name=f"crt_scan_{self._cursors}")
            cur.itersize = STREAM_ROWS
        else:
            cur = self.raw.cursor()
        if params:
            cur.execute(translate(sql), tuple(params))
        else:  # no parameters: psycopg sends the text as it is (a '%' stays one)
            cur.execute(sql)
        return cur

    def _in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status == TransactionStatus.INTRANS

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One consistent view of the log for a read-only command: a REPEATABLE READ
        transaction, so a check or report made while trainees append sees one state of
        the chain (its head, rows and totals alike), and its scans stream."""
        if self._in_transaction():
            yield
            return
        self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        # its scans are read to the end: planned for all rows, not for the first ones
        self.raw.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        try:
            yield
        except BaseException:
            with suppress(Exception):  # the connection itself may be gone
                self.raw.execute("ROLLBACK")
            raise
        self.raw.execute("COMMIT")

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        rows = [tuple(r) for r in rows]
        cur = self.raw.cursor()
        if rows:
            cur.executemany(translate(sql), rows)
        return cur

    def close(self) -> None:
        self.raw.close()

    @property
    def user(self) -> str:
        return str(self.execute("SELECT session_user").fetchone()[0])


def connect(url: str, timeout_s: int = CONNECT_TIMEOUT_S) -> PgConnection:
    """Open the server's log; a failure to connect is one clear line."""
    try:
        import psycopg
    except ImportError as err:  # pragma: no cover - a dependency of the package
        raise UserError("the PostgreSQL driver is missing: pip install 'psycopg[binary]'"
                        ) from err
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=timeout_s,
                              application_name="client-relations-trainer")
    except psycopg.ProgrammingError as err:  # a URL psycopg cannot parse
        raise UsageError(f"{shown(url)} is not a valid PostgreSQL URL ({_first_line(err)})"
                         ) from err
    except psycopg.Error as err:
        raise user_error(url, err) from err
    _load_as_sqlite(raw)
    return PgConnection(raw, url)


def _load_as_sqlite(raw: Any) -> None:
    """numeric as float and boolean as 0/1, as SQLite returns them (report parity)."""
    from psycopg.adapt import Loader
    from psycopg.types.numeric import FloatLoader

    class IntBoolLoader(Loader):
        def load(self, data: Any) -> int:
            return 1 if bytes(data) == b"t" else 0

    raw.adapters.register_loader("numeric", FloatLoader)
    raw.adapters.register_loader("bool", IntBoolLoader)


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0].strip() if text else type(err).__name__


def user_error(url: str, err: BaseException) -> UserError:
    """The one line a user sees for a server failure, with what to do about it."""
    where, text = shown(url), str(err)
    low = text.lower()
    state = getattr(err, "sqlstate", None) or ""
    if "password authentication failed" in low or "no password supplied" in low \
            or state == "28P01":
        return UserError(f"the score log server {where} refused the login (wrong password "
                         "or user): check the user and password in the URL or ~/.pgpass")
    if "could not translate host name" in low or "name or service not known" in low \
            or "nodename nor servname" in low:
        return ServerUnavailable(f"unknown host in {where}: check the server's name in the "
                                 "URL (or the network)")
    if "does not exist" in low and "database" in low and state in ("", "3D000"):
        return UserError(f"{where}: no such database on the server; create it and run "
                         "`python main.py db init-server URL` as its owner")
    if "role" in low and "does not exist" in low:
        return UserError(f"{where}: no such database user; ask the log's owner to create "
                         "your login (docs: README, central score log)")
    if "permission denied for database" in low:  # no CONNECT right: a role is not enough
        return UserError(f"{where}: your database user may not connect to this database; "
                         "ask its owner to GRANT CONNECT ON DATABASE to your login")
    if "permission denied for function crt_" in low:  # the role was taken away since
        return UserError(f"{where}: your database user has no role in this score log any "
                         "more; its owner grants one: GRANT crt_trainee TO your login (or "
                         "crt_manager)")
    if "permission denied:" in low:  # crt_append's own refusals say what was refused
        return UserError(f"{where}: {_first_line(err)}")
    if state == "42501" or "permission denied" in low:
        return UserError(f"{where}: your database user may not do this ({_first_line(err)}); "
                         "verify-log, report and the xAPI commands need a manager's login "
                         "(role crt_manager): ask the log's owner")
    if state.startswith("42P01") or state == "42883":
        return UserError(f"{where} is not a score log (or an older one): its owner runs "
                         "`python main.py db init-server URL` first")
    if state == "P0001":  # raised by the log's own functions: their message says it all
        return UserError(f"{where}: {_first_line(err)}")
    if "connection refused" in low or "no such file or directory" in low \
            or "timeout expired" in low or "server closed the connection" in low \
            or "connection is lost" in low or "connection is closed" in low \
            or "terminating connection" in low or "the database system is" in low \
            or "could not connect" in low or "consuming input failed" in low \
            or state.startswith("08") or state.startswith("57P"):
        return ServerUnavailable(f"the score log server {where} cannot be reached "
                                 f"({_first_line(err)}); try again when it is back")
    return UserError(f"score log {where}: {_first_line(err)}")


def is_unavailable(err: BaseException) -> bool:
    """A connection failure (retry later), as opposed to a refusal or a bad request."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover
        return False
    return isinstance(err, psycopg.OperationalError) and \
        isinstance(user_error("", err), ServerUnavailable)
