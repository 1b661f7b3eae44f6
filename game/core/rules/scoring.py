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


# --- the scoring model: one decision's credit, the overall score, the pass rule ------
#
# Each decision is worth its *span*: the merit of the best answer open there minus
# that of the worst (or of what the player did, if worse, such as a timeout or a
# slow answer). The player earns what they did above that floor, so the best
# answer earns the whole span, the worst earns 0, and anything between earns in
# proportion. A slip therefore costs exactly how much worse it was than the best
# answer, and a decision where more was at stake counts for more. See
# docs/design.md ("The scoring model") for a worked example.

EPS = 1e-9


class Credit(NamedTuple):
    """One decision's part of the overall score: ``earned`` out of ``available``."""

    earned: float
    available: float

    @property
    def lost(self) -> float:
        """Points this decision cost against the best answer (0 for the best)."""
        return max(0.0, self.available - self.earned)


def decision_credit(merit: float, best: float, worst: float, extra: float = 0.0) -> Credit:
    """``merit``: what the player's answer was worth; ``best``/``worst``: the open
    answers' merits, valued the same way; ``extra``: merit that accrued while the
    player decided whatever they chose (escalation rules), usually a cost."""
    actual = merit + extra
    floor = min(worst, actual)
    return Credit(actual - floor, max(best, actual) - floor)


def end_credit(points: Iterable[PointLine]) -> Credit:
    """End rules judge the whole session, rule by rule: a net bonus is earned (and
    counts as at stake), a net penalty is at stake and not earned."""
    sums: dict[str, float] = {}
    for p in points:
        sums[p.rule] = sums.get(p.rule, 0.0) + p.merit
    return Credit(sum(max(0.0, m) for m in sums.values()), sum(abs(m) for m in sums.values()))


def overall_score(earned: float, available: float) -> float:
    """``100 × earned / available`` clamped to 0..100 (100 when nothing was at stake)."""
    if available <= EPS:
        return 100.0 if earned >= -EPS else 0.0
    return max(0.0, min(100.0, 100.0 * earned / available))


def passes(overall: float, pass_score: float, critical: Iterable[str] = ()) -> bool:
    """Passed: at least the pass mark and no critical trait shown (see Trait.critical)."""
    return overall >= pass_score - EPS and not tuple(critical)


def critical_shown(lines: Iterable[MeritLine], critical: frozenset[str]) -> tuple[str, ...]:
    """The critical traits these lines show (doing a bad trait: negative merit)."""
    if not critical:
        return ()
    return tuple(dict.fromkeys(ln.trait for ln in lines if ln.trait in critical
                               and ln.strength * ln.polarity < 0))


# --- a session's events to its score ---------------------------------------------------

class DecisionScore(NamedTuple):
    """One decision as the score sees it."""

    number: int  # 1-based
    node: str
    choice: str | None  # None: the time ran out
    earned: float
    available: float
    slow: bool
    slow_cost: float  # the responsiveness merit of a slow answer (<= 0)
    wrong: bool  # not the best answer open (a timeout counts as wrong)

    @property
    def lost(self) -> float:
        return max(0.0, self.available - self.earned)

    @property
    def slow_right(self) -> bool:
        """The best answer, given slowly: it lost only its slowness."""
        return self.slow and not self.wrong


class Scorecard(NamedTuple):
    """What a session's events add up to (``score_events``)."""

    decisions: tuple[DecisionScore, ...]
    earned: float
    available: float
    overall: float  # 0-100, as the engine scored it
    passed: bool  # the engine's verdict: pass mark reached, no critical trait shown
    critical: tuple[str, ...]
    ended: bool
    override: Mapping | None  # the last ScoreOverridden event, if any
    score: float  # what counts: the override's score if there is one, else ``overall``
    final_passed: bool  # likewise


def _plain(event: object) -> Mapping:
    to_dict = getattr(event, "to_dict", None)
    return to_dict() if to_dict is not None else event  # type: ignore[return-value]


def score_events(events: Iterable[object], pass_score: float) -> Scorecard:
    """The score of one session from its events (runtime events or their dicts, with
    the score log's ScoreOverridden among them): the one place that adds a session
    up, for the debrief's figures, the reports and the log's replay check."""
    decisions: list[DecisionScore] = []
    earned = available = 0.0
    critical: tuple[str, ...] = ()
    ended = False
    override: Mapping | None = None
    for event in map(_plain, events):
        kind = event.get("type")
        if kind in ("ChoiceMade", "TimedOut"):
            e, a = float(event.get("earned", 0.0)), float(event.get("available", 0.0))
            earned += e
            available += a
            slow = bool(event.get("slow", False))
            lines = event.get("evidence") or ()
            cost = float(lines[-1]["merit"]) if slow and lines else 0.0
            choice = event.get("choice") if kind == "ChoiceMade" else None
            wrong = choice is None or (event.get("best") not in (None, choice))
            decisions.append(DecisionScore(len(decisions) + 1, str(event.get("node", "")),
                                           choice, e, a, slow, cost, wrong))
        elif kind == "SessionEnded":
            ended = True
            for p in event.get("points") or ():
                merit = float(p["merit"])
                earned += max(0.0, merit)
                available += abs(merit)
            critical = tuple(event.get("critical") or ())
        elif kind == "ScoreOverridden":
            override = event
    overall = overall_score(earned, available)
    passed = ended and passes(overall, pass_score, critical)
    if override is not None:
        score = float(override["score"])
        final_passed = bool(override.get("passed", passes(score, pass_score)))
    else:
        score, final_passed = overall, passed
    return Scorecard(tuple(decisions), earned, available, overall, passed, critical, ended,
                     override, score, final_passed)
