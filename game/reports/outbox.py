"""Live xAPI delivery: statements wait in the log's outbox table until an LRS accepts them.

The outbox is filled from the events (incrementally, by a cursor) and drained with
retry and exponential backoff, from a background thread in the game or from the
``send-xapi`` command. An LRS that is down or slow never blocks recording: the
game's writes and the sender's are short separate transactions, and a statement
leaves the outbox only when the LRS has answered that it stored it.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.core.errors import UsageError
from game.reports.xapi import event_statements, log_statements
from game.scorelog.db import transaction

BATCH = 100
MAX_BACKOFF = 300.0


@dataclass(frozen=True, slots=True)
class LrsConfig:
    endpoint: str  # e.g. http://127.0.0.1:8100/xAPI (".../statements" is added)
    username: str = ""
    password: str = ""
    timeout: float = 5.0
    backoff_base: float = 2.0

    @classmethod
    def from_env(cls, url: str | None = None, user: str | None = None,
                 password: str | None = None) -> LrsConfig:
        endpoint = url or os.environ.get("CRT_LRS_URL", "")
        if not endpoint:
            raise UsageError("no LRS configured: pass --url or set CRT_LRS_URL "
                             "(and CRT_LRS_USER, CRT_LRS_PASSWORD)")
        return cls(endpoint.rstrip("/"), user or os.environ.get("CRT_LRS_USER", ""),
                   password or os.environ.get("CRT_LRS_PASSWORD", ""))


@dataclass(frozen=True, slots=True)
class Round:
    sent: int = 0
    rejected: int = 0
    error: str = ""  # why this round stopped early (LRS unreachable...)
    withheld: int = 0  # outbox rows that differ from the log: never sent


def enqueue(conn: sqlite3.Connection) -> int:
    """Add the statements of events not yet enqueued; returns how many were added."""
    with transaction(conn):
        last = conn.execute("SELECT last_seq FROM outbox_cursor").fetchone()[0]
        added, top = 0, last
        for seq, statement in log_statements(conn, last):
            added += conn.execute(
                "INSERT INTO outbox (statement_id, event_seq, body) VALUES (?,?,?) "
                "ON CONFLICT DO NOTHING",
                (statement["id"], seq, json.dumps(statement, ensure_ascii=False))).rowcount
            top = seq
        top = max(top, conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0])
        conn.execute("UPDATE outbox_cursor SET last_seq = ?", (top,))
    return added


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    row = conn.execute("SELECT count(*) - count(delivered_at) - count(rejected_at), "
                       "count(delivered_at), count(rejected_at) FROM outbox").fetchone()
    return {"pending": row[0], "delivered": row[1], "rejected": row[2]}


def _post(config: LrsConfig, bodies: list[str]) -> int:
    """POST a batch; returns the HTTP status (raises OSError when unreachable)."""
    request = urllib.request.Request(
        config.endpoint + "/statements", data=("[" + ",".join(bodies) + "]").encode(),
        method="POST", headers={"Content-Type": "application/json",
                                "X-Experience-API-Version": "1.0.3"})
    if config.username:
        token = base64.b64encode(f"{config.username}:{config.password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def deliver(conn: sqlite3.Connection, config: LrsConfig, batch: int = BATCH) -> Round:
    """Send one batch of due statements; on failure schedule a retry with backoff."""
    due = conn.execute("SELECT statement_id, body, attempts, event_seq FROM outbox WHERE "
                       "delivered_at IS NULL AND rejected_at IS NULL AND next_try <= ? "
                       "ORDER BY event_seq, statement_id LIMIT ?", (time.time(), batch)).fetchall()
    if not due:
        return Round()
    good, bad = _genuine(conn, due)
    if bad:
        _mark(conn, "rejected_at", [(sid, WITHHELD) for sid in bad])
    result = _send(conn, config, good) if good else Round()
    return Round(result.sent, result.rejected, result.error, len(bad))


WITHHELD = "differs from the score log's event: not sent"


def _genuine(conn: sqlite3.Connection, rows: list) -> tuple[list, list[str]]:
    """Rows whose body is exactly the statement rebuilt now from an intact event.

    The event row itself is re-hashed and linked to the row before it; send-xapi
    verifies the whole log first. A row that differs is withheld for good."""
    from game.scorelog.fastcheck import row_intact

    good, bad, rebuilt = [], [], {}
    for statement_id, body, attempts, seq in rows:
        if seq not in rebuilt:
            rebuilt[seq] = {s["id"]: s for s in event_statements(conn, seq)} \
                if row_intact(conn, seq) else {}
        try:
            same = json.loads(body) == rebuilt[seq].get(statement_id)
        except ValueError:
            same = False
        if same:
            good.append((statement_id, body, attempts))
        else:
            bad.append(statement_id)
    return good, bad


def _send(conn: sqlite3.Connection, config: LrsConfig, rows: list) -> Round:
    try:
        status = _post(config, [body for _, body, _ in rows])
    except (OSError, TimeoutError) as err:
        return _retry_later(conn, config, rows, f"LRS unreachable: {err}")
    if status in (200, 204):
        _mark(conn, "delivered_at", [(r[0], "") for r in rows])
        return Round(sent=len(rows))
    if status in (400, 409) and len(rows) > 1:
        return _one_by_one(conn, config, rows)
    if status in (400, 409):  # this statement is refused for good: kept, not retried
        _mark(conn, "rejected_at", [(rows[0][0], f"LRS answered {status}")])
        return Round(rejected=1)
    return _retry_later(conn, config, rows, f"LRS answered {status}")


def _one_by_one(conn: sqlite3.Connection, config: LrsConfig, rows: list) -> Round:
    """A batch was refused: find the statement at fault, deliver the others."""
    sent = rejected = 0
    for row in rows:
        result = _send(conn, config, [row])
        sent, rejected = sent + result.sent, rejected + result.rejected
        if result.error:
            return Round(sent, rejected, result.error)
    return Round(sent, rejected)


def _mark(conn: sqlite3.Connection, column: str, rows: list[tuple[str, str]]) -> None:
    with transaction(conn):
        conn.executemany(f"UPDATE outbox SET {column} = ?, last_error = nullif(?, '') "
                         "WHERE statement_id = ?", [(_now(), err, sid) for sid, err in rows])


def _retry_later(conn: sqlite3.Connection, config: LrsConfig, rows: list, error: str) -> Round:
    with transaction(conn):
        conn.executemany(
            "UPDATE outbox SET attempts = attempts + 1, next_try = ?, last_error = ? "
            "WHERE statement_id = ?",
            [(time.time() + min(MAX_BACKOFF, config.backoff_base * 2 ** attempts), error, sid)
             for sid, _, attempts in rows])
    return Round(error=error)


class Sender(threading.Thread):
    """Background delivery for the game: polls the outbox, never raises into the game."""

    def __init__(self, db_path: str | Path, config: LrsConfig, interval: float = 2.0) -> None:
        super().__init__(name="xapi-sender", daemon=True)
        self.db_path, self.config, self.interval = db_path, config, interval
        self.stopping = threading.Event()
        self.last_error = ""

    def run(self) -> None:
        from game.scorelog import ScoreLog

        while not self.stopping.is_set():
            try:
                with ScoreLog.open(self.db_path) as log:
                    self._drain(log.conn)
            except Exception as err:  # the game goes on; the statement stays queued
                self.last_error = str(err)
            self.stopping.wait(self.interval)

    def _drain(self, conn: sqlite3.Connection) -> None:
        enqueue(conn)
        while not self.stopping.is_set():
            result = deliver(conn, self.config)
            self.last_error = result.error
            if result.error or not (result.sent or result.rejected):
                return

    def stop(self, timeout: float = 5.0) -> None:
        self.stopping.set()
        self.join(timeout)


def start_sender_from_env(db_path: str | Path | None = None) -> Sender | None:
    """For the game: deliver in the background when ``$CRT_LRS_URL`` is set, else None."""
    if not os.environ.get("CRT_LRS_URL"):
        return None
    from game.scorelog import resolve_db_path
    from game.scorelog.location import server_url

    if server_url(db_path) is not None:  # the central log's queue is a manager's: send-xapi
        return None
    sender = Sender(resolve_db_path(db_path), LrsConfig.from_env())
    sender.start()
    return sender
