"""Re-scoring the log: every session's recorded choices re-played through the engine.

A chain rewritten with recomputed hashes verifies; its scores do not survive being
re-derived. Each session is replayed (``Session.replay``) against the scenario file it
was played with, kept in ``scenario_content`` by its content hash, with the library's
trait catalogue and shared rules; every recorded step and ending must come out equal.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.scorelog import chain
from game.scorelog.store import RUNTIME_TYPES

_COMPARED = ("ChoiceMade", "TimedOut", "SessionEnded", "SessionAbandoned")
_SHOWN = ("overall", "passed", "earned", "available", "choice", "node", "traits", "evidence")


@dataclass(frozen=True, slots=True)
class Mismatch:
    session_id: str
    trainee: str | None
    scenario: str | None
    why: str

    def line(self) -> str:
        return f"session {self.session_id} ({self.trainee}, {self.scenario}): {self.why}"


@dataclass(frozen=True, slots=True)
class ReplayReport:
    sessions: int  # sessions replayed
    mismatches: tuple[Mismatch, ...]
    unchecked: tuple[Mismatch, ...]  # content not kept (played before it was): not replayed
    # campaign episodes: each starts from the state its run carried into it (the campaign
    # file's rules), which a replay of the episode's own events cannot know: not replayed
    episodes: tuple[Mismatch, ...] = ()


def load_kept_scenario(conn: sqlite3.Connection, content_hash: str | None, catalogue: Any,
                       cache: dict[str, Any] | None = None, scenario_id: Any = None) -> Any:
    """The scenario exactly as played (from the log's kept content), or None.

    The file is written under its own id (the loader checks the id matches the name)."""
    if not content_hash:
        return None
    if cache is not None and content_hash in cache:
        return cache[content_hash]
    row = conn.execute("SELECT content FROM scenario_content WHERE content_hash = ?",
                       (content_hash,)).fetchone()
    scenario = None
    if row is not None:
        from game.core.errors import UserError
        from game.core.loader import load_scenario

        with tempfile.TemporaryDirectory(prefix="crt-kept-") as folder:
            name = scenario_id if isinstance(scenario_id, str) and scenario_id.isidentifier() \
                else "scenario"
            path = Path(folder) / f"{name}.yaml"
            path.write_bytes(bytes(row[0]))
            try:
                scenario = load_scenario(path, catalogue)
            except UserError:
                scenario = None
    if cache is not None:
        cache[content_hash] = scenario
    return scenario


def replay_log(conn: sqlite3.Connection, library: Any) -> ReplayReport:
    """Replay every session; name each whose recorded scores the engine does not give."""
    from game.core.errors import SessionError

    episodes = _episode_sessions(conn)  # read first: the scan below streams
    rows = conn.execute("SELECT session_id, trainee, scenario, type, data FROM events "
                        "ORDER BY session_id, seq")
    sessions, mismatches, unchecked, skipped = 0, [], [], []
    cache: dict[str, Any] = {}
    current, who, events = None, (None, None), []

    def finish() -> None:
        nonlocal sessions
        if current is None or not events or events[0].get("type") != "SessionStarted":
            return
        start = events[0]
        if current in episodes:
            skipped.append(Mismatch(current, *who, "an episode of a campaign run: it starts "
                                    "from the state its run carried into it; not replayed"))
            return
        scenario = load_kept_scenario(conn, start.get("content_hash"), library.catalogue,
                                      cache, chain.first(start, "scenario", "scenario_id"))
        if scenario is None:  # not kept (older log): today's file, if it is still the same
            scenario = _same_as_played(library, start)
        if scenario is None:
            unchecked.append(Mismatch(current, *who, "the scenario it was played with is "
                                      "not kept in the log; not replayed"))
            return
        sessions += 1
        try:
            why = _compare(events, scenario, library)
        except (SessionError, ValueError, KeyError, TypeError) as err:
            why = f"its recorded choices cannot be replayed ({err})"
        if why:
            mismatches.append(Mismatch(current, *who, why))

    for session_id, trainee, scenario_id, kind, data in rows:
        if session_id != current:
            finish()
            current, who, events = session_id, (trainee, scenario_id), []
        if kind in RUNTIME_TYPES:
            events.append(json.loads(data))
    finish()
    return ReplayReport(sessions, tuple(mismatches), tuple(unchecked), tuple(skipped))


def _episode_sessions(conn: sqlite3.Connection) -> set[str]:
    """The session ids of campaign episodes (each run's EpisodeStarted names its own)."""
    found = set()
    for (data,) in conn.execute("SELECT data FROM events WHERE type = 'EpisodeStarted'"):
        session = json.loads(data).get("session")
        if isinstance(session, str):
            found.add(session)
    return found


def _same_as_played(library: Any, start: dict[str, Any]) -> Any:
    try:
        scenario = library.scenario(str(chain.first(start, "scenario", "scenario_id")))
    except Exception:  # removed or broken since: the session cannot be re-scored
        return None
    return scenario if scenario.content_hash == start.get("content_hash") else None


def _compare(recorded: list[dict[str, Any]], scenario: Any, library: Any) -> str:
    from game.core.runtime import Session

    session = Session.replay(scenario, library.catalogue, library.rules, recorded)
    replayed = [json.loads(chain.canonical(e.to_dict())) for e in session.events]
    mine = [e for e in recorded if e.get("type") in _COMPARED]
    theirs = [e for e in replayed if e.get("type") in _COMPARED]
    for want, got in zip(mine, theirs, strict=False):
        if want != got:
            field = next((k for k in _SHOWN if want.get(k) != got.get(k)),
                         next(k for k in sorted(set(want) | set(got))
                              if want.get(k) != got.get(k)))
            return (f"recorded {want.get('type')} ({_field(field, want)}) but the engine "
                    f"gives {_field(field, got)}")
    if len(mine) != len(theirs):
        return f"recorded {len(mine)} steps and endings, the replay gives {len(theirs)}"
    return ""


def _field(name: str, event: dict[str, Any]) -> str:
    value = event.get(name)
    if isinstance(value, float):
        value = f"{value:g}"
    text = f"{name} {value}"
    return text if len(text) <= 80 else text[:79] + "…"
