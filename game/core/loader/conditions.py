"""Conditions (``when``, ``stop_when``) are compiled by the rules engine's own
compiler at load time, so a typo or an unknown name is a lint error at its line and
column instead of a surprise during play.

The compiler is looked up lazily: the loader must not import the engine at module
load (the engine imports the model the loader builds), and a build without the
engine still loads scenarios, leaving conditions uncompiled.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Mapping
from functools import cache
from typing import Any

from yaml.nodes import Node as YNode

from game.core.loader.context import Ctx
from game.core.loader.problems import did_you_mean
from game.core.model import Condition, Pos


@cache
def _engine() -> tuple[Callable[..., Any], type[Exception], bool] | None:
    """The engine's ``compile_condition``, its error class, and whether it takes
    the catalogue's trait ids (to check ``event.evidence.<trait>`` names)."""
    try:
        from game.core.rules import conditions
    except ModuleNotFoundError as err:
        if err.name in ("game.core.rules", "game.core.rules.conditions"):
            return None
        raise
    compile_condition = conditions.compile_condition
    try:
        takes_traits = "traits" in inspect.signature(compile_condition).parameters
    except (TypeError, ValueError):
        takes_traits = False
    return compile_condition, conditions.ConditionError, takes_traits


def compile_at(ctx: Ctx, node: YNode, source: str) -> Condition:
    """``source`` compiled into a Condition; a compile error becomes a problem
    pointing at the offending character."""
    pos = Pos(node.start_mark.line + 1, node.start_mark.column + 1)
    engine = _engine()
    if engine is None:
        return Condition(source, pos)
    compile_condition, condition_error, takes_traits = engine
    try:
        if takes_traits and ctx.traits is not None:
            compiled = compile_condition(source, traits=ctx.traits)
        else:
            compiled = compile_condition(source)
    except condition_error as err:
        offset = getattr(err, "offset", None) or 0
        line, column = _locate(ctx, node, source, offset)
        message = getattr(err, "message", None) or str(err)
        ctx.at("E303", line, column, f"condition '{_short(source)}': {message}")
        return Condition(source, pos)
    except (ValueError, SyntaxError, RecursionError, TypeError, MemoryError) as err:
        ctx.add("E303", node, f"condition '{_short(source)}' cannot be compiled: {err}")
        return Condition(source, pos)
    condition = Condition(source, pos, compiled)
    ctx.conditions.append((condition, node))
    return condition


def check_names(ctx: Ctx, choices: Mapping[str, Collection[str]], flags: Collection[str],
                gating: Collection[int] = ()) -> None:
    """The scenario-specific names conditions read exist: ``visited('node')``,
    ``chose('node.choice')`` (errors) and ``flags.x`` set somewhere: a warning in a
    rule, an error (E317) where the condition decides whether a choice shows or a
    branch is taken (``gating``: their ids), since the answer would silently vanish."""
    for condition, node in ctx.conditions:
        compiled = condition.compiled
        for name in sorted(getattr(compiled, "nodes", ())):
            if name not in choices:
                _name_problem(ctx, node, condition.source, "E306", name,
                              f"no node '{name}'{did_you_mean(name, choices)}")
        for ref in sorted(getattr(compiled, "choices", ())):
            node_id, _, choice_id = ref.partition(".")
            if node_id not in choices:
                _name_problem(ctx, node, condition.source, "E306", ref,
                              f"no node '{node_id}'{did_you_mean(node_id, choices)}")
            elif choice_id not in choices[node_id]:
                _name_problem(ctx, node, condition.source, "E306", ref,
                              f"node '{node_id}' has no choice '{choice_id}'"
                              f"{did_you_mean(choice_id, choices[node_id])}")
        for flag in sorted(getattr(compiled, "flags", ())):
            if flag not in flags:
                hides = id(condition) in gating
                _name_problem(ctx, node, condition.source, "E317" if hides else "W307", flag,
                              f"flag '{flag}' is never set by this scenario, its 'initial:' "
                              f"or its shared rules{did_you_mean(flag, flags)}"
                              + ("; this choice or branch depends on it" if hides else ""))


def _name_problem(ctx: Ctx, node: YNode, source: str, code: str, name: str,
                  message: str) -> None:
    line, column = _locate(ctx, node, source, max(0, source.find(name)))
    ctx.at(code, line, column, f"condition '{_short(source)}': {message}")


def _locate(ctx: Ctx, node: YNode, source: str, offset: int) -> tuple[int, int]:
    """The file position of character ``offset`` of a condition's text.

    Exact for one-line plain and quoted scalars (the usual form) and for literal
    block scalars (``|``); other multi-line forms fold lines, so the position is
    that of the condition's start.
    """
    offset = max(0, min(offset, len(source.rstrip())))  # "the end" is the last character
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    before = source[:offset]
    if node.style == "|":
        # Content lines lose the block's indent (that of its first line); add it back.
        lines = ctx.data.splitlines()
        first = lines[line].decode("utf-8", "replace") if line < len(lines) else ""
        indent = len(first) - len(first.lstrip(" "))
        return line + 1 + before.count("\n"), indent + 1 + len(before) - (before.rfind("\n") + 1)
    if "\n" in source or node.end_mark.line != node.start_mark.line:
        return line, column
    return line, column + offset + (node.style in ('"', "'"))


def _short(source: str, limit: int = 60) -> str:
    flat = " ".join(source.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
