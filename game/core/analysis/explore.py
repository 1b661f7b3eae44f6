"""The exploration API: one way to walk a scenario's states and transitions.

``Explorer`` is what every tool that walks a scenario uses: ``analyze`` (paths,
score ranges, strategies), ``test-scenarios`` (coverage, drafts), ``graph``
(what is really reachable) and the content tests. It answers "what is open in
this state" and "what does this answer do", each computed once and memoised, and
``walk()`` follows every path breadth-first.

The walk is exact when the scenario is small enough: if its node graph has at most
``exact_paths`` paths (counted up front, ignoring conditions), every path is followed
and every figure is exact. Beyond that, or when the work exceeds ``exact_steps``
anyway, it goes on as a beam (bounded, approximate): states are grouped by what
decides their future choices (node, flags, promises, the one-shot choices and tags
conditions read, rules fired once), only the best- and the worst-scoring state of
each group is kept, and at most ``beam_per_node`` states per node of the layer. The
result then says ``exact: False``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from game.core.analysis.graph import story_edges
from game.core.model import Choice, Node, Scenario, TraitCatalogue
from game.core.rules.scoring import passes
from game.core.runtime.state import State
from game.core.runtime.step import Setup, Step, alternatives_at, decide, open_choices, start

__all__ = ["MAX_DEPTH", "PACE", "Explorer", "PathEnd", "Walk", "count_paths", "response_time"]

#: Seconds the analysis assumes a player takes to answer once the text is read
#: (never "slow": capped at half a timed node's limit). Escalation runs during it.
PACE = 4.0
MAX_DEPTH = 200  # decisions; deeper paths are reported as endless
#: The walk's budget: at most this many transitions are explored (a few seconds and
#: well under 200 MB on any lint-clean file); beyond it the walk stops and says so.
MAX_STEPS = 100_000
TIMEOUT = "timeout"


def response_time(node: Node) -> float:
    return PACE if node.time_limit is None else min(PACE, node.time_limit / 2)


class Explorer:
    """The ways on from a state, each computed once."""

    def __init__(self, scenario: Scenario, catalogue: TraitCatalogue | None = None,
                 rules: object = (), *, factor: float | None = 1.0, lang: str = "en",
                 setup: Setup | None = None) -> None:
        self.setup = setup or Setup.build(scenario, catalogue, rules, factor, lang)
        self.scenario = self.setup.scenario
        self.start = start(self.setup)
        # Keyed by identity and holding the state, so an id is never reused meanwhile.
        self._open: dict[int, tuple[State, tuple[Choice, ...], tuple, float]] = {}
        self._steps: dict[tuple[int, str | None], Step] = {}
        self.computed = 0

    @classmethod
    def of(cls, setup: Setup) -> Explorer:
        return cls(setup.scenario, setup=setup)

    def options(self, state: State) -> tuple[tuple[Choice, ...], tuple, float]:
        """The open choices (authored order), their valuations, and the answer time."""
        hit = self._open.get(id(state))
        if hit is not None and hit[0] is state:
            return hit[1], hit[2], hit[3]
        node = self.scenario.nodes[state.node]
        shown = open_choices(self.setup, state)
        rt = response_time(node)
        alts = alternatives_at(self.setup, state, shown, rt) if shown else ()
        self._open[id(state)] = (state, shown, alts, rt)
        return shown, alts, rt

    def step(self, state: State, choice: Choice | None) -> Step:
        """``choice`` answered promptly from ``state`` (None: wait for the timeout)."""
        key = (id(state), None if choice is None else choice.id)
        hit = self._steps.get(key)
        if hit is not None:
            return hit
        shown, alts, rt = self.options(state)
        if choice is None:
            limit = self.scenario.nodes[state.node].time_limit
            found = decide(self.setup, state, None, limit or 0.0, shown)
        else:
            found = decide(self.setup, state, choice, rt, shown, alts)
        self.computed += 1
        self._steps[key] = found
        return found

    def can_time_out(self, state: State) -> bool:
        node = self.scenario.nodes[state.node]
        return node.timeout is not None and node.time_limit is not None

    def moves(self, state: State) -> list[Step]:
        """Every way on: each open choice, then the timeout."""
        shown, _, _ = self.options(state)
        steps = [self.step(state, c) for c in shown]
        if self.can_time_out(state):
            steps.append(self.step(state, None))
        return steps

    __call__ = moves

    def play(self, pick: Callable[[tuple[Choice, ...], tuple], Choice]) -> State | None:
        """One playthrough choosing with ``pick(shown, valuations)`` (waiting for a
        timeout only when nothing is open); None if it never ends."""
        state = self.start
        for _ in range(MAX_DEPTH):
            shown, alts, _ = self.options(state)
            if shown:
                state = self.step(state, pick(shown, alts)).state
            elif self.can_time_out(state):
                state = self.step(state, None).state
            else:
                return None
            if state.ended:
                return state
        return None

    def passed(self, state: State) -> bool:
        return passes(state.overall, self.scenario.pass_score, state.critical)

    def runs(self, limit: int = 20_000, depth: int = 60
             ) -> Iterator[tuple[tuple[Step, ...], State]]:
        """Complete runs from the start, depth first in authored order (timeouts
        last), at most ``limit``: (the steps taken, the final state)."""
        stack: list[tuple[State, tuple[Step, ...]]] = [(self.start, ())]
        found = 0
        while stack and found < limit:
            state, done = stack.pop()
            for step in reversed(self.moves(state)):
                taken = (*done, step)
                if step.state.ended:
                    found += 1
                    yield taken, step.state
                    if found >= limit:
                        return
                elif len(taken) < depth:
                    stack.append((step.state, taken))

    def walk(self, exact_paths: int = 20_000, exact_steps: int = 60_000,
             beam_per_node: int = 2, max_steps: int = MAX_STEPS) -> Walk:
        return walk(self, exact_paths, exact_steps, beam_per_node, max_steps)

    def forget(self) -> None:
        """Drop the memoised states (a beam never comes back to them)."""
        self._open.clear()
        self._steps.clear()


@dataclass(frozen=True, slots=True)
class PathEnd:
    """Paths that ended the same way: the ending, score, slips, whether they passed."""

    ending: str
    score: float
    slips: int
    passed: bool
    count: int
    trail: tuple | None  # linked (previous trail, "node.choice"); see Walk.example


@dataclass(slots=True)
class Walk:
    exact: bool = True
    paths: int = 0
    endless: int = 0
    dead_ends: set[str] = field(default_factory=set)  # nodes with nothing to do
    reached: set[str] = field(default_factory=set)  # nodes and endings
    taken: set[tuple[str, str]] = field(default_factory=set)  # (node, choice or "timeout")
    ends: list[PathEnd] = field(default_factory=list)
    traits: dict[str, list[float]] = field(default_factory=dict)  # trait -> [min, max]
    steps: int = 0
    bounded: bool = False  # stopped at the step budget: figures cover what was explored

    @property
    def ending_paths(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for end in self.ends:
            out[end.ending] = out.get(end.ending, 0) + end.count
        return out

    @property
    def score_min(self) -> float | None:
        return min((e.score for e in self.ends), default=None)

    @property
    def score_max(self) -> float | None:
        return max((e.score for e in self.ends), default=None)

    @staticmethod
    def example(end: PathEnd) -> list[str]:
        """The path (``node.choice`` per decision) of one of ``end``'s paths."""
        out: list[str] = []
        trail = end.trail
        while trail is not None:
            trail, move = trail
            out.append(move)
        return out[::-1]

    def finish(self, explorer: Explorer, state: State, count: int, trail) -> None:
        self.paths += count
        self.ends.append(PathEnd(state.node, state.overall, state.slips,
                                 explorer.passed(state), count, trail))
        for trait, value in state.trait_scores().items():
            span = self.traits.setdefault(trait, [value, value])
            span[0], span[1] = min(span[0], value), max(span[1], value)


