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


#: Random play stops once its mean is known to within this many points (standard
#: error), after at least MIN_RANDOM runs: the figure a trainer reads is "about 40",
#: and a thousand runs of a big scenario would cost more than the whole exploration.
RANDOM_PRECISION = 1.0
MIN_RANDOM = 100
#: Random play also stops after this many transitions computed (long looping scenarios).
RANDOM_STEPS = 100_000


def random_mean(ex: Explorer, runs: int, seed: int = 0) -> tuple[float, float]:
    """(mean score, share passing) of up to ``runs`` seeded uniformly random
    playthroughs (fewer once the mean is within RANDOM_PRECISION); deterministic."""
    if runs <= 0:
        return 0.0, 0.0
    rng = random.Random(seed)
    total = squares = passed = 0.0
    done = 0
    budget = ex.computed + RANDOM_STEPS
    while done < runs and (done < 10 or ex.computed < budget):
        score, ok = _score(ex, lambda shown, _a: shown[rng.randrange(len(shown))])
        total += score
        squares += score * score
        passed += ok
        done += 1
        if done >= MIN_RANDOM and done % 50 == 0:
            mean = total / done
            variance = max(0.0, squares / done - mean * mean)
            if (variance / done) ** 0.5 <= RANDOM_PRECISION:
                break
    return total / done, passed / done


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
