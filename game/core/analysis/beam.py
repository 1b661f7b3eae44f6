"""The bounded part of a walk: merging states with the same future, and the beam.

States are grouped by what decides which choices they will offer (not by their
scores); each group keeps its best- and worst-scoring state, and each node at
most ``per_node`` states, so the walk stays bounded on any scenario.
"""

from __future__ import annotations

from game.core.runtime.state import State
from game.core.runtime.step import Setup


def relevance(setup: Setup) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """The choices, tag prefixes and nodes some condition or one-shot choice reads:
    the only parts of a path's history that can change what comes next."""
    choices: set[str] = set()
    tags: set[str] = set()
    nodes: set[str] = set()
    conditions = [r.test for scope in setup.book.scopes() for r in scope]
    for n in setup.scenario.nodes.values():
        paths = [*n.choices, *([n.timeout] if n.timeout else [])]
        for c in n.choices:
            if c.once:
                choices.add(f"{n.id}.{c.id}")
            if c.when is not None:
                conditions.append(setup.condition(c.when))
        for p in paths:
            conditions.extend(setup.condition(b.when) for b in p.branches)
    conditions.extend(setup.condition(e.when) for e in setup.scenario.endings.values()
                      if e.when is not None)
    if setup.stop_when is not None:
        conditions.append(setup.stop_when)
    for cond in conditions:
        choices |= cond.choices
        nodes |= cond.nodes
        tags |= {t.rstrip("*") for t in cond.tags}
    return frozenset(choices), tuple(sorted(tags)), frozenset(nodes)


def grouper(setup: Setup):
    """The group key: what decides which choices a state will offer, not its scores."""
    choices, tag_prefixes, nodes = relevance(setup)

    def key(s: State) -> object:
        tags = frozenset((t, min(n, 3)) for t, n in s.tags.items()
                         if t.startswith(tag_prefixes)) if tag_prefixes else ()
        return (s.node, s.flags, s.chosen & choices, s.visited & nodes,
                frozenset(s.promises.items()), s.fired, tags, s.critical)
    return key


def merge(layer: dict, key: object, state: State, count: int, trail: object) -> None:
    """Add a state to its group, keeping the group's best and worst (keys + 0 / 1)."""
    best, worst = (key, 0), (key, 1)
    old_best, old_worst = layer.get(best), layer.get(worst)
    if old_best is None:
        layer[best] = (state, count, trail)
        return
    total = old_best[1] + count  # the best carries the group's path count
    score = rank(state)
    if score > rank(old_best[0]):
        layer[best] = (state, total, trail)
        if old_worst is None:
            layer[worst] = (old_best[0], 0, old_best[2])
    else:
        layer[best] = (old_best[0], total, old_best[2])
        if old_worst is None or score < rank(old_worst[0]):
            layer[worst] = (state, 0, trail)


def beam(layer: dict, per_node: int) -> dict:
    """At most ``per_node`` states per node: the highest- and the lowest-scoring first,
    then the others from the top; dropped states' path counts go to the first kept."""
    by_node: dict[str, list] = {}
    for key, value in layer.items():
        by_node.setdefault(value[0].node, []).append((key, value))
    kept: dict = {}
    for members in by_node.values():
        if len(members) > per_node:
            members.sort(key=lambda kv: rank(kv[1][0]), reverse=True)
            chosen = [members[0], members[-1], *members[1:-1]][:per_node]
            dropped = sum(v[1] for _, v in members) - sum(v[1] for _, v in chosen)
            key, (state, count, trail) = chosen[0]
            chosen[0] = (key, (state, count + dropped, trail))
            members = chosen
        kept.update(members)
    return kept


def rank(s: State) -> tuple[float, float]:
    return (s.overall, s.earned - s.available)
