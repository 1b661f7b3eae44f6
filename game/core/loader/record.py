"""Container kinds of the format vocabulary: lists, mappings with free keys, and
records (mappings with known keys that build a model object). See ``kinds.py``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.nodes import Node as YNode

from game.core.loader.context import MAP, MERGE, SEQ, Ctx
from game.core.loader.kinds import Kind, Str, _plain_key
from game.core.loader.problems import did_you_mean
from game.core.loader.yamlio import duplicate_key


class ListOf(Kind):
    def __init__(self, item: Kind, min_items: int = 0, doc: str = "") -> None:
        self.item, self.min_items, self.doc = item, min_items, doc
        self.what = "a list"

    def convert(self, node: YNode, ctx: Ctx, name: str) -> tuple[Any, ...] | None:
        if node.tag != SEQ or node.__class__ is not SequenceNode:
            ctx.wrong_type(node, name, self.what)
            return None
        items = node.value
        if len(items) < self.min_items:
            ctx.add("E207", node, f"'{name}' is empty; it needs at least {self.min_items}")
            return None
        ctx.spend(len(items), node)
        convert, item_name = self.item.convert, name + "[]"
        out = [convert(item, ctx, item_name) for item in items]
        return tuple(x for x in out if x is not None)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        if self.doc:
            out["description"] = self.doc
        return out


class MapOf(Kind):
    """A mapping with free keys (node ids, trait ids) and values of one kind.

    ``scope``, when set, puts each value under the line-id prefix ``<outer>.<scope><key>``,
    so a node's texts get ids like ``scenario.opening.say`` (scope ``""``) and an
    ending's ``scenario.end.kept.title`` (scope ``"end."``).
    """

    what = "a mapping"

    def __init__(self, key: Str, value: Kind, *, min_items: int = 0, scope: str | None = None,
                 doc: str = "") -> None:
        self.key, self.value, self.min_items, self.scope, self.doc = (
            key, value, min_items, scope, doc)

    def convert(self, node: YNode, ctx: Ctx, name: str) -> dict[str, Any] | None:
        if node.tag != MAP or node.__class__ is not MappingNode:
            ctx.wrong_type(node, name, self.what)
            return None
        if len(node.value) < self.min_items:
            ctx.add("E207", node, f"'{name}' is empty; it needs at least {self.min_items}")
            return None
        ctx.spend(len(node.value), node)
        out: dict[str, Any] = {}
        first: dict[str, YNode] = {}
        outer, outer_key, scope = ctx.prefix, ctx.key, self.scope
        key_convert, value_convert = self.key.convert, self.value.convert
        for key_node, value_node in node.value:
            if (key_node.__class__ is not ScalarNode or key_node.tag == MERGE) \
                    and not _plain_key(key_node, ctx):
                continue
            key = key_node.value
            if key in first:
                duplicate_key(ctx, key_node, first[key])
                continue
            first[key] = key_node
            if key_convert(key_node, ctx, name) is None:
                continue
            if scope is not None:
                ctx.prefix = f"{outer}.{scope}{key}"
            ctx.key = key_node  # builders place nodes and endings at their key's line
            value = value_convert(value_node, ctx, key)
            if value is not None:
                out[key] = value
        ctx.prefix, ctx.key = outer, outer_key
        return out

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "additionalProperties": self.value.schema()}
        if self.key.pattern:
            out["propertyNames"] = {"pattern": self.key.pattern}
        if self.min_items:
            out["minProperties"] = self.min_items
        if self.doc:
            out["description"] = self.doc
        return out


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool = False
    doc: str = ""


Builder = Callable[[dict[str, Any], YNode, Ctx], Any]


@dataclass
class Record(Kind):
    """A mapping with known keys; ``build`` turns the converted values into a model
    object once every required field is present and valid."""

    title: str
    fields: tuple[Field, ...]
    build: Builder | None = None
    doc: str = ""
    by_name: dict[str, Field] = field(init=False, repr=False)
    required: tuple[str, ...] = field(init=False, repr=False)
    converters: dict[str, Callable[[YNode, Ctx, str], Any]] = field(init=False, repr=False)
    required_set: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name = {f.name: f for f in self.fields}
        self.required = tuple(f.name for f in self.fields if f.required)
        self.required_set = frozenset(self.required)
        self.converters = {f.name: f.kind.convert for f in self.fields}
        self.what = f"a mapping ({self.title})"

    def __hash__(self) -> int:
        return id(self)

    def convert(self, node: YNode, ctx: Ctx, name: str) -> Any:
        if node.tag != MAP or node.__class__ is not MappingNode:
            ctx.wrong_type(node, name, self.what)
            return None
        pairs = node.value
        ctx.budget -= len(pairs)
        if ctx.budget < 0:
            ctx.spend(0, node)
        values: dict[str, Any] = {}
        first: dict[str, YNode] = {}
        converters = self.converters
        failed = False
        for key_node, value_node in pairs:
            key = key_node.value
            convert = converters.get(key) if key.__class__ is str else None
            if convert is None or key in first:
                self._odd_key(key_node, first, ctx, value_node)
                continue
            first[key] = key_node
            value = convert(value_node, ctx, key)
            if value is None:
                failed = True
            else:
                values[key] = value
        if (failed or not first.keys() >= self.required_set) \
                and not self._complete(node, first, values, ctx):
            ctx.broken = True
            return None
        if self.build is None:
            return values
        return self.build(values, node, ctx)

    def _odd_key(self, key_node: YNode, first: dict[str, YNode], ctx: Ctx,
                 value_node: YNode | None = None) -> None:
        """Report a key that is not a plain known one, or repeats one."""
        key = key_node.value
        if key.__class__ is str and key in first:
            duplicate_key(ctx, key_node, first[key])
        elif _plain_key(key_node, ctx):
            ctx.add("E201", key_node, f"unknown key '{key}' in {self.title}"
                    f"{did_you_mean(key, self.by_name)}")
            meant = difflib.get_close_matches(key, list(self.by_name), n=1, cutoff=0.6)
            if meant and meant[0] not in first and value_node is not None:
                # a misspelt key must not hide the mistakes inside it (a bad `next`
                # under `choises:`): check its value as the key it was meant to be
                self.converters[meant[0]](value_node, ctx, meant[0])

    def _complete(self, node: YNode, first: dict[str, YNode], values: dict[str, Any],
                  ctx: Ctx) -> bool:
        """Whether every required field is there and valid; report the missing ones."""
        for required in self.required:
            if required not in first:
                ctx.add("E203", node, f"{self.title} has no '{required}' (required)")
        return all(required in values for required in self.required)

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.title.replace(' ', '_')}"}

    def definition(self) -> dict[str, Any]:
        props = {}
        for f in self.fields:
            prop = f.kind.schema()
            if f.doc:
                prop = {**prop, "description": f.doc} if "$ref" not in prop else {
                    "allOf": [prop], "description": f.doc}
            props[f.name] = prop
        out: dict[str, Any] = {"type": "object", "properties": props,
                               "additionalProperties": False}
        if self.required:
            out["required"] = list(self.required)
        if self.doc:
            out["description"] = self.doc
        return out
