"""Strategies a trainee might try instead of judgement, and what each would score.

Naive: always the first or the last answer (authored order; the game shuffles, so
these tell an author about their own habits), and random play. Surface: pick by
the shape of the text — the shortest, the middle-length or the longest answer, or
the one with the most digits ("it has figures, it must be concrete") — in each
language, since a tell in one translation is a tell. A scenario where any of them
passes teaches the shape of right answers, not judgement (Haladyna, Downing &
Rodriguez 2002: options about equal in length, no clues to the right answer).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from game.core.analysis.explore import Explorer
from game.core.model import LANGS, Choice

Picker = Callable[[tuple[Choice, ...], tuple], Choice]
SURFACE = ("shortest", "middle", "longest", "digits")
NAIVE = ("first", "last", "random_mean")


def _by_length(lang: str, rank: str) -> Picker:
    def pick(shown: tuple[Choice, ...], _alts: tuple) -> Choice:
        order = sorted(shown, key=lambda c: len(c.text.get(lang)))  # stable: authored order
        if rank == "shortest":
            return order[0]
        if rank == "longest":
            return order[-1]
        return order[(len(order) - 1) // 2]
    return pick


def _digits(lang: str) -> Picker:
    def pick(shown: tuple[Choice, ...], _alts: tuple) -> Choice:
        return max(shown, key=lambda c: sum(ch.isdigit() for ch in c.text.get(lang)))
    return pick


def _score(ex: Explorer, pick: Picker) -> tuple[float, bool]:
    end = ex.play(pick)
    return (0.0, False) if end is None else (end.overall, ex.passed(end))


def random_mean(ex: Explorer, runs: int, seed: int = 0) -> tuple[float, float]:
    """(mean score, share passing) of ``runs`` seeded uniformly random playthroughs."""
    if runs <= 0:
        return 0.0, 0.0
    rng = random.Random(seed)
    total = passed = 0.0
    for _ in range(runs):
        score, ok = _score(ex, lambda shown, _a: shown[rng.randrange(len(shown))])
        total += score
        passed += ok
    return total / runs, passed / runs


def strategies(ex: Explorer, runs: int = 1000) -> tuple[dict[str, float], dict[str, str]]:
    """({strategy: score}, {strategy: why it passes}) for every strategy. A surface
    strategy's score is its best over the three languages."""
    scores: dict[str, float] = {}
    passing: dict[str, str] = {}
    for name, pick in (("first", lambda s, a: s[0]), ("last", lambda s, a: s[-1])):
        scores[name], ok = _score(ex, pick)
        if ok:
            passing[name] = "passes"
    for name in SURFACE:
        best = None
        for lang in LANGS:
            pick = _digits(lang) if name == "digits" else _by_length(lang, name)
            score, ok = _score(ex, pick)
            if best is None or score > best:
                best = score
            if ok and name not in passing:
                passing[name] = f"passes in '{lang}'"
        scores[name] = best or 0.0
    mean, share = random_mean(ex, runs)
    scores["random_mean"] = mean
    if mean >= ex.scenario.pass_score:
        passing["random_mean"] = f"the mean reaches the pass mark ({share:.0%} of runs pass)"
    return scores, passing
