"""The database schema, as named migrations recorded in a table (sqlite-utils style).

Each migration is applied in one transaction together with its record in
``migrations``, so a crash mid-upgrade leaves the database at the previous version,
and several processes opening a new database at once apply each step exactly once.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from game.scorelog.db import transaction

# The indexes, in the same SQL for both back ends (pg/schema.py takes them from here):
# each group stands where its migration creates it.
EVENT_INDEXES = (
    "CREATE INDEX ix_events_session ON events (session_id, seq)",
    "CREATE INDEX ix_events_trainee ON events (type, trainee, scenario, at, score)",
    "CREATE INDEX ix_events_scenario ON events (type, scenario, score, passed)",
    "CREATE INDEX ix_events_choice ON events (type, scenario, node, choice, merit, lost)",
    "CREATE INDEX ix_events_at ON events (at)",
)
EVIDENCE_INDEXES = (
    "CREATE INDEX ix_evidence_seq ON evidence (seq)",
    "CREATE INDEX ix_evidence_trait ON evidence (trainee, trait, scenario, node, choice, merit)",
)
TRAIT_SCORE_INDEXES = (
    "CREATE INDEX ix_trait_scores_seq ON trait_scores (seq)",
    "CREATE INDEX ix_trait_scores_trainee ON trait_scores (trainee, trait, score)",
)
OUTBOX_INDEXES = (
    "CREATE INDEX ix_outbox_pending ON outbox (delivered_at, rejected_at, next_try)",
    "CREATE INDEX ix_outbox_seq ON outbox (event_seq)",
)
# Covering indexes: a report never reads the (large) event rows themselves.
COVERING_INDEXES = (
    "DROP INDEX ix_events_trainee",
    "DROP INDEX ix_events_scenario",
    "DROP INDEX ix_events_choice",
    "DROP INDEX ix_events_at",
    "CREATE INDEX ix_events_who ON events (type, trainee, scenario, at, score, passed, "
    "session_id)",
    "CREATE INDEX ix_events_when ON events (at, type, scenario, node, choice, merit, lost, "
    "trainee)",
)
# The partial index holds only the decisions that cost points.
MISTAKE_INDEX = ("CREATE INDEX ix_events_mistake ON events (scenario, node, choice, mistake, "
                 "lost, at, trainee) WHERE mistake IS NOT NULL",)

_EVENTS = (
    """CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        session_id TEXT NOT NULL,
        trainee TEXT,
        scenario TEXT,
        type TEXT NOT NULL,
        node TEXT,
        choice TEXT,
        score REAL,
        passed INTEGER,
        merit REAL,
        lost REAL,
        response_time REAL,
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL)""",
    *EVENT_INDEXES,
    # Per-trait evidence of each choice, and per-trait scores of each ended session:
    # rows derived from the event they point to (seq), kept apart so reports can
    # aggregate traits with plain SQL.
    """CREATE TABLE evidence (
        seq INTEGER NOT NULL, trainee TEXT, scenario TEXT, node TEXT, choice TEXT,
        trait TEXT NOT NULL, merit REAL NOT NULL)""",
    *EVIDENCE_INDEXES,
    """CREATE TABLE trait_scores (
        seq INTEGER NOT NULL, session_id TEXT NOT NULL, trainee TEXT, scenario TEXT,
        trait TEXT NOT NULL, score REAL NOT NULL)""",
    *TRAIT_SCORE_INDEXES,
    # The last link of the chain: catches a deletion of the newest rows.
    "CREATE TABLE chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER, hash TEXT)",
    "INSERT INTO chain_head VALUES (1, 0, '" + "0" * 64 + "')",
    *(f"""CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table}
          BEGIN SELECT RAISE(ABORT, 'the score log is append-only'); END"""
      for table in ("events", "evidence", "trait_scores") for verb in ("update", "delete")),
)

_OUTBOX = (
    # xAPI statements waiting for delivery to a learning record store. Not part of
    # the chain: a delivery queue, rebuilt from the events at any time.
    """CREATE TABLE outbox (
        statement_id TEXT PRIMARY KEY,
        event_seq INTEGER NOT NULL,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_try REAL NOT NULL DEFAULT 0,
        last_error TEXT,
        delivered_at TEXT,
        rejected_at TEXT)""",
    # The last event turned into statements, so enqueueing is incremental.
    "CREATE TABLE outbox_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER)",
    "INSERT INTO outbox_cursor VALUES (1, 0)",
    *OUTBOX_INDEXES,
)

_ROLLUPS = (
    # Running totals kept in the same transaction as each event, so the unfiltered
    # trait and choice views read thousands of rows instead of millions. Derived:
    # verify-log recomputes them from the events.
    """CREATE TABLE trait_totals (
        trainee TEXT, scenario TEXT, trait TEXT NOT NULL, n INTEGER NOT NULL,
        total REAL NOT NULL, PRIMARY KEY (trainee, scenario, trait))""",
    """INSERT INTO trait_totals SELECT trainee, scenario, trait, count(*), sum(score)
       FROM trait_scores GROUP BY trainee, scenario, trait""",
    """CREATE TABLE choice_totals (
        trainee TEXT, scenario TEXT, node TEXT, choice TEXT, n INTEGER NOT NULL,
        merit REAL NOT NULL, lost REAL NOT NULL,
        PRIMARY KEY (trainee, scenario, node, choice))""",
    """INSERT INTO choice_totals SELECT trainee, scenario, node, choice, count(*),
       total(merit), total(lost) FROM events WHERE type IN ('ChoiceMade', 'TimedOut')
       GROUP BY trainee, scenario, node, choice""",
    *COVERING_INDEXES,
)

_CONTENT = (
    # The scenario file each session was played with, by its sha256 (the content_hash
    # of SessionStarted): verify-log --replay re-plays old sessions against it, and
    # the session view shows the text the trainee saw. Covered by its key: verifying
    # re-hashes every row.
    """CREATE TABLE scenario_content (content_hash TEXT PRIMARY KEY, content BLOB NOT NULL)""",
    *(f"""CREATE TRIGGER scenario_content_no_{verb} BEFORE {verb.upper()} ON scenario_content
          BEGIN SELECT RAISE(ABORT, 'the score log is append-only'); END"""
      for verb in ("update", "delete")),
)

_MISTAKE = (
    # What kind of mistake a decision that cost points was (chain.mistake): wrong,
    # slow (the best answer, too late) or timeout, so the costliest-mistakes view reads
    # no JSON. Hashed with version 3 rows; filled here for older rows, whose value
    # verify-log re-derives from the event (the one UPDATE the log ever sees, in this
    # migration's transaction).
    "ALTER TABLE events ADD COLUMN mistake TEXT",
    "DROP TRIGGER events_no_update",
    """UPDATE events SET mistake = CASE WHEN type = 'TimedOut' THEN 'timeout'
           WHEN json_extract(data, '$.best') IS NOT choice
                AND json_extract(data, '$.best') IS NOT NULL THEN 'wrong' ELSE 'slow' END
       WHERE type IN ('ChoiceMade', 'TimedOut') AND lost > 0""",
    """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'the score log is append-only'); END""",
    *MISTAKE_INDEX,
)

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("0001_events_chain", _EVENTS),
    ("0002_xapi_outbox", _OUTBOX),
    ("0003_report_rollups", _ROLLUPS),
    ("0004_scenario_content", _CONTENT),
    # Version 2 rows hash their derived columns and rows with the event (chain.index_text),
    # so verifying them reads no JSON; rows written before stay version 1.
    ("0005_hash_version", ("ALTER TABLE events ADD COLUMN hv INTEGER NOT NULL DEFAULT 1",)),
    ("0006_mistake_kind", _MISTAKE),
)


def known_steps(conn: sqlite3.Connection) -> set[str]:
    """The migration names this version ships for the log's back end."""
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        from game.scorelog.pg.schema import MIGRATIONS as SERVER_STEPS

        return {name for name, _ in SERVER_STEPS}
    return {name for name, _ in MIGRATIONS}


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; returns the names applied now."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
        return []
    applied_now = []
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, "
                 "applied_at TEXT NOT NULL)")
    for index, (name, statements) in enumerate(MIGRATIONS, start=1):
        with transaction(conn):
            done = conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone()
            if not done:
                for statement in statements:
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations VALUES (?, ?)",
                             (name, datetime.now(UTC).isoformat(timespec="seconds")))
                applied_now.append(name)
            conn.execute(f"PRAGMA user_version = {index}")
    return applied_now
