"""The state of one walk over a composed YAML tree: where problems go, the budget
against alias bombs, and the id prefix that stable line ids are built from.

One ``Ctx`` per file. It is deliberately a plain slotted class: the walk touches it
for every YAML node, so it must stay cheap.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from yaml.nodes import Node as YNode

from game.core.loader.problems import Problem, did_you_mean, make

MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"

#: Words for the YAML type a value turned out to be, for "expected X, got Y" messages.
_GOT = {MAP: "a mapping", SEQ: "a list", STR: "a string", INT: "an integer",
        FLOAT: "a number", BOOL: "a boolean", NULL: "nothing (null)", TIMESTAMP: "a date"}


def short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:python/object`` as the author wrote it: ``!!python/object``."""
    return "!!" + tag[18:] if tag.startswith("tag:yaml.org,2002:") else tag


class Abort(Exception):
    """Stops a walk that can only produce noise (alias bomb); the problem is recorded."""


class Ctx:
    """Problems and bookkeeping for one file."""

    __slots__ = ("broken", "budget", "conditions", "data", "key", "path", "prefix", "problems",
                 "refs", "traits")

    def __init__(self, path: str, budget: int = 1_000_000,
                 traits: Collection[str] | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.budget = budget  # container entries left before we call it an alias bomb
        self.traits = traits  # known trait ids; None when there is no catalogue to check
        self.prefix = ""  # the line-id prefix of what is being read ("scenario.node")
        self.key: YNode | None = None  # the key of the mapping entry being read
        self.refs: list[tuple[str, YNode, str]] = []  # (target, where, field), checked last
        self.data = b""  # the file's bytes, to place problems inside block scalars
        self.conditions: list[tuple[Any, YNode]] = []  # (Condition, where), for name checks
        self.broken = False  # some record could not be built: whole-graph checks would mislead

    def add(self, code: str, node: YNode | None, message: str) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.problems.append(make(self.path, line, column, code, message))

    def at(self, code: str, line: int, column: int, message: str) -> None:
        self.problems.append(make(self.path, line, column, code, message))

    def spend(self, entries: int, node: YNode) -> None:
        self.budget -= entries
        if self.budget < 0:
            self.add("E104", node, "aliases expand to too many values; "
                     "an anchor is repeated far more often than any real file needs")
            raise Abort

    def wrong_type(self, node: YNode, name: str, expected: str) -> None:
        got = _GOT.get(node.tag)
        if got is None:
            self.bad_tag(node)
            return
        self.add("E202", node, f"'{name}' must be {expected}, got {got}")

    def bad_tag(self, node: YNode) -> None:
        tag = short_tag(node.tag)
        why = ("Python tags are refused: a scenario is data, never code"
               if tag.startswith("!!python/") else "only plain YAML values are allowed")
        self.add("E102", node, f"tag '{tag}' is not allowed ({why})")

    def unknown(self, code: str, node: YNode, what: str, word: str,
                choices: Collection[str]) -> None:
        self.add(code, node, f"unknown {what} '{word}'{did_you_mean(word, choices)}")

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)
