"""The story graph, statically: every way on from every node (each choice's
conditional branches and default, each timeout), conditions not evaluated.

The loader's reachability checks, `graph` and path counting read it; the
``Explorer`` (explore.py) walks what conditions and state really allow.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from game.core.model import PICK_ENDING, Choice, Ending, Node, Timeout

__all__ = ["Way", "reach", "reachable", "story_edges", "ways"]


class Way(NamedTuple):
    """One way on: from ``source`` through a choice (``choice`` None: the timeout),
    by one of its branches (``when`` None: the default), to ``target``."""

    source: str
    target: str
    choice: str | None
    when: str | None
    path: Choice | Timeout
    picked: bool = False  # reached through 'next: ending' (which ending depends on 'when')


def ways(nodes: Mapping[str, Node], endings: Mapping[str, Ending]) -> Iterator[Way]:
    """Every way on, in authored order; ``next: ending`` fans out to each ending."""
    for node_id, node in nodes.items():
        paths: list[Choice | Timeout] = list(node.choices)
        if node.timeout is not None:
            paths.append(node.timeout)
        for path in paths:
            choice = path.id if isinstance(path, Choice) else None
            branches = [(b.when.source, b.next) for b in path.branches]
            branches.append((None, path.next))
            for when, target in branches:
                if target == PICK_ENDING:
                    for ending in endings.values():
                        yield Way(node_id, ending.id, choice, when, path, True)
                else:
                    yield Way(node_id, target, choice, when, path)


def story_edges(nodes: Mapping[str, Node], endings: Mapping[str, Ending]
                ) -> dict[str, list[str]]:
    """node -> every target it can lead to (duplicates kept, in authored order)."""
    edges: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for way in ways(nodes, endings):
        edges[way.source].append(way.target)
    return edges


def reachable(start: str, nodes: Mapping[str, Node], endings: Mapping[str, Ending]
              ) -> set[str]:
    """Nodes and endings some path from ``start`` reaches (conditions ignored)."""
    return reach(start, story_edges(nodes, endings))


def reach(origin: str, edges: Mapping[str, list[str]]) -> set[str]:
    seen = {origin}
    todo = [origin]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