Layer = dict[object, tuple[State, int, object]]


def count_paths(setup: Setup, cap: int, *, acyclic: bool = False) -> int | None:
    """Paths through the node graph (choices, branches and timeouts, conditions
    ignored), capped at ``cap``; None when the graph loops, unless ``acyclic``: then
    the edges that close a loop are left out and the rest is counted."""
    scenario = setup.scenario
    edges = story_edges(scenario.nodes, scenario.endings)
    memo: dict[str, int] = {}
    active: set[str] = set()

    def paths(ref: str) -> int:
        if ref in scenario.endings:
            return 1
        if ref in memo:
            return memo[ref]
        if ref in active:
            if acyclic:
                return 0
            raise _Loop
        active.add(ref)
        total = min(cap, sum(paths(n) for n in edges[ref]))
        active.discard(ref)
        memo[ref] = total
        return total

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 4 * len(scenario.nodes) + 100))
    try:
        return paths(scenario.start)
    except _Loop:
        return None
    finally:
        sys.setrecursionlimit(old)


class _Loop(Exception):
    pass


def walk(ex: Explorer, exact_paths: int = 20_000, exact_steps: int = 60_000,
         beam_per_node: int = 2, max_steps: int = MAX_STEPS) -> Walk:
    from game.core.analysis.beam import beam, grouper, merge

    out = Walk()
    first = ex.start
    out.reached.add(first.node)
    group = grouper(ex.setup)
    # A loop makes the count infinite; its loop-free part still says whether exact
    # exploration could ever finish (one-shot choices end small loops).
    counted = count_paths(ex.setup, exact_paths + 1, acyclic=True)
    out.exact = counted is not None and counted <= exact_paths
    layer: Layer = {0: (first, 1, None)}
    seen: set = set()  # beam groups met so far: a layer of old groups only repeats itself
    for _depth in range(MAX_DEPTH):
        if not layer:
            break
        following: Layer = {}
        for state, count, trail in layer.values():
            steps = ex.moves(state)
            if not steps:
                out.dead_ends.add(state.node)
            for step in steps:
                out.steps += 1
                move = f"{step.node}.{step.choice or TIMEOUT}"
                out.taken.add((step.node, step.choice or TIMEOUT))
                nxt = step.state
                out.reached.add(nxt.node)
                if nxt.ended:
                    out.finish(ex, nxt, count, (trail, move))
                elif out.exact:
                    following[len(following)] = (nxt, count, (trail, move))
                else:
                    merge(following, group(nxt), nxt, count, (trail, move))
        if out.exact and out.steps > exact_steps:
            out.exact = False
            regrouped: Layer = {}
            for state, count, trail in following.values():
                merge(regrouped, group(state), state, count, trail)
            following = regrouped
        layer = following if out.exact else beam(following, beam_per_node)
        ex.forget()  # memory stays bounded by one layer, not the whole walk
        if not out.exact and layer:
            keys = {group(state) for state, _, _ in layer.values()}
            if keys <= seen:  # a loop: every state here has been explored before
                out.endless = sum(count for _, count, _ in layer.values())
                break
            seen |= keys
        if out.steps > max_steps and layer:
            out.bounded = True
            out.endless = sum(count for _, count, _ in layer.values())
            break
    else:
        out.endless = sum(count for _, count, _ in layer.values())
    return out
