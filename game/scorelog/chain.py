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


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                            allow_nan=False, check_circular=False)
# The C encoder made once (JSONEncoder.encode makes one on every call, with checks for
# cycles a tree of plain values cannot have): half the cost of json.dumps, the same
# text. The pure Python encoder where the C one is missing.
_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_C_ENCODE = _C_ENCODER and _C_ENCODER(None, _ENCODER.default, json.encoder.encode_basestring,
                                      None, ":", ",", True, False, False)


def _c_encode(obj: Any) -> str:
    return "".join(_C_ENCODE(obj, 0))


_CANONICAL = _ENCODER.encode if _C_ENCODER is None else _c_encode


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
    order of ``index_text``'s third to tenth values."""
    return _as_stored(*map(cols.__getitem__, COLUMNS[:8]))


def _as_stored(kind: Any, node: Any, choice: Any, score: Any, passed: Any, merit: Any,
               lost: Any, seconds: Any) -> tuple:
    """Derived values as the database keeps them. (Spelled out: once per event written.)"""
    return (kind, None if node is None else str(node), None if choice is None else str(choice),
            None if score is None else float(score), passed,
            None if merit is None else float(merit), None if lost is None else float(lost),
            None if seconds is None else float(seconds))


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
    """(trait, merit) pairs of a choice or timeout event, plus rule points.

    A merit of -0.0 (a weight or factor of 0 on evidence against a trait) is 0.0 here:
    SQLite gives a stored -0.0 back as 0.0, and the pairs are hashed as the database
    gives them back (verify-log would otherwise call an untouched log edited)."""
    if type(event) is Recorded and event.pairs is not None:
        return list(event.pairs)
    items: list[tuple[str, float]] = []
    for ev in event.get("evidence") or ():
        if isinstance(ev, Mapping) and "trait" in ev:
            merit = _num(first(ev, "merit", "strength"))
            if merit is not None:
                items.append((str(ev["trait"]), merit + 0.0))
    for point in event.get("points") or ():  # rule points: {rule, trait, merit}
        if isinstance(point, Mapping) and "trait" in point:
            merit = _num(point.get("merit"))
            if merit is not None:
                items.append((str(point["trait"]), merit + 0.0))
    for rule in event.get("rules") or event.get("rules_fired") or ():
        if isinstance(rule, Mapping) and "traits" in rule:
            for trait, points in (rule.get("traits") or {}).items():
                if (merit := _num(points)) is not None:
                    items.append((str(trait), merit + 0.0))
    return items


COLUMNS = ("type", "node", "choice", "score", "passed", "merit", "lost", "response_time",
           "mistake")


def columns(event: Mapping[str, Any], items: list[tuple[str, float]] | None = None
            ) -> dict[str, Any]:
    """The indexed columns a row carries, all derived from the event itself
    (``items``: its :func:`evidence_items`, when the caller has them already)."""
    return dict(zip(COLUMNS, derive(event, items), strict=True))


def stored_columns(event: Mapping[str, Any], items: list[tuple[str, float]]) -> tuple:
    """:func:`columns` as the database keeps them, in :data:`COLUMNS` order: what a
    writer stores and hashes (``stored`` of ``columns``, without the dict between)."""
    *values, wrong = derive(event, items)
    return (*_as_stored(*values), wrong)


def derive(event: Mapping[str, Any], items: list[tuple[str, float]] | None = None) -> tuple:
    """:func:`columns`' values in :data:`COLUMNS` order. (Spelled out, :func:`first`
    inlined: it runs once per event written, and per old row verify-log re-derives.)"""
    get = event.get
    kind = get("type")
    node = choice = score = passed = merit = lost = seconds = wrong = None
    if kind == "ChoiceMade" or kind == "TimedOut":
        node = get("node")
        if node is None:
            node = get("node_id")
        if kind == "ChoiceMade":
            choice = get("choice")
            if choice is None:
                choice = get("choice_id")
        else:
            choice = "(timeout)"
        seconds = get("response_time")
        seconds = _num(get("seconds") if seconds is None else seconds)
        merit = sum([m for _, m in (evidence_items(event) if items is None else items)])
        lost = _lost(event, merit)
        wrong = mistake(event, choice, lost)
    elif kind == "SessionEnded" or kind == "ScoreOverridden":
        first_name, second_name = ("overall", "score") if kind == "SessionEnded" \
            else ("score", "new_score")
        score = get(first_name)
        score = _num(get(second_name) if score is None else score)
        passed = get("passed")
        passed = None if passed is None else int(bool(passed))
    return kind, node, choice, score, passed, merit, lost, seconds, wrong


def _credit() -> Any:
    """``game.core.rules.Credit``, imported on first use: reading the log (a report)
    never derives, and starts without the rules engine and the model."""
    global _CREDIT
    if _CREDIT is None:
        from game.core.rules import Credit

        _CREDIT = Credit
    return _CREDIT


_CREDIT: Any = None


_LOSSES: dict[tuple[float, float], float] = {}  # (earned, available) -> lost, once each


def _lost(event: Mapping[str, Any], merit: float) -> float:
    """Points this decision cost against the best open choice (0 for the best one)."""
    available, earned = _num(event.get("available")), _num(event.get("earned"))
    if available is not None and earned is not None:
        lost = _LOSSES.get(key := (earned, available))
        if lost is None:  # the core's one scoring module; a log repeats a few hundred
            lost = _credit()(earned, available).lost
            if len(_LOSSES) < 100_000:
                _LOSSES[key] = lost
        return lost
    return max(0.0, -merit)  # events without the runtime's figures: negative merit lost


def trait_scores(event: Mapping[str, Any]) -> list[tuple[str, float]]:
    """(trait, score) pairs of a SessionEnded event; traits without a score left out
    (-0.0 as 0.0, as for :func:`evidence_items`)."""
    scores = first(event, "traits", "trait_scores") or {}
    return [(str(t), float(s) + 0.0) for t, s in scores.items() if _num(s) is not None] \
        if isinstance(scores, Mapping) else []
