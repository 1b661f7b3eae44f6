"""What `python main.py analyze` promises for every shipped scenario, and what a trainee
notices in play: every ending can happen, a perfect run scores at least 90, naive
play scores at most half of that, and no lost client ever counts as a pass."""

from __future__ import annotations

import pytest

from game.core.analysis import analyze
from game.core.analysis.explore import Transitions
from game.core.loader import Library
from game.core.model import Outcome
from game.core.runtime.step import Setup

IDS = Library().scenario_ids()


@pytest.fixture(scope="module")
def analyses(library, scenarios) -> dict:
    return {sid: analyze(s, library.catalogue, library.rules, random_runs=200)
            for sid, s in scenarios.items()}


@pytest.mark.parametrize("sid", IDS)
def test_every_node_and_ending_is_reachable(analyses, sid) -> None:
    a = analyses[sid]
    assert a.unreachable == ()
    assert all(e["reachable"] for e in a.endings.values())
    assert a.dead_ends == () and a.endless == 0


@pytest.mark.parametrize("sid", IDS)
def test_a_perfect_run_scores_at_least_90(analyses, sid) -> None:
    assert analyses[sid].score["max"] >= 90


@pytest.mark.parametrize("sid", IDS)
def test_naive_strategies_score_at_most_half_the_maximum(analyses, sid) -> None:
    a = analyses[sid]
    too_high = {k: v for k, v in a.strategies.items() if v > a.score["max"] / 2}
    assert too_high == {}
    assert a.warnings == ()


@pytest.mark.parametrize("sid", IDS)
def test_losing_the_client_never_passes(library, scenarios, sid) -> None:
    """Over every path (timeouts included, shared rules applied, answers at the
    analysis' pace), a session that ends in a failure ending scores below the pass
    mark: a trainee who lost the client, went public or ended in court never passes."""
    scenario = scenarios[sid]
    moves = Transitions(Setup.build(scenario, library.catalogue, library.rules, 1.0))
    worst_failure, stack = 0.0, [moves.start]
    while stack:
        for step in moves(stack.pop()):
            state = step.state
            if not state.ended:
                stack.append(state)
            elif scenario.endings[state.node].outcome is Outcome.FAILURE:
                worst_failure = max(worst_failure, state.overall)
    assert worst_failure < scenario.pass_score
