"""Expected values in a test plan: ``">= 80"``, ``"< 40"``, ``75``, ``none``.

A bare number means equality; ``none`` (YAML ``null``) means "no score at all"
(a trait the run never showed). Parsing happens when the plan loads, so a typo
is reported before anything runs.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Comparison", "parse_comparison"]

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
    ">": operator.gt, "<": operator.lt, "=": operator.eq,
}
# ASCII digits only (\d takes Arabic-Indic and full-width ones), and no more of them
# than a score could need: a thousand-digit expectation is a typo, not a target.
_PATTERN = re.compile(r"\s*(>=|<=|==|!=|>|<|=)?\s*(-?[0-9]{1,15}(?:\.[0-9]{1,15})?)\s*")
_TOLERANCE = 0.05  # scores are shown with one decimal; "== 62.5" must match 62.49999


@dataclass(frozen=True, slots=True)
class Comparison:
    op: str  # one of _OPS, or "none"
    value: float = 0.0

    def holds(self, actual: float | None) -> bool:
        if self.op == "none":
            return actual is None
        if actual is None:
            return False
        if self.op in ("==", "="):
            return abs(actual - self.value) <= _TOLERANCE
        if self.op == "!=":
            return abs(actual - self.value) > _TOLERANCE
        return _OPS[self.op](actual, self.value)

    def __str__(self) -> str:
        return "none" if self.op == "none" else f"{self.op} {self.value:g}"


def parse_comparison(raw: object) -> Comparison:
    """``raw`` from the plan as a Comparison; ValueError with what was expected."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() == "none"):
        return Comparison("none")
    if isinstance(raw, bool):
        raise ValueError(f"expected a number or a comparison like '>= 80', got {raw!r}")
    if isinstance(raw, int | float):
        return Comparison("==", float(raw))
    match = _PATTERN.fullmatch(str(raw))
    if not match:
        raise ValueError(f"expected a number or a comparison like '>= 80', got {raw!r}")
    return Comparison(match.group(1) or "==", float(match.group(2)))
