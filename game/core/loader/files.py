"""Reading each kind of file into its model object, collecting every problem.

``read_*`` functions never raise for a bad file: they return the object (or None)
and the sorted problems. The public ``load_*`` functions (``library.py``) raise
``ScenarioError`` when there is an error.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Collection
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import MappingNode, ScalarNode
from yaml.nodes import Node as YNode

from game.core.loader import spec
from game.core.loader.conditions import check_names
from game.core.loader.context import MAP, Abort, Ctx
from game.core.loader.duecheck import (
    check_flags_read,
    check_promises,
    flags_read,
    gating_conditions,
)
from game.core.loader.graph import check_endings, check_graph, check_refs
from game.core.loader.partial import WHOLE_FILE_CHECKS, graph_past_dangling, note_skipped
from game.core.loader.problems import Problem, sort_problems
from game.core.loader.record import Record
from game.core.loader.sources import check_sources
from game.core.loader.yamlio import load_tree, paused_gc, to_data
from game.core.model import (
    Curriculum,
    Difficulty,
    InitialState,
    RulePack,
    Scenario,
    Text,
    Trait,
    TraitCatalogue,
)

Result = tuple[Any, tuple[Problem, ...]]
Reader = Callable[..., Result]


def _gc_paused(read: Reader) -> Reader:
    """Run a reader with the cyclic collector paused (see ``yamlio.paused_gc``); the
    node tree is gone by the time the collector resumes."""
    @functools.wraps(read)
    def wrapper(*args: Any, **kwargs: Any) -> Result:
        with paused_gc():
            return read(*args, **kwargs)
    return wrapper


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _top(path: Path, ctx: Ctx, what: str) -> tuple[bytes, MappingNode | None]:
    """The file's top-level mapping, or None with a problem."""
    data, node = load_tree(path, ctx)
    if node is None:
        return data, None
    if node.tag != MAP or not isinstance(node, MappingNode):
        kind = {"tag:yaml.org,2002:seq": "a list", "tag:yaml.org,2002:str": "a string"}.get(
            node.tag, "a single value")
        if node.tag.startswith("tag:yaml.org,2002:python/") or node.tag.startswith("!"):
            ctx.bad_tag(node)
        else:
            ctx.add("E008", node, f"the top level must be a mapping of keys ({what}), "
                    f"not {kind}")
        return data, None
    return data, node


def _field(node: MappingNode, key: str) -> YNode | None:
    """The value node of ``key`` in a mapping (first occurrence), without converting."""
    for key_node, value_node in node.value:
        if key_node.value == key:
            return value_node
    return None


def _peek_id(node: MappingNode, fallback: str) -> str:
    value = _field(node, "id")
    return value.value if isinstance(value, ScalarNode) and value.value else fallback


def _convert(record: Record, node: MappingNode, ctx: Ctx) -> Any:
    try:
        return record.convert(node, ctx, record.title)
    except Abort:
        return None


@_gc_paused
def read_scenario(path: Path, traits: Collection[str] | None = None,
                  shared_flags: Collection[str] = (),
                  shared_reads: Collection[str] | None = None,
                  sources: Collection[str] | None = None) -> Result:
    """A Scenario (None if any error) and every problem in the file. ``traits``: the
    catalogue's ids; ``shared_flags``: flags the shared rules set; ``shared_reads``:
    flags their conditions read (None: not known, so unread flags are not reported);
    ``sources``: the known article ids (None: not checked)."""
    ctx = Ctx(display_path(path), traits=traits)
    data, top = _top(path, ctx, "id: ..., nodes: ..., endings: ...")
    if top is None and any(p.code in ("E006", "E007", "E008") for p in ctx.problems):
        note_skipped(ctx, ("the format", "references", *WHOLE_FILE_CHECKS))
    if top is None:
        return None, sort_problems(ctx.problems)
    ctx.prefix = _peek_id(top, path.stem)
    values = _convert(spec.SCENARIO, top, ctx)
    if values is not None:
        _check_scenario(path, top, values, ctx, shared_flags, shared_reads)
    elif ctx.has_errors():  # `next` and `start` need only the ids: still checked
        nodes, endings = _field(top, "nodes"), _field(top, "endings")
        if isinstance(nodes, MappingNode) and isinstance(endings, MappingNode):
            check_refs(ctx, _keys(nodes), _keys(endings))
            note_skipped(ctx, WHOLE_FILE_CHECKS)
        else:
            note_skipped(ctx, ("references", *WHOLE_FILE_CHECKS))
    check_sources(ctx, _field(top, "sources"), sources)
    if values is None or ctx.has_errors():
        return None, sort_problems(ctx.problems)
    return _assemble(path, data, values), sort_problems(ctx.problems)


