"""Offline first: events for the central log wait on this PC until its server takes them.

A training room's network drops, or the server is down when the game starts: the game
plays on. Every event of the central log gets a client key (a uuid4) when it is recorded;
an event the server cannot take now goes to a small SQLite queue in the per-user data
folder, named from the server's URL without its password::

    ~/.local/share/client-relations-trainer/queue-<sha256(masked url)[:12]>.sqlite3

Before each new event, at start-up (``ScoreLog.open(url, offline=True)``) and with
``python main.py sync``, the queue is delivered in the order the events were recorded,
with their original ``at``, then emptied. The server skips a key it already holds, so an
event whose delivery was cut after the server committed it (but before the queue let go
of it) is never written twice: exactly once, in order.

A scenario file of the trainer's own (played by path, outside the shipped folder) waits
in the queue beside its session's first event and reaches the server before it: the log
keeps the content that was played even when the file is gone by the time of delivery.

One deliverer at a time per PC: delivery holds the queue file's write lock from reading
the rows to deleting them, so the game and a ``sync`` run together never interleave.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
import uuid
import weakref
from pathlib import Path
from typing import Any

from game.core.errors import UserError
from game.scorelog import chain
from game.scorelog.db import guarded, transaction
from game.scorelog.pg.conn import ServerUnavailable, shown

Item = tuple[str, dict[str, Any], str]  # (session id, event as a dict, at)

_SCHEMA = ("CREATE TABLE IF NOT EXISTS queue (id INTEGER PRIMARY KEY AUTOINCREMENT, "
           "key TEXT NOT NULL UNIQUE, session_id TEXT NOT NULL, at TEXT NOT NULL, "
           "data TEXT NOT NULL)",
           # queue files made before it get it when opened
           "CREATE TABLE IF NOT EXISTS content (content_hash TEXT PRIMARY KEY, "
           "content BLOB NOT NULL)")
BATCH = 200  # events per crt_append call while catching up (one round trip each batch)
SLOW_S = 1.0  # a connection attempt that took longer timed out (no network, not refused)
RETRY_AFTER_S = 30.0  # ... and the next one waits this long, so play never stalls per event


def queue_path(url: str) -> Path:
    """The queue file of one server URL (the password is not part of its name)."""
    from game.scorelog.location import default_db_path

    digest = hashlib.sha256(shown(url.strip()).encode("utf-8")).hexdigest()[:12]
    return default_db_path().parent / f"queue-{digest}.sqlite3"


class Outbox:
    """The queue file of one server URL; opened (and created) only when needed."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = queue_path(url)
        self._conn: sqlite3.Connection | None = None

    def _db(self, create: bool) -> sqlite3.Connection | None:
        if self._conn is None:
            if not create and not self.path.exists():
                return None
            with guarded(self.path):
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                conn.execute("PRAGMA busy_timeout = 30000")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")  # a queued event survives power loss
                for statement in _SCHEMA:
                    conn.execute(statement)
            self._conn = conn
        return self._conn

    def put(self, item: Item, key: str, content: bytes | None = None) -> None:
        """Keep one event for later (its key makes a second delivery harmless), with the
        scenario file it names when that is the trainer's own."""
        session_id, data, at = item
        conn = self._db(create=True)
        assert conn is not None
        with guarded(self.path), transaction(conn):
            if content is not None:
                conn.execute("INSERT OR IGNORE INTO content VALUES (?, ?)",
                             (data["content_hash"], content))
            # the canonical text the chain hashes: the same bytes reach the server later
            # (and a store's own dict subclass need not be one json.dumps can walk)
            conn.execute("INSERT OR IGNORE INTO queue (key, session_id, at, data) "
                         "VALUES (?, ?, ?, ?)", (key, session_id, at, chain.canonical(data)))

    def waiting(self, session_id: str | None = None) -> int:
        """Events waiting (of one session, or all)."""
        conn = self._db(create=False)
        if conn is None:
            return 0
        with guarded(self.path):
            if session_id is None:
                return int(conn.execute("SELECT count(*) FROM queue").fetchone()[0])
            return int(conn.execute("SELECT count(*) FROM queue WHERE session_id = ?",
                                    (session_id,)).fetchone()[0])

    def sessions(self) -> int:
        """Sessions with events waiting."""
        conn = self._db(create=False)
        if conn is None:
            return 0
        with guarded(self.path):
            return int(conn.execute("SELECT count(DISTINCT session_id) FROM queue")
                       .fetchone()[0])

    def deliver(self, log: Any) -> int:
        """Send every waiting event to ``log`` (on the server) in order; returns how many.

        The server's error is raised as it is (``ServerUnavailable`` when it went away
        again); whatever was not delivered stays queued, in order."""
        conn = self._db(create=False)
        if conn is None:
            return 0
        sent = 0
        while True:
            # nothing seen without the lock means nothing left: rows go only after the
            # server has them (the write lock is taken only when there is work)
            with guarded(self.path):
                if conn.execute("SELECT 1 FROM queue LIMIT 1").fetchone() is None:
                    return sent
            if not sent:  # their files first (queued with them, so only when events wait)
                self._deliver_content(conn, log)
            with guarded(self.path), transaction(conn):
                rows = conn.execute("SELECT id, key, session_id, at, data FROM queue "
                                    "ORDER BY id LIMIT ?", (BATCH,)).fetchall()
                if not rows:
                    return sent
                log.append_many([(sid, json.loads(data), at) for _, _, sid, at, data in rows],
                                keys=[key for _, key, _, _, _ in rows])
                # the server has them: a crash before this commit only makes the next
                # delivery send them again, and the server skips their keys
                conn.execute("DELETE FROM queue WHERE id <= ?", (rows[-1][0],))
            sent += len(rows)

    def _deliver_content(self, conn: sqlite3.Connection, log: Any) -> None:
        """The scenario files queued events name, before the events (the server checks
        each against its hash and keeps it once)."""
        from game.scorelog.pg import append

        with guarded(self.path):
            kept = conn.execute("SELECT content_hash, content FROM content").fetchall()
        for digest, content in kept:
            append.keep_content(log.conn, bytes(content))  # committed: its own call
            with guarded(self.path):
                conn.execute("DELETE FROM content WHERE content_hash = ?", (digest,))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class Link:
    """One open log's link to its server: up, or down (events queue) until it is back."""

    def __init__(self, url: str, log: Any = None) -> None:
        self.url = url
        # the ScoreLog on the server, once connected: referred to, not kept alive (its
        # opener holds it), but for the one an offline log's link opens itself
        self._ref = None if log is None else weakref.ref(log)
        self._owned: Any = None
        self.outbox = Outbox(url)
        self.down = log is None
        self.scenarios: list[Any] = []  # keep_scenario calls made while offline
        self._next_try = 0.0

    @property
    def log(self) -> Any:
        return None if self._ref is None else self._ref()

    def connect(self) -> Any:
        """The log on the server, reconnecting when it was down; None while unreachable."""
        if not self.down:
            return self.log
        if time.monotonic() < self._next_try:
            return None
        from game.scorelog.pg import open_server
        from game.scorelog.store import ScoreLog

        started = time.monotonic()
        try:
            conn = open_server(self.url)
        except ServerUnavailable:
            self._failed(started)
            return None
        log = self.log
        if log is None:
            log = self._owned = ScoreLog(conn, shown(self.url))
            self._ref = weakref.ref(log)
            for scenario in self.scenarios:
                log.keep_scenario(scenario)
        else:  # the old connection died with the outage
            with contextlib.suppress(Exception):  # already broken: nothing left to close
                log.conn.close()
            log.conn = conn
        self.down = False
        return log

    def _failed(self, started: float | None) -> None:
        self.down = True
        slow = started is not None and time.monotonic() - started > SLOW_S
        self._next_try = time.monotonic() + (RETRY_AFTER_S if slow else 0.0)

    def send(self, item: Item, key: str) -> int | None:
        """Deliver what waits, then ``item``; its seq, or None when it was queued.

        A refusal (rights, a session of another login) queues the event too, so the
        order holds, and is raised: ``sync`` sends them once the owner has fixed it."""
        try:
            log = self.connect()
            if log is not None:
                self.outbox.deliver(log)
                return log.append_many([item], keys=[key])[-1]
        except ServerUnavailable:
            self._failed(None)
        except UserError:  # refused (at login too): kept, in order, for sync
            self.outbox.put(item, key, self._own_content(item[1]))
            raise
        self.outbox.put(item, key, self._own_content(item[1]))
        return None

    def _own_content(self, data: dict[str, Any]) -> bytes | None:
        """The file of a scenario played from outside the shipped folder, when ``data``
        is the event that names it (shipped ones are found by id at delivery)."""
        digest = data.get("content_hash")
        if not isinstance(digest, str) or not digest:
            return None
        from game.scorelog.content import scenario_bytes

        log = self.log
        path = log.kept_file(digest) if log is not None else None
        if path is None:  # kept while offline
            path = next((Path(s.path) for s in self.scenarios if getattr(s, "path", "")
                         and getattr(s, "content_hash", "") == digest), None)
        # a shipped file too: an upgrade may replace it before the queue is delivered
        return scenario_bytes(digest, path, None)

    def deliver_waiting(self) -> int:
        """At start-up: send what an earlier run queued (a refusal waits for the next
        event or ``sync``, which say why)."""
        log = self.connect()
        if log is None:
            return 0
        try:
            return self.outbox.deliver(log)
        except ServerUnavailable:
            self._failed(None)
        except UserError:
            pass
        return 0

    def close(self) -> None:
        self.outbox.close()
        if self._owned is not None:
            with contextlib.suppress(Exception):  # a connection the outage broke
                self._owned.close()


