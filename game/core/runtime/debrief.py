"""The debrief: every number of a finished session with the parts it is made of.

For each decision: what was chosen, the evidence and its merit, the rules that
fired and why, the feedback, and the best alternative that was open (with its
feedback, which says why it is better). Trait scores list every contribution;
the overall score lists what each decision earned out of what it offered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from game.core.model import Choice, Ending, Outcome, Text
from game.core.rules.engine import Firing
from game.core.rules.scoring import MeritLine, passes
from game.core.runtime.state import State, trait_score
from game.core.runtime.step import Setup, Step
from game.core.runtime.views import slow_note


@dataclass(frozen=True, slots=True)
class Contribution:
    """A part of a trait score: ``merit`` from a choice's evidence or a rule."""

    decision: int  # 1-based; the last decision's number for end rules
    source: str  # "node.choice", "node.timeout" or "rule:<id>"
    trait: str
    merit: float
    why: Text | None = None


@dataclass(frozen=True, slots=True)
class ScorePart:
    """A part of the overall score: ``overall = 100 × Σ earned / Σ available``
    (see rules/scoring.py: a decision's credit, an end rule's credit)."""

    decision: int
    source: str  # "node.choice", "node.timeout" or "rule:<id>" (tick and end rules)
    earned: float
    available: float


@dataclass(frozen=True, slots=True)
class TraitResult:
    trait: str
    score: float | None
    positive: float
    negative: float
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True, slots=True)
class RuleNote:
    rule: str
    scope: str
    explain: Text
    source: str | None
    times: int = 1


@dataclass(frozen=True, slots=True)
class Alternative:
    choice: str
    text: Text
    merit: float
    feedback: Text | None


@dataclass(frozen=True, slots=True)
class Decision:
    number: int
    node: str
    prompt: Text
    choice: str | None  # None: the time ran out
    text: Text | None  # the chosen answer
    timed_out: bool
    response_time: float
    slow: bool
    evidence: tuple[MeritLine, ...]
    rules: tuple[RuleNote, ...]
    feedback: Text | None
    merit: float
    earned: float  # this decision's part of the overall score (see rules/scoring.py)
    available: float
    best: Alternative | None  # None when the answer given was (one of) the best
    late: float = 0.0  # seconds after the text could have been read
    slow_cost: float = 0.0  # the responsiveness merit a slow answer cost (negative)
    #: "Right answer, but slow: responsiveness -1.0, 14 s after you could have
    #: answered" (or "Slow: ..."), for the debrief; None when not slow.
    slow_note: Text | None = None

    @property
    def lost(self) -> float:
        """Points this decision cost against the best answer open here."""
        return max(0.0, self.available - self.earned)


@dataclass(frozen=True, slots=True)
class Result:
    scenario: str
    ending: Ending
    outcome: Outcome
    overall: float
    passed: bool
    pass_score: float
    earned: float
    available: float
    traits: tuple[TraitResult, ...]  # weakest first; traits without evidence left out
    decisions: tuple[Decision, ...]
    end_rules: tuple[RuleNote, ...]
    mode: str
    timing: str
    score_parts: tuple[ScorePart, ...] = ()  # what makes up earned and available
    critical: tuple[str, ...] = ()  # critical traits shown: the session fails on them alone

    def trait(self, trait_id: str) -> TraitResult | None:
        return next((t for t in self.traits if t.trait == trait_id), None)


def in_form(result: Result, form: str) -> Result:
    """The result with every line the trainee reads in the form they chose."""
    def alt(a: Alternative | None) -> Alternative | None:
        return None if a is None else replace(a, text=a.text.for_form(form),
                                              feedback=_form(a.feedback, form))

    decisions = tuple(replace(d, prompt=d.prompt.for_form(form), text=_form(d.text, form),
                              feedback=_form(d.feedback, form), best=alt(d.best),
                              rules=tuple(replace(n, explain=n.explain.for_form(form))
                                          for n in d.rules))
                      for d in result.decisions)
    ending = replace(result.ending, title=result.ending.title.for_form(form),
                     text=result.ending.text.for_form(form))
    return replace(result, decisions=decisions, ending=ending,
                   end_rules=tuple(replace(n, explain=n.explain.for_form(form))
                                   for n in result.end_rules))


