"""A manager's review of a session: score overrides and sign-offs, always as new events."""

from __future__ import annotations

import json

from game.core.errors import UsageError, UserError
from game.scorelog import ScoreLog, ScoreOverridden, SignedOff
from game.scorelog.chain import first


def _start(log: ScoreLog, session_id: str) -> dict:
    row = log.conn.execute("SELECT data FROM events WHERE session_id = ? AND "
                           "type = 'SessionStarted'", (session_id,)).fetchone()
    if row is None:
        raise UserError(f"no session {session_id!r} in the score log")
    return json.loads(row[0])


def _pass_score(scenario_id: str | None) -> float | None:
    try:
        from game.core.loader import Library

        return float(Library().scenario(scenario_id).pass_score) if scenario_id else None
    except (UserError, ImportError, OSError, AttributeError):
        return None


def override_score(log: ScoreLog, session_id: str, score: float, reason: str, by: str) -> str:
    """Record a new overall score for an ended session; returns the line to show."""
    if not 0 <= score <= 100:
        raise UsageError(f"--override: expected a score between 0 and 100, got {score:g}")
    if not reason.strip() or not by.strip():
        raise UsageError("--override needs --reason TEXT and --by NAME")
    start = _start(log, session_id)
    current = _current(log, session_id)
    if current is None:
        raise UserError(f"session {session_id} has not ended; only ended sessions can be "
                        "re-scored")
    pass_score = _pass_score(first(start, "scenario_id", "scenario"))
    passed = None if pass_score is None else score >= pass_score
    seq = log.append(session_id, ScoreOverridden(by=by.strip(), reason=reason.strip(),
                                                 score=float(score), previous=current,
                                                 passed=passed))
    return (f"event {seq}: score of session {session_id} changed from {current:g} to "
            f"{score:g} by {by.strip()}")


def _current(log: ScoreLog, session_id: str) -> float | None:
    row = log.conn.execute(
        "SELECT coalesce((SELECT score FROM events WHERE session_id = :s AND "
        "type = 'ScoreOverridden' ORDER BY seq DESC LIMIT 1), score) FROM events "
        "WHERE session_id = :s AND type = 'SessionEnded'", {"s": session_id}).fetchone()
    return None if row is None else row[0]


def sign_off(log: ScoreLog, session_id: str, by: str, note: str = "") -> str:
    if not by.strip():
        raise UsageError("--sign-off needs --by NAME")
    _start(log, session_id)
    seq = log.append(session_id, SignedOff(by=by.strip(), note=note.strip()))
    return f"event {seq}: session {session_id} signed off by {by.strip()}"
