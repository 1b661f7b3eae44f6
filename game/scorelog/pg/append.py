"""Appending to the server's log: each event derived here, chained by the server.

The client derives what SQLite's writer derives (the indexed columns, evidence and
trait score rows, the mistake kind and the hashed index text, all with ``chain``), and
the server's ``crt_append`` gives each row its ``seq`` and hashes it onto the chain head
under the head's row lock. Both back ends therefore hash the same bytes for the same
event at the same position: ``verify`` is one function for both.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from game.scorelog import chain

_STEPS = ("ChoiceMade", "TimedOut")


def row(session_id: str, data: dict[str, Any], at: str, trainee: str | None,
        scenario: str | None, key: str | None = None) -> dict[str, Any]:
    """One event as ``crt_append`` takes it."""
    kind = data.get("type")
    items = chain.evidence_items(data) if kind in _STEPS else []
    scores = chain.trait_scores(data) if kind == "SessionEnded" else []
    *cols, wrong = chain.stored_columns(data, items)
    values = (trainee, scenario, *cols)
    return {
        "at": at, "session_id": session_id, "trainee": trainee, "scenario": scenario,
        "type": kind, "node": values[3], "choice": values[4], "score": values[5],
        "passed": values[6], "merit": values[7], "lost": values[8],
        "response_time": values[9], "mistake": wrong, "hv": chain.HASH_VERSION,
        "data": chain.canonical(data),
        "index": chain.index_text(*values, items, scores) + chain.mistake_text(wrong),
        "evidence": [[t, m] for t, m in items], "scores": [[t, s] for t, s in scores],
        "key": key,
    }


def append(conn: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Send rows to the server (inside the caller's transaction); returns their seqs."""
    # float values go as JSON numbers (shortest round-trip text): the server reads back
    # the same doubles, so the hash the client's verify recomputes matches
    body = json.dumps(rows, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return [int(s) for s in conn.execute("SELECT crt_append(?::jsonb)", (body,)).fetchone()[0]]


def keep_content(conn: Any, content: bytes) -> str:
    """Store a played scenario file by its sha256 (the server checks the hash)."""
    digest = hashlib.sha256(content).hexdigest()
    conn.execute("SELECT crt_keep_content(?, ?)", (digest, content))
    return digest
