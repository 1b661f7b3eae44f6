"""Static analysis of a scenario by exploring its paths: reachability, score by ending
and by number of slips, paths where outcome and score disagree, and what naive and
surface strategies would score. Used by `python main.py analyze`.

``Explorer`` is the one way to walk a scenario's states; every tool that needs
paths (analyze, graph, test-scenarios and its drafts, the content tests) uses it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from game.core.analysis.explore import MAX_STEPS, PACE, Explorer, PathEnd, Walk, count_paths
from game.core.analysis.graph import Way, reachable, story_edges, ways
from game.core.analysis.report import by_slips, endings_table, incoherent
from game.core.analysis.strategies import strategies
from game.core.model import Scenario, TraitCatalogue

__all__ = ["PACE", "Analysis", "CampaignAnalysis", "Explorer", "PathEnd", "Walk", "Way",
           "analyze", "analyze_campaign", "count_paths", "reachable", "story_edges", "ways"]


@dataclass(frozen=True, slots=True)
class Analysis:
    scenario: str
    nodes: int
    decision_points: int
    pass_score: float
    endings: dict[str, dict]  # id -> {outcome, reachable, paths, passed_paths, score}
    paths: int
    score: dict[str, float | None]  # min, median, max
    traits: dict[str, dict[str, float]]  # trait -> {min, max}
    strategies: dict[str, float]  # first, last, shortest, middle, longest, digits, random_mean
    passing_strategies: dict[str, str]  # strategy -> how it passes
    incoherent: dict[str, dict]  # success_not_passed / failure_passed -> {paths, example}
    by_slips: tuple[dict, ...]  # {k, paths, median, passed_share} for k = 0..3
    unreachable: tuple[str, ...]  # nodes and endings no path reaches
    exact: bool
    endless: int = 0  # paths still going after the depth limit (a loop) or the budget
    dead_ends: tuple[str, ...] = ()  # nodes where a path can get stuck
    warnings: tuple[str, ...] = field(default=())
    bounded: bool = False  # the walk stopped at its step budget (see explore.MAX_STEPS)

    def to_dict(self) -> dict:
        return {"scenario": self.scenario, "nodes": self.nodes,
                "decision_points": self.decision_points, "pass_score": self.pass_score,
                "endings": self.endings, "paths": self.paths, "score": self.score,
                "traits": self.traits, "strategies": self.strategies,
                "passing_strategies": self.passing_strategies, "incoherent": self.incoherent,
                "by_slips": list(self.by_slips), "unreachable": list(self.unreachable),
                "exact": self.exact, "bounded": self.bounded, "endless": self.endless,
                "dead_ends": list(self.dead_ends), "warnings": list(self.warnings)}


def analyze(scenario: Scenario, catalogue: TraitCatalogue | None, rules: object = (), *,
            random_runs: int = 1000, exact_paths: int = 20_000,
            exact_steps: int = 60_000, max_steps: int = MAX_STEPS) -> Analysis:
    ex = Explorer(scenario, catalogue, rules)
    with _gc_paused():
        found = ex.walk(exact_paths, exact_steps, max_steps=max_steps)
        scores, passing = strategies(ex, random_runs)
    table, overall = endings_table(scenario, found)
    unreachable = tuple(x for x in (*scenario.nodes, *scenario.endings)
                        if x not in found.reached)
    decision_points = sum(1 for n in scenario.nodes.values()
                          if len(n.choices) + (n.timeout is not None) > 1)
    result = Analysis(
        scenario.id, len(scenario.nodes), decision_points, float(scenario.pass_score), table,
        found.paths, overall,
        {t: {"min": round(lo, 2), "max": round(hi, 2)}
         for t, (lo, hi) in sorted(found.traits.items())},
        {k: round(v, 2) for k, v in scores.items()}, passing,
        incoherent(scenario, found), by_slips(found), unreachable, found.exact,
        found.endless, tuple(sorted(found.dead_ends)), bounded=found.bounded)
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


def _with_warnings(a: Analysis, scenario: Scenario) -> Analysis:
    notes = []
    for name, how in a.passing_strategies.items():
        notes.append(f"strategy '{name}' {how} (score {a.strategies[name]:g}, pass mark "
                     f"{a.pass_score:g}): a trainee could pass without judgement")
    for kind, words in (("success_not_passed", "reach a success ending without passing"),
                        ("failure_passed", "pass but reach a failure ending")):
        info = a.incoherent[kind]
        if info["paths"]:
            notes.append(f"{info['paths']} path(s) {words}, e.g. {' > '.join(info['example'])}"
                         f" (score {info['score']:g})")
    top = a.score["max"]
    if top is not None and top < scenario.pass_score:
        notes.append(f"no path reaches the pass score {scenario.pass_score:g} (best: {top:g})")
    if a.unreachable:
        notes.append(f"never reached: {', '.join(a.unreachable)}")
    if a.bounded:
        notes.append("stopped at the analysis budget (a bounded number of steps): the figures "
                     f"cover the paths explored so far, {a.endless} still going")
    elif a.endless:
        notes.append(f"{a.endless} path(s) never reach an ending (a loop)")
    if a.dead_ends:
        notes.append(f"paths get stuck at: {', '.join(a.dead_ends)}")
    if not a.exact:
        notes.append("too many states to explore exactly: figures come from a beam search "
                     "(approximate)")
    return replace(a, warnings=tuple(notes))


# Campaigns (several episodes, one client) are explored with the Explorer above.
from game.core.analysis.campaign import CampaignAnalysis, analyze_campaign  # noqa: E402
