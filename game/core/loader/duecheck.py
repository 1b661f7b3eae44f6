"""Flags and promises that come due: what a scenario sets, makes or promises must be
read, kept or broken somewhere, and a condition that hides a choice must not read a
flag nothing sets (the best answer would silently vanish).

Static checks over the whole file (choices, timeouts, branches, endings, rules);
``analyze`` then tells what conditions really allow on each path.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from game.core.loader.context import Ctx
from game.core.model import Condition, Node, Pos


def paths_of(nodes: Mapping[str, Node]) -> Iterable[tuple[str, Any]]:
    """(node id, choice or timeout) for every way on the scenario offers."""
    for node_id, node in nodes.items():
        for choice in node.choices:
            yield node_id, choice
        if node.timeout is not None:
            yield node_id, node.timeout


def gating_conditions(nodes: Mapping[str, Node]) -> set[int]:
    """ids of the conditions that decide whether a choice shows or a branch is taken."""
    out: set[int] = set()
    for _, path in paths_of(nodes):
        if getattr(path, "when", None) is not None:
            out.add(id(path.when))
        out.update(id(b.when) for b in path.branches)
    return out


def flags_read(conditions: Iterable[Condition]) -> set[str]:
    return {f for c in conditions for f in getattr(c.compiled, "flags", ())}


def check_promises(ctx: Ctx, nodes: Mapping[str, Node], initial: Collection[str]) -> None:
    """W315: a promise no choice or timeout ever keeps or breaks."""
    made: dict[str, Pos] = {}
    settled: set[str] = set()
    for _, path in paths_of(nodes):
        for tag in path.tags:
            kind, _, name = tag.partition(":")
            if kind == "promise":
                made.setdefault(name, path.pos)
            elif kind in ("keep", "break"):
                settled.add(name)
    for name in initial:
        made.setdefault(name, Pos(1, 1))
    for name, where in sorted(made.items(), key=lambda kv: (kv[1].line, kv[0])):
        if name not in settled:
            ctx.at("W315", where.line, where.column,
                   f"promise '{name}' is never kept or broken (no 'keep:{name}' or "
                   f"'break:{name}' tag): make it come due, or drop the tag")


def check_flags_read(ctx: Ctx, nodes: Mapping[str, Node], rules: Iterable[Any],
                     reads: Collection[str]) -> None:
    """W316: a flag the scenario sets that no condition (here or in the shared rules)
    ever reads: it changes nothing, so it is a typo or unfinished routing."""
    where: dict[str, Pos] = {}
    for _, path in paths_of(nodes):
        for flag in path.effects.set_flags:
            where.setdefault(flag, path.pos)
    for rule in rules:
        for flag in rule.effects.set_flags:
            where.setdefault(flag, rule.pos)
    for flag, pos in sorted(where.items(), key=lambda kv: (kv[1].line, kv[0])):
        if flag not in reads:
            ctx.at("W316", pos.line, pos.column,
                   f"flag '{flag}' is set but no condition reads it: route on it "
                   f"(flags.{flag}) or drop it")