# a log's link, while the log lives (the link refers to its log weakly: no cycle)
_links: weakref.WeakKeyDictionary[Any, Link] = weakref.WeakKeyDictionary()


def link_for(log: Any) -> Link:
    """The link of an open log on the server (one per log: its recorders share it)."""
    if isinstance(log, OfflineLog):
        return log.link
    link = _links.get(log)
    if link is None:
        link = _links[log] = Link(log.conn.url, log)
    return link


def open_or_offline(url: str) -> Any:
    """The central log for a front end that records: the ScoreLog on the server, with
    what this PC queued delivered first; an :class:`OfflineLog` while unreachable."""
    link = Link(url)
    log = link.connect()
    if log is None:
        return OfflineLog(url, link)
    link._owned = None  # the caller holds it now; the link only refers to it
    _links[log] = link
    link.deliver_waiting()
    return log


class OfflineLog:
    """The central log when its server could not be reached at start-up.

    Its recorders queue (and reconnect at each event); its reads answer "nothing known"
    until the link is up again, then read the server."""

    on_server = True

    def __init__(self, url: str, link: Link) -> None:
        self.url = url
        self.path = shown(url)
        self.link = link

    @property
    def offline(self) -> bool:
        return self.link.down

    def _online(self) -> Any:
        """The log on the server once it can be reached again (tried at most every
        RETRY_AFTER_S after a connection timed out: a read never stalls each time). A
        refusal only leaves the read unanswered: the next write says why."""
        try:
            return self.link.connect()
        except UserError:
            return None

    def recorder(self, session_id: str | None = None) -> Any:
        from game.scorelog.store import Recorder

        return Recorder(self, session_id or uuid.uuid4().hex)

    def keep_scenario(self, scenario: Any) -> None:
        if self.link.log is not None:
            self.link.log.keep_scenario(scenario)
        else:
            self.link.scenarios.append(scenario)

    def best_and_last(self, trainee: str, scenario_id: str) -> Any:
        from game.scorelog.store import BestAndLast

        log = self._online()
        return log.best_and_last(trainee, scenario_id) if log else BestAndLast(0, None, None)

    def resume_candidates(self, trainee: str) -> tuple:
        log = self._online()
        return log.resume_candidates(trainee) if log else ()

    def session_events(self, session_id: str) -> list[dict[str, Any]]:
        log = self._online()
        return log.session_events(session_id) if log else []

    def runtime_events(self, session_id: str) -> list[dict[str, Any]]:
        log = self._online()
        return log.runtime_events(session_id) if log else []

    def abandon(self, session_id: str, event: Any = None) -> int | None:
        log = self._online()
        if log is not None:
            return log.abandon(session_id, event)
        event = event or {"type": "SessionAbandoned", "node": None, "decisions": 0}
        return self.recorder(session_id).record(event)

    def close(self) -> None:
        self.link.close()

    def __enter__(self) -> OfflineLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
