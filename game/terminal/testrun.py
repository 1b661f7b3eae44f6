"""Running test plans through the runtime, and what they leave unexercised.

Each case is a fresh Session played with the case's answers (numbers in authored
order, choice ids or ``timeout``) at zero response time, then checked against the
case's expectations. Coverage counts the nodes, choices (and timeouts) and traits
the cases went through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from game.core.errors import SessionError
from game.core.model import Node, Scenario
from game.terminal.testplan import TIMEOUT, Case
from game.terminal.tools import Context

__all__ = ["NO_COVERAGE", "CaseResult", "Coverage", "covered_by", "run_case", "scenario_items"]


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    failures: tuple[str, ...]
    path: tuple[str, ...]  # nodes visited, in order, then the ending (if reached)
    taken: tuple[tuple[str, str], ...]  # (node, choice id or "timeout")
    ending: str | None = None
    outcome: str | None = None
    overall: float | None = None
    passed: bool | None = None
    traits: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass(frozen=True, slots=True)
class Coverage:
    """Items of a scenario: nodes, ``node.choice`` ids (``node.timeout`` too), traits."""

    nodes: frozenset[str] = frozenset()
    choices: frozenset[str] = frozenset()
    traits: frozenset[str] = frozenset()

    def __or__(self, other: Coverage) -> Coverage:
        return Coverage(self.nodes | other.nodes, self.choices | other.choices,
                        self.traits | other.traits)

    def __sub__(self, other: Coverage) -> Coverage:
        return Coverage(self.nodes - other.nodes, self.choices - other.choices,
                        self.traits - other.traits)

    @property
    def empty(self) -> bool:
        return not (self.nodes or self.choices or self.traits)


NO_COVERAGE = Coverage()


def scenario_items(scenario: Scenario) -> Coverage:
    """Everything a scenario offers to be exercised."""
    choices, traits = set(), set()
    for node in scenario.nodes.values():
        for choice in node.choices:
            choices.add(f"{node.id}.{choice.id}")
            traits.update(e.trait for e in choice.evidence)
        if node.timeout is not None:
            choices.add(f"{node.id}.{TIMEOUT}")
            traits.update(e.trait for e in node.timeout.evidence)
    for rule in scenario.rules:
        traits.update(rule.traits)
    return Coverage(frozenset(scenario.nodes), frozenset(choices), frozenset(traits))


def covered_by(scenario: Scenario, taken: Iterable[tuple[str, str]]) -> Coverage:
    """What a list of (node, choice) steps exercised."""
    nodes, choices, traits = set(), set(), set()
    for node_id, choice_id in taken:
        node = scenario.nodes[node_id]
        nodes.add(node_id)
        choices.add(f"{node_id}.{choice_id}")
        path = node.timeout if choice_id == TIMEOUT else \
            next((c for c in node.choices if c.id == choice_id), None)
        if path is not None:
            traits.update(e.trait for e in path.evidence)
    return Coverage(frozenset(nodes), frozenset(choices), frozenset(traits))


def _step_choice(node: Node, step: int | str, number: int) -> str:
    """The choice id a case's step names at ``node``; SessionError if it names none."""
    if step == TIMEOUT:
        return TIMEOUT
    if isinstance(step, int):
        if not 1 <= step <= len(node.choices):
            raise SessionError(f"step {number}: node '{node.id}' has {len(node.choices)} "
                               f"choices, there is no choice {step}")
        return node.choices[step - 1].id
    ids = [c.id for c in node.choices]
    if step not in ids:
        raise SessionError(f"step {number}: node '{node.id}' has no choice '{step}' "
                           f"(its choices: {', '.join(ids)})")
    return step


def run_case(context: Context, case: Case) -> CaseResult:
    from game.core.runtime import Session, Status

    scenario = context.scenario
    session = Session(scenario, context.catalogue, context.rules, seed=case.seed,
                      mode=case.mode, trainee="test-plan", lang="en")
    path: list[str] = []
    taken: list[tuple[str, str]] = []
    failure = None
    try:
        for number, step in enumerate(case.choices, start=1):
            if session.status != Status.AWAITING_CHOICE:
                failure = (f"the session ended after {number - 1} choices; "
                           f"{len(case.choices) - number + 1} left over")
                break
            view = session.view()
            node = scenario.nodes[view.node]
            path.append(node.id)
            choice_id = _step_choice(node, step, number)
            taken.append((node.id, choice_id))
            _play(session, view, node, choice_id, number)
        else:
            if session.status == Status.AWAITING_CHOICE:
                failure = (f"the choices ran out at node '{session.view().node}' after "
                           f"{len(case.choices)} choices; the session did not end")
    except SessionError as err:
        failure = str(err)
    if session.status != Status.ENDED:
        return CaseResult(case, (failure or "the session did not end",), tuple(path),
                          tuple(taken))
    result = session.result()
    traits = {t.trait: t.score for t in result.traits if t.score is not None}
    done = CaseResult(case, (), (*path, result.ending.id), tuple(taken), result.ending.id,
                      str(result.outcome), result.overall, result.passed, traits)
    failures = ([failure] if failure else []) + check(done, session.state)
    return CaseResult(case, tuple(failures), done.path, done.taken, done.ending, done.outcome,
                      done.overall, done.passed, traits)


def _play(session, view, node: Node, choice_id: str, number: int) -> None:
    if choice_id == TIMEOUT:
        if node.timeout is None:
            raise SessionError(f"step {number}: node '{node.id}' has no time limit; "
                               "it cannot time out")
        session.timeout()
        return
    shown = [c.id for c in view.choices]
    if choice_id not in shown:
        written = next(c for c in node.choices if c.id == choice_id)
        why = f" (when: {written.when.source})" if written.when else ""
        raise SessionError(f"step {number}: choice '{choice_id}' is not open at node "
                           f"'{node.id}' at this point{why}")
    session.choose(shown.index(choice_id), response_time=0.0)


def check(result: CaseResult, state) -> list[str]:
    """What differs from the case's expectations, one line each."""
    expect, failures = result.case.expect, []
    if expect.ending is not None and expect.ending != result.ending:
        failures.append(f"expected ending '{expect.ending}', got '{result.ending}'")
    if expect.outcome is not None and expect.outcome != result.outcome:
        failures.append(f"expected outcome {expect.outcome}, got {result.outcome}")
    if expect.path is not None and tuple(expect.path) != result.path[:-1]:
        failures.append(f"expected path {' -> '.join(expect.path)}, "
                        f"got {' -> '.join(result.path[:-1])}")
    if expect.overall is not None and not expect.overall.holds(result.overall):
        failures.append(f"expected overall {expect.overall}, got {result.overall:.1f}")
    if expect.passed is not None and expect.passed != result.passed:
        failures.append(f"expected passed: {str(expect.passed).lower()}, "
                        f"got {str(result.passed).lower()}")
    for trait, comparison in expect.traits.items():
        actual = result.traits.get(trait)
        if not comparison.holds(actual):
            shown = "no score (never shown)" if actual is None else f"{actual:.1f}"
            failures.append(f"expected trait {trait} {comparison}, got {shown}")
    for meter, comparison in expect.state.items():
        actual = state.meters.get(meter)
        if not comparison.holds(actual):
            failures.append(f"expected {meter} {comparison}, got "
                            f"{'nothing' if actual is None else f'{actual:.1f}'}")
    return failures