def _check_scenario(path: Path, top: MappingNode, v: dict[str, Any], ctx: Ctx,
                    shared_flags: Collection[str],
                    shared_reads: Collection[str] | None = None) -> None:
    if path.suffix in (".yaml", ".yml") and path.name.split(".")[0] != v["id"]:
        ctx.add("E304", _field(top, "id"), f"scenario id '{v['id']}' does not match the file "
                f"name '{path.name}' (expected '{v['id']}.yaml')")
    node_keys = _keys(_field(top, "nodes"))
    ending_keys = _keys(_field(top, "endings"))
    refs_ok = check_refs(ctx, node_keys, ending_keys)
    check_rule_ids(ctx, v.get("rules", ()))
    nodes, endings = v["nodes"], v["endings"]
    # Reachability over a graph with a missing piece would report its consequences
    # as more problems; the missing piece is reported already.
    if not ctx.broken and len(nodes) == len(node_keys) and len(endings) == len(ending_keys):
        if refs_ok:
            check_graph(ctx, v["start"], nodes, endings)
        else:  # a dangling `next` must not hide the rest of the graph's problems
            graph_past_dangling(ctx, lambda: check_graph(ctx, v["start"], nodes, endings),
                                node_keys, ending_keys)
        check_endings(ctx, nodes, endings)
    else:  # a node or an ending could not be read: the whole-file checks would mislead
        note_skipped(ctx, WHOLE_FILE_CHECKS)
    if not ctx.broken:
        choices = {node_id: {c.id for c in node.choices} for node_id, node in nodes.items()}
        initial = v.get("initial") or {}
        flags = _flags_set(v) | set(shared_flags) | set(initial.get("flags", ()))
        check_names(ctx, choices, flags, gating_conditions(nodes))
        check_promises(ctx, nodes, initial.get("promises", ()))
        if shared_reads is not None:
            reads = flags_read(c for c, _ in ctx.conditions) | set(shared_reads)
            check_flags_read(ctx, nodes, v.get("rules", ()), reads)


def _flags_set(v: dict[str, Any]) -> set[str]:
    """Every flag the scenario's choices, timeouts and rules set."""
    effects = [rule.effects for rule in v.get("rules", ())]
    for node in v["nodes"].values():
        effects.extend(choice.effects for choice in node.choices)
        if node.timeout is not None:
            effects.append(node.timeout.effects)
    return {flag for e in effects for flag in e.set_flags}


def _keys(node: YNode | None) -> set[str]:
    if not isinstance(node, MappingNode):
        return set()
    return {k.value for k, _ in node.value if isinstance(k, ScalarNode)}


def _initial(values: dict[str, Any] | None) -> InitialState:
    if not values:
        return InitialState()
    values = dict(values)
    values["flags"] = tuple(values.get("flags", ()))
    values["promises"] = tuple(values.get("promises", ()))
    return InitialState(**values)


# content hash -> the file a scenario was read from in this process, so the score log can
# keep the content that was played from a trainer's own file or folder (shipped files are
# also found by id). Bounded: the authoring server reads a file at every keystroke.
_READ: dict[str, str] = {}
_READ_KEPT = 256
_READ_LOCK = threading.Lock()  # a caller may load from more than one thread


def loaded_path(content_hash: str) -> Path | None:
    """The file a scenario with this content hash was loaded from, if this process did."""
    path = _READ.get(content_hash)
    return None if path is None else Path(path)


