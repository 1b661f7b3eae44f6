"""One pass that says whether the log is intact, at close to the speed of reading it.

It checks everything ``verify._Walk`` checks, with cheaper means: a version 2 or 3 row
hashes its derived values with the event (``chain.index_text``), so its hash is
rebuilt from the stored columns and derived rows without reading its JSON; a version
1 row is parsed once and re-derived. The derived rows are read alongside in seq
order and their context columns compared with their event's, the running totals summed
along the way. It only answers "intact or not": when
anything is off, ``verify`` walks the log again the slow way to name the first bad
event, so the messages come from one place.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from game.scorelog import chain

_STEPS = ("ChoiceMade", "TimedOut")
_ROWS = ("SELECT seq, at, session_id, trainee, scenario, type, node, choice, score, passed, "
         "merit, lost, response_time, data, prev_hash, hash, hv, mistake FROM events ORDER BY seq")
_NUM = (int, float)  # by type, not isinstance: a bool is not a number (chain._num)


def _first(data: dict[str, Any], a: str, b: str) -> Any:
    value = data.get(a)
    return data.get(b) if value is None else value


def _items(data: dict[str, Any]) -> list[tuple[str, float]]:
    """chain.evidence_items, spelled for speed (JSON gives dicts, lists, str, int, float)."""
    items = []
    for ev in data.get("evidence") or ():
        if type(ev) is dict and "trait" in ev:
            merit = _first(ev, "merit", "strength")
            if type(merit) in _NUM:
                items.append((str(ev["trait"]), float(merit)))
    for point in data.get("points") or ():
        if type(point) is dict and "trait" in point:
            merit = point.get("merit")
            if type(merit) in _NUM:
                items.append((str(point["trait"]), float(merit)))
    for rule in data.get("rules") or data.get("rules_fired") or ():
        if type(rule) is dict and "traits" in rule:
            traits = rule.get("traits") or {}
            if type(traits) is not dict:
                return chain.evidence_items(data)  # whatever chain makes of it
            for trait, points in traits.items():
                if type(points) in _NUM:
                    items.append((str(trait), float(points)))
    return items


def _owner(data: dict[str, Any]) -> tuple[str | None, str | None]:
    trainee, scenario = data.get("trainee"), chain.first(data, "scenario_id", "scenario")
    return (None if trainee is None else str(trainee),
            None if scenario is None else str(scenario))


_END = 1 << 62  # past every event: no derived rows left
def _differ(a: str, b: str) -> str:
    """SQL true when ``a`` and ``b`` differ, NULL counting as a value: IS DISTINCT FROM,
    spelled for SQLite before 3.39 (which lacks it) and PostgreSQL alike."""
    return f"({a} <> {b} OR ({a} IS NULL) <> ({b} IS NULL))"


_ELSEWHERE = tuple(  # derived rows of no event, or whose context is not their event's
    f"SELECT count(*) FROM {table} x LEFT JOIN events e ON e.seq = x.seq WHERE e.seq IS NULL "
    + "".join(f"OR {_differ('x.' + c, 'e.' + c)} " for c in columns)
    for table, columns in (("evidence", ("trainee", "scenario", "node", "choice")),
                           ("trait_scores", ("session_id", "trainee", "scenario"))))


def _groups(conn: sqlite3.Connection, table: str, value: str) -> Iterator[tuple[int, tuple]]:
    """A derived table's rows as ``(seq, ((trait, value), ...))``, one item per run of
    rows of one event in rowid order (a table scan grouped in C: no Python per row).
    Rowid order is seq order in a log only ever appended to: rows put back in another
    order show up when merged with the events (``intact``)."""
    rows = conn.execute(f"SELECT seq, trait, {value} FROM {table} ORDER BY rowid")
    pair = itemgetter(1, 2)
    return ((seq, tuple(map(pair, group))) for seq, group in groupby(rows, itemgetter(0)))


def intact(conn: sqlite3.Connection) -> tuple[bool, int, str]:
    """(intact?, events, hash of the last event): the fast pass."""
    try:
        return _intact(conn)
    except (TypeError, ValueError):  # a value of a type the store never writes (a blob
        return False, 0, chain.GENESIS  # for a name): the walk names the row


def _intact(conn: sqlite3.Connection) -> tuple[bool, int, str]:
    # each derived row's context (trainee, scenario, node, choice; session) equals its
    # event's stored one, checked by SQLite in one join; the event's are hashed below
    if any(conn.execute(sql).fetchone()[0] for sql in _ELSEWHERE):
        return False, 0, chain.GENESIS
    prev, count = chain.GENESIS, 0
    owners: dict[str, tuple[str | None, str | None]] = {}
    evidence = _groups(conn, "evidence", "merit")
    scores = _groups(conn, "trait_scores", "score")
    ev_seq, ev_rows = next(evidence, (_END, ()))
    sc_seq, sc_rows = next(scores, (_END, ()))
    traits: dict[tuple, dict[str, list]] = {}  # (trainee, scenario) -> trait -> [n, total]
    loads, sha256, e = json.loads, hashlib.sha256, chain._string
    index_head, pairs_text = chain.index_head, chain.pairs_text
    seen: dict[tuple, list] = {}
    for row in conn.execute(_ROWS):
        (seq, at, session_id, trainee, scenario, kind, node, choice, score, passed, merit,
         lost, response_time, data_json, prev_hash, digest, version, mistake) = row
        if seq != count + 1 or prev_hash != prev:
            return False, count, prev
        # the derived rows of this event, if any; the next run must be of a later event
        # (else the rows are out of order)
        if ev_seq == seq:
            ev = ev_rows
            ev_seq, ev_rows = next(evidence, (_END, ()))
            if ev_seq <= seq:
                return False, count, prev
        else:
            ev = ()
        if sc_seq == seq:
            sc = sc_rows
            sc_seq, sc_rows = next(scores, (_END, ()))
            if sc_seq <= seq:
                return False, count, prev
        else:
            sc = ()
        # what rows of one kind at one node with one answer share, spelled once: the
        # index text's head and evidence, and the running totals they add to
        shared = seen.get(key := (trainee, scenario, kind, node, choice, ev))
        if shared is None:
            shared = seen[key] = [index_head(trainee, scenario, kind, node, choice),
                                  pairs_text(ev), 0, 0.0, 0.0]
        if version == 3 or version == 2:  # the stored values are in the hash: no JSON
            # chain.row_hash of chain.index_text (+ mistake_text), spelled inline: this
            # line runs once per event
            if sha256(
                    f'{prev_hash}{{"at":{e(at)},"seq":{seq},"session":{e(session_id)}}}'
                    f"{data_json}{shared[0]}"
                    f"{'null' if score is None else repr(score)},"
                    f"{'null' if passed is None else passed},"
                    f"{'null' if merit is None else repr(merit)},"
                    f"{'null' if lost is None else repr(lost)},"
                    f"{'null' if response_time is None else repr(response_time)},"
                    f"[{shared[1]}],[{pairs_text(sc) if sc else ''}]]"
                    f"{'' if version == 2 else '[null]' if mistake is None else f'[{e(mistake)}]'}"
                    .encode()).hexdigest() != digest:
                return False, count, prev
            # a version 2 row's mistake kind is not hashed: re-derived from its event
            # (only a costly decision has one, so the JSON read is of those alone)
            if version == 2 and (mistake is not None or (lost or 0) > 0) \
                    and mistake != _mistake(loads, data_json, kind, choice, lost):
                return False, count, prev
            if kind == "SessionStarted":  # hashed: a version 1 row after it may rely on it
                owners[session_id] = (trainee, scenario)
        elif version != 1 or chain.row_hash(prev_hash, seq, at, session_id, data_json) \
                != digest or not _derives(loads, data_json, row, owners, list(ev), list(sc)):
            return False, count, prev
        if kind in _STEPS:
            shared[2] += 1
            shared[3] += merit or 0.0
            shared[4] += lost or 0.0
        if sc:  # (a SessionEnded's: any other event's would not match its hash)
            mine = traits.get(owner := (trainee, scenario))
            if mine is None:
                mine = traits[owner] = {}
            for trait, value in sc:
                acc = mine.get(trait)
                if acc is None:
                    mine[trait] = [1, value]
                else:
                    acc[0] += 1
                    acc[1] += value
        prev, count = digest, seq
    ok = ev_seq == sc_seq == _END \
        and _same(conn, "SELECT trainee, scenario, node, choice, n, merit, lost "
                        "FROM choice_totals", 4, _choice_sums(seen)) \
        and _same(conn, "SELECT trainee, scenario, trait, n, total FROM trait_totals", 3,
                  _trait_sums(traits))
    return ok, count, prev


def _choice_sums(seen: dict[tuple, list]) -> dict[tuple, list]:
    """(trainee, scenario, node, choice) -> [n, merit, lost] of the decisions, from the
    sums ``intact`` keeps by (trainee, scenario, kind, node, choice, evidence)."""
    sums: dict[tuple, list] = {}
    for (trainee, scenario, kind, node, choice, _), (_, _, n, merit, lost) in seen.items():
        if kind not in _STEPS:
            continue
        acc = sums.get(key := (trainee, scenario, node, choice))
        if acc is None:
            sums[key] = [n, merit, lost]
        else:
            acc[0] += n
            acc[1] += merit
            acc[2] += lost
    return sums


def _trait_sums(by_owner: dict[tuple, dict[str, list]]) -> dict[tuple, list]:
    """(trainee, scenario, trait) -> [n, total], from the sums kept per trainee and
    scenario (keyed by trait: no tuple made per score row)."""
    return {(trainee, scenario, trait): acc for (trainee, scenario), mine in by_owner.items()
            for trait, acc in mine.items()}


def _derives(loads: Any, data_json: str, row: tuple, owners: dict, ev: list, sc: list) -> bool:
    """A version 1 row: its columns, owner and derived rows re-derived from the event."""
    _, _, session_id, trainee, scenario, kind, node, choice, score, passed, merit, lost, \
        response_time = row[:13]
    try:
        data = loads(data_json)
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    derived_kind = data.get("type")
    items = _items(data) if derived_kind in _STEPS else []
    *values, wrong = chain.derive(data, items)
    if tuple(values) != (kind, node, choice, score, passed, merit, lost, response_time):
        return False
    if kind == "SessionStarted":
        owners[session_id] = _owner(data)
    wanted_scores = chain.trait_scores(data) if kind == "SessionEnded" else []
    return (trainee, scenario) == owners.get(session_id, (None, None)) \
        and ev == items and sc == wanted_scores \
        and row[17] == wrong


def _mistake(loads: Any, data_json: str, kind: Any, choice: Any, lost: Any) -> str | None:
    """chain.mistake of a (hash-verified) version 2 row, from its JSON."""
    if kind == "TimedOut":
        return chain.mistake({"type": kind}, choice, lost)
    try:
        data = loads(data_json)
    except ValueError:
        return "?"
    return chain.mistake(data, choice, lost) if isinstance(data, dict) else "?"


def row_intact(conn: sqlite3.Connection, seq: int) -> bool:
    """One event's own check (its hash, its link to the row before): for the outbox."""
    row = conn.execute(_ROWS.replace("ORDER BY seq", "WHERE seq = ?"), (seq,)).fetchone()
    before = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq - 1,)).fetchone()
    if row is None or row[14] != (before[0] if before else chain.GENESIS if seq == 1 else None):
        return False
    if row[16] not in (2, 3):
        return row[16] == 1 and chain.row_hash(row[14], seq, row[1], row[2], row[13]) == row[15]
    ev = conn.execute("SELECT trait, merit FROM evidence WHERE seq = ? ORDER BY rowid",
                      (seq,)).fetchall()
    sc = conn.execute("SELECT trait, score FROM trait_scores WHERE seq = ? ORDER BY rowid",
                      (seq,)).fetchall()
    index = chain.index_text(*row[3:13], ev, sc)
    if row[16] == 3:
        index += chain.mistake_text(row[17])
    return chain.row_hash(row[14], seq, row[1], row[2], row[13], index) == row[15]


def _same(conn: sqlite3.Connection, sql: str, width: int, expected: dict[tuple, list]) -> bool:
    """The stored running totals equal the ones summed from the events (sums to 1e-6)."""
    actual: dict[tuple, list] = {}
    for row in conn.execute(sql):
        key = row[:width]
        got = actual.get(key)
        if got is None:
            actual[key] = list(row[width:])
        else:  # NULL keys may repeat (NULLs are distinct in a key): add up
            for i, value in enumerate(row[width:]):
                got[i] += value
    if len(actual) != len(expected):
        return False
    for key, got in actual.items():
        want = expected.get(key)
        if want is None or want[0] != got[0]:
            return False
        for a, b in zip(want[1:], got[1:]):  # noqa: B905 (both from the same table's row)
            if abs(a - b) > 1e-6 * max(1.0, abs(a)):
                return False
    return True
