"""Static checks of the condition language: types, with messages that say what to
write, and the facts the rules engine indexes rules by (``needs``)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Protocol

from game.core.rules.lexer import ConditionError, Token
from game.core.rules.vocabulary import BOOL, LIST, NUM, STR

NUMLIST = "list of numbers"


class Typed(Protocol):
    type: str
    offset: int
    evidence: str | None
    number: float | None


def need(expr: Typed, kind: str, why: str) -> None:
    if expr.type != kind:
        hint = ""
        if kind == BOOL and expr.type == NUM:
            hint = "; compare it, e.g. '... > 0'"
        raise ConditionError(f"{why}; this is {article(expr.type)}{hint}", expr.offset)


def check_compare(op: str, left: Typed, right: Typed, offset: int) -> None:
    if op in ("==", "!="):
        if left.type != right.type or left.type in (LIST, NUMLIST):
            raise ConditionError(f"cannot compare {article(left.type)} with "
                                 f"{article(right.type)} using '{op}'", offset)
    elif left.type != NUM or right.type != NUM:
        raise ConditionError(f"'{op}' compares numbers, not {article(left.type)} and "
                             f"{article(right.type)}", offset)


def check_in(left: Typed, right: Typed, offset: int) -> None:
    ok = (right.type in (LIST, STR) and left.type == STR) or \
        (right.type == NUMLIST and left.type == NUM)
    if not ok:
        raise ConditionError(f"'in' looks for {article(left.type)} in {article(right.type)}; "
                             "it needs text in a list or in a text, or a number in a list "
                             "of numbers", offset)


def article(kind: str) -> str:
    return {NUM: "a number", STR: "a text", BOOL: "a true/false value", LIST: "a list",
            NUMLIST: "a list of numbers"}.get(kind, kind)


def describe(tok: Token) -> str:
    return "the end of the condition" if tok.kind == "end" else repr(tok.value)


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def combine_needs(word: str, left: frozenset[str] | None, right: frozenset[str] | None
             ) -> frozenset[str] | None:
    """``a and b`` needs what either needs (the smaller is the sharper filter);
    ``a or b`` needs one of both sets, and nothing known if either is unknown."""
    if word == "and":
        known = [n for n in (left, right) if n is not None]
        return min(known, key=len) if known else None
    return None if left is None or right is None else left | right


# Comparisons of an evidence strength with a number that are false when the trait is
# absent (strength 0): op -> test on the number.
_FALSE_AT_ZERO = {">": lambda n: n >= 0, ">=": lambda n: n > 0, "<": lambda n: n <= 0,
                  "<=": lambda n: n < 0, "==": lambda n: n != 0}


def evidence_needs(left: Typed, op: str, right: Typed) -> frozenset[str] | None:
    if left.evidence is not None and right.number is not None:
        test = _FALSE_AT_ZERO.get(op)
        if test is not None and test(right.number):
            return frozenset({f"evidence:{left.evidence}"})
    return None
