"""The score log as xAPI 1.0.3 statements, for a company's learning record store.

One event gives one or two statements (ADL verbs):

    SessionStarted    initialized   object: the scenario
    ChoiceMade        answered      object: the decision; response, duration, trait evidence
    TimedOut          answered      object: the decision; no response, success false
    SessionEnded      completed     + passed / failed; score scaled/raw/min/max, traits
    SessionAbandoned  terminated    completion false
    ScoreOverridden   scored        actor: the manager; the new score and the reason
    SignedOff         approved      actor: the manager

Every statement carries the log's head at its event (``.../extensions/log-head``,
``seq:hash``) as a context extension.

Statement ids are UUIDv5 of the event's chain hash and the verb, so exporting or
sending again never creates a duplicate in the LRS.
"""

from __future__ import annotations

import copy
import json
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from game.reports.xapi_campaign import campaign_lookup, with_campaign
from game.scorelog.chain import evidence_items, first, trait_scores

NAMESPACE = uuid.UUID("5d1c4b1e-7a0f-5c36-9a3e-2f1f6a4d8c01")
HOME_ENV = "CRT_XAPI_HOME"
DEFAULT_HOME = "https://client-relations-trainer.example"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "initialized": ADL + "initialized", "answered": ADL + "answered",
    "completed": ADL + "completed", "passed": ADL + "passed", "failed": ADL + "failed",
    "terminated": ADL + "terminated", "scored": ADL + "scored",
    "approved": "http://activitystrea.ms/schema/1.0/approve",
}
ACTIVITY_TYPES = {"scenario": "http://adlnet.gov/expapi/activities/simulation",
                  "decision": "http://adlnet.gov/expapi/activities/cmi.interaction"}

Row = tuple[int, str, str, str | None, str | None, str, str, str]  # seq, at, sid, ..., hash
StartLookup = Callable[[str], tuple[str, dict[str, Any]] | None]