def _form(text: Text | None, form: str) -> Text | None:
    return None if text is None else text.for_form(form)


def build_result(setup: Setup, steps: Sequence[Step], state: State, mode: str,
                 timing: str) -> Result:
    scenario = setup.scenario
    decisions = tuple(_decision(setup, n, s) for n, s in enumerate(steps, start=1))
    last = steps[-1]
    ending = scenario.endings[last.next]
    overall = state.overall
    critical = tuple(sorted(state.critical))
    return Result(scenario.id, ending, ending.outcome, overall,
                  passes(overall, scenario.pass_score, critical),
                  scenario.pass_score, state.earned, state.available,
                  _traits(setup, steps), decisions, _notes(last.end_firings), str(mode),
                  str(timing), _score_parts(steps), critical)


def _score_parts(steps: Sequence[Step]) -> tuple[ScorePart, ...]:
    """One part per decision (escalation while deciding is inside its credit), then
    one per end rule (a bonus earned and at stake, a penalty at stake)."""
    parts = []
    for n, s in enumerate(steps, start=1):
        parts.append(ScorePart(n, f"{s.node}.{s.choice or 'timeout'}", s.earned, s.available))
        sums: dict[str, float] = {}
        for p in s.end_points:
            sums[p.rule] = sums.get(p.rule, 0.0) + p.merit
        for rule, merit in sums.items():
            parts.append(ScorePart(n, f"rule:{rule}", max(0.0, merit), abs(merit)))
    return tuple(parts)


def _decision(setup: Setup, number: int, s: Step) -> Decision:
    node = setup.scenario.nodes[s.node]
    by_id = {c.id: c for c in node.choices}
    chosen: Choice | None = by_id.get(s.choice) if s.choice else None
    path = chosen if chosen is not None else node.timeout
    best = None
    if s.best is not None and s.best != s.choice:
        best_merit = dict(s.alternatives)[s.best]
        if best_merit > s.merit + 1e-9:
            alt = by_id[s.best]
            best = Alternative(alt.id, alt.text, best_merit, alt.feedback)
    slow_cost = s.evidence[-1].merit if s.slow and s.evidence else 0.0
    return Decision(number, node.id, node.text, s.choice, chosen.text if chosen else None,
                    s.choice is None, s.response_time, s.slow, s.evidence,
                    _notes(s.tick_firings + s.firings), path.feedback if path else None,
                    s.merit, s.earned, s.available, best, s.late, slow_cost,
                    slow_note(s) if s.slow else None)


def _notes(firings: tuple[Firing, ...]) -> tuple[RuleNote, ...]:
    notes: dict[str, RuleNote] = {}
    for f in firings:
        old = notes.get(f.rule)
        notes[f.rule] = RuleNote(f.rule, f.scope, f.explain, f.source,
                                 1 if old is None else old.times + 1)
    return tuple(notes.values())


def _traits(setup: Setup, steps: Sequence[Step]) -> tuple[TraitResult, ...]:
    explain = {r.id: r.explain for r in setup.book.rules}
    parts: dict[str, list[Contribution]] = {}
    for n, s in enumerate(steps, start=1):
        source = f"{s.node}.{s.choice or 'timeout'}"
        for line in s.evidence:
            parts.setdefault(line.trait, []).append(Contribution(n, source, line.trait,
                                                                 line.merit))
        for p in (*s.tick_points, *s.points, *s.end_points):
            parts.setdefault(p.trait, []).append(
                Contribution(n, f"rule:{p.rule}", p.trait, p.merit, explain.get(p.rule)))
    out = []
    for trait, items in parts.items():
        pos = sum(c.merit for c in items if c.merit > 0)
        neg = sum(c.merit for c in items if c.merit < 0)
        out.append(TraitResult(trait, trait_score(pos, neg), pos, neg, tuple(items)))
    scored = [t for t in out if t.score is not None]
    return tuple(sorted(scored, key=lambda t: (t.score, t.trait)))
