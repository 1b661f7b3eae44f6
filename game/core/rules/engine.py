"""Rules as data, evaluated per scope: which fire for an event, and what they change.

A rule's condition is compiled once per session (or taken ready from the loader).
Firing a rule never mutates anything: ``fire`` returns ``Firing`` records and the
runtime applies them, so the analyser and the "best alternative" of the debrief
can evaluate what *would* have fired for a choice the player did not make.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from game.core.model import NO_EFFECTS, Effects, Persona, Rule, RulePack, RuleScope, Text
from game.core.rules.conditions import CompiledCondition, compile_condition

#: ``multiply`` key for "every piece of this event's evidence that counts against
#: the player" (used by the shared pack's "the same mistake weighs more" rules).
ALL_BAD = "*"

_EMPTY: Mapping[str, float] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Firing:
    """One rule that fired: merit points per trait (persona weight applied),
    evidence multipliers, state effects and the line that explains it."""

    rule: str
    scope: str
    explain: Text
    points: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    multiply: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    effects: Effects = NO_EFFECTS
    once: bool = False
    source: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class _Ready:
    order: int
    rule: Rule
    test: CompiledCondition
    firing: Firing


class RuleBook:
    """The rules a session is scored with: shared packs first, then the scenario's own.

    A scenario rule with the same id as a shared one replaces it, so a scenario can
    tune a shared rule without forking the pack.
    """

    def __init__(self, rules: Iterable[Rule], persona: Persona,
                 traits: Iterable[str] | None = None) -> None:
        known = frozenset(traits) if traits is not None else None
        by_id: dict[str, Rule] = {}
        for rule in rules:
            by_id[rule.id] = rule
        ready = [_prepare(n, rule, persona, known) for n, rule in enumerate(by_id.values())]
        self.rules: tuple[Rule, ...] = tuple(by_id.values())
        self._scopes: dict[str, _Scope] = {
            scope.value: _Scope(tuple(r for r in ready if r.rule.scope == scope))
            for scope in RuleScope}

    def fire(self, scope: str, context: Any, fired: frozenset[str] = frozenset()
             ) -> tuple[Firing, ...]:
        """The rules of ``scope`` whose condition holds for ``context``, in pack order;
        a once-rule already in ``fired`` is skipped."""
        return self._scopes[scope].fire(context, fired)

    def scopes(self) -> tuple[tuple[_Ready, ...], ...]:
        """Every prepared rule, scope by scope (the analyser reads their conditions)."""
        return tuple(scope.rules for scope in self._scopes.values())

    def has(self, scope: str) -> bool:
        return bool(self._scopes[scope].rules)


#: A rule ready to test, flattened for the hot loop: (order, test, once-id, firing).
_Entry = tuple[int, Callable[[Any], Any], str | None, Firing]


class _Scope:
    """The rules of one scope, indexed by the evidence or tag each one needs, so an
    event is only tested against rules that can hold for it (see ``needs``)."""

    __slots__ = ("always", "index", "rules")

    def __init__(self, rules: tuple[_Ready, ...]) -> None:
        self.rules = rules
        self.always: tuple[_Entry, ...] = tuple(
            _entry(r) for r in rules if r.test.needs is None)
        index: dict[str, list[_Entry]] = {}
        for r in rules:
            for key in r.test.needs or ():
                index.setdefault(key, []).append(_entry(r))
        self.index = {k: tuple(v) for k, v in index.items()}

    def fire(self, context: Any, fired: frozenset[str]) -> tuple[Firing, ...]:
        out = [e for e in self.always if e[1](context) and e[2] not in fired]
        index = self.index
        if index:
            extra = [e for key in _keys(context) for e in index.get(key, ())]
            if extra:
                before = len(out)
                seen: set[int] = set()
                for e in extra:
                    if e[0] not in seen and e[1](context) and e[2] not in fired:
                        seen.add(e[0])
                        out.append(e)
                if len(out) > before and len(out) > 1:
                    out.sort()  # by pack order: explanations read as authored
        return tuple(e[3] for e in out) if out else ()


def _entry(r: _Ready) -> _Entry:
    return (r.order, r.test.fn, r.rule.id if r.rule.once else None, r.firing)


def _keys(context: Any) -> list[str]:
    keys = ["evidence:" + t for t in context.evidence]
    for tag in context.tags:
        keys.append("tag:" + tag)
        kind, colon, _ = tag.partition(":")
        if colon:
            keys.append(f"tag:{kind}:*")
    return keys


def _prepare(order: int, rule: Rule, persona: Persona, traits: frozenset[str] | None
             ) -> _Ready:
    test = rule.when.compiled
    if not isinstance(test, CompiledCondition):
        test = compile_condition(rule.when.source, traits=traits)
    points = {t: p * persona.weight(t) for t, p in rule.traits.items()}
    firing = Firing(rule.id, rule.scope.value, rule.explain, MappingProxyType(points),
                    MappingProxyType(dict(rule.multiply)), rule.effects, rule.once, rule.source)
    return _Ready(order, rule, test, firing)


def flatten_rules(rules: object) -> tuple[Rule, ...]:
    """Rules from a RulePack, a Rule, or any nesting of tuples/lists of them."""
    if rules is None:
        return ()
    if isinstance(rules, Rule):
        return (rules,)
    if isinstance(rules, RulePack):
        return rules.rules
    if isinstance(rules, Iterable) and not isinstance(rules, str | bytes | Mapping):
        return tuple(r for item in rules for r in flatten_rules(item))
    raise TypeError(f"expected rules or rule packs, got {type(rules).__name__}")
