"""The tamper-evident part: canonical event content and the hash chain over it.

Each row's hash is ``sha256(previous row's hash + canonical content)``, where the
content covers the row's position (``seq``), time, session and the whole event. Any
edit changes that row's hash; a deletion or a swap breaks the link to the next row.
The indexed columns are *derived* from the event (see :func:`columns`), so verifying
re-derives them too and an edit to a column alone is caught as well.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

GENESIS = "0" * 64


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                              allow_nan=False).encode  # made once: json.dumps makes one a call


def canonical(obj: Any) -> str:
    """One spelling per value: sorted keys, no spaces, no NaN."""
    if type(obj) is Recorded and obj.text is not None:
        return obj.text  # spelled when the event was turned into this dict (events.py)
    return _CANONICAL(obj)


class Recorded(dict):
    """An event's dict as the store records it (``events.event_dict`` of a runtime
    event), with its :func:`canonical` text and :func:`evidence_items` worked out as it
    was made, from parts shared by every event with the same evidence (a played log
    repeats a few hundred). Only read by the store: its nested lists may be shared, and
    any change to it drops what was worked out, so it is worked out again from the dict."""

    __slots__ = ("pairs", "text")  # (not "items": that is dict.items)

    def __init__(self, data: Mapping[str, Any], text: str | None = None,
                 pairs: list[tuple[str, float]] | None = None) -> None:
        super().__init__(data)
        self.text, self.pairs = text, pairs

    def _changed(self) -> None:
        self.text = self.pairs = None

    def __setitem__(self, key: str, value: Any) -> None:
        self._changed()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._changed()
        super().__delitem__(key)

    def __ior__(self, other: Any) -> Recorded:
        self._changed()
        return super().__ior__(other)

    def clear(self) -> None:
        self._changed()
        super().clear()

    def pop(self, *args: Any) -> Any:
        self._changed()
        return super().pop(*args)

    def popitem(self) -> tuple[str, Any]:
        self._changed()
        return super().popitem()

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._changed()
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._changed()
        super().update(*args, **kwargs)


_string = json.encoder.encode_basestring  # json.dumps of a str with ensure_ascii=False
# 1: the event only; 2: the event and every value derived from it; 3: also the mistake
# kind (``mistake``), so the costliest-mistakes view reads no JSON
HASH_VERSION = 3
MISTAKES = ("wrong", "slow", "timeout")


def row_hash(prev_hash: str, seq: int, at: str, session_id: str, data_json: str,
             index: str = "") -> str:
    """``sha256(prev + canonical({"seq", "at", "session"}) + data + index)``, spelled out
    by hand (the same bytes as :func:`canonical`, without a dict and a json.dumps per
    row). ``index`` is :func:`index_text` for version 2 rows, empty for version 1."""
    content = f'{{"at":{_string(at)},"seq":{int(seq)},"session":{_string(session_id)}}}'
    return hashlib.sha256((prev_hash + content + data_json + index).encode("utf-8")
                          ).hexdigest()


def index_text(trainee: str | None, scenario: str | None, kind: str, node: str | None,
               choice: str | None, score: float | None, passed: int | None,
               merit: float | None, lost: float | None, response_time: float | None,
               items: Iterable[tuple[str, float]], scores: Iterable[tuple[str, float]]) -> str:
    """Everything a version 2 row stores besides the event, hashed with it: the JSON
    array ``[trainee, scenario, type, node, choice, score, passed, merit, lost,
    response_time, [[trait, merit], ...], [[trait, score], ...]]``, the evidence and
    trait score rows in the order they are stored. A column, evidence row or trait
    score changed alone no longer matches the hash.

    Takes the values as the database gives them back (text as str, REAL as float,
    ``passed`` as 0/1, or None): see :func:`stored`. Spelled out by hand: it runs once
    per event when verifying."""
    return index_head(trainee, scenario, kind, node, choice) + index_tail(
        score, passed, merit, lost, response_time, pairs_text(items), pairs_text(scores))


def index_head(trainee: str | None, scenario: str | None, kind: str, node: str | None,
               choice: str | None) -> str:
    """:func:`index_text` up to the choice (shared by every row of a kind at a node: the
    fast check keeps it)."""
    e = _string
    return (f"[{'null' if trainee is None else e(trainee)},"
            f"{'null' if scenario is None else e(scenario)},{e(kind)},"
            f"{'null' if node is None else e(node)},{'null' if choice is None else e(choice)},")


def index_tail(score: float | None, passed: int | None, merit: float | None,
               lost: float | None, response_time: float | None, items: str, scores: str
               ) -> str:
    """The rest of :func:`index_text`, the evidence and trait scores as :func:`pairs_text`."""
    return (f"{'null' if score is None else repr(score)},{'null' if passed is None else passed},"
            f"{'null' if merit is None else repr(merit)},{'null' if lost is None else repr(lost)},"
            f"{'null' if response_time is None else repr(response_time)},[{items}],[{scores}]]")


def pairs_text(pairs: Iterable[tuple[str, float]]) -> str:
    """``[trait, value],...`` of evidence or trait score rows."""
    e = _string
    return ",".join([f"[{e(t)},{v!r}]" for t, v in pairs])


def mistake(event: Mapping[str, Any], choice: Any, lost: float | None) -> str | None:
    """What kind of mistake a decision that cost points was: ``timeout`` (no answer in
    time), ``slow`` (the best open answer, given too slowly) or ``wrong``; None for a
    decision that cost nothing and for every other event."""
    kind = event.get("type")
    if kind not in ("ChoiceMade", "TimedOut") or not lost or lost <= 0:
        return None
    if kind == "TimedOut":
        return "timeout"
    # wrong as the core's score_events has it: not the best open answer (when known)
    return "wrong" if event.get("best") not in (None, choice) else "slow"


def mistake_text(value: str | None) -> str:
    """The part a version 3 row hashes after :func:`index_text`: ``["wrong"]`` or ``[null]``."""
    return "[null]" if value is None else f"[{_string(value)}]"


def stored(cols: Mapping[str, Any]) -> tuple:
    """:func:`columns` as the database keeps them (TEXT as str, REAL as float), in the
    order of ``index_text``'s third to tenth values. (Spelled out: once per event written.)"""
    node, choice, score = cols["node"], cols["choice"], cols["score"]
    merit, lost, seconds = cols["merit"], cols["lost"], cols["response_time"]
    return (cols["type"], None if node is None else str(node),
            None if choice is None else str(choice), None if score is None else float(score),
            cols["passed"], None if merit is None else float(merit),
            None if lost is None else float(lost), None if seconds is None else float(seconds))


