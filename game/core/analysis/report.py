"""The figures a trainer reads from a walk: per ending, by number of slips, and the
paths where the ending and the score disagree."""

from __future__ import annotations

from game.core.analysis.explore import PathEnd, Walk
from game.core.model import Outcome, Scenario

SLIPS_SHOWN = 4  # k = 0, 1, 2, 3


def median(ends: list[PathEnd]) -> float | None:
    """The median score over paths (each PathEnd weighs its path count)."""
    items = sorted((e.score, e.count) for e in ends if e.count > 0)
    total = sum(c for _, c in items)
    if not total:
        return None
    half, seen = total / 2, 0
    for i, (score, count) in enumerate(items):
        seen += count
        if seen > half:
            return round(score, 2)
        if seen == half:  # an even count splits between two scores
            return round((score + items[i + 1][0]) / 2, 2)
    return round(items[-1][0], 2)


def _range(ends: list[PathEnd]) -> dict[str, float | None]:
    scores = [e.score for e in ends]
    return {"min": round(min(scores), 2) if scores else None, "median": median(ends),
            "max": round(max(scores), 2) if scores else None}


def endings_table(scenario: Scenario, found: Walk) -> tuple[dict[str, dict], dict]:
    table = {}
    for ending in scenario.endings.values():
        ends = [e for e in found.ends if e.ending == ending.id]
        table[ending.id] = {
            "outcome": ending.outcome.value, "reachable": ending.id in found.reached,
            "paths": sum(e.count for e in ends),
            "passed_paths": sum(e.count for e in ends if e.passed), "score": _range(ends)}
    return table, _range(found.ends)


def incoherent(scenario: Scenario, found: Walk) -> dict[str, dict]:
    outcome = {e.id: e.outcome for e in scenario.endings.values()}
    out = {}
    for kind, test in (
            ("success_not_passed", lambda e: outcome[e.ending] == Outcome.SUCCESS
             and not e.passed),
            ("failure_passed", lambda e: outcome[e.ending] == Outcome.FAILURE and e.passed)):
        bad = [e for e in found.ends if test(e)]
        first = min(bad, key=lambda e: (e.score, e.slips), default=None) if kind.startswith(
            "success") else max(bad, key=lambda e: (e.score, -e.slips), default=None)
        out[kind] = {"paths": sum(e.count for e in bad),
                     "example": Walk.example(first) if first else [],
                     "score": round(first.score, 2) if first else None}
    return out


def by_slips(found: Walk) -> tuple[dict, ...]:
    rows = []
    for k in range(SLIPS_SHOWN):
        ends = [e for e in found.ends if e.slips == k]
        paths = sum(e.count for e in ends)
        rows.append({"k": k, "paths": paths, "median": median(ends),
                     "passed_share": round(sum(e.count for e in ends if e.passed) / paths, 3)
                     if paths else None})
    return tuple(rows)
