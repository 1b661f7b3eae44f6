"""The condition language: ``when`` of choices and rules, ``stop_when`` of escalations.

    state.mood < 25 and event.evidence.courtesy > 0
    'favour' in event.tags and tagged('favour') >= 3
    breaks_promise() or (flags.legal_threat and not chose('call.report'))

Our own tokenizer and recursive-descent parser check every name against the
vocabulary (``vocabulary.py``) and every operation against the types of its
operands, so an unknown name or a nonsense comparison is a lint error with a
character offset. The checked tree is then emitted as a one-line Python lambda
built only from a whitelist of constructs (literals are written with ``repr``,
names become fixed lookups on the evaluation context) and compiled with no
builtins. Nothing the author writes reaches Python unparsed, and evaluating a
rule pack stays fast enough for the analyser to replay thousands of paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from game.core.rules.arith import ARITH_GLOBALS, ARITH_OPS, NAME_BOUND, check_magnitude, name_bound
from game.core.rules.lexer import ConditionError, Token, tokenize
from game.core.rules.typecheck import (
    NUMLIST,
    check_compare,
    check_in,
    combine_needs,
    describe,
    evidence_needs,
    need,
    suggest,
)
from game.core.rules.vocabulary import (
    BOOL,
    DEFAULT_TRAITS,
    FIXED_NAMES,
    FUNCTIONS,
    LIST,
    METER_NAMES,
    NUM,
    OPEN_NAMES,
    STR,
)

__all__ = ["CompiledCondition", "ConditionError", "compile_condition"]

MAX_DEPTH = 32
_IDENT = re.compile(r"[a-z][a-z0-9_]*\Z")
_TAG = re.compile(r"[a-z0-9_:\-]+\*?\Z")
_COMPARE = ("==", "!=", "<", "<=", ">", ">=")


_GLOBALS: dict[str, Any] = {"__builtins__": {}, **ARITH_GLOBALS,
                            "min": min, "max": max, "abs": abs}


@dataclass(frozen=True, slots=True)
class CompiledCondition:
    """A checked condition, ready to evaluate against a context (see runtime.context).

    The ``*_refs`` sets say what it reads, so the loader can warn about flags never
    set or choices that do not exist.
    """

    source: str
    code: str
    fn: Callable[[Any], Any]
    traits: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    choices: frozenset[str] = frozenset()
    nodes: frozenset[str] = frozenset()
    #: The condition can only hold for an event carrying one of these: "evidence:<trait>"
    #: or "tag:<tag>" (None: no such guarantee). The rules engine indexes rules by it.
    needs: frozenset[str] | None = None

    def __call__(self, context: Any) -> bool:
        return bool(self.fn(context))


@dataclass(slots=True)
class _Expr:
    code: str
    type: str
    offset: int
    literal: str | None = None  # the text of a quoted literal, for function arguments
    needs: frozenset[str] | None = None  # see CompiledCondition.needs
    number: float | None = None  # the value of a numeric literal
    evidence: str | None = None  # the trait when this is event.evidence.<trait>
    bound: float = NAME_BOUND  # the largest magnitude it can have (see check_magnitude)


class _Parser:
    def __init__(self, source: str, traits: frozenset[str]) -> None:
        self.tokens = tokenize(source)
        self.pos = 0
        self.depth = 0
        self.traits = traits
        self.refs: dict[str, set[str]] = {k: set() for k in
                                          ("traits", "flags", "tags", "choices", "nodes")}

    # -- token helpers -------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def at(self, kind: str, *values: str) -> bool:
        tok = self.tok
        return tok.kind == kind and (not values or tok.value in values)

    def take(self) -> Token:
        tok = self.tok
        self.pos += 1
        return tok

    def expect(self, value: str, what: str) -> Token:
        if not self.at("op", value):
            raise ConditionError(f"expected {what}, found {describe(self.tok)}", self.tok.offset)
        return self.take()

    # -- grammar -------------------------------------------------------------
    def parse(self) -> _Expr:
        if self.at("end"):
            raise ConditionError("the condition is empty", 0)
        expr = self.or_expr()
        if not self.at("end"):
            raise ConditionError(f"unexpected {describe(self.tok)}", self.tok.offset)
        need(expr, BOOL, "a condition must be true or false")
        return expr

    def or_expr(self) -> _Expr:
        return self._logical("or", self.and_expr)

    def and_expr(self) -> _Expr:
        return self._logical("and", self.not_expr)

    def _logical(self, word: str, operand: Callable[[], _Expr]) -> _Expr:
        left = operand()
        while self.at("kw", word):
            self.take()
            right = operand()
            need(left, BOOL, f"'{word}' joins true/false values")
            need(right, BOOL, f"'{word}' joins true/false values")
            left = _Expr(f"({left.code} {word} {right.code})", BOOL, left.offset,
                         needs=combine_needs(word, left.needs, right.needs))
        return left

    def not_expr(self) -> _Expr:
        if self.at("kw", "not"):
            start = self.take().offset
            inner = self._nested(self.not_expr)
            need(inner, BOOL, "'not' applies to a true/false value")
            return _Expr(f"(not {inner.code})", BOOL, start)
        return self.comparison()

    def comparison(self) -> _Expr:
        left = self.sum_expr()
        if self.at("op", *_COMPARE):
            op = self.take()
            right = self.sum_expr()
            check_compare(str(op.value), left, right, op.offset)
            if self.at("op", *_COMPARE):
                raise ConditionError("chained comparisons are not supported; join them "
                                     "with 'and'", self.tok.offset)
            return _Expr(f"({left.code} {op.value} {right.code})", BOOL, left.offset,
                         needs=evidence_needs(left, str(op.value), right))
        negated = self.at("kw", "not") and self.tokens[self.pos + 1].value == "in"
        if negated or self.at("kw", "in"):
            if negated:
                self.take()
            op = self.take()
            right = self.sum_expr()
            check_in(left, right, op.offset)
            word = "not in" if negated else "in"
            needs = None
            if not negated and left.literal is not None and right.code == "c.tags":
                needs = frozenset({f"tag:{left.literal}"})
            return _Expr(f"({left.code} {word} {right.code})", BOOL, left.offset, needs=needs)
        return left

    def sum_expr(self) -> _Expr:
        return self._arith(("+", "-"), self.term)

    def term(self) -> _Expr:
        return self._arith(("*", "/"), self.unary)

    def _arith(self, ops: tuple[str, ...], operand: Callable[[], _Expr]) -> _Expr:
        left = operand()
        while self.at("op", *ops):
            op = str(self.take().value)
            right = operand()
            need(left, NUM, f"'{op}' works on numbers")
            need(right, NUM, f"'{op}' works on numbers")
            bound = check_magnitude(op, left, right)
            left = _Expr(f"{ARITH_OPS[op]}({left.code}, {right.code})", NUM, left.offset,
                         bound=bound)
        return left

    def unary(self) -> _Expr:
        if self.at("op", "-"):
            start = self.take().offset
            inner = self._nested(self.unary)
            need(inner, NUM, "'-' works on numbers")
            return _Expr(f"(-{inner.code})", NUM, start, bound=inner.bound)
        return self.primary()

    def _nested(self, parse: Callable[[], _Expr]) -> _Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(f"nested more than {MAX_DEPTH} levels deep", self.tok.offset)
        try:
            return parse()
        finally:
            self.depth -= 1

    def primary(self) -> _Expr:
        tok = self.tok
        if tok.kind == "num":
            self.take()
            return _Expr(repr(tok.value), NUM, tok.offset, number=float(tok.value),
                         bound=abs(float(tok.value)))
        if tok.kind == "str":
            self.take()
            return _Expr(repr(tok.value), STR, tok.offset, str(tok.value))
        if self.at("kw", "true", "false"):
            self.take()
            return _Expr("True" if tok.value == "true" else "False", BOOL, tok.offset)
        if self.at("op", "("):
            self.take()
            inner = self._nested(self.or_expr)
            self.expect(")", "')' to close the '(' opened at character "
                        f"{tok.offset + 1}")
            return _Expr(inner.code, inner.type, tok.offset, inner.literal, inner.needs,
                         inner.number, inner.evidence, inner.bound)
        if self.at("op", "["):
            return self.list_literal()
        if tok.kind == "name":
            return self.name()
        raise ConditionError(f"expected a value, found {describe(tok)}", tok.offset)

    def list_literal(self) -> _Expr:
        start = self.take().offset
        items: list[_Expr] = []
        while not self.at("op", "]"):
            items.append(self._nested(self.sum_expr))
            if not self.at("op", ","):
                break
            self.take()
        self.expect("]", "']' to close the list")
        types = {item.type for item in items}
        if not items or len(types) != 1 or types - {NUM, STR}:
            raise ConditionError("a list holds one or more texts, or one or more numbers", start)
        kind = NUMLIST if types == {NUM} else LIST
        return _Expr("(" + "".join(f"{i.code}, " for i in items) + ")", kind, start)

    def name(self) -> _Expr:
        start = self.tok.offset
        parts = [str(self.take().value)]
        last = start
        while self.at("op", "."):
            self.take()
            if not self.at("name"):
                raise ConditionError(f"expected a name after '.', found {describe(self.tok)}",
                                     self.tok.offset)
            last = self.tok.offset
            parts.append(str(self.take().value))
        dotted = ".".join(parts)
        if self.at("op", "("):
            return self.call(dotted, start)
        if dotted in FUNCTIONS:
            raise ConditionError(f"'{dotted}' is a function: write {dotted}(...)", start)
        return self.resolve(dotted, parts, start, last)

    def resolve(self, dotted: str, parts: list[str], start: int, last: int) -> _Expr:
        if dotted in FIXED_NAMES:
            kind, code = FIXED_NAMES[dotted]
            return _Expr(code, kind, start, bound=name_bound(dotted))
        for prefix, (kind, what, template) in OPEN_NAMES.items():
            plen = prefix.count(".") + 1
            if ".".join(parts[:plen]) != prefix:
                continue
            if len(parts) != plen + 1:
                raise ConditionError(f"'{prefix}' needs one {what} name: {prefix}.<{what}>",
                                     start)
            part = parts[-1]
            if what == "trait":
                self.check_trait(part, last)
            else:
                self.refs["flags"].add(part)
            evidence = part if prefix == "event.evidence" else None
            return _Expr(template.format(part=part), kind, start, evidence=evidence,
                         bound=name_bound(prefix))
        candidates = [*FIXED_NAMES, *OPEN_NAMES, *FUNCTIONS]
        raise ConditionError(f"unknown name '{dotted}'{suggest(dotted, candidates)}", start)

    def check_trait(self, trait: str, offset: int) -> None:
        if trait not in self.traits:
            raise ConditionError(f"unknown trait '{trait}'{suggest(trait, self.traits)}", offset)
        self.refs["traits"].add(trait)

    def call(self, dotted: str, start: int) -> _Expr:
        if dotted not in FUNCTIONS:
            if dotted in FIXED_NAMES or dotted.split(".")[0] in ("state", "flags", "event"):
                raise ConditionError(f"'{dotted}' is not a function", start)
            raise ConditionError(f"unknown function '{dotted}'{suggest(dotted, FUNCTIONS)}",
                                 start)
        result, kind, target = FUNCTIONS[dotted]
        self.take()
        args: list[_Expr] = []
        while not self.at("op", ")"):
            args.append(self._nested(self.sum_expr))
            if not self.at("op", ","):
                break
            self.take()
        self.expect(")", f"')' to close the call to {dotted}()")
        if kind in ("numbers", "number"):
            if not args or (kind == "number" and len(args) != 1):
                wanted = "one number" if kind == "number" else "one or more numbers"
                raise ConditionError(f"{dotted}() takes {wanted}", start)
            for arg in args:
                need(arg, NUM, f"{dotted}() takes numbers")
            return _Expr(f"{target}({', '.join(a.code for a in args)})", result, start,
                         bound=max(a.bound for a in args))
        literal = self.literal_argument(dotted, kind, args, start)
        code = f"{target}({literal!r})" if literal is not None else f"{target}()"
        return _Expr(code, result, start, needs=_CALL_NEEDS.get(dotted),
                     bound=name_bound(dotted))

    def literal_argument(self, func: str, kind: str, args: list[_Expr], start: int) -> str | None:
        optional = kind.endswith("?")
        kind = kind.rstrip("?")
        if not kind or (optional and not args):
            if args:
                raise ConditionError(f"{func}() takes no arguments", args[0].offset)
            return None
        if len(args) != 1 or args[0].literal is None:
            raise ConditionError(f"{func}() takes one quoted {kind.replace('_', ' ')}, "
                                 f"e.g. {func}({_EXAMPLES[kind]})", start)
        value = args[0].literal
        _check_argument(self, func, kind, value, args[0].offset)
        return value


#: Functions true only for an event carrying a tag of a kind (see CompiledCondition.needs).
_CALL_NEEDS = {"breaks_promise": frozenset({"tag:break:*"}),
               "keeps_promise": frozenset({"tag:keep:*"})}

_EXAMPLES = {"trait": "'courtesy'", "meter": "'trust'", "tag": "'favour'",
             "choice_ref": "'opening.let_him_finish'", "node": "'opening'",
             "promise": "'callback'"}


def _check_argument(parser: _Parser, func: str, kind: str, value: str, offset: int) -> None:
    if kind == "trait":
        parser.check_trait(value, offset)
    elif kind == "meter":
        if value not in METER_NAMES:
            raise ConditionError(f"{func}() takes a meter, one of {', '.join(METER_NAMES)}; "
                                 f"got '{value}'{suggest(value, METER_NAMES)}", offset)
    elif kind == "tag":
        if not _TAG.match(value):
            raise ConditionError(f"'{value}' is not a tag (lower-case letters, digits, "
                                 "'_', ':', '-', optionally ending in '*')", offset)
        parser.refs["tags"].add(value)
    elif kind == "choice_ref":
        node, _, choice = value.partition(".")
        if not (_IDENT.match(node) and _IDENT.match(choice)):
            raise ConditionError(f"{func}() takes 'node.choice', got '{value}'", offset)
        parser.refs["choices"].add(value)
    elif kind in ("node", "promise"):
        if not _IDENT.match(value):
            raise ConditionError(f"'{value}' is not a {kind} id", offset)
        parser.refs["nodes" if kind == "node" else "tags"].add(
            value if kind == "node" else f"promise:{value}")


def compile_condition(source: str, *, traits: Iterable[str] | None = None) -> CompiledCondition:
    """Check ``source`` and compile it; raises ConditionError with an offset.

    ``traits`` are the trait ids ``event.evidence.<trait>`` and ``trait('...')`` may
    name (the catalogue's); by default the ids of docs/design.md.
    """
    if not isinstance(source, str):
        raise ConditionError(f"a condition is text, got {type(source).__name__}", 0)
    return _compile(source, frozenset(traits) if traits is not None else DEFAULT_TRAITS)


@lru_cache(maxsize=4096)
def _compile(source: str, traits: frozenset[str]) -> CompiledCondition:
    # Cached: sessions built from model objects without compiled conditions (tests,
    # tools) would otherwise recompile the whole rule pack for every session.
    parser = _Parser(source, traits)
    expr = parser.parse()
    code = f"lambda c: {expr.code}"
    # Safe: ``code`` is generated from the checked tree above, never the author's text.
    fn = eval(compile(code, "<condition>", "eval"), dict(_GLOBALS))
    refs = {k: frozenset(v) for k, v in parser.refs.items()}
    return CompiledCondition(source, code, fn, **refs, needs=expr.needs)
