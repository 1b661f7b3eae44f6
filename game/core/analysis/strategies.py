"""Naive strategies a trainee might try: always the first, the last, the longest
answer (in the authored order and English text), and random play. A scenario a
naive strategy can score well in teaches the wrong lesson."""

from __future__ import annotations

import random
from collections.abc import Callable

from game.core.analysis.explore import MAX_DEPTH, Transitions
from game.core.model import Choice
from game.core.runtime.state import State

Picker = Callable[[tuple[Choice, ...]], Choice]


def play(moves: Transitions, pick: Picker) -> float:
    """The overall score of one playthrough choosing with ``pick`` among the open
    choices (waiting for a timeout only when nothing is open); 0 if it never ends."""
    state: State = moves.start
    for _ in range(MAX_DEPTH):
        shown, _, _ = moves.options(state)
        if shown:
            state = moves.step(state, pick(shown)).state
        elif moves.can_time_out(state):
            state = moves.step(state, None).state
        else:
            return 0.0
        if state.ended:
            return state.overall
    return 0.0


def first(shown: tuple[Choice, ...]) -> Choice:
    return shown[0]


def last(shown: tuple[Choice, ...]) -> Choice:
    return shown[-1]


def longest(shown: tuple[Choice, ...]) -> Choice:
    return max(shown, key=lambda c: len(c.text.en))


def random_mean(moves: Transitions, runs: int, seed: int = 0) -> float:
    """Mean score of ``runs`` seeded uniformly random playthroughs."""
    if runs <= 0:
        return 0.0
    rng = random.Random(seed)
    total = 0.0
    for _ in range(runs):
        total += play(moves, lambda shown: shown[rng.randrange(len(shown))])
    return total / runs


def strategies(moves: Transitions, runs: int = 1000) -> dict[str, float]:
    return {"first": play(moves, first), "last": play(moves, last),
            "longest": play(moves, longest), "random_mean": random_mean(moves, runs)}
