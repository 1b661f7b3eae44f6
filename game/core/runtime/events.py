"""What the score log records about a session: frozen, JSON-safe events.

A session is fully described by its SessionStarted plus the ChoiceMade/TimedOut
events (``Session.replay`` rebuilds it from them); the scores and explanations in
the events are there so reports never need to re-run the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from game.core.rules.scoring import MeritLine, PointLine

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RuleFired:
    """A rule that fired during a step (``times`` > 1 for tick rules)."""

    rule: str
    scope: str
    times: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "scope": self.scope, "times": self.times}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleFired:
        return cls(data["rule"], data["scope"], int(data.get("times", 1)))


class _Event:
    """to_dict/from_dict for the flat events below (nested lines converted by type)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": type(self).__name__}
        for f in fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Any:
        kwargs = {}
        for f in fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _restore(f.name, data[f.name])
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class SessionStarted(_Event):
    trainee: str
    scenario: str
    version: int
    content_hash: str
    lang: str
    mode: str  # "practice" | "assessment"
    seed: int
    timing: str  # "normal" | "extended" | "off"
    time_factor: float | None = 1.0  # the multiplier applied to time limits; None when off
    form: str = "n"  # how the trainee asked to be addressed: f, m or n (neutral phrasing)


@dataclass(frozen=True, slots=True)
class ChoiceMade(_Event):
    node: str
    choice: str
    response_time: float
    slow: bool = False  # slower than half the (effective) limit: -1 responsiveness
    evidence: tuple[MeritLine, ...] = ()
    points: tuple[PointLine, ...] = ()  # rule points (choice and tick rules)
    rules: tuple[RuleFired, ...] = ()
    best: str | None = None  # the best open choice here
    earned: float = 0.0  # this decision's share of the overall score
    available: float = 0.0
    ticks: int = 0  # escalation seconds while the player was deciding
    state: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    reading: float = 0.0  # seconds the screen took to read: response_time minus this is late


@dataclass(frozen=True, slots=True)
class TimedOut(_Event):
    node: str
    response_time: float  # the effective limit that ran out
    evidence: tuple[MeritLine, ...] = ()
    points: tuple[PointLine, ...] = ()
    rules: tuple[RuleFired, ...] = ()
    best: str | None = None
    earned: float = 0.0
    available: float = 0.0
    ticks: int = 0
    state: Mapping[str, float] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True, slots=True)
class SessionEnded(_Event):
    ending: str
    outcome: str
    overall: float
    traits: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    passed: bool = False
    earned: float = 0.0
    available: float = 0.0
    rules: tuple[RuleFired, ...] = ()  # end rules
    points: tuple[PointLine, ...] = ()
    critical: tuple[str, ...] = ()  # critical traits shown: each fails the session alone
    slips: int = 0  # decisions that lost points against the best answer


@dataclass(frozen=True, slots=True)
class SessionAbandoned(_Event):
    node: str
    decisions: int = 0


EVENT_TYPES: Mapping[str, type] = MappingProxyType({
    cls.__name__: cls for cls in (SessionStarted, ChoiceMade, TimedOut, SessionEnded,
                                  SessionAbandoned)
})

Event = SessionStarted | ChoiceMade | TimedOut | SessionEnded | SessionAbandoned


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """The event a ``to_dict()`` came from; ValueError for an unknown type."""
    cls = EVENT_TYPES.get(str(data.get("type")))
    if cls is None:
        raise ValueError(f"unknown session event type {data.get('type')!r}; expected one of "
                         f"{', '.join(EVENT_TYPES)}")
    return cls.from_dict(data)


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:  # most values: no attribute look-up, no ABC check
        return value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


_NESTED = {"evidence": MeritLine, "points": PointLine, "rules": RuleFired}


def _restore(name: str, value: Any) -> Any:
    kind = _NESTED.get(name)
    if kind is not None:
        return tuple(kind.from_dict(v) for v in value)
    if name in ("state", "traits"):
        return MappingProxyType(dict(value))
    if name == "critical":
        return tuple(value)
    return value
