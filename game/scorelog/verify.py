"""Checking the chain: the first event that was edited, deleted or moved, or none.

Every stored value is either inside a row's hash or re-derived here from what is:
``seq``, ``at``, ``session_id`` and ``data`` are hashed; ``prev_hash`` links rows;
``type`` .. ``response_time`` are re-derived from ``data``; ``trainee`` and
``scenario`` from the session's (hashed) SessionStarted; the evidence and trait score
rows and the running totals from the events; ``chain_head`` must be the last row;
``scenario_content`` rows are re-hashed; ``migrations`` must name the shipped steps.
A full rewrite with recomputed hashes passes all of that: the receipt (``--expect``)
and ``--replay`` (re-scoring every session) are what catch it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from game.scorelog import chain

_STEPS = ("ChoiceMade", "TimedOut")


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    events: int  # events checked
    head: str  # hash of the last good event
    problem: str = ""  # names the first bad event

    @property
    def receipt(self) -> str:
        """``seq:hash`` of the last good event: keep it, and ``--expect`` it later."""
        return f"{self.events}:{self.head}"


def _derived(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[int, list[tuple]]]:
    rows = conn.execute(sql)
    for seq, group in groupby(rows, key=lambda r: r[0]):
        yield seq, sorted(tuple(r[1:]) for r in group)


class _Derived:
    """Walks a derived table in seq order alongside the events."""

    def __init__(self, conn: sqlite3.Connection, sql: str) -> None:
        self._it = _derived(conn, sql)
        self._next = next(self._it, None)

    def rows_for(self, seq: int) -> list[tuple]:
        while self._next is not None and self._next[0] < seq:
            self._next = next(self._it, None)  # rows of no event: caught by orphans()
        if self._next is not None and self._next[0] == seq:
            rows = self._next[1]
            self._next = next(self._it, None)
            return rows
        return []


def _describe(seq: int, kind: Any, session_id: str, at: str) -> str:
    return f"event {seq} ({kind}, session {session_id}, {at})"


def _owner(data: dict[str, Any]) -> tuple[str | None, str | None]:
    trainee, scenario = data.get("trainee"), chain.first(data, "scenario_id", "scenario")
    return (None if trainee is None else str(trainee),
            None if scenario is None else str(scenario))


class _Walk:
    """The state carried from row to row: the previous hash, each session's owner."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.evidence = _Derived(conn, "SELECT seq, trainee, scenario, node, choice, trait, "
                                       "merit FROM evidence ORDER BY seq")
        self.scores = _Derived(conn, "SELECT seq, session_id, trainee, scenario, trait, score "
                                     "FROM trait_scores ORDER BY seq")
        self.owners: dict[str, tuple[str | None, str | None]] = {}
        self.prev, self.count = chain.GENESIS, 0

    def check(self, row: tuple) -> str:
        seq, at, session_id, trainee, scenario, *cols, data_json, prev_hash, digest, hv, \
            mistake = row
        cols.append(mistake)
        expected_seq = self.count + 1
        if seq != expected_seq:
            return (f"event {expected_seq} is missing: the log jumps from event "
                    f"{expected_seq - 1} to event {seq} (a row was deleted)")
        name = _describe(seq, cols[0], session_id, at)
        if prev_hash != self.prev:
            return f"{name} is out of place: it does not follow event {seq - 1} " \
                   "(a row was deleted or reordered)"
        try:
            data = json.loads(data_json)
        except ValueError:
            data = None
        if not isinstance(data, dict) or hv not in (1, 2, 3):
            return f"{name} was edited: its content does not match its hash"
        kind = data.get("type")
        items = chain.evidence_items(data) if kind in _STEPS else []
        scores = chain.trait_scores(data) if kind == "SessionEnded" else []
        derived = chain.columns(data, items)
        owner = _owner(data) if kind == "SessionStarted" else \
            self.owners.get(session_id, (None, None))
        try:
            index = "" if hv == 1 else chain.index_text(*owner, *chain.stored(derived), items,
                                                        scores)
            if hv == 3:  # older rows: the mistake kind is re-derived (below), not hashed
                index += chain.mistake_text(derived["mistake"])
        except (TypeError, ValueError):  # a type that is not text: nothing the store wrote
            return f"{name} was edited: its content does not match its hash"
        if chain.row_hash(prev_hash, seq, at, session_id, data_json, index) != digest:
            return f"{name} was edited: its content does not match its hash"
        for column, stored in zip(chain.COLUMNS, cols, strict=True):
            if derived[column] != stored:
                return f"{name} was edited: column {column!r} does not match the recorded event"
        if derived["type"] == "SessionStarted":
            self.owners[session_id] = owner
        if (trainee, scenario) != owner:
            column = "trainee" if trainee != owner[0] else "scenario"
            return (f"{name} was edited: column {column!r} does not match the session's "
                    "SessionStarted (the session was moved)")
        want_ev = sorted((trainee, scenario, derived["node"], derived["choice"], t, m)
                         for t, m in items)
        if self.evidence.rows_for(seq) != want_ev:
            return f"{name} was edited: its trait evidence rows do not match the recorded event"
        want_sc = sorted((session_id, trainee, scenario, t, s) for t, s in scores)
        if self.scores.rows_for(seq) != want_sc:
            return f"{name} was edited: its trait score rows do not match the recorded event"
        self.prev, self.count = digest, seq
        return ""


