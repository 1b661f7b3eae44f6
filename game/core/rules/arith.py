"""Safe arithmetic for conditions: bounded magnitudes, checked at lint time, clamped
at run time.

A rule must never crash a session halfway through (``OverflowError``, "integer
division result too large for a float") nor make analyze, graph or ``--draft``
fail on a file that linted clean. Two layers:

- lint: every numeric expression carries the largest magnitude it can reach, from
  its literals and the names it reads (``name_bound``); an operation whose worst
  case passes ``MAX_MAGNITUDE`` is a condition error (E303) at its operator;
- run time: every ``+ - * /`` is a total function whose result is kept within
  +-MAX_MAGNITUDE (NaN counts as 0, division by 0 gives 0), for values no static
  bound foresaw (a reach that kept growing).
"""

from __future__ import annotations

from typing import Any, Protocol

from game.core.rules.lexer import ConditionError

MAX_MAGNITUDE = 1e15  # exact in a float, far above any meter, count or score
NAME_BOUND = 1e9  # a name we know no tighter bound for (reach, min_seen('reach'))

# The largest magnitude each name (or function) can have. Meters are kept within
# 0-100 by the runtime; reach grows by at most 10^9 per effect (the loader's range).
_BOUNDS = {
    "state.trust": 100.0, "state.commitment": 100.0, "state.mood": 100.0,
    "state.reputation": 100.0, "state.decisions": 1e6, "state.elapsed": 1e7,
    "event.response_time": 1e7, "event.evidence": 3.0, "persona.weight": 3.0,
    "score": 100.0, "trait_score": 100.0, "tagged": 1e6, "repeats": 1e6,
    "open_promises": 1e6, "trait": 1e6,
}


def name_bound(name: str) -> float:
    return _BOUNDS.get(name, NAME_BOUND)


class Bounded(Protocol):
    bound: float
    number: float | None
    offset: int


def check_magnitude(op: str, left: Bounded, right: Bounded) -> float:
    """The bound of ``left op right``; refuses an operation that can overflow it."""
    if op in "+-":
        bound = left.bound + right.bound
    elif op == "*":
        bound = left.bound * right.bound
    elif right.number:  # dividing by a literal scales the bound
        bound = left.bound / abs(right.number)
    else:  # by a name (or 0, which gives 0): counted as dividing by 1 or more; a
        bound = left.bound  # smaller divisor at run time is caught by the clamp
    if bound > MAX_MAGNITUDE:
        raise ConditionError(f"'{op}' here can reach about {bound:.0e}, beyond the "
                             f"+-{MAX_MAGNITUDE:.0e} conditions compute with; use smaller "
                             "numbers", left.offset)
    return bound


def _fit(x: float) -> float:
    if x != x:
        return 0.0
    return MAX_MAGNITUDE if x > MAX_MAGNITUDE else -MAX_MAGNITUDE if x < -MAX_MAGNITUDE else x


def _add(a: float, b: float) -> float:
    return _fit(a + b)


def _sub(a: float, b: float) -> float:
    return _fit(a - b)


def _mul(a: float, b: float) -> float:
    return _fit(a * b)


def _div(a: float, b: float) -> float:
    if not b:
        return 0.0  # a total division
    try:
        return _fit(a / b)
    except OverflowError:  # int / int beyond a float: only the sign survives the clamp
        return MAX_MAGNITUDE if (a > 0) == (b > 0) else -MAX_MAGNITUDE


ARITH_OPS = {"+": "_add", "-": "_sub", "*": "_mul", "/": "_div"}
ARITH_GLOBALS: dict[str, Any] = {"_add": _add, "_sub": _sub, "_mul": _mul, "_div": _div}
