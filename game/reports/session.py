"""One playthrough step by step: who said what, what was chosen, how fast, why it scored."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from game.core.errors import UserError
from game.core.i18n import Translator
from game.core.model import METERS
from game.core.speech import present
from game.reports.model import Section
from game.reports.names import Names
from game.scorelog.chain import first


def _scenario(conn: sqlite3.Connection, start: dict[str, Any], names: Names
              ) -> tuple[Any, bool]:
    """(scenario, as played?): the file kept in the log when it was played, else today's
    library version (texts may have changed since), else None."""
    from game.scorelog.replay import load_kept_scenario

    kept = load_kept_scenario(conn, start.get("content_hash"), names.catalogue,
                              scenario_id=first(start, "scenario", "scenario_id"))
    if kept is not None:
        return kept, True
    return names.scenario_model(first(start, "scenario_id", "scenario")), False


def _said(scenario: Any, node_id: str | None, lang: str, t: Any) -> tuple[str, str]:
    """(who, what was said) of a node, headed by its real speaker as the game window
    heads it (client, colleague, manager, narrator, feed author: game.core.speech);
    ``t`` speaks the report's language with the window's speaker wording."""
    node = scenario.nodes.get(node_id) if scenario is not None and node_id else None
    if node is None:
        return "", ""
    persona = scenario.persona
    said = present(str(node.speaker), node.text.get(lang) or "", str(scenario.channel),
                   persona.name, persona.company, t)
    who = t("speaker.narrator") if said.narration else said.who
    if said.direction:
        who = f"{who} ({said.direction})"
    text = said.text + "".join(f" [{a}]" for a in said.attachments) + \
        (" " + "\u2b50" * said.stars if said.stars else "")
    return who, text


def _chosen(scenario: Any, node_id: str | None, choice_id: str | None, lang: str) -> str:
    node = scenario.nodes.get(node_id) if scenario is not None and node_id else None
    for choice in getattr(node, "choices", ()):
        if choice.id == choice_id:
            return f"{choice_id}: {choice.text.get(lang)}"
    return choice_id or ""


def _traits(event: dict[str, Any]) -> str:
    """Merit per trait, then the points rules added (``courtesy +1.5 (calm_with_furious)``)."""
    parts = []
    for ev in event.get("evidence") or ():
        merit = first(ev, "merit", "strength")
        parts.append(f"{ev.get('trait')} {merit:+g}" if isinstance(merit, int | float)
                     else str(ev.get("trait")))
    for point in event.get("points") or ():
        if isinstance(point.get("merit"), int | float):
            parts.append(f"{point.get('trait')} {point['merit']:+g} ({point.get('rule')})")
    return ", ".join(parts)


def _rules(event: dict[str, Any]) -> str:
    rules = event.get("rules") or event.get("rules_fired") or ()
    return ", ".join(str(first(r, "rule", "id") or r) if isinstance(r, dict) else str(r)
                     for r in rules)


def _state(event: dict[str, Any]) -> str:
    state = first(event, "state", "state_after") or {}
    meters = state.get("meters", state) if isinstance(state, dict) else {}
    order = [m for m in METERS if m in meters] + sorted(set(meters) - set(METERS))
    return " ".join(f"{k}={meters[k]:g}" for k in order if isinstance(meters[k], int | float))


def session_view(conn: sqlite3.Connection, session_id: str, names: Names
                 ) -> tuple[Section, ...]:
    rows = conn.execute("SELECT seq, at, type, data FROM events WHERE session_id = ? "
                        "ORDER BY seq", (session_id,)).fetchall()
    if not rows:
        raise UserError(f"no session {session_id!r} in the score log")
    events = [(seq, at, kind, json.loads(data)) for seq, at, kind, data in rows]
    start = next((e for _, _, k, e in events if k == "SessionStarted"), {})
    started_at = next((at for _, at, k, _ in events if k == "SessionStarted"), "")
    scenario, as_played = _scenario(conn, start, names)
    lang = start.get("lang", "en")
    t = names.t
    speakers = Translator("ui", names.lang)  # the window's speaker wording
    steps, reviews, summary = [], [], _summary(session_id, start, scenario, as_played, t)
    summary.append((t("f.started"), started_at))
    for seq, at, kind, event in events:
        if kind in ("ChoiceMade", "TimedOut"):
            node = first(event, "node", "node_id")
            choice = t("timed_out") if kind == "TimedOut" else \
                _chosen(scenario, node, first(event, "choice", "choice_id"), lang)
            steps.append((len(steps) + 1, at[11:19], node, *_said(scenario, node, lang, speakers),
                          choice,
                          first(event, "response_time", "seconds"), _traits(event),
                          _rules(event), _state(event)))
        elif kind == "SessionEnded":
            summary += [(t("f.ended"), at), (t("f.ending"), f"{event.get('ending')} "
                                                          f"({event.get('outcome')})"),
                        (t("f.overall"), first(event, "overall", "score")),
                        (t("c.passed"), t("yes") if event.get("passed") else t("no"))]
        elif kind == "SessionAbandoned":
            summary.append((t("c.abandoned"), at))
        elif kind == "ScoreOverridden":
            change = f"{_num(event.get('previous'))} → {_num(event.get('score'))}"
            flag = f" ({t('c.after_sign_off')})" if event.get("after_sign_off") else ""
            reviews.append((seq, at, t("r.override") + flag, event.get("by"), change,
                            event.get("reason")))
            summary.append((t("c.overridden"), f"{change}, {event.get('by')}: "
                                               f"{event.get('reason')} ({at}){flag}"))
        elif kind == "SignedOff":
            reviews.append((seq, at, t("r.sign_off"), event.get("by"), None,
                            event.get("note")))
    if not any(k in ("SessionEnded", "SessionAbandoned") for _, _, k, _ in events):
        summary.append((t("f.status"), t("f.never_ended")))
    return (Section(t("title_session", session=session_id), (t("f.field"), t("f.value")),
                    tuple(summary), paged=False, clip=False, key="session"),
            Section(t("s.steps"), tuple(t(f"f.{c}") for c in _STEP_COLUMNS), tuple(steps),
                    records=True, paged=False, key="steps"),
            Section(t("s.reviews"), tuple(t(f"f.{c}") for c in _REVIEW_COLUMNS),
                    tuple(reviews), paged=False, key="reviews"))


_STEP_COLUMNS = ("step", "time", "decision", "who", "said", "chosen", "seconds", "traits", "rules",
                 "state")
_REVIEW_COLUMNS = ("event", "at", "what", "by", "change", "reason")


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else "?"


def _summary(session_id: str, start: dict[str, Any], scenario: Any, as_played: bool,
             t: Any) -> list[tuple]:
    rows = [(t("c.session"), session_id)]
    for label, names in (("c.trainee", ("trainee",)), ("c.scenario", ("scenario_id", "scenario")),
                         ("f.version", ("version", "scenario_version")), ("f.language", ("lang",)),
                         ("f.mode", ("mode",)), ("f.timing", ("timing",)), ("f.seed", ("seed",))):
        value = first(start, *names)
        if value is not None:
            rows.append((t(label), value))
    if scenario is not None and not as_played:
        rows.append((t("f.note"), t("n.texts_today")))
    return rows