def verify(conn: sqlite3.Connection) -> Verdict:
    """Every event re-hashed and re-derived; on a problem, the first bad one named.

    The fast pass (``fastcheck``) answers whether anything is wrong; only then is the
    log walked again here, row by row, to name what is."""
    from game.scorelog.fastcheck import intact

    ok, count, head = intact(conn)
    if ok:
        problem = _check_head(conn, count, head) or _check_content(conn) \
            or _check_migrations(conn)
        if not problem:
            return Verdict(True, count, head)
    verdict = _walk(conn)
    if verdict.ok:  # the fast pass saw a difference the walk has no words for
        return Verdict(False, verdict.events, verdict.head, "the log's derived rows do not "
                       "match its events (the evidence, trait score or total tables were "
                       "edited)")
    return verdict


def _walk(conn: sqlite3.Connection) -> Verdict:
    """Walk every event in order, re-hashing and re-deriving; stop at the first bad one."""
    walk = _Walk(conn)
    rows = conn.execute("SELECT seq, at, session_id, trainee, scenario, type, node, choice, "
                        "score, passed, merit, lost, response_time, data, prev_hash, hash, hv, "
                        "mistake FROM events ORDER BY seq")
    for row in rows:
        problem = walk.check(row)
        if problem:
            return Verdict(False, walk.count, walk.prev, problem)
    return _check_tail(conn, walk.count, walk.prev)


def extends(conn: sqlite3.Connection, receipt: str) -> str:
    """'' when the (verified) log still holds the event a receipt names, else why not."""
    seq_text, _, digest = receipt.strip().partition(":")
    row = conn.execute("SELECT hash FROM events WHERE seq = ?", (int(seq_text),)).fetchone()
    if row is None:
        return (f"the log no longer reaches receipt {receipt}: event {seq_text} is gone "
                "(the newest events were deleted)")
    if row[0] != digest:
        return (f"the log does not extend receipt {receipt}: event {seq_text} now has hash "
                f"{row[0]} (the log was rewritten)")
    return ""


def _check_head(conn: sqlite3.Connection, count: int, prev: str) -> str:
    head_seq, head_hash = conn.execute("SELECT seq, hash FROM chain_head").fetchone()
    if head_seq > count:
        return (f"event {count + 1} is missing: the log recorded {head_seq} events but only "
                f"{count} are left (rows were deleted)")
    if (head_seq, head_hash) != (count, prev):
        return f"event {count} does not match the chain head (the log was rewritten)"
    return ""


def _check_tail(conn: sqlite3.Connection, count: int, prev: str) -> Verdict:
    problem = _check_head(conn, count, prev)
    if problem:
        return Verdict(False, count, prev, problem)
    for table in ("evidence", "trait_scores"):
        orphan = conn.execute(f"SELECT min(seq) FROM {table} WHERE seq > ? OR seq < 1",
                              (count,)).fetchone()[0]
        if orphan is not None:
            return Verdict(False, count, prev, f"{table} rows point to event {orphan}, "
                           "which is not in the log (rows were added)")
    problem = _check_totals(conn) or _check_content(conn) or _check_migrations(conn)
    return Verdict(not problem, count, prev, problem)


def _check_content(conn: sqlite3.Connection) -> str:
    for digest, content in conn.execute("SELECT content_hash, content FROM scenario_content"):
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        if hashlib.sha256(data).hexdigest() != digest:
            return (f"the kept scenario content {digest[:12]}… was edited: it does not "
                    "match its hash")
    return ""


def _check_migrations(conn: sqlite3.Connection) -> str:
    from game.scorelog.schema import known_steps

    names = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    extra = names - known_steps(conn)
    return f"the migrations table names unknown steps ({', '.join(sorted(extra))})" \
        if extra else ""


_TOTALS = (
    ("trait_totals",
     "SELECT trainee, scenario, trait, count(*), total(score) FROM trait_scores GROUP BY 1, 2, 3",
     "SELECT trainee, scenario, trait, sum(n), total(total) FROM trait_totals GROUP BY 1, 2, 3"),
    ("choice_totals",
     "SELECT trainee, scenario, node, choice, count(*), total(merit), total(lost) FROM events "
     "WHERE type IN ('ChoiceMade', 'TimedOut') GROUP BY 1, 2, 3, 4",
     "SELECT trainee, scenario, node, choice, sum(n), total(merit), total(lost) "
     "FROM choice_totals GROUP BY 1, 2, 3, 4"),
)


def _check_totals(conn: sqlite3.Connection) -> str:
    """The running totals reports read must add up to the events (sums to 1e-6)."""
    for table, expected_sql, actual_sql in _TOTALS:
        width = 3 if table == "trait_totals" else 4
        expected = {r[:width]: r[width:] for r in conn.execute(expected_sql)}
        actual = {r[:width]: r[width:] for r in conn.execute(actual_sql)}
        for key in sorted(set(expected) | set(actual), key=repr):
            want, got = expected.get(key), actual.get(key)
            if want is None or got is None or want[0] != got[0] or any(
                    abs(a - b) > 1e-6 * max(1.0, abs(a)) for a, b in zip(want, got, strict=True)):
                return (f"{table} row {'/'.join(str(k) for k in key)} does not add up to the "
                        "events (the report totals were edited)")
    return ""
