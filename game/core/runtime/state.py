"""The session state: one immutable value per moment of the session.

Each step builds a new State, so a session can be rewound, replayed or explored
(the analyser keeps thousands of them) without copying or undoing anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.core.model import METERS
from game.core.rules.scoring import overall_score

__all__ = ["State", "clamp_meter", "frozen", "overall_score", "trait_score"]

_EMPTY: Mapping = MappingProxyType({})


def _none() -> Mapping:
    """An empty read-only mapping as a dataclass default (one field object per use)."""
    return field(default_factory=lambda: _EMPTY)


def frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


@dataclass(frozen=True, slots=True)
class State:
    """Where the session is and everything that happened that later rules may read."""

    node: str
    meters: Mapping[str, float]
    elapsed: float = 0.0
    decisions: int = 0
    flags: frozenset[str] = frozenset()
    visited: frozenset[str] = frozenset()
    chosen: frozenset[str] = frozenset()  # "node.choice" taken so far
    tags: Mapping[str, int] = _none()  # tag -> events that carried it
    promises: Mapping[str, str] = _none()  # promise name -> "made" | "kept" | "broken"
    merit: Mapping[str, tuple[float, float]] = _none()  # trait -> (positive, negative) merit
    bad: Mapping[str, int] = _none()  # trait -> events that counted against it
    low: Mapping[str, float] = _none()  # meter -> lowest value seen
    high: Mapping[str, float] = _none()  # meter -> highest value seen
    earned: float = 0.0
    available: float = 0.0
    fired: frozenset[str] = frozenset()  # once-rules that have fired
    ticks: int = 0  # whole seconds of escalation processed
    ended: bool = field(default=False)
    slips: int = 0  # decisions that lost points against the best answer
    critical: frozenset[str] = frozenset()  # critical traits shown (each fails the session)

    @property
    def trust(self) -> float:
        return self.meters["trust"]

    @property
    def commitment(self) -> float:
        return self.meters["commitment"]

    @property
    def mood(self) -> float:
        return self.meters["mood"]

    @property
    def reputation(self) -> float:
        return self.meters["reputation"]

    @property
    def reach(self) -> float:
        return self.meters["reach"]

    @property
    def overall(self) -> float:
        return overall_score(self.earned, self.available)

    def trait_score(self, trait: str) -> float | None:
        pos, neg = self.merit.get(trait, (0.0, 0.0))
        return trait_score(pos, neg)

    def trait_scores(self) -> dict[str, float]:
        """Every trait with evidence so far -> its 0-100 score."""
        out = {}
        for trait, (pos, neg) in sorted(self.merit.items()):
            score = trait_score(pos, neg)
            if score is not None:
                out[trait] = score
        return out

    def as_dict(self) -> dict[str, float]:
        """The meters and elapsed time, JSON-safe (what events record)."""
        return {**{k: round(v, 4) for k, v in self.meters.items()},
                "elapsed": round(self.elapsed, 4)}


def clamp_meter(name: str, value: float) -> float:
    low, high = METERS.get(name, (0.0, None))
    value = max(low, value)
    return value if high is None else min(high, value)


def trait_score(positive: float, negative: float) -> float | None:
    """``100 × positive / (positive + |negative|)``; None without evidence."""
    whole = positive + abs(negative)
    return None if whole <= 0 else min(100.0, 100.0 * positive / whole)  # no 100.00000001