def _assemble(path: Path, data: bytes, v: dict[str, Any]) -> Scenario:
    digest = hashlib.sha256(data).hexdigest()
    with _READ_LOCK:
        _READ.pop(digest, None)
        _READ[digest] = str(path)  # the newest last: the oldest goes first
        if len(_READ) > _READ_KEPT:
            del _READ[next(iter(_READ))]
    initial = v.get("initial")
    return Scenario(
        id=v["id"], version=v["version"],
        title=Text(v["id"] + ".title", *v["title"]),
        summary=Text(v["id"] + ".summary", *v["summary"]),
        encounter=v["encounter"], channel=v["channel"],
        difficulty=v.get("difficulty", Difficulty.STANDARD), minutes=v.get("minutes", 10),
        pass_score=v.get("pass_score", 60), persona=v["persona"],
        initial=_initial(initial),
        start=v["start"], nodes=MappingProxyType(v["nodes"]),
        endings=MappingProxyType(v["endings"]), rules=v.get("rules", ()),
        escalation=v.get("escalation"), sources=v.get("sources", ()),
        path=str(path), content_hash=digest)


@_gc_paused
def read_catalogue(path: Path) -> Result:
    ctx = Ctx(display_path(path))
    _, top = _top(path, ctx, "traits: [...]")
    values = _convert(spec.CATALOGUE, top, ctx) if top is not None else None
    if values is None:
        return None, sort_problems(ctx.problems)
    traits: tuple[Trait, ...] = values["traits"]
    first: dict[str, Trait] = {}
    for trait in traits:
        if trait.id in first:
            ctx.at("E208", trait.pos.line, trait.pos.column, f"duplicate trait id '{trait.id}' "
                   f"(first at line {first[trait.id].pos.line})")
        first.setdefault(trait.id, trait)
    for trait in traits:
        if trait.opposite is not None and trait.opposite not in first:
            ctx.unknown("E302", _opposite_node(top, trait), "opposite trait", trait.opposite,
                        first)
    if ctx.has_errors():
        return None, sort_problems(ctx.problems)
    return TraitCatalogue(traits), sort_problems(ctx.problems)


def _opposite_node(top: MappingNode, trait: Trait) -> YNode | None:
    for item in getattr(_field(top, "traits"), "value", ()):
        if isinstance(item, MappingNode) and getattr(_field(item, "id"), "value", None) == trait.id:
            return _field(item, "opposite")
    return None


@_gc_paused
def read_rule_pack(path: Path, traits: Collection[str] | None = None) -> Result:
    ctx = Ctx(display_path(path), traits=traits)
    _, top = _top(path, ctx, "id: ..., rules: [...]")
    if top is None:
        return None, sort_problems(ctx.problems)
    ctx.prefix = _peek_id(top, path.stem)
    values = _convert(spec.RULE_PACK, top, ctx)
    if values is not None:
        check_rule_ids(ctx, values["rules"])
    if values is None or ctx.has_errors():
        return None, sort_problems(ctx.problems)
    return RulePack(values["id"], values["rules"], str(path)), sort_problems(ctx.problems)


def check_rule_ids(ctx: Ctx, rules: tuple) -> None:
    first: dict[str, int] = {}
    for rule in rules:
        if rule.id in first:
            ctx.at("E208", rule.pos.line, rule.pos.column,
                   f"duplicate rule id '{rule.id}' (first at line {first[rule.id]})")
        first.setdefault(rule.id, rule.pos.line)


@_gc_paused
def read_curriculum(path: Path, scenario_ids: Collection[str] | None = None) -> Result:
    """The curriculum; with ``scenario_ids``, each scenario it lists must be one."""
    ctx = Ctx(display_path(path))
    _, top = _top(path, ctx, "id: ..., title: ..., scenarios: [...]")
    if top is None:
        return None, sort_problems(ctx.problems)
    ctx.prefix = _peek_id(top, path.stem)
    values = _convert(spec.CURRICULUM, top, ctx)
    for listed, where, _ in ctx.refs if scenario_ids is not None else ():
        if listed not in scenario_ids:
            ctx.unknown("E502", where, "scenario", listed, scenario_ids)
    if values is None or ctx.has_errors():
        return None, sort_problems(ctx.problems)
    curriculum = Curriculum(values["id"], Text(f"curriculum.{values['id']}.title",
                                               *values["title"]),
                            values["scenarios"], str(path))
    return curriculum, sort_problems(ctx.problems)


@_gc_paused
def read_data(path: Path) -> Result:
    """Any YAML file as plain data (with the same safety checks and limits)."""
    ctx = Ctx(display_path(path))
    _, node = load_tree(path, ctx)
    data = None
    if node is not None:
        try:
            data = to_data(node, ctx)
        except Abort:
            data = None
    return (None if ctx.has_errors() else data), sort_problems(ctx.problems)
