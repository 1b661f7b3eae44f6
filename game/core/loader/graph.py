"""Checks on a scenario's story graph, once every node and ending is known:
``next``/``start`` references, nodes never reached, nodes with no way out, endings
never reached. Choice conditions are ignored here (any choice may be open), so the
graph checks never cry wolf; ``analyze`` explores what conditions really allow.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from game.core.analysis.graph import reach, story_edges
from game.core.loader.context import Ctx
from game.core.loader.problems import did_you_mean
from game.core.model import PICK_ENDING, Ending, Node


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
        elif target == PICK_ENDING and PICK_ENDING not in node_ids \
                and PICK_ENDING not in ending_ids:
            continue  # the first ending whose 'when' holds: checked with the endings
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
    for ending_id in (PICK_ENDING,):
        if ending_id in nodes or ending_id in endings:
            thing = nodes.get(ending_id) or endings[ending_id]
            ctx.at("E305", thing.pos.line, thing.pos.column, f"'{PICK_ENDING}' is reserved "
                   "('next: ending' picks an ending by its 'when'); rename it")
    edges = story_edges(nodes, endings)
    reached = reach(start, edges)
    back: dict[str, list[str]] = {}
    for node_id, targets in edges.items():
        for target in targets:
            back.setdefault(target, []).append(node_id)
    way_out: set[str] = set()
    for ending_id in endings:
        way_out |= reach(ending_id, back)
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


def check_endings(ctx: Ctx, nodes: Mapping[str, Node], endings: Mapping[str, Ending]) -> None:
    """``next: ending`` needs a default ending last; a 'when' nothing reads is a slip."""
    picks = any(PICK_ENDING in path.targets for node in nodes.values()
                for path in (*node.choices, *([node.timeout] if node.timeout else [])))
    guarded = [e for e in endings.values() if e.when is not None]
    if picks and endings:
        last = list(endings.values())[-1]
        if last.when is not None:
            ctx.at("E313", last.pos.line, last.pos.column,
                   f"'next: ending' picks the first ending whose 'when' holds; the last "
                   f"ending ('{last.id}') must have no 'when', so one always does")
    elif guarded and not picks:
        for ending in guarded:
            ctx.at("W314", ending.pos.line, ending.pos.column,
                   f"ending '{ending.id}' has a 'when', but no choice says 'next: ending', "
                   "so it is never read")
