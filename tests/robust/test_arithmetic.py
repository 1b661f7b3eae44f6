"""Issue 16, class 2: arithmetic in conditions cannot overflow, at lint or at run time,
and only ASCII digits are numbers."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from game.core.loader.lint import lint_paths
from game.core.rules.arith import MAX_MAGNITUDE
from game.core.rules.conditions import ConditionError, compile_condition

from .conftest import MINIMAL, run_main


def context(**meters: float) -> SimpleNamespace:
    full = {"trust": 50, "commitment": 50, "mood": 50, "reputation": 50, "reach": 0, **meters}
    return SimpleNamespace(meters=full)


@pytest.mark.parametrize("source", [
    "999999999999 * 999999999999 > 1",  # the minimised case: 10^24
    "state.reach * state.reach > 1",  # 10^9 x 10^9: reach has no tight bound
    "(999999999999 * 999) * 999999999999 > 1",
    "state.trust / 0.0000000001 > 1",  # 100 / 10^-10 = 10^12 is fine; x 10^9 next is not
])
def test_arithmetic_that_can_overflow_does_not_compile(source: str):
    if source.startswith("state.trust /"):
        source = source.replace(" > 1", " * 999999999 > 1")
    with pytest.raises(ConditionError, match=r"can reach about 1e\+\d\d, beyond the \+-1e\+15"):
        compile_condition(source)


@pytest.mark.parametrize("source, meters, expected", [
    ("state.trust * state.mood > 2499", {"trust": 50, "mood": 50}, True),  # 2500
    ("state.trust * state.mood > 2500", {"trust": 50, "mood": 50}, False),
    ("state.trust / state.mood == 2", {"trust": 80, "mood": 40}, True),
    ("state.trust / state.mood == 0", {"trust": 80, "mood": 0}, True),  # total division
    ("state.trust - state.mood * 2 < 0", {"trust": 10, "mood": 6}, True),  # 10 - 12
    ("999999999999 * 999 > 998999999999 * 999", {}, True),  # exact integers, 10^15 scale
])
def test_bounded_arithmetic_keeps_its_meaning(source: str, meters: dict, expected: bool):
    assert compile_condition(source)(context(**meters)) is expected


def test_a_value_no_bound_foresaw_is_clamped_not_raised():
    # reach keeps growing in a long social scene: a product past 10^15 is held there
    condition = compile_condition("state.reach * 1000000 >= 100000000000 * 10000")
    assert condition(context(reach=10**300)) is True
    huge_int = compile_condition("state.reach / 3 > 0")
    assert huge_int(context(reach=10**400)) is True  # int / int beyond a float: no error
    assert compile_condition("state.reach * 2 > 0")(context(reach=float("nan"))) is False
    from game.core.rules.arith import _div, _mul

    assert _mul(1e300, 1e300) == MAX_MAGNITUDE and _mul(-1e300, 1e300) == -MAX_MAGNITUDE
    assert _div(-(10**400), 3) == -MAX_MAGNITUDE


@pytest.mark.parametrize("digit", ["\u0663", "\uff13", "\U0001d7db", "\u09e9"])
def test_only_ascii_digits_are_numbers(digit: str):
    # Arabic-Indic three, full-width three, mathematical double-struck three, Bengali three
    with pytest.raises(ConditionError, match="is not part of the condition language"):
        compile_condition(f"state.trust > {digit}")
    with pytest.raises(ConditionError, match="a number cannot run into letters"):
        compile_condition(f"state.trust > 1{digit}")


def test_an_overflowing_condition_is_a_lint_problem_and_play_never_starts(tmp_path: Path):
    path = tmp_path / "minimal.yaml"  # checked against the shipped catalogue and rules
    path.write_text(MINIMAL.replace(
        "        next: kept\n",
        "        next: kept\n        when: state.trust * 999999999999 * 999999999999 > 1\n", 1),
        encoding="utf-8")
    problems = [str(p) for p in lint_paths([str(path)]).problems if p.code == "E303"]
    assert len(problems) == 1 and "beyond the +-1e+15" in problems[0], problems
    proc = run_main("play", str(path), "--text", "--no-log", input="1\n")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "[E303]" in proc.stderr
