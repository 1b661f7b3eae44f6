"""Merit: how much a piece of evidence is worth to this client, and why.

    merit = strength × polarity × persona weight × rule factors

Polarity is +1 for a good trait and -1 for a bad one, so merit is always "good
for the relationship" when positive. Every figure keeps its parts so the debrief
can show the arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from game.core.model import Evidence, Persona, Polarity, TraitCatalogue
from game.core.rules.engine import ALL_BAD, Firing


class MeritLine(NamedTuple):
    """One piece of evidence, valued: ``merit = strength × polarity × weight × factor``.

    A named tuple rather than a dataclass: one is built per piece of evidence of
    every choice the analyser explores, and tuples are several times cheaper to make.
    """

    trait: str
    strength: float
    polarity: int
    weight: float
    factor: float
    merit: float
    rules: tuple[str, ...] = ()  # the rules whose multipliers make up ``factor``

    def to_dict(self) -> dict:
        return {"trait": self.trait, "strength": self.strength, "polarity": self.polarity,
                "weight": self.weight, "factor": self.factor, "merit": self.merit,
                "rules": list(self.rules)}

    @classmethod
    def from_dict(cls, data: Mapping) -> MeritLine:
        return cls(data["trait"], data["strength"], int(data["polarity"]), data["weight"],
                   data["factor"], data["merit"], tuple(data.get("rules", ())))


class PointLine(NamedTuple):
    """Merit points a rule gave a trait (persona weight already applied)."""

    rule: str
    trait: str
    merit: float

    def to_dict(self) -> dict:
        return {"rule": self.rule, "trait": self.trait, "merit": self.merit}

    @classmethod
    def from_dict(cls, data: Mapping) -> PointLine:
        return cls(data["rule"], data["trait"], data["merit"])


def polarities(catalogue: TraitCatalogue | None) -> dict[str, int]:
    """trait id -> +1 (good) or -1 (bad); a trait missing from the catalogue counts as good."""
    if catalogue is None:
        return {}
    return {t.id: (-1 if t.polarity == Polarity.BAD else 1) for t in catalogue.traits}


def value_evidence(evidence: Iterable[Evidence], polarity: Mapping[str, int],
                   persona: Persona, firings: tuple[Firing, ...] = ()) -> tuple[MeritLine, ...]:
    weights = persona.weights
    lines = []
    for item in evidence:
        trait, strength = item.trait, item.strength
        sign = polarity.get(trait, 1)
        weight = weights.get(trait, 1.0)
        base = strength * sign * weight
        factor, why = 1.0, ()
        for firing in firings:
            f = firing.multiply.get(trait)
            if f is None and base < 0:
                f = firing.multiply.get(ALL_BAD)
            if f is not None:
                factor *= f
                why = (*why, firing.rule)
        lines.append(MeritLine(trait, strength, sign, weight, factor, base * factor, why))
    return tuple(lines)


def rule_points(firings: Iterable[Firing]) -> tuple[PointLine, ...]:
    return tuple(PointLine(f.rule, trait, merit)
                 for f in firings for trait, merit in f.points.items() if merit)


def total(lines: Iterable[MeritLine | PointLine]) -> float:
    return sum(line.merit for line in lines)
