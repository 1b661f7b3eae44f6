"""Test plans load into cases, and a mistake in one names the file, case and key."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.terminal.expect import parse_comparison
from game.terminal.testplan import PlanError, parse_plan

PLAN = Path("scenarios/phone_complaint.test.yaml")


def test_a_plan_loads_with_defaults():
    plan = parse_plan({"cases": [{"name": "best", "choices": [2, "own_it", "timeout"],
                                  "expect": {"ending": "kept", "overall": ">= 80",
                                             "traits": {"courtesy": 60, "honesty": None}}}]},
                      PLAN)
    assert plan.scenario == "scenarios/phone_complaint.yaml"
    (case,) = plan.cases
    assert case.choices == (2, "own_it", "timeout")
    assert (case.mode, case.seed) == ("practice", 1)
    assert case.expect.overall.holds(80) and not case.expect.overall.holds(79.9)
    assert case.expect.traits["courtesy"].holds(60.0)
    assert case.expect.traits["honesty"].holds(None)
    assert not case.expect.traits["honesty"].holds(0)


@pytest.mark.parametrize(("data", "message"), [
    ({"case": []}, "a test plan is a mapping with a list under 'cases'"),
    ({"cases": [{"name": "x", "choices": [0]}]},
     "case 'x': 'choices' must be a list of choice numbers"),
    ({"cases": [{"name": "x", "choices": [1], "expect": {"overal": 3}}]},
     "case 'x': expect: unknown key 'overal'"),
    ({"cases": [{"name": "x", "choices": [1], "expect": {"overall": "about 80"}}]},
     "case 'x': expect.overall: expected a number or a comparison like '>= 80', "
     "got 'about 80'"),
    ({"cases": [{"name": "x", "choices": [1], "expect": {"outcome": "win"}}]},
     "expect.outcome must be one of success, mixed, failure, got 'win'"),
    ({"cases": [{"name": "x", "choices": [1]}, {"name": "x", "choices": [2]}]},
     "two cases are called 'x'"),
    ({"cases": [{"name": "x", "choices": [1], "mode": "exam"}]},
     "mode must be practice or assessment, got 'exam'"),
])
def test_mistakes_are_reported_with_file_and_case(data, message):
    with pytest.raises(PlanError) as err:
        parse_plan(data, PLAN)
    assert str(err.value).startswith(str(PLAN) + ":")
    assert message in str(err.value)


@given(st.sampled_from([">=", "<=", ">", "<", "==", "!="]),
       st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_comparisons_agree_with_python(op, bound, actual):
    expected = {">=": actual >= bound, "<=": actual <= bound, ">": actual > bound,
                "<": actual < bound, "==": actual == bound, "!=": actual != bound}[op]
    assert parse_comparison(f"{op} {bound}").holds(float(actual)) == expected
