"""`analyze`: exact figures on small scenarios, the beam beyond, and the command."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.core.analysis import analyze
from game.core.analysis.explore import Transitions, count_paths
from game.core.runtime.step import Setup

from .factories import catalogue, choice, generated, node, scenario, timeout

CAT = catalogue()


def small():
    """The right answer is always written first and is the longest: naive play wins."""
    return scenario(
        node("a",
             choice("listen_carefully", "b", {"courtesy": 2}, say="I'm listening, go on please"),
             choice("rush", "b", {"bad_etiquette": 1}, say="Quick"),
             limit=10, timeout=timeout("b", {"responsiveness": -1})),
        node("b",
             choice("plan", "won", {"strategic_planning": 2}, say="Here is the plan for Monday"),
             choice("shrug", "lost", {"no_planning": 2}, say="Dunno")),
        node("orphan", choice("x", "won")),
        endings=("won", "lost", "never"))


def test_small_scenario_figures_are_exact():
    a = analyze(small(), CAT, (), random_runs=200)
    assert (a.nodes, a.decision_points, a.paths, a.exact) == (3, 2, 6, True)
    assert a.endings == {
        "won": {"outcome": "success", "reachable": True, "paths": 3},
        "lost": {"outcome": "success", "reachable": True, "paths": 3},
        "never": {"outcome": "success", "reachable": False, "paths": 0}}
    assert a.unreachable == ("orphan", "never")
    assert a.score == {"min": 0.0, "max": 100.0}
    assert a.traits["courtesy"] == {"min": 100.0, "max": 100.0}
    assert a.traits["strategic_planning"] == {"min": 100.0, "max": 100.0}
    assert (a.strategies["first"], a.strategies["longest"], a.strategies["last"]) == (
        100.0, 100.0, 0.0)
    assert 0 < a.strategies["random_mean"] < 100


def test_naive_strategies_above_half_the_maximum_are_warned():
    a = analyze(small(), CAT, (), random_runs=50)
    assert "naive strategy 'first' scores 100, above half the maximum (100): a trainee " \
           "could do well without judgement" in a.warnings
    assert "naive strategy 'last' scores 0, above half the maximum (100): a trainee could " \
           "do well without judgement" not in a.warnings
    assert "never reached: orphan, never" in a.warnings


def test_loops_end_through_one_shot_choices_or_are_reported():
    looping = scenario(node("hub", choice("ask", "hub", {"knowledge_sharing": 1}, once=True),
                            choice("leave", "done", {"availability": 1})))
    a = analyze(looping, CAT, (), random_runs=10)
    assert (a.paths, a.endless, a.exact) == (2, 0, True)
    endless = scenario(node("hub", choice("again", "hub"), choice("leave", "done")))
    b = analyze(endless, CAT, (), random_runs=10)
    assert b.endless == 1 and "1 path(s) never reach an ending (a loop)" in b.warnings


def test_dead_ends_are_reported():
    stuck = scenario(node("a", choice("go", "b")),
                     node("b", choice("never", "done", when="state.trust > 99")))
    a = analyze(stuck, CAT, (), random_runs=5)
    assert a.dead_ends == ("b",) and "paths get stuck at: b" in a.warnings


def test_big_scenarios_fall_back_to_a_flagged_beam_that_still_counts_paths():
    big = generated(300, width=20, seed=3)
    a = analyze(big, CAT, (), random_runs=20, exact_paths=100)
    assert a.exact is False
    assert "too many states to explore exactly: figures come from a beam search " \
           "(approximate)" in a.warnings
    setup = Setup.build(big, CAT, (), 1.0)
    assert a.paths == count_paths(setup, 10**30)
    assert a.score["min"] <= a.strategies["random_mean"] <= a.score["max"]


def test_transitions_are_memoised():
    moves = Transitions(Setup.build(small(), CAT, (), 1.0))
    first = moves(moves.start)
    assert moves(moves.start) == first and moves.computed == 3


def test_analyze_command_json(capsys):
    assert main(["analyze", "phone_complaint", "--format", "json", "--random-runs", "20"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["scenario"] for r in out] == ["phone_complaint"]
    assert {"scenario", "nodes", "endings", "paths", "score", "strategies",
            "unreachable"} <= set(out[0])
    assert set(out[0]["strategies"]) == {"first", "last", "longest", "random_mean"}
    assert set(out[0]["score"]) == {"min", "max"}


def test_analyze_command_text_and_errors(capsys):
    assert main(["analyze", "phone_complaint", "--random-runs", "5"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("phone_complaint: ") and first.endswith("[exact]")
    assert main(["analyze", "phone_complaints"]) == 2
    assert capsys.readouterr().err == ("error: no scenario 'phone_complaints' (did you mean "
                                       "'phone_complaint'?)\n")
    with pytest.raises(SystemExit):
        main(["analyze", "--random-runs", "x"])
