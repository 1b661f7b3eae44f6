"""`analyze`: exact figures on small scenarios, the beam beyond, and the command."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.core.analysis import Explorer, analyze, count_paths
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
    # Worked by hand with the graded model (earned / available per decision):
    #   a: listen +2, rush -1 (bad_etiquette is bad), timeout -1 -> span 2 - (-1) = 3;
    #      listen earns 3, rush and the timeout 0.
    #   b: plan +2, shrug -2 (no_planning is bad) -> span 4; plan earns 4, shrug 0.
    #   listen+plan 7/7 = 100; listen+shrug 3/7 = 42.86; rush or timeout + plan 4/7 =
    #   57.14; rush or timeout + shrug 0/7 = 0.
    a = analyze(small(), CAT, (), random_runs=200)
    assert (a.nodes, a.decision_points, a.paths, a.exact) == (3, 2, 6, True)
    assert a.endings == {
        "won": {"outcome": "success", "reachable": True, "paths": 3, "passed_paths": 1,
                "score": {"min": 57.14, "median": 57.14, "max": 100.0}},
        "lost": {"outcome": "success", "reachable": True, "paths": 3, "passed_paths": 0,
                 "score": {"min": 0.0, "median": 0.0, "max": 42.86}},
        "never": {"outcome": "success", "reachable": False, "paths": 0, "passed_paths": 0,
                  "score": {"min": None, "median": None, "max": None}}}
    assert a.unreachable == ("orphan", "never")
    assert a.score == {"min": 0.0, "median": 50.0, "max": 100.0}  # (42.86 + 57.14) / 2
    assert a.traits["courtesy"] == {"min": 100.0, "max": 100.0}
    assert a.by_slips == (
        {"k": 0, "paths": 1, "median": 100.0, "passed_share": 1.0},
        {"k": 1, "paths": 3, "median": 57.14, "passed_share": 0.0},
        {"k": 2, "paths": 2, "median": 0.0, "passed_share": 0.0},
        {"k": 3, "paths": 0, "median": None, "passed_share": None})
    # Every ending is a success here, so five paths reach one without passing.
    assert a.incoherent["success_not_passed"] == {"paths": 5, "example": ["a.rush", "b.shrug"],
                                                  "score": 0.0}
    assert a.incoherent["failure_passed"]["paths"] == 0
    # first / longest / digits (none: ties go to the first written) all take the
    # right answers; last, shortest and middle (of two: the shorter) never do.
    assert {k: a.strategies[k] for k in ("first", "last", "shortest", "middle", "longest",
                                         "digits")} == {
        "first": 100.0, "last": 0.0, "shortest": 0.0, "middle": 0.0, "longest": 100.0,
        "digits": 100.0}
    assert set(a.passing_strategies) == {"first", "longest", "digits"}
    assert 0 < a.strategies["random_mean"] < 100


def test_passing_strategies_and_incoherent_paths_are_warned():
    a = analyze(small(), CAT, (), random_runs=50)
    assert "strategy 'first' passes (score 100, pass mark 60): a trainee could pass " \
           "without judgement" in a.warnings
    assert "strategy 'longest' passes in 'en' (score 100, pass mark 60): a trainee could " \
           "pass without judgement" in a.warnings
    assert not any("'last'" in w for w in a.warnings)
    assert "5 path(s) reach a success ending without passing, e.g. a.rush > b.shrug " \
           "(score 0)" in a.warnings
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
    # ...and both agree with a count written here, not by the code under test: every
    # answer and every timeout is one more way on; an ending ends one path.
    memo: dict[str, int] = {}

    def ways(target: str) -> int:
        if target not in big.nodes:
            return 1  # an ending
        if target not in memo:
            found = big.nodes[target]
            memo[target] = sum(ways(c.next) for c in found.choices) + \
                (ways(found.timeout.next) if found.timeout else 0)
        return memo[target]

    assert a.paths == ways(big.start) > 10**6
    assert a.score["min"] <= a.strategies["random_mean"] <= a.score["max"]


def test_a_loop_in_a_big_scenario_ends_the_walk_and_is_reported():
    from dataclasses import replace
    from types import MappingProxyType

    big = generated(300, width=20, seed=3)
    nodes = dict(big.nodes)
    last = nodes["n299"]
    nodes["n299"] = replace(last, choices=(replace(last.choices[0], next="n0"),
                                           *last.choices[1:]))
    looping = replace(big, nodes=MappingProxyType(nodes))
    a = analyze(looping, CAT, (), random_runs=20)
    assert a.endless > 0 and not a.bounded
    assert f"{a.endless} path(s) never reach an ending (a loop)" in a.warnings
    assert a.paths > 0 and a.score["max"] is not None  # what was explored is reported


def test_the_walk_stops_at_its_step_budget_and_says_so():
    a = analyze(generated(300, width=20, seed=3), CAT, (), random_runs=20, max_steps=500)
    assert a.bounded and a.endless > 0
    assert "stopped at the analysis budget (a bounded number of steps): the figures cover " \
           f"the paths explored so far, {a.endless} still going" in a.warnings


def test_transitions_are_memoised():
    ex = Explorer(small(), CAT, ())
    first = ex.moves(ex.start)
    assert ex.moves(ex.start) == first and ex.computed == 3


def test_analyze_command_json(capsys):
    assert main(["analyze", "phone_complaint", "--format", "json", "--random-runs", "20"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["scenario"] for r in out] == ["phone_complaint"]
    assert {"scenario", "nodes", "endings", "paths", "score", "strategies", "pass_score",
            "incoherent", "by_slips", "unreachable"} <= set(out[0])
    assert set(out[0]["strategies"]) == {"first", "last", "shortest", "middle", "longest",
                                         "digits", "random_mean"}
    assert set(out[0]["score"]) == {"min", "median", "max"}
    assert [row["k"] for row in out[0]["by_slips"]] == [0, 1, 2, 3]
    assert set(out[0]["incoherent"]) == {"success_not_passed", "failure_passed"}
    ending = next(iter(out[0]["endings"].values()))
    assert set(ending) == {"outcome", "reachable", "paths", "passed_paths", "score"}


def test_analyze_command_text_and_errors(capsys):
    assert main(["analyze", "phone_complaint", "--random-runs", "5"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("phone_complaint: ") and first.endswith("[exact]")
    assert main(["analyze", "phone_complaints"]) == 2
    assert capsys.readouterr().err == ("error: no scenario 'phone_complaints' (did you mean "
                                       "'phone_complaint'?)\n")
    with pytest.raises(SystemExit):
        main(["analyze", "--random-runs", "x"])
