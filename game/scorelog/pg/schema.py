"""The score log's schema on PostgreSQL: the SQLite migrations, step for step, plus access.

The same named steps as ``game/scorelog/schema.py`` (0001–0006), written for PostgreSQL
(the indexes are that file's own statements), then ``0007_server_access``: the append
function that is the chain's one ordering point, row-level security and the three roles'
rights (see ``access.py``). The missing steps run in one transaction with their records
in ``migrations``, under an advisory lock, so twenty clients starting against an empty
database apply each step exactly once.

Text columns compare byte-wise (``COLLATE "C"``, SQLite's BINARY), the evidence and
trait score tables carry an identity column named ``rowid`` (their insertion order, as
SQLite's implicit one), and ``total()`` and ``instr()`` exist as in SQLite: the reports'
SQL runs unchanged on both back ends and sorts the same.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from game.scorelog.pg import access
from game.scorelog.schema import (
    COVERING_INDEXES,
    EVENT_INDEXES,
    EVIDENCE_INDEXES,
    MISTAKE_INDEX,
    OUTBOX_INDEXES,
    TRAIT_SCORE_INDEXES,
)

LOCK_KEY = 0x0C47_5CE0_0001  # pg_advisory_xact_lock: one migrator at a time, per database
T = 'text COLLATE "C"'
REAL = "double precision"


def _append_only(table: str) -> tuple[str, ...]:
    return (f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION crt_append_only()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION crt_append_only()")


_EVENTS = (
    # SQLite's own spellings, so the shared SQL runs unchanged
    "CREATE AGGREGATE total(double precision) (sfunc = float8pl, stype = float8, "
    "initcond = '0')",
    "CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE "
    "AS 'SELECT strpos($1, $2)'",
    """CREATE FUNCTION crt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the score log is append-only'; END $$""",
    f"""CREATE TABLE events (
        seq bigint PRIMARY KEY, at {T} NOT NULL, session_id {T} NOT NULL,
        trainee {T}, scenario {T}, type {T} NOT NULL, node {T}, choice {T},
        score {REAL}, passed integer, merit {REAL}, lost {REAL}, response_time {REAL},
        data text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL)""",
    *EVENT_INDEXES,
    f"""CREATE TABLE evidence (
        seq bigint NOT NULL, trainee {T}, scenario {T}, node {T}, choice {T},
        trait {T} NOT NULL, merit {REAL} NOT NULL,
        rowid bigint GENERATED ALWAYS AS IDENTITY)""",
    *EVIDENCE_INDEXES,
    f"""CREATE TABLE trait_scores (
        seq bigint NOT NULL, session_id {T} NOT NULL, trainee {T}, scenario {T},
        trait {T} NOT NULL, score {REAL} NOT NULL,
        rowid bigint GENERATED ALWAYS AS IDENTITY)""",
    *TRAIT_SCORE_INDEXES,
    "CREATE TABLE chain_head (id integer PRIMARY KEY CHECK (id = 1), seq bigint, hash text)",
    "INSERT INTO chain_head VALUES (1, 0, '" + "0" * 64 + "')",
    *_append_only("events"), *_append_only("evidence"), *_append_only("trait_scores"),
)

_OUTBOX = (
    f"""CREATE TABLE outbox (
        statement_id {T} PRIMARY KEY, event_seq bigint NOT NULL, body text NOT NULL,
        attempts integer NOT NULL DEFAULT 0, next_try {REAL} NOT NULL DEFAULT 0,
        last_error text, delivered_at text, rejected_at text)""",
    "CREATE TABLE outbox_cursor (id integer PRIMARY KEY CHECK (id = 1), last_seq bigint)",
    "INSERT INTO outbox_cursor VALUES (1, 0)",
    *OUTBOX_INDEXES,
)

_ROLLUPS = (
    f"""CREATE TABLE trait_totals (
        trainee {T}, scenario {T}, trait {T} NOT NULL, n integer NOT NULL,
        total {REAL} NOT NULL, UNIQUE NULLS NOT DISTINCT (trainee, scenario, trait))""",
    f"""CREATE TABLE choice_totals (
        trainee {T}, scenario {T}, node {T}, choice {T}, n integer NOT NULL,
        merit {REAL} NOT NULL, lost {REAL} NOT NULL,
        UNIQUE NULLS NOT DISTINCT (trainee, scenario, node, choice))""",
    *COVERING_INDEXES,
)

_CONTENT = (
    f"CREATE TABLE scenario_content (content_hash {T} PRIMARY KEY, content bytea NOT NULL)",
    *_append_only("scenario_content"),
)

_MISTAKE = (
    f"ALTER TABLE events ADD COLUMN mistake {T}",
    *MISTAKE_INDEX,
)

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("0001_events_chain", _EVENTS),
    ("0002_xapi_outbox", _OUTBOX),
    ("0003_report_rollups", _ROLLUPS),
    ("0004_scenario_content", _CONTENT),
    ("0005_hash_version", ("ALTER TABLE events ADD COLUMN hv integer NOT NULL DEFAULT 1",)),
    ("0006_mistake_kind", _MISTAKE),
    ("0007_server_access", access.STATEMENTS),
)


def applied(conn: Any) -> int | None:
    """How many steps the database has (None: not a score log at all).

    Asked of pg_tables, not to_regclass: a backend may remember that the table did not
    exist before another client's set-up committed it."""
    if not _has_migrations(conn):
        return None
    return int(conn.execute("SELECT count(*) FROM migrations").fetchone()[0])


def _has_migrations(conn: Any) -> bool:
    return bool(conn.execute("SELECT EXISTS (SELECT FROM pg_tables WHERE tablename = "
                             "'migrations' AND schemaname = current_schema())").fetchone()[0])


def migrate(conn: Any) -> list[str]:
    """Create the roles when missing, then apply the steps not yet recorded.

    Needs a user that may create tables in the database (its owner, or a member of
    ``crt_owner``); the objects are owned by ``crt_owner`` either way."""
    applied_now: list[str] = []
    conn.execute("BEGIN")
    try:
        conn.execute(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
        # another client migrated while this one waited for the lock: nothing to do (a
        # trainee may not run the set-up's GRANTs, and need not)
        if (applied(conn) or 0) >= len(MIGRATIONS):
            conn.execute("COMMIT")
            return applied_now
        for statement in access.ROLES:
            conn.execute(statement)
        conn.execute("SET LOCAL ROLE crt_owner")
        conn.execute("CREATE TABLE IF NOT EXISTS migrations (name text PRIMARY KEY, "
                     "applied_at text NOT NULL)")
        done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute("INSERT INTO migrations VALUES (?, ?)",
                         (name, datetime.now(UTC).isoformat(timespec="seconds")))
            applied_now.append(name)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return applied_now
