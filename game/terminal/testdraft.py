"""A first test plan for a scenario, drafted from its paths (`test-scenarios --draft`).

Every run from the start is walked with the exploration API (``Explorer.runs``, the
runtime's own steps, conditions honoured); the draft keeps the best run, the worst run, and
then, greedily, runs that play some answer (or timeout) not yet played, until every
one is. Each case's expectations are what the runtime actually produced, loose
enough (">= 95", "< pass score") to survive a reworded line. The trainer then
renames the cases and sharpens what matters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.core.errors import UserError
from game.core.model import Polarity
from game.core.outfile import write_text
from game.terminal.testplan import TIMEOUT, Case, Expectations
from game.terminal.testrun import CaseResult, run_case, scenario_items
from game.terminal.tools import Context

__all__ = ["draft_plan", "shown_path", "write_draft"]

MAX_RUNS = 20_000  # complete runs walked; the draft covers what they reach
MAX_DEPTH = 60


@dataclass(frozen=True, slots=True)
class _Run:
    steps: tuple[tuple[str, str], ...]  # (node, choice id or "timeout")
    overall: float
    ending: str


def _runs(context: Context) -> list[_Run]:
    from game.core.analysis import Explorer

    ex = Explorer(context.scenario, context.catalogue, context.rules)
    return [_Run(tuple((s.node, s.choice or TIMEOUT) for s in steps), final.overall, final.node)
            for steps, final in ex.runs(MAX_RUNS, MAX_DEPTH)]


def _pick(context: Context, runs: list[_Run]) -> list[tuple[str, _Run, list[str]]]:
    """(kind, run, answers it is the first to play) for best, worst and the cover."""
    outcome = {e.id: e.outcome for e in context.scenario.endings.values()}
    best = max(runs, key=lambda r: (r.overall, -len(r.steps)))
    worst = min(runs, key=lambda r: (r.overall, outcome[r.ending] != "failure", len(r.steps)))
    picked = [("best", best, []), ("worst", worst, [])]
    covered = {f"{n}.{c}" for _, run, _ in picked for n, c in run.steps}
    missing = set(scenario_items(context.scenario).choices) - covered
    while missing:
        run = max(runs, key=lambda r: len({f"{n}.{c}" for n, c in r.steps} & missing))
        gained = {f"{n}.{c}" for n, c in run.steps} & missing
        if not gained:
            break  # what is left no run reaches (test-scenarios reports it)
        picked.append(("cover", run, sorted(item.partition(".")[2] for item in gained)))
        missing -= gained
    return picked


def _case_text(name: str, result: CaseResult, kind: str, context: Context) -> str:
    polarity = {t.id: t.polarity for t in context.catalogue.traits}
    scores = sorted(result.traits.items(), key=lambda kv: (kv[1], kv[0]))
    pass_score = f"{context.scenario.pass_score:g}"
    lines = [f"  - name: {name}",
             f"    choices: [{', '.join(c for _, c in result.taken)}]",
             "    expect:",
             f"      ending: {result.ending}",
             f"      outcome: {result.outcome}"]
    if result.passed:
        strong = [t for t, v in reversed(scores) if v >= 99 and polarity.get(t) == Polarity.GOOD]
        lines += ['      overall: ">= 95"' if kind == "best" else
                  f'      overall: ">= {pass_score}"', "      passed: true"]
        traits = {t: '">= 90"' for t in strong[:2]}
    else:
        weak = [t for t, v in scores if v <= 1 and polarity.get(t) == Polarity.BAD]
        lines += [f'      overall: "< {pass_score}"', "      passed: false"]
        traits = {t: '"<= 10"' for t in weak[:2]}
    if traits:
        lines.append("      traits: {" + ", ".join(f"{t}: {v}" for t, v in traits.items()) + "}")
    return "\n".join(lines)


def draft_plan(context: Context, path: Path) -> str:
    """The YAML text of a draft test plan for the context's scenario, to be saved at
    ``path``."""
    scenario = context.scenario
    runs = _runs(context)
    if not runs:
        raise UserError(f"{scenario.id}: no run from the start reaches an ending; "
                        "fix the scenario first (python main.py analyze)")
    out = [f'# Test plan for {scenario.id}.yaml ("{scenario.title.en}").',
           f"# Run it with: python main.py test-scenarios {shown_path(path)}",
           "# Choices are choice ids (or numbers in written order, or `timeout`).",
           f"scenario: {scenario.id}", "cases:"]
    names: set[str] = set()
    for number, (kind, run, gained) in enumerate(_pick(context, runs)):
        case = Case("draft", tuple(c for _, c in run.steps), Expectations())
        result = run_case(context, case)
        if kind == "best":
            name = f"the best answer every time reaches {result.ending} with full marks"
        elif kind == "worst":
            name = f"the worst answers end in {result.ending}"
        else:
            shown = ", ".join(gained[:3]) + (" ..." if len(gained) > 3 else "")
            name = f"also playing {shown} ends in {result.ending}"
        while name in names:
            name += " again"
        names.add(name)
        if number == 2:
            out.append("  # The cases below play every remaining answer (and timeout) at least "
                       "once.")
        out.append(_case_text(name, result, kind, context))
    return "\n".join(out) + "\n"


def shown_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def write_draft(context: Context, path: Path) -> int:
    """Write the draft to ``path`` (never over an existing file); the number of cases."""
    if path.exists():
        raise UserError(f"{path} already exists; remove it first to draft a new plan")
    text = draft_plan(context, path)
    write_text(path, text, exclusive=True)
    return text.count("\n  - name: ")