def home() -> str:
    return os.environ.get(HOME_ENV, DEFAULT_HOME).rstrip("/")


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration, e.g. ``PT4.2S`` or ``PT1H2M3.5S``."""
    seconds = max(0.0, round(float(seconds), 2))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT" + (f"{int(hours)}H" if hours else "") + (f"{int(minutes)}M" if minutes else "")
    if secs or text == "PT":
        text += f"{secs:.2f}".rstrip("0").rstrip(".") + "S"
    return text


def _seconds_between(start: str, end: str) -> float:
    def parse(t: str) -> datetime:
        return datetime.fromisoformat(t.replace("Z", "+00:00"))
    return (parse(end) - parse(start)).total_seconds()


def _registration(session_id: str) -> str:
    try:
        return str(uuid.UUID(session_id))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, session_id))


def _agent(name: str | None) -> dict[str, Any]:
    return {"objectType": "Agent",
            "account": {"homePage": home(), "name": name or "unknown"}}


def _activity(scenario: str | None, node: str | None = None) -> dict[str, Any]:
    base = f"{home()}/xapi/scenarios/{scenario or 'unknown'}"
    if node is None:
        return {"objectType": "Activity", "id": base, "definition": {
            "type": ACTIVITY_TYPES["scenario"], "name": {"en": scenario or "unknown"}}}
    return {"objectType": "Activity", "id": f"{base}/decisions/{node}", "definition": {
        "type": ACTIVITY_TYPES["decision"], "name": {"en": f"{scenario}: {node}"},
        "interactionType": "choice"}}


def _ext(name: str) -> str:
    return f"{home()}/xapi/extensions/{name}"


def _context(session_id: str, scenario: str | None, start: dict[str, Any],
             decision: bool) -> dict[str, Any]:
    extensions = {_ext(key): start[key] for key in ("mode", "timing", "seed", "content_hash")
                  if start.get(key) is not None}
    version = first(start, "version", "scenario_version")
    if version is not None:
        extensions[_ext("scenario-version")] = version
    context: dict[str, Any] = {"registration": _registration(session_id),
                               "platform": "Client Relations Trainer"}
    if start.get("lang"):
        context["language"] = str(start["lang"])
    if decision:
        context["contextActivities"] = {"parent": [{"id": _activity(scenario)["id"],
                                                    "objectType": "Activity"}]}
    else:
        context["contextActivities"] = {"category": [{"id": f"{home()}/xapi/trainer",
                                                      "objectType": "Activity"}]}
    if extensions:
        context["extensions"] = extensions
    return context


def _score(value: float) -> dict[str, float]:
    value = min(100.0, max(0.0, float(value)))
    return {"scaled": round(value / 100, 4), "raw": value, "min": 0, "max": 100}


def statements(row: Row, start_of: StartLookup) -> list[dict[str, Any]]:
    """The statements for one log row; ``start_of(session)`` gives (time, SessionStarted)."""
    seq, at, session_id, trainee, scenario, kind, data_json, digest = row
    event = json.loads(data_json)
    started = start_of(session_id) or (at, {})
    start_at, start = started
    context = _context(session_id, scenario, start, kind in ("ChoiceMade", "TimedOut"))
    # The log's head when this event was written: an LRS holds a witness of the chain
    # that whoever controls the SQLite file cannot edit (verify-log --expect takes it).
    context.setdefault("extensions", {})[_ext("log-head")] = f"{seq}:{digest}"
    made: list[tuple[str, dict[str, Any]]] = []
    if kind == "SessionStarted":
        made.append(("initialized", {"actor": _agent(trainee), "object": _activity(scenario)}))
    elif kind in ("ChoiceMade", "TimedOut"):
        made.append(("answered", _answer(event, kind, trainee, scenario)))
    elif kind == "SessionEnded":
        result = _ended_result(event, _seconds_between(start_at, at))
        made.append(("completed", {"actor": _agent(trainee), "object": _activity(scenario),
                                   "result": result}))
        if event.get("passed") is not None:
            made.append(("passed" if event["passed"] else "failed",
                         {"actor": _agent(trainee), "object": _activity(scenario),
                          "result": result}))
    elif kind == "SessionAbandoned":
        made.append(("terminated", {"actor": _agent(trainee), "object": _activity(scenario),
                                    "result": {"completion": False, "duration": iso_duration(
                                        _seconds_between(start_at, at))}}))
    elif kind == "ScoreOverridden":
        made.append(("scored", {"actor": _agent(event.get("by")),
                                "object": _activity(scenario),
                                "result": {"score": _score(event["score"]),
                                           "response": event.get("reason") or "-",
                                           **({"success": bool(event["passed"])}
                                              if event.get("passed") is not None else {})}}))
    elif kind == "SignedOff":
        made.append(("approved", {"actor": _agent(event.get("by")),
                                  "object": _activity(scenario)}))
    # each statement its own context: a campaign episode's are extended one by one
    # (with_campaign), and a shared one would be extended twice
    return [{"id": str(uuid.uuid5(NAMESPACE, f"{digest}:{verb}")),
             "verb": {"id": VERBS[verb], "display": {"en-US": verb}}, **body,
             "timestamp": at, "context": copy.deepcopy(context)}
            for verb, body in made]


def _answer(event: dict[str, Any], kind: str, trainee: str | None,
            scenario: str | None) -> dict[str, Any]:
    node = first(event, "node", "node_id")
    result: dict[str, Any] = {"completion": True}
    merit = sum(m for _, m in evidence_items(event))
    if kind == "ChoiceMade":
        result["response"] = str(first(event, "choice", "choice_id"))
        result["success"] = merit >= 0
    else:
        result["success"] = False
        result["extensions"] = {_ext("timed-out"): True}
    seconds = first(event, "response_time", "seconds")
    if isinstance(seconds, int | float):
        result["duration"] = iso_duration(seconds)
    evidence: dict[str, float] = {}
    for trait, value in evidence_items(event):
        evidence[trait] = evidence.get(trait, 0.0) + value
    if evidence:
        result.setdefault("extensions", {})[_ext("trait-evidence")] = evidence
    return {"actor": _agent(trainee), "object": _activity(scenario, node), "result": result}


def _ended_result(event: dict[str, Any], seconds: float) -> dict[str, Any]:
    result: dict[str, Any] = {"completion": True, "duration": iso_duration(seconds)}
    overall = first(event, "overall", "score")
    if isinstance(overall, int | float):
        result["score"] = _score(overall)
    if event.get("passed") is not None:
        result["success"] = bool(event["passed"])
    traits = {_ext(f"traits/{trait}"): score for trait, score in trait_scores(event)}
    if event.get("ending"):
        traits[_ext("ending")] = event["ending"]
    if traits:
        result["extensions"] = traits
    return result


def log_statements(conn: Any, after_seq: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
    """(event seq, statement) for every event after ``after_seq``, in log order."""
    starts: dict[str, tuple[str, dict[str, Any]]] = {}

    def start_of(session_id: str) -> tuple[str, dict[str, Any]] | None:
        if session_id not in starts:
            found = conn.execute("SELECT at, data FROM events WHERE session_id = ? AND "
                                 "type = 'SessionStarted' LIMIT 1", (session_id,)).fetchone()
            if found is None:
                return None
            starts[session_id] = (found[0], json.loads(found[1]))
        return starts[session_id]

    rows = conn.execute("SELECT seq, at, session_id, trainee, scenario, type, data, hash "
                        "FROM events WHERE seq > ? ORDER BY seq", (after_seq,))
    campaign_of = campaign_lookup(conn)  # episodes grouped under their campaign
    for row in rows:
        if row[5] == "SessionStarted":
            starts[row[2]] = (row[1], json.loads(row[6]))
        for statement in statements(row, start_of):
            yield row[0], with_campaign(statement, campaign_of(row[2]), home())
        if row[5] in ("SessionEnded", "SessionAbandoned"):
            starts.pop(row[2], None)  # overrides later look it up again


def event_statements(conn: Any, seq: int) -> list[dict[str, Any]]:
    """The statements of one event, rebuilt from the log (what the outbox must hold)."""
    row = conn.execute("SELECT seq, at, session_id, trainee, scenario, type, data, hash "
                       "FROM events WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        return []

    def start_of(session_id: str) -> tuple[str, dict[str, Any]] | None:
        found = conn.execute("SELECT at, data FROM events WHERE session_id = ? AND "
                             "type = 'SessionStarted' LIMIT 1", (session_id,)).fetchone()
        return None if found is None else (found[0], json.loads(found[1]))

    campaign = campaign_lookup(conn)(row[2])
    return [with_campaign(st, campaign, home()) for st in statements(row, start_of)]
