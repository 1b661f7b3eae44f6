"""`test-scenarios`: find the plans, run every case, and report results and coverage."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.core.errors import UsageError, UserError
from game.core.model import METERS
from game.terminal.testplan import SUFFIX, TestPlan, load_plan, plan_path_for
from game.terminal.testrun import (
    NO_COVERAGE,
    CaseResult,
    Coverage,
    covered_by,
    run_case,
    scenario_items,
)
from game.terminal.tools import Context, load_context

__all__ = ["PlanReport", "collect", "explored_coverage", "reached_ids", "run_plan"]


@dataclass(frozen=True, slots=True)
class PlanReport:
    plan: Path
    scenario: str
    results: tuple[CaseResult, ...] = ()
    error: str | None = None  # the plan or its scenario did not load
    uncovered: Coverage = NO_COVERAGE  # by no case
    dead: Coverage = NO_COVERAGE  # by no case and no path the analyser explores
    total: Coverage = NO_COVERAGE

    @property
    def ok(self) -> bool:
        return self.error is None and all(r.ok for r in self.results)


def collect(paths: Sequence[str], default: Path) -> tuple[list[Path], list[tuple[str, Path]]]:
    """(test plans to run, [(scenario, expected plan path)] for scenarios with none)."""
    plans: list[Path] = []
    missing: list[tuple[str, Path]] = []
    for arg in paths or [str(default)]:
        path = Path(arg)
        if path.is_dir():
            from game.core.loader import scenario_paths

            plans += sorted(path.rglob(f"*{SUFFIX}"))
            missing += [(p.stem, plan_path_for(p)) for p in scenario_paths(path)
                        if not plan_path_for(p).is_file()]
        elif path.name.endswith(SUFFIX):
            if not path.is_file():
                raise UsageError(f"no test plan file '{arg}'")
            plans.append(path)
        else:
            from game.core.loader import resolve_scenario

            plan = plan_path_for(resolve_scenario(arg))
            if plan.is_file():
                plans.append(plan)
            else:
                missing.append((str(arg), plan))
    seen: set[Path] = set()
    unique = [p for p in plans if not (p.resolve() in seen or seen.add(p.resolve()))]
    return unique, missing


def run_plan(path: Path) -> PlanReport:
    try:
        plan = load_plan(path)
        context = load_context(plan.scenario)
    except UserError as err:
        return PlanReport(path, path.name.removesuffix(SUFFIX), error=str(err))
    problems = _mismatches(plan, context)
    if problems:
        return PlanReport(path, context.scenario.id, error=problems[0])
    results = tuple(run_case(context, case) for case in plan.cases)
    total = scenario_items(context.scenario)
    by_cases = NO_COVERAGE
    for result in results:
        by_cases = by_cases | covered_by(context.scenario, result.taken)
    uncovered = total - by_cases
    dead = uncovered - explored_coverage(context) if not uncovered.empty else NO_COVERAGE
    return PlanReport(path, context.scenario.id, results, None, uncovered, dead, total)


def _mismatches(plan: TestPlan, context: Context) -> list[str]:
    """Expectations naming what the scenario or catalogue does not have."""
    scenario, problems = context.scenario, []
    for case in plan.cases:
        where = f"{plan.path}: case {case.name!r}"
        named = [("ending", case.expect.ending, scenario.endings)]
        named += [("trait", t, context.catalogue.by_id) for t in case.expect.traits]
        named += [("meter", m, METERS) for m in case.expect.state]
        named += [("node", n, scenario.nodes) for n in case.expect.path or ()]
        for what, name, known in named:
            if name is not None and name not in known:
                close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(f"{where}: no {what} '{name}' in {scenario.id}{hint}")
    return problems


def reached_ids(context: Context) -> set[str]:
    """Nodes and endings some path of the analyser reaches (conditions honoured)."""
    return _analysed(context)[0]


def explored_coverage(context: Context) -> Coverage:
    """What the paths `analyze` explores exercise: every choice and timeout it takes."""
    return covered_by(context.scenario, _analysed(context)[1])


def _analysed(context: Context) -> tuple[set[str], set[tuple[str, str]]]:
    """(nodes and endings reached, (node, choice) steps taken) over the analyser's paths."""
    from game.core.analysis import Explorer

    found = Explorer(context.scenario, context.catalogue, context.rules).walk()
    return set(found.reached), set(found.taken)
