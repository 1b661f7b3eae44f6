"""Scenario test plans (``scenarios/<id>.test.yaml``): scripted runs with expectations.

    scenario: phone_complaint          # optional; defaults to the file name
    cases:
      - name: calm and concrete keeps the client
        choices: [2, 1, 3]             # numbers as authored (1 = first choice written),
                                       # a choice id, or "timeout" to let the timer run out
        mode: practice                 # optional: practice (default) | assessment
        seed: 1                        # optional: only shuffles the display order
        expect:                        # every key optional
          ending: client_kept
          outcome: success             # success | mixed | failure
          path: [opening, details, plan]        # nodes visited, in order
          overall: ">= 80"             # a number or a comparison: >= <= > < == !=
          passed: true
          traits: {courtesy: ">= 60", over_familiarity: none}   # none: never shown
          state: {trust: ">= 50"}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from game.core.errors import ScenarioError
from game.terminal.expect import Comparison, parse_comparison

__all__ = ["TIMEOUT", "Case", "Expectations", "PlanError", "TestPlan", "load_plan", "parse_plan",
           "plan_path_for", "scenario_ref_for"]

TIMEOUT = "timeout"
SUFFIX = ".test.yaml"
_OUTCOMES = ("success", "mixed", "failure")
_CASE_KEYS = {"name", "choices", "mode", "seed", "expect"}
_EXPECT_KEYS = {"ending", "outcome", "path", "overall", "passed", "traits", "state"}


@dataclass(frozen=True, slots=True)
class Expectations:
    ending: str | None = None
    outcome: str | None = None
    path: tuple[str, ...] | None = None
    overall: Comparison | None = None
    passed: bool | None = None
    traits: Mapping[str, Comparison] = field(default_factory=lambda: MappingProxyType({}))
    state: Mapping[str, Comparison] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    choices: tuple[int | str, ...]
    expect: Expectations
    mode: str = "practice"
    seed: int = 1


@dataclass(frozen=True, slots=True)
class TestPlan:
    path: Path
    scenario: str  # a scenario id or a path, resolved like the play command's argument
    cases: tuple[Case, ...]


def plan_path_for(scenario_path: Path) -> Path:
    """``scenarios/x.yaml`` -> ``scenarios/x.test.yaml``."""
    return scenario_path.with_name(scenario_path.name.removesuffix(".yaml") + SUFFIX)


def scenario_ref_for(plan_path: Path) -> Path:
    """``scenarios/x.test.yaml`` -> ``scenarios/x.yaml``."""
    return plan_path.with_name(plan_path.name.removesuffix(SUFFIX) + ".yaml")


class PlanError(ScenarioError):
    """A test plan that does not load; the message names the file and the case."""


def load_plan(path: Path) -> TestPlan:
    from game.core.loader import load_yaml_data

    return parse_plan(load_yaml_data(path), path)


def parse_plan(data: object, path: Path) -> TestPlan:
    if not isinstance(data, Mapping) or not isinstance(data.get("cases"), list):
        raise PlanError(f"{path}: a test plan is a mapping with a list under 'cases'")
    unknown = set(data) - {"scenario", "cases"}
    if unknown:
        raise PlanError(f"{path}: unknown key {sorted(unknown, key=str)[0]!r} "
                        "(a test plan has 'scenario' and 'cases')")
    default = scenario_ref_for(path)
    scenario = str(data.get("scenario") or default)
    if "scenario" in data and "/" not in scenario and not scenario.endswith(".yaml"):
        sibling = path.with_name(f"{scenario}.yaml")  # an id next to the plan wins
        scenario = str(sibling) if sibling.exists() else scenario
    cases = tuple(_case(raw, number, path) for number, raw in enumerate(data["cases"], 1))
    names = [c.name for c in cases]
    for name in names:
        if names.count(name) > 1:
            raise PlanError(f"{path}: two cases are called {name!r}")
    return TestPlan(path, scenario, cases)


def _case(raw: object, number: int, path: Path) -> Case:
    where = f"{path}: case {number}"
    if not isinstance(raw, Mapping):
        raise PlanError(f"{where}: expected a mapping with name, choices and expect")
    where = f"{path}: case {raw.get('name', number)!r}"
    unknown = set(raw) - _CASE_KEYS
    if unknown:
        raise PlanError(f"{where}: unknown key {sorted(unknown, key=str)[0]!r} "
                        f"(expected one of {', '.join(sorted(_CASE_KEYS))})")
    choices = raw.get("choices")
    if not isinstance(choices, list) or not all(_is_step(c) for c in choices):
        raise PlanError(f"{where}: 'choices' must be a list of choice numbers (1 = first "
                        "written), choice ids or 'timeout'")
    mode = str(raw.get("mode", "practice"))
    if mode not in ("practice", "assessment"):
        raise PlanError(f"{where}: mode must be practice or assessment, got {mode!r}")
    seed = raw.get("seed", 1)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise PlanError(f"{where}: seed must be a whole number, got {seed!r}")
    try:
        expect = _expectations(raw.get("expect") or {})
    except ValueError as err:
        raise PlanError(f"{where}: {err}") from None
    return Case(str(raw.get("name", f"case {number}")), tuple(choices), expect, mode, seed)


def _is_step(value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and value >= 1) or (
        isinstance(value, str) and bool(value))


def _expectations(raw: object) -> Expectations:
    if not isinstance(raw, Mapping):
        raise ValueError("'expect' must be a mapping")
    unknown = set(raw) - _EXPECT_KEYS
    if unknown:
        raise ValueError(f"expect: unknown key {sorted(unknown, key=str)[0]!r} "
                         f"(expected one of {', '.join(sorted(_EXPECT_KEYS))})")
    outcome = raw.get("outcome")
    if outcome is not None and outcome not in _OUTCOMES:
        raise ValueError(f"expect.outcome must be one of {', '.join(_OUTCOMES)}, got {outcome!r}")
    passed = raw.get("passed")
    if passed is not None and not isinstance(passed, bool):
        raise ValueError(f"expect.passed must be true or false, got {passed!r}")
    path = raw.get("path")
    if path is not None and not isinstance(path, list):
        raise ValueError("expect.path must be a list of node ids")
    return Expectations(
        ending=None if raw.get("ending") is None else str(raw["ending"]),
        outcome=outcome,
        path=None if path is None else tuple(str(p) for p in path),
        overall=None if "overall" not in raw else _compare("overall", raw["overall"]),
        passed=passed,
        traits=_comparisons("traits", raw.get("traits")),
        state=_comparisons("state", raw.get("state")),
    )


def _compare(name: str, raw: object) -> Comparison:
    try:
        return parse_comparison(raw)
    except ValueError as err:
        raise ValueError(f"expect.{name}: {err}") from None


def _comparisons(name: str, raw: object) -> Mapping[str, Comparison]:
    if raw is None:
        return MappingProxyType({})
    if not isinstance(raw, Mapping):
        raise ValueError(f"expect.{name} must be a mapping of id -> comparison")
    return MappingProxyType({str(k): _compare(f"{name}.{k}", v) for k, v in raw.items()})
