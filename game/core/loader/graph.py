"""Checks on a scenario's story graph, once every node and ending is known:
``next``/``start`` references, nodes never reached, nodes with no way out, endings
never reached. Choice conditions are ignored here (any choice may be open), so the
graph checks never cry wolf; ``analyze`` explores what conditions really allow.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from game.core.loader.context import Ctx
from game.core.loader.problems import did_you_mean
from game.core.model import Ending, Node


def check_refs(ctx: Ctx, node_ids: Collection[str], ending_ids: Collection[str]) -> bool:
    """Every ``next`` and ``start`` names a node or an ending (``start``: a node).
    False when one does not."""
    targets = [*node_ids, *ending_ids]
    count = len(ctx.problems)
    for target, where, name in ctx.refs:
        if name == "start":
            if target not in node_ids:
                ctx.add("E301", where, f"'start' names no node '{target}'"
                        f"{did_you_mean(target, node_ids)}")
        elif target not in node_ids and target not in ending_ids:
            ctx.add("E301", where, f"'{name}' leads to '{target}', which is no node or ending"
                    f"{did_you_mean(target, targets)}")
    return len(ctx.problems) == count


def check_graph(ctx: Ctx, start: str, nodes: Mapping[str, Node],
                endings: Mapping[str, Ending]) -> None:
    """Reachability both ways: from the start to every node and ending, and from
    every reached node to some ending."""
    for ending_id, ending in endings.items():
        if ending_id in nodes:
            ctx.at("E305", ending.pos.line, ending.pos.column,
                   f"'{ending_id}' is both a node and an ending; rename one")
    if start not in nodes:
        return
    edges = {node_id: [c.next for c in node.choices] + ([node.timeout.next] if node.timeout
                                                         else [])
             for node_id, node in nodes.items()}
    reached = _reach(start, edges)
    back: dict[str, list[str]] = {}
    for node_id, targets in edges.items():
        for target in targets:
            back.setdefault(target, []).append(node_id)
    way_out: set[str] = set()
    for ending_id in endings:
        way_out |= _reach(ending_id, back)
    for node_id, node in nodes.items():
        if node_id not in reached:
            ctx.at("E401", node.pos.line, node.pos.column,
                   f"node '{node_id}' can never be reached from the start ('{start}')")
        elif node_id not in way_out:
            ctx.at("E402", node.pos.line, node.pos.column,
                   f"no way out: no ending can be reached from node '{node_id}'")
    for ending_id, ending in endings.items():
        if ending_id not in reached:
            ctx.at("E403", ending.pos.line, ending.pos.column,
                   f"ending '{ending_id}' can never be reached")


def _reach(origin: str, edges: Mapping[str, list[str]]) -> set[str]:
    seen = {origin}
    todo = [origin]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
