"""Every path of a scenario, timeouts included, explored breadth-first.

Exact when the scenario is small enough: if its node graph has at most
``exact_paths`` paths (counted up front, ignoring conditions), every path is
followed and every figure is exact. Beyond that, or when the work exceeds
``exact_steps`` anyway, exploration goes on as a beam (bounded, approximate):
states are grouped by what decides their future choices (node, flags, promises,
the one-shot choices and tags conditions read, rules fired once), only the best-
and the worst-scoring state of each group is kept, and at most ``beam_per_node``
states per node of the layer (the groups' best first, so every node reached stays
covered). The result then says ``exact: False``: the score range is the range over
real paths found (it may be narrower than the true one), and path counts assume
merged states have the same futures. Transitions are memoised (``Transitions``),
so the naive strategies replay explored states for free.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from game.core.model import Choice, Node
from game.core.runtime.state import State
from game.core.runtime.step import Setup, Step, alternatives_at, decide, open_choices, start

#: Seconds the analysis assumes a player takes to answer (never "slow": capped at
#: half a timed node's limit). Escalation in social scenes runs during it.
PACE = 4.0
MAX_DEPTH = 200  # decisions; deeper paths are reported as endless


def response_time(node: Node) -> float:
    return PACE if node.time_limit is None else min(PACE, node.time_limit / 2)


class Transitions:
    """The ways on from a state, each computed once: the exploration and the naive
    strategies walk the same states, so shared stretches cost lookups."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.start = start(setup)
        # Keyed by identity and holding the state, so an id is never reused meanwhile.
        self._open: dict[int, tuple[State, tuple[Choice, ...], tuple, float]] = {}
        self._steps: dict[tuple[int, str | None], Step] = {}
        self.computed = 0

    def options(self, state: State) -> tuple[tuple[Choice, ...], tuple, float]:
        """The open choices (authored order), their merits, and the response time."""
        hit = self._open.get(id(state))
        if hit is not None and hit[0] is state:
            return hit[1], hit[2], hit[3]
        node = self.setup.scenario.nodes[state.node]
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
            limit = self.setup.scenario.nodes[state.node].time_limit
            found = decide(self.setup, state, None, limit or 0.0, shown)
        else:
            found = decide(self.setup, state, choice, rt, shown, alts)
        self.computed += 1
        self._steps[key] = found
        return found

    def can_time_out(self, state: State) -> bool:
        node = self.setup.scenario.nodes[state.node]
        return node.timeout is not None and node.time_limit is not None

    def __call__(self, state: State) -> list[Step]:
        """Every way on: each open choice, then the timeout."""
        shown, _, _ = self.options(state)
        steps = [self.step(state, c) for c in shown]
        if self.can_time_out(state):
            steps.append(self.step(state, None))
        return steps


def relevance(setup: Setup) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """The choices, tag prefixes and nodes some condition or one-shot choice reads:
    the only parts of a path's history that can change what comes next."""
    choices: set[str] = set()
    tags: set[str] = set()
    nodes: set[str] = set()
    conditions = [r.test for scope in setup.book.scopes() for r in scope]
    for n in setup.scenario.nodes.values():
        for c in n.choices:
            if c.once:
                choices.add(f"{n.id}.{c.id}")
            if c.when is not None:
                conditions.append(setup.condition(c.when))
    if setup.stop_when is not None:
        conditions.append(setup.stop_when)
    for cond in conditions:
        choices |= cond.choices
        nodes |= cond.nodes
        tags |= {t.rstrip("*") for t in cond.tags}
    return frozenset(choices), tuple(sorted(tags)), frozenset(nodes)


@dataclass(slots=True)
class Exploration:
    exact: bool = True
    paths: int = 0
    endless: int = 0
    dead_ends: set[str] = field(default_factory=set)  # nodes with nothing to do
    reached: set[str] = field(default_factory=set)  # nodes and endings
    ending_paths: dict[str, int] = field(default_factory=dict)
    score_min: float | None = None
    score_max: float | None = None
    traits: dict[str, list[float]] = field(default_factory=dict)  # trait -> [min, max]
    steps: int = 0

    def finish(self, state: State, count: int) -> None:
        self.paths += count
        self.ending_paths[state.node] = self.ending_paths.get(state.node, 0) + count
        score = state.overall
        self.score_min = score if self.score_min is None else min(self.score_min, score)
        self.score_max = score if self.score_max is None else max(self.score_max, score)
        for trait, value in state.trait_scores().items():
            span = self.traits.setdefault(trait, [value, value])
            span[0], span[1] = min(span[0], value), max(span[1], value)


