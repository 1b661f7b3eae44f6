"""Shared SQL: each ended session's effective result (a manager's override wins)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

#: One row per ended session: the latest ScoreOverridden, if any, replaces the score.
#: Overrides are few: gathered once (materialised) and looked up per ended session.
RESULTS = """
overrides AS MATERIALIZED (
    SELECT session_id, score, passed FROM events WHERE seq IN (
        SELECT max(seq) FROM events WHERE type = 'ScoreOverridden' GROUP BY session_id)),
results AS (
    SELECT e.seq, e.session_id, e.trainee, e.scenario, e.at,
           coalesce(o.score, e.score) AS score,
           coalesce(o.passed, e.passed) AS passed,
           e.score AS original,
           CASE WHEN o.score IS NULL THEN 0 ELSE 1 END AS overridden
    FROM events e LEFT JOIN overrides o ON o.session_id = e.session_id
    WHERE e.type = 'SessionEnded' {where})
"""


def filters(trainee: str | None = None, scenario: str | None = None,
            since: str | None = None, alias: str = "e", until: str | None = None,
            team: str | None = None) -> tuple[str, list[Any]]:
    """``AND ...`` clauses and their parameters for the common report filters.

    A team is the part of a trainee id before '/': compared as a prefix string, never
    with LIKE (a '%' or '_' in a team name is a character, not a wildcard)."""
    parts, params = [], []
    for column, value in (("trainee", trainee), ("scenario", scenario)):
        if value is not None:
            parts.append(f"AND {alias}.{column} = ?")
            params.append(value)
    if team is not None:
        parts.append(f"AND substr({alias}.trainee, 1, ?) = ?")
        params += [len(team) + 1, team + "/"]
    if since is not None:
        parts.append(f"AND {alias}.at >= ?")
        params.append(since)
    if until is not None:
        parts.append(f"AND {alias}.at < ?")
        params.append(until)
    return " ".join(parts), params


def session_scores(conn: sqlite3.Connection, trainee: str | None = None,
                   scenario: str | None = None) -> list[tuple[str, float]]:
    """(session id, effective score) of ended sessions, oldest first."""
    where, params = filters(trainee, scenario)
    sql = f"WITH {RESULTS.format(where=where)} SELECT session_id, score FROM results " \
          "WHERE score IS NOT NULL ORDER BY seq"
    return [(sid, float(score)) for sid, score in conn.execute(sql, params)]


def snapshot(conn: Any) -> AbstractContextManager[None]:
    """One consistent view of the log for a whole read-only command: on the central log
    a REPEATABLE READ transaction, in which the long scans stream from the server
    (``PgConnection.reading``); in a SQLite file a read transaction (WAL: the snapshot
    of its first read). Without one, a check made while a class appends read the events
    before and the chain head after new rows, and said rows were deleted (27 of 31
    checks beside one writer)."""
    reading = getattr(conn, "reading", None)
    return reading() if reading is not None else _read_transaction(conn)


@contextmanager
def _read_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")  # deferred: a reader, never a writer's lock
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # nothing was written: releases the snapshot
