"""A manager's review of a session: score overrides and sign-offs, always as new events.

``--by`` is a name typed by whoever runs the command: a local SQLite file cannot
authenticate a reviewer (anyone who can write the file can write any name). On the
central PostgreSQL log the reviewer is the authenticated login, checked by the server. What the
log does guarantee is that a review is never silent: an override after a sign-off
needs ``force`` and is recorded as such, and every report marks overridden scores.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.core.errors import UsageError, UserError
from game.core.rules import passes
from game.scorelog import ScoreLog, ScoreOverridden, SignedOff
from game.scorelog.chain import first
from game.scorelog.names import check_text


def _start(log: ScoreLog, session_id: str) -> dict:
    row = log.conn.execute("SELECT data FROM events WHERE session_id = ? AND "
                           "type = 'SessionStarted'", (session_id,)).fetchone()
    if row is None:
        raise UserError(f"no session {session_id!r} in the score log")
    return json.loads(row[0])


def _pass_score(scenario_id: str | None, library: str | Path | None) -> float | None:
    try:
        from game.core.loader import Library

        return float(Library(library).scenario(scenario_id).pass_score) if scenario_id \
            else None
    except (UserError, ImportError, OSError, AttributeError):
        return None


def signed_off(log: ScoreLog, session_id: str) -> tuple[str, str] | None:
    """(who, when) of the session's latest sign-off, if any."""
    row = log.conn.execute("SELECT data, at FROM events WHERE session_id = ? AND "
                           "type = 'SignedOff' ORDER BY seq DESC LIMIT 1",
                           (session_id,)).fetchone()
    return None if row is None else (str(json.loads(row[0]).get("by")), row[1])


def override_score(log: ScoreLog, session_id: str, score: float, reason: str, by: str,
                   *, force: bool = False, library: str | Path | None = None) -> str:
    """Record a new overall score for an ended session; returns the line to show."""
    if not 0 <= score <= 100:
        raise UsageError(f"--override: expected a score between 0 and 100, got {score:g}")
    by = _reviewer(log, by)
    if not reason.strip() or not by.strip():
        raise UsageError("--override needs --reason TEXT and --by NAME")
    by, reason = check_text("--by", by.strip(), 200), check_text("--reason", reason.strip(), 2000)
    start = _start(log, session_id)
    current = _current(log, session_id)
    if current is None:
        raise UserError(f"session {session_id} has not ended; only ended sessions can be "
                        "re-scored")
    sign = signed_off(log, session_id)
    if sign is not None and not force:
        raise UserError(f"session {session_id} was signed off by {sign[0]} at {sign[1]}; "
                        "pass --force to override it anyway (the override is flagged)")
    pass_score = _pass_score(first(start, "scenario_id", "scenario"), library)
    passed = None if pass_score is None else passes(score, pass_score)
    seq = log.append(session_id, ScoreOverridden(by=by, reason=reason, score=float(score),
                                                 previous=current, passed=passed,
                                                 after_sign_off=sign is not None))
    flag = " (after its sign-off: flagged)" if sign is not None else ""
    return (f"event {seq}: score of session {session_id} changed from {current:g} to "
            f"{score:g} by {by}{flag}")


def _current(log: ScoreLog, session_id: str) -> float | None:
    row = log.conn.execute(
        "SELECT coalesce((SELECT score FROM events WHERE session_id = ? AND "
        "type = 'ScoreOverridden' ORDER BY seq DESC LIMIT 1), score) FROM events "
        "WHERE session_id = ? AND type = 'SessionEnded'", (session_id, session_id)).fetchone()
    return None if row is None else row[0]


def _reviewer(log: ScoreLog, by: str) -> str:
    """On the central log a review is the authenticated login's (the server refuses any
    other name); ``--by`` may be left out there, or must name that login."""
    if not log.on_server:
        return by
    login = log.conn.user
    if by.strip() and by.strip() != login:
        raise UsageError(f"on the central score log a review is recorded under your login "
                         f"({login}), not --by {by.strip()!r}: leave --by out")
    return login


def sign_off(log: ScoreLog, session_id: str, by: str, note: str = "") -> str:
    by = _reviewer(log, by)
    if not by.strip():
        raise UsageError("--sign-off needs --by NAME")
    by, note = check_text("--by", by.strip(), 200), check_text("--reason", note.strip(), 2000)
    _start(log, session_id)
    seq = log.append(session_id, SignedOff(by=by, note=note))
    return f"event {seq}: session {session_id} signed off by {by}"
