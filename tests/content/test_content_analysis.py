"""What `python main.py analyze --strict` promises for every shipped scenario, and what
a trainee notices in play: every ending can happen, a perfect run scores at least 90,
no naive or surface strategy (first, last, shortest, middle-length, longest answer,
most digits, random) reaches the pass mark, and outcome and score always agree: no
success ending with a failing score, no failure ending with a passing one."""

from __future__ import annotations

import pytest

from game.core.analysis import analyze
from game.core.loader import Library

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
def test_the_walk_is_exact(analyses, sid) -> None:
    """Every figure below comes from every path, not from a beam search."""
    assert analyses[sid].exact


@pytest.mark.parametrize("sid", IDS)
def test_a_perfect_run_scores_at_least_90(analyses, sid) -> None:
    assert analyses[sid].score["max"] >= 90


@pytest.mark.parametrize("sid", IDS)
def test_no_naive_or_surface_strategy_passes(analyses, sid) -> None:
    a = analyses[sid]
    assert a.passing_strategies == {}
    assert {k: v for k, v in a.strategies.items() if v >= a.pass_score} == {}


@pytest.mark.parametrize("sid", IDS)
def test_outcome_and_score_agree_on_every_path(analyses, sid) -> None:
    """A trainee who lost the client never passes; one who passes never sees the
    failure ending; the success ending always comes with a pass."""
    inc = analyses[sid].incoherent
    assert (inc["success_not_passed"]["paths"], inc["failure_passed"]["paths"]) == (0, 0)


@pytest.mark.parametrize("sid", IDS)
def test_one_mild_slip_can_still_pass(analyses, sid) -> None:
    """Graded, not a cliff: some path with exactly one non-best answer passes."""
    one = [row for row in analyses[sid].by_slips if row["k"] == 1]
    assert one and (one[0]["passed_share"] or 0) > 0


@pytest.mark.parametrize("sid", IDS)
def test_analyze_has_no_warnings(analyses, sid) -> None:
    assert analyses[sid].warnings == ()
