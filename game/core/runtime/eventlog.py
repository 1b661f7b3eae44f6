"""Turning steps into the events the score log keeps."""

from __future__ import annotations

from collections import Counter

from game.core.rules.engine import Firing
from game.core.rules.scoring import PointLine, passes
from game.core.runtime.events import ChoiceMade, RuleFired, SessionEnded, TimedOut
from game.core.runtime.step import Setup, Step


def rules_fired(firings: tuple[Firing, ...]) -> tuple[RuleFired, ...]:
    """One entry per rule, counting repeats (a tick rule fires once per second)."""
    counts = Counter((f.rule, f.scope) for f in firings)
    return tuple(RuleFired(rule, scope, n) for (rule, scope), n in counts.items())


def merged_points(points: tuple[PointLine, ...]) -> tuple[PointLine, ...]:
    """Points summed per rule and trait, so 40 ticks make one line, not 40."""
    sums: dict[tuple[str, str], float] = {}
    for p in points:
        sums[(p.rule, p.trait)] = sums.get((p.rule, p.trait), 0.0) + p.merit
    return tuple(PointLine(rule, trait, merit) for (rule, trait), merit in sums.items())


def step_event(step: Step) -> ChoiceMade | TimedOut:
    common = dict(
        evidence=step.evidence, points=merged_points(step.points + step.tick_points),
        rules=rules_fired(step.tick_firings + step.firings), best=step.best,
        earned=step.earned, available=step.available, ticks=step.ticks,
        state=step.state.as_dict())
    if step.choice is None:
        return TimedOut(step.node, step.response_time, **common)  # type: ignore[arg-type]
    return ChoiceMade(step.node, step.choice, step.response_time, step.slow,
                      **common, reading=step.reading)  # type: ignore[arg-type]


def ended_event(setup: Setup, step: Step) -> SessionEnded:
    state = step.state
    ending = setup.scenario.endings[step.next]
    overall = state.overall
    critical = tuple(sorted(state.critical))
    return SessionEnded(ending.id, ending.outcome.value, overall, state.trait_scores(),
                        passes(overall, setup.scenario.pass_score, critical), state.earned,
                        state.available, rules_fired(step.end_firings), step.end_points,
                        critical, state.slips)
