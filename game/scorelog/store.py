"""The score log: append events as they happen, read them back for the game.

    log = ScoreLog.open(path)            # --db / $CRT_DB / per-user data folder
    rec = log.recorder()                  # a new session id (or pass one to resume)
    rec.record(event)                     # one committed transaction per event
    log.best_and_last("anna", "phone_complaint")
    log.resume_candidates("anna")         # started, never ended: replay or abandon

Appends take SQLite's write lock (``BEGIN IMMEDIATE``) before reading the chain head,
so several processes writing at once queue up and the chain stays one line.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.core.errors import UserError
from game.scorelog import chain
from game.scorelog import content as _content
from game.scorelog.db import BUSY_TIMEOUT_MS, connect, guarded, transaction
from game.scorelog.events import event_dict
from game.scorelog.location import resolve_db_path, server_url
from game.scorelog.pg.conn import shown
from game.scorelog.schema import MIGRATIONS, migrate

_ADD_CHOICE = ("INSERT INTO choice_totals VALUES (?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET "
               "n = n + excluded.n, merit = merit + excluded.merit, "
               "lost = lost + excluded.lost")
_ADD_TRAIT = ("INSERT INTO trait_totals VALUES (?,?,?,?,?) ON CONFLICT DO UPDATE SET "
              "n = n + excluded.n, total = total + excluded.total")
RUNTIME_TYPES = frozenset({"SessionStarted", "ChoiceMade", "TimedOut", "SessionEnded",
                           "SessionAbandoned"})
_INSERT_EVENT = ("INSERT INTO events (seq, at, session_id, trainee, scenario, type, node, "
                 "choice, score, passed, merit, lost, response_time, data, prev_hash, hash, "
                 "hv, mistake) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
_STEPS = ("ChoiceMade", "TimedOut")


def _new_id() -> str:
    """A random id (a session's, an event's client key). uuid is imported here, not at
    the top: it loads ``platform``, 2 ms every report and verify-log would pay."""
    import uuid

    return uuid.uuid4().hex


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class BestAndLast:
    sessions: int  # ended sessions of this trainee in this scenario
    best: float | None
    last: float | None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    session_id: str
    trainee: str | None
    scenario: str | None
    started_at: str
    events: int


class ScoreLog:
    """One open score log database."""

    def __init__(self, conn: sqlite3.Connection, path: Path | str) -> None:
        self.conn = conn
        self.path = path
        self._who: dict[str, tuple[str | None, str | None]] = {}
        self._files: dict[str, Path] = {}  # content hash -> scenario file (keep_scenario)
        self._kept: set[str] = set()  # content hashes known to be in scenario_content

    @classmethod
    def open(cls, path: str | Path | None = None, *, create: bool = True,
             timeout_ms: int = BUSY_TIMEOUT_MS, offline: bool = False) -> ScoreLog:
        """Open (and create or upgrade) the log; ``create=False`` for read-only tools.

        ``path`` is a file, or a ``postgresql://`` URL for an organisation's central log
        (also from ``$CRT_DB``). ``timeout_ms`` is how long a write waits for other
        writers before giving up. ``offline=True`` (front ends that record): a server
        that cannot be reached gives an offline log that queues (``pg.queue``), and
        what this PC queued earlier is delivered first when it can be.
        """
        url = server_url(path)
        if url is not None and offline:
            from game.scorelog.pg.queue import open_or_offline

            return open_or_offline(url)
        if url is not None:
            from game.scorelog.pg import open_server

            return cls(open_server(url, create=create), shown(url))
        resolved = resolve_db_path(path)
        conn = connect(resolved, create=create, timeout_ms=timeout_ms)
        with guarded(resolved):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise UserError(f"the score log {resolved} was written by a newer version "
                                f"of the trainer (schema {version}); update the trainer")
            if not create and not _has_events_table(conn):
                raise UserError(f"{resolved} is not a score log (no events table)")
            migrate(conn)
        return cls(conn, resolved)

    @property
    def on_server(self) -> bool:
        """True for the central PostgreSQL log (reviews are by the authenticated login)."""
        return getattr(self.conn, "dialect", "sqlite") == "postgresql"

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ScoreLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def recorder(self, session_id: str | None = None) -> Recorder:
        return Recorder(self, session_id or _new_id())

    # -- writing ------------------------------------------------------------

    def append(self, session_id: str, event: Any, at: str | None = None) -> int:
        """Record one event in its own committed transaction; returns its seq."""
        return self.append_many([(session_id, event, at)])[-1]

    def append_many(self, items: Iterable[tuple[str, Any, str | None]],
                    keys: Iterable[str | None] | None = None) -> list[int]:
        """Record several events in ONE transaction (bulk loads); returns their seqs.

        ``keys`` (server log only): one client key per event; an event whose key the
        log already holds is not written again (a queued event delivered twice)."""
        rows = [(sid, event_dict(ev), at or now_iso()) for sid, ev, at in items]
        if self.on_server:  # one call, atomic on its own: one round trip per event
            with guarded(self.path):
                return self._insert_server(rows, list(keys) if keys is not None else None)
        with guarded(self.path), transaction(self.conn):
            return self._insert(rows)

    def _insert_server(self, rows: list[tuple[str, dict[str, Any], str]],
                       keys: list[str | None] | None) -> list[int]:
        from game.scorelog.pg import append

        out = []
        for n, (session_id, data, at) in enumerate(rows):
            trainee, scenario = self._owner(session_id, data)
            if data.get("type") == "SessionStarted":
                self._keep_content(data)
            out.append(append.row(session_id, data, at, trainee, scenario,
                                  keys[n] if keys is not None else None))
        return append.append(self.conn, out)

    def _insert(self, rows: list[tuple[str, dict[str, Any], str]]) -> list[int]:
        """Hash and derive each event in order, then write each table with one
        executemany (a batch of demo data is a few statements, not thousands)."""
        seq, prev = self.conn.execute("SELECT seq, hash FROM chain_head").fetchone()
        seqs, events, evidence, scores_rows = [], [], [], []
        choice_sums: dict[tuple, list[float]] = {}
        trait_sums: dict[tuple, list[float]] = {}
        # chain.index_text's head and evidence part, each spelled once per batch: a
        # batch repeats a few hundred (who, kind, node, answer) and evidence lists
        heads: dict[tuple, str] = {}
        texts: dict[tuple, str] = {(): ""}
        for session_id, data, at in rows:
            seq += 1
            kind = data.get("type")
            trainee, scenario = self._owner(session_id, data)
            if kind == "SessionStarted":
                self._keep_content(data)
            data_json = chain.canonical(data)
            items = chain.evidence_items(data) if kind in _STEPS else []
            scores = chain.trait_scores(data) if kind == "SessionEnded" else []
            *cols, wrong = chain.stored_columns(data, items)
            values = (trainee, scenario, *cols)
            head = heads.get(key := values[:5])
            if head is None:
                head = heads[key] = chain.index_head(*key)
            items_text = texts.get(pairs := tuple(items))
            if items_text is None:
                items_text = texts[pairs] = chain.pairs_text(pairs)
            digest = chain.row_hash(prev, seq, at, session_id, data_json,
                                    head + chain.index_tail(*values[5:], items_text,
                                                            chain.pairs_text(scores))
                                    + chain.mistake_text(wrong))
            events.append((seq, at, session_id, *values, data_json, prev, digest,
                           chain.HASH_VERSION, wrong))
            if kind in _STEPS:
                node, choice = values[3], values[4]
                evidence += [(seq, trainee, scenario, node, choice, t, m) for t, m in items]
                acc = choice_sums.setdefault((trainee, scenario, node, choice), [0, 0.0, 0.0])
                acc[0] += 1
                acc[1] += values[7] or 0.0  # merit
                acc[2] += values[8] or 0.0  # lost
            elif kind == "SessionEnded":
                scores_rows += [(seq, session_id, trainee, scenario, t, v) for t, v in scores]
                for trait, value in scores:
                    acc = trait_sums.setdefault((trainee, scenario, trait), [0, 0.0])
                    acc[0] += 1
                    acc[1] += value
            prev = digest
            seqs.append(seq)
        self.conn.executemany(_INSERT_EVENT, events)
        self.conn.executemany("INSERT INTO evidence VALUES (?,?,?,?,?,?,?)", evidence)
        self.conn.executemany("INSERT INTO trait_scores VALUES (?,?,?,?,?,?)", scores_rows)
        self.conn.executemany(_ADD_CHOICE, [(*k, *v) for k, v in choice_sums.items()])
        self.conn.executemany(_ADD_TRAIT, [(*k, *v) for k, v in trait_sums.items()])
        self.conn.execute("UPDATE chain_head SET seq = ?, hash = ?", (seq, prev))
        return seqs

    def _owner(self, session_id: str, data: Mapping[str, Any]) -> tuple[str | None, str | None]:
        """(trainee, scenario) of a session, from its SessionStarted event."""
        if data.get("type") == "SessionStarted":
            who = (_opt_str(data.get("trainee")),
                   _opt_str(chain.first(data, "scenario_id", "scenario")))
            self._who[session_id] = who
            return who
        if session_id not in self._who:
            row = self.conn.execute(
                "SELECT trainee, scenario FROM events WHERE session_id = ? "
                "AND type = 'SessionStarted' LIMIT 1", (session_id,)).fetchone()
            if row is None:
                return (None, None)
            self._who[session_id] = (row[0], row[1])
        return self._who[session_id]

    def keep_scenario(self, scenario: Any) -> None:
        """Say where a scenario played from outside the shipped folder lives, so its
        content is kept with the sessions that play it (shipped ones are found by id)."""
        if getattr(scenario, "content_hash", "") and getattr(scenario, "path", ""):
            self._files[scenario.content_hash] = Path(scenario.path)

    def kept_file(self, content_hash: str) -> Path | None:
        """The file registered by :meth:`keep_scenario` for this content, if any."""
        return self._files.get(content_hash)

    def _keep_content(self, data: Mapping[str, Any]) -> None:
        """Store the played scenario's file by its hash, once (same transaction)."""
        digest = data.get("content_hash")
        if not isinstance(digest, str) or not digest or digest in self._kept:
            return
        if self.on_server:  # a trainee may not read the table: the server checks the hash
            content = _content.scenario_bytes(digest, self._files.get(digest),
                                      chain.first(data, "scenario", "scenario_id"))
            if content is not None:
                from game.scorelog.pg import append

                append.keep_content(self.conn, content)  # committed: the call is its own
                self._kept.add(digest)
            return
        if self.conn.execute("SELECT 1 FROM scenario_content WHERE content_hash = ?",
                             (digest,)).fetchone() is None:
            content = _content.scenario_bytes(digest, self._files.get(digest),
                                      chain.first(data, "scenario", "scenario_id"))
            if content is None:
                return  # not found: replay will say the content was not kept
            self.conn.execute("INSERT INTO scenario_content VALUES (?, ?)", (digest, content))
            return  # cached only once seen committed: this transaction may yet roll back
        self._kept.add(digest)

    def scenario_content(self, content_hash: str) -> bytes | None:
        """The scenario file a session was played with, when the log kept it."""
        with guarded(self.path):
            row = self.conn.execute("SELECT content FROM scenario_content WHERE "
                                    "content_hash = ?", (content_hash,)).fetchone()
        return None if row is None else bytes(row[0])

    def forget_sessions(self) -> None:
        """Drop the session-owner cache (bulk loads of many sessions)."""
        self._who.clear()

    # -- reading ------------------------------------------------------------

    def session_events(self, session_id: str) -> list[dict[str, Any]]:
        """The session's events as recorded, in order (for ``Session.replay``)."""
        with guarded(self.path):
            rows = self.conn.execute("SELECT data FROM events WHERE session_id = ? "
                                     "ORDER BY seq", (session_id,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def best_and_last(self, trainee: str, scenario_id: str) -> BestAndLast:
        """Best and most recent overall score (overrides applied) of ended sessions."""
        from game.scorelog.queries import session_scores

        with guarded(self.path):
            scores = session_scores(self.conn, trainee=trainee, scenario=scenario_id)
        if not scores:
            return BestAndLast(0, None, None)
        return BestAndLast(len(scores), max(s for _, s in scores), scores[-1][1])

    def resume_candidates(self, trainee: str) -> tuple[SessionSummary, ...]:
        """Sessions of ``trainee`` started but neither ended nor abandoned, newest first."""
        sql = """
            SELECT s.session_id, s.trainee, s.scenario, s.at,
                   (SELECT count(*) FROM events e WHERE e.session_id = s.session_id)
            FROM events s
            WHERE s.type = 'SessionStarted' AND s.trainee = ?
              AND NOT EXISTS (SELECT 1 FROM events e WHERE e.session_id = s.session_id
                              AND e.type IN ('SessionEnded', 'SessionAbandoned'))
            ORDER BY s.seq DESC"""
        with guarded(self.path):
            rows = self.conn.execute(sql, (trainee,)).fetchall()
        return tuple(SessionSummary(*row) for row in rows)

    def runtime_events(self, session_id: str) -> list[dict[str, Any]]:
        """The session's own events (no reviews), as ``Session.replay`` takes them."""
        return [e for e in self.session_events(session_id) if e.get("type") in RUNTIME_TYPES]

    def abandon(self, session_id: str, event: Any = None) -> int:
        """Mark an unfinished session as abandoned (a new event, nothing is removed).

        ``event`` is the runtime's SessionAbandoned when the front end has it.
        """
        if event is None:
            steps = [e for e in self.runtime_events(session_id)
                     if e.get("type") in ("ChoiceMade", "TimedOut")]
            event = {"type": "SessionAbandoned", "node": None, "decisions": len(steps)}
        return self.append(session_id, event)


class Recorder:
    """Records one session's events; a failed write is kept and retried on the next call.

    On the central log each event gets a client key and goes through the log's link
    (``pg.queue``): what this PC queued is delivered first, and an event the server
    cannot take now waits in the queue, so play goes on offline."""

    def __init__(self, log: ScoreLog, session_id: str) -> None:
        self.log = log
        self.session_id = session_id
        self._pending: list[tuple[str, Any, str | None]] = []
        self._link: Any = None
        if log.on_server:
            from game.scorelog.pg.queue import link_for

            self._link = link_for(log)

    def record(self, event: Any) -> int | None:
        """Commit ``event`` (and any earlier one whose write failed); returns its seq,
        or None when the central log's server is unreachable and it was queued."""
        data = event_dict(event)
        chain.canonical(data)  # an unrecordable event fails here, not on every retry
        if self._link is not None:
            return self._link.send((self.session_id, data, now_iso()), _new_id())
        self._pending.append((self.session_id, data, now_iso()))
        seqs = self.log.append_many(self._pending)
        self._pending.clear()
        return seqs[-1]

    @property
    def pending(self) -> int:
        """Events not yet committed because the database was unavailable (on the central
        log: this session's events waiting in this PC's queue)."""
        if self._link is not None:
            return self._link.outbox.waiting(self.session_id)
        return len(self._pending)

    @property
    def offline(self) -> bool:
        """True while the central log's server cannot be reached (events are queued)."""
        return self._link is not None and self._link.down


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _has_events_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                        "AND name = 'events'").fetchone() is not None
