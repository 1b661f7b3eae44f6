"""Static analysis of a scenario by exploring its paths: reachability, score range,
and whether naive strategies could pass. Used by `python main.py analyze`."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from game.core.analysis.explore import Transitions, explore
from game.core.analysis.strategies import strategies
from game.core.model import Scenario, TraitCatalogue
from game.core.runtime.step import Setup

__all__ = ["Analysis", "analyze"]


@dataclass(frozen=True, slots=True)
class Analysis:
    scenario: str
    nodes: int
    decision_points: int
    endings: dict[str, dict]  # id -> {outcome, reachable, paths}
    paths: int
    score: dict[str, float | None]  # min, max
    traits: dict[str, dict[str, float]]  # trait -> {min, max}
    strategies: dict[str, float]  # first, last, longest, random_mean
    unreachable: tuple[str, ...]  # nodes and endings no path reaches
    exact: bool
    endless: int = 0  # paths still going after the depth limit (a loop)
    dead_ends: tuple[str, ...] = ()  # nodes where a path can get stuck
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {"scenario": self.scenario, "nodes": self.nodes,
                "decision_points": self.decision_points, "endings": self.endings,
                "paths": self.paths, "score": self.score, "traits": self.traits,
                "strategies": self.strategies, "unreachable": list(self.unreachable),
                "exact": self.exact, "endless": self.endless,
                "dead_ends": list(self.dead_ends), "warnings": list(self.warnings)}


def analyze(scenario: Scenario, catalogue: TraitCatalogue | None, rules: object = (), *,
            random_runs: int = 1000, exact_paths: int = 20_000,
            exact_steps: int = 60_000) -> Analysis:
    moves = Transitions(Setup.build(scenario, catalogue, rules, 1.0))
    with _gc_paused():
        found = explore(moves, exact_paths, exact_steps)
        naive = {k: round(v, 2) for k, v in strategies(moves, random_runs).items()}
    score = {"min": _round(found.score_min), "max": _round(found.score_max)}
    endings = {e.id: {"outcome": e.outcome.value, "reachable": e.id in found.reached,
                      "paths": found.ending_paths.get(e.id, 0)}
               for e in scenario.endings.values()}
    unreachable = tuple(x for x in (*scenario.nodes, *scenario.endings)
                        if x not in found.reached)
    decision_points = sum(1 for n in scenario.nodes.values()
                          if len(n.choices) + (n.timeout is not None) > 1)
    result = Analysis(
        scenario.id, len(scenario.nodes), decision_points, endings, found.paths, score,
        {t: {"min": round(lo, 2), "max": round(hi, 2)}
         for t, (lo, hi) in sorted(found.traits.items())},
        naive, unreachable, found.exact, found.endless, tuple(sorted(found.dead_ends)))
    return _with_warnings(result, scenario)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The exploration allocates many small long-lived objects; the cyclic
    collector would rescan them all again and again (half the time on big
    scenarios). They hold no cycles, so collection waits until the end."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _with_warnings(a: Analysis, scenario: Scenario) -> Analysis:
    notes = []
    top = a.score["max"]
    if top is not None:
        for name, value in a.strategies.items():
            if value > top / 2:
                notes.append(f"naive strategy '{name}' scores {value:g}, above half the "
                             f"maximum ({top:g}): a trainee could do well without judgement")
        if top < scenario.pass_score:
            notes.append(f"no path reaches the pass score {scenario.pass_score:g} "
                         f"(best: {top:g})")
    if a.unreachable:
        notes.append(f"never reached: {', '.join(a.unreachable)}")
    if a.endless:
        notes.append(f"{a.endless} path(s) never reach an ending (a loop)")
    if a.dead_ends:
        notes.append(f"paths get stuck at: {', '.join(a.dead_ends)}")
    if not a.exact:
        notes.append("too many states to explore exactly: figures come from a beam search "
                     "(approximate)")
    return replace(a, warnings=tuple(notes))