def _num(value: Any) -> float | None:
    kind = type(value)
    if kind is float:  # most values: no isinstance checks
        return value
    if kind is int:
        return float(value)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def first(event: Mapping[str, Any], *names: str) -> Any:
    """The first present field among ``names`` (tolerates naming variants)."""
    for name in names:
        if name in event and event[name] is not None:
            return event[name]
    return None


def evidence_items(event: Mapping[str, Any]) -> list[tuple[str, float]]:
    """(trait, merit) pairs of a choice or timeout event, plus rule points."""
    if type(event) is Recorded and event.pairs is not None:
        return list(event.pairs)
    items: list[tuple[str, float]] = []
    for ev in event.get("evidence") or ():
        if isinstance(ev, Mapping) and "trait" in ev:
            merit = _num(first(ev, "merit", "strength"))
            if merit is not None:
                items.append((str(ev["trait"]), merit))
    for point in event.get("points") or ():  # rule points: {rule, trait, merit}
        if isinstance(point, Mapping) and "trait" in point:
            merit = _num(point.get("merit"))
            if merit is not None:
                items.append((str(point["trait"]), merit))
    for rule in event.get("rules") or event.get("rules_fired") or ():
        if isinstance(rule, Mapping) and "traits" in rule:
            for trait, points in (rule.get("traits") or {}).items():
                if (merit := _num(points)) is not None:
                    items.append((str(trait), merit))
    return items


def columns(event: Mapping[str, Any], items: list[tuple[str, float]] | None = None
            ) -> dict[str, Any]:
    """The indexed columns a row carries, all derived from the event itself
    (``items``: its :func:`evidence_items`, when the caller has them already)."""
    kind = event.get("type")
    cols: dict[str, Any] = {"type": kind, "node": None, "choice": None, "score": None,
                            "passed": None, "merit": None, "lost": None,
                            "response_time": None, "mistake": None}
    if kind in ("ChoiceMade", "TimedOut"):
        cols["node"] = first(event, "node", "node_id")
        cols["choice"] = first(event, "choice", "choice_id") if kind == "ChoiceMade" \
            else "(timeout)"
        cols["response_time"] = _num(first(event, "response_time", "seconds"))
        cols["merit"] = sum([m for _, m in (evidence_items(event) if items is None else items)])
        cols["lost"] = _lost(event, cols["merit"])
        cols["mistake"] = mistake(event, cols["choice"], cols["lost"])
    elif kind == "SessionEnded":
        cols["score"] = _num(first(event, "overall", "score"))
        passed = event.get("passed")
        cols["passed"] = None if passed is None else int(bool(passed))
    elif kind == "ScoreOverridden":
        cols["score"] = _num(first(event, "score", "new_score"))
        passed = event.get("passed")
        cols["passed"] = None if passed is None else int(bool(passed))
    return cols


def _credit() -> Any:
    """``game.core.rules.Credit``, imported on first use: reading the log (a report)
    never derives, and starts without the rules engine and the model."""
    global _CREDIT
    if _CREDIT is None:
        from game.core.rules import Credit

        _CREDIT = Credit
    return _CREDIT


_CREDIT: Any = None


def _lost(event: Mapping[str, Any], merit: float) -> float:
    """Points this decision cost against the best open choice (0 for the best one)."""
    available, earned = _num(event.get("available")), _num(event.get("earned"))
    if available is not None and earned is not None:
        return _credit()(earned, available).lost  # the core's one scoring module
    return max(0.0, -merit)  # events without the runtime's figures: negative merit lost


def trait_scores(event: Mapping[str, Any]) -> list[tuple[str, float]]:
    """(trait, score) pairs of a SessionEnded event; traits without a score left out."""
    scores = first(event, "traits", "trait_scores") or {}
    return [(str(t), float(s)) for t, s in scores.items() if _num(s) is not None] \
        if isinstance(scores, Mapping) else []