Layer = dict[object, tuple[State, int]]


def count_paths(setup: Setup, cap: int) -> int | None:
    """Paths through the node graph (choices and timeouts, conditions ignored), capped
    at ``cap``; None when the graph loops (one-shot choices may still end the loop)."""
    scenario = setup.scenario
    memo: dict[str, int] = {}
    active: set[str] = set()

    def paths(ref: str) -> int:
        if scenario.is_ending(ref):
            return 1
        if ref in memo:
            return memo[ref]
        if ref in active:
            raise _Loop
        active.add(ref)
        node = scenario.nodes[ref]
        nexts = [c.next for c in node.choices]
        if node.timeout is not None and node.time_limit is not None:
            nexts.append(node.timeout.next)
        total = min(cap, sum(paths(n) for n in nexts))
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


def explore(moves: Transitions, exact_paths: int = 20_000, exact_steps: int = 60_000,
            beam_per_node: int = 2) -> Exploration:
    out = Exploration()
    first = moves.start
    out.reached.add(first.node)
    group = _grouper(relevance(moves.setup))
    # Small (or looping) graphs are explored exactly until the step budget runs out.
    counted = count_paths(moves.setup, exact_paths + 1)
    out.exact = counted is None or counted <= exact_paths
    layer: Layer = {0: (first, 1)}
    for _depth in range(MAX_DEPTH):
        if not layer:
            break
        following: Layer = {}
        for state, count in layer.values():
            steps = moves(state)
            if not steps:
                out.dead_ends.add(state.node)
            for step in steps:
                out.steps += 1
                nxt = step.state
                out.reached.add(nxt.node)
                if nxt.ended:
                    out.finish(nxt, count)
                elif out.exact:
                    following[len(following)] = (nxt, count)  # every path on its own
                else:
                    _merge(following, group(nxt), nxt, count)
        if out.exact and out.steps > exact_steps:
            out.exact = False
            regrouped: Layer = {}
            for state, count in following.values():
                _merge(regrouped, group(state), state, count)
            following = regrouped
        layer = following if out.exact else _beam(following, beam_per_node)
    else:
        out.endless = sum(count for _, count in layer.values())
    return out


def _merge(layer: Layer, key: object, state: State, count: int) -> None:
    """Add a state to its group, keeping the group's best and worst (keys + 0 / 1)."""
    best, worst = (key, 0), (key, 1)
    old_best, old_worst = layer.get(best), layer.get(worst)
    if old_best is None:
        layer[best] = (state, count)
        return
    total = old_best[1] + count  # the best carries the group's path count
    rank = _rank(state)
    if rank > _rank(old_best[0]):
        layer[best] = (state, total)
        if old_worst is None:
            layer[worst] = (old_best[0], 0)
    else:
        layer[best] = (old_best[0], total)
        if old_worst is None or rank < _rank(old_worst[0]):
            layer[worst] = (state, 0)


def _beam(layer: Layer, per_node: int) -> Layer:
    """At most ``per_node`` states per node: the highest- and the lowest-scoring first,
    then the others from the top; dropped states' path counts go to the first kept."""
    by_node: dict[str, list[tuple[object, tuple[State, int]]]] = {}
    for key, value in layer.items():
        by_node.setdefault(value[0].node, []).append((key, value))
    kept: Layer = {}
    for members in by_node.values():
        if len(members) > per_node:
            members.sort(key=lambda kv: _rank(kv[1][0]), reverse=True)
            chosen = [members[0], members[-1], *members[1:-1]][:per_node]
            dropped = sum(c for _, (_, c) in members) - sum(c for _, (_, c) in chosen)
            key, (state, count) = chosen[0]
            chosen[0] = (key, (state, count + dropped))
            members = chosen
        kept.update(members)
    return kept


def _items(mapping) -> frozenset:
    return frozenset(mapping.items())


def _grouper(relevant: tuple[frozenset[str], tuple[str, ...], frozenset[str]]):
    """The group key: what decides which choices a state will offer, not its scores."""
    choices, tag_prefixes, nodes = relevant

    def key(s: State) -> object:
        tags = frozenset((t, min(n, 3)) for t, n in s.tags.items()
                         if t.startswith(tag_prefixes)) if tag_prefixes else ()
        return (s.node, s.flags, s.chosen & choices, s.visited & nodes, _items(s.promises),
                s.fired, tags)
    return key


def _rank(s: State) -> tuple[float, float]:
    return (s.overall, s.earned - s.available)
