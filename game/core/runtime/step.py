"""The pure transitions of a session: state in, state and a record of why out.

Session drives these for one trainee; the analyser drives them for every path.
Nothing here measures time: the caller says how long the player took.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from game.core.model import PICK_ENDING, Choice, Evidence, Node, Scenario, TraitCatalogue
from game.core.rules.conditions import CompiledCondition, compile_condition
from game.core.rules.engine import Firing, RuleBook, flatten_rules
from game.core.rules.scoring import (
    EPS,
    MeritLine,
    PointLine,
    critical_shown,
    decision_credit,
    end_credit,
    polarities,
    rule_points,
    total,
    value_evidence,
)
from game.core.runtime.context import EvalContext, Static
from game.core.runtime.draft import Draft
from game.core.runtime.state import State, frozen

#: Scenario seconds a decision counts for when time limits are off: escalation still
#: advances per decision, at a steady pace, but never with the player's real time.
OFF_PACE = 5.0
#: At most this many escalation seconds are processed for one decision.
MAX_TICKS = 900
#: Scenario time is kept to the microsecond. Answer times come as floats (the window
#: sums its frames and rounds to 0.01 s) less a reading time, and their float sum
#: drifts: thirty 0.1 s frames after a 29.8 s reading make 2.9999999999999964 s.
#: Rounded at every step, three seconds are 3.0, for the ticks and for
#: ``state.elapsed`` in conditions alike, however many decisions came before.
TIME_DIGITS = 6
SLOW = Evidence("responsiveness", -1)


#: Silent reading rates (words per minute) the responsiveness clock waits for: a
#: trainee is never "slow" while the text on screen could not have been read yet.
#: Round figures near adult silent-reading speed, lower for the languages whose
#: words are longer (see docs/design.md, "Reading is not slowness").
READING_WPM: Mapping[str, float] = {"en": 230.0, "it": 200.0, "pl": 180.0}
#: Seconds to take in a new screen before reading starts.
ORIENTATION = 1.0


@dataclass(frozen=True, slots=True)
class Setup:
    """Everything fixed for a session: the scenario, its compiled rules, time factor."""

    scenario: Scenario
    book: RuleBook
    static: Static
    polarity: Mapping[str, int]
    factor: float | None  # time-limit multiplier; None when limits are off
    stop_when: CompiledCondition | None
    traits: frozenset[str] | None
    lang: str = "en"
    critical: frozenset[str] = frozenset()  # traits whose display fails the session

    @classmethod
    def build(cls, scenario: Scenario, catalogue: TraitCatalogue | None, rules: object,
              factor: float | None = 1.0, lang: str = "en") -> Setup:
        book, static, polarity, stop, traits, critical = _compiled(scenario, catalogue, rules)
        return cls(scenario, book, static, polarity, factor, stop, traits,
                   lang if lang in READING_WPM else "en", critical)

    def limit(self, node: Node) -> float | None:
        """The node's time limit as this session applies it (None: no limit)."""
        if node.time_limit is None or self.factor is None:
            return None
        return node.time_limit * self.factor

    def reading(self, node: Node, shown: tuple[Choice, ...]) -> float:
        """Seconds the words on screen (the node's text and every answer shown) take to
        read at this language's rate: the responsiveness clock starts after them."""
        lang = self.lang
        words = len(node.text.get(lang).split()) + sum(len(c.text.get(lang).split())
                                                        for c in shown)
        return round(ORIENTATION + 60.0 * words / READING_WPM[lang], 2)

    def condition(self, cond) -> CompiledCondition:
        compiled = cond.compiled
        if isinstance(compiled, CompiledCondition):
            return compiled
        return compile_condition(cond.source, traits=self.traits)


#: Compiled rule books by (scenario, catalogue, rules) identity: building one takes
#: most of a millisecond, and the analyser, the test runner and a class replaying a
#: log make thousands of sessions of the same few scenarios. The key objects are
#: kept in the value, so an id is never reused while its entry lives.
_BOOKS: dict[tuple[int, int, int], tuple] = {}
_BOOKS_MAX = 64


def _compiled(scenario: Scenario, catalogue: TraitCatalogue | None, rules: object) -> tuple:
    key = (id(scenario), id(catalogue), id(rules))
    hit = _BOOKS.get(key)
    if hit is not None and hit[0] is scenario and hit[1] is catalogue and hit[2] is rules:
        return hit[3]
    traits = frozenset(catalogue.by_id) if catalogue is not None else None
    polarity = polarities(catalogue)
    book = RuleBook((*flatten_rules(rules), *scenario.rules), scenario.persona, traits)
    persona = scenario.persona
    critical = catalogue.critical() if catalogue is not None else frozenset()
    static = Static(scenario.channel.value, scenario.encounter.value, persona.name,
                    persona.temperament.en, persona.weights, polarity,
                    float(scenario.pass_score))
    esc = scenario.escalation
    stop = None
    if esc is not None:
        stop = esc.stop_when.compiled
        if not isinstance(stop, CompiledCondition):
            stop = compile_condition(esc.stop_when.source, traits=traits)
    value = (book, static, polarity, stop, traits, critical)
    if len(_BOOKS) >= _BOOKS_MAX:
        _BOOKS.pop(next(iter(_BOOKS)))
    _BOOKS[key] = (scenario, catalogue, rules, value)
    return value


class Step(NamedTuple):
    """What one decision (a choice or a timeout) did, with every number's parts.

    A named tuple (immutable like the rest, cheaper to build): the analyser makes
    one per explored transition.
    """

    node: str
    choice: str | None  # None: the time ran out
    response_time: float
    slow: bool
    evidence: tuple[MeritLine, ...]
    points: tuple[PointLine, ...]
    firings: tuple[Firing, ...]
    ticks: int
    tick_firings: tuple[Firing, ...]
    tick_points: tuple[PointLine, ...]
    merit: float
    alternatives: tuple[tuple[str, float], ...]  # every shown choice -> merit if chosen promptly
    best: str | None
    earned: float
    available: float
    next: str
    end_firings: tuple[Firing, ...]
    end_points: tuple[PointLine, ...]
    state: State
    reading: float = 0.0  # seconds the screen took to read (not counted as slowness)
    late: float = 0.0  # seconds after the text could have been read


def start(setup: Setup) -> State:
    initial = setup.scenario.initial
    meters = initial.as_meters()
    return State(setup.scenario.start, frozen(meters), visited=frozenset({setup.scenario.start}),
                 low=frozen(dict(meters)), high=frozen(dict(meters)),
                 flags=frozenset(initial.flags),
                 promises=frozen(dict.fromkeys(initial.promises, "made")))


def open_choices(setup: Setup, state: State) -> tuple[Choice, ...]:
    """The node's choices the player may take now (``when`` holds, one-shots unused)."""
    node = setup.scenario.nodes[state.node]
    ctx = None
    out = []
    for choice in node.choices:
        if choice.once and f"{node.id}.{choice.id}" in state.chosen:
            continue
        if choice.when is not None:
            ctx = ctx or EvalContext(setup.static, state, "choice", node=node.id)
            if not setup.condition(choice.when)(ctx):
                continue
        out.append(choice)
    return tuple(out)


def shuffled(choices: tuple[Choice, ...], seed: int, state: State) -> tuple[Choice, ...]:
    """The order shown: seeded per node and decision, so a replay shows the same order."""
    order = list(choices)
    random.Random(f"{seed}:{state.node}:{state.decisions}").shuffle(order)
    return tuple(order)


def advance(setup: Setup, d: Draft, seconds: float) -> tuple[int, list[Firing]]:
    """Let ``seconds`` of scenario time pass: escalation ticks and tick rules."""
    d.elapsed = round(d.elapsed + seconds, TIME_DIGITS)
    esc = setup.scenario.escalation
    target = min(int(d.elapsed), d.ticks + MAX_TICKS)  # whole seconds only
    if esc is None:
        d.ticks = max(d.ticks, target)
        return 0, []
    ticks, fired = 0, []
    while d.ticks < target:
        d.ticks += 1
        ctx = EvalContext(setup.static, d, "tick", node=d.node)  # type: ignore[arg-type]
        if setup.stop_when is not None and setup.stop_when(ctx):
            continue
        ticks += 1
        d.move("reach", esc.reach_per_second)
        d.move("reputation", -esc.reputation_per_1000 * esc.reach_per_second / 1000)
        if not setup.book.has("tick"):
            continue
        # Tick rules see the second's growth: "reach grows, and it costs".
        ctx = EvalContext(setup.static, d, "tick", node=d.node)  # type: ignore[arg-type]
        for firing in setup.book.fire("tick", ctx, d.fired):
            d.fire(firing)
            fired.append(firing)
    return ticks, fired


class Valuation(NamedTuple):
    """A choice valued in a given state: its merit and the parts it is made of."""

    choice: str
    merit: float
    firings: tuple[Firing, ...]
    lines: tuple[MeritLine, ...]
    points: tuple[PointLine, ...]


def value_choice(setup: Setup, d: Draft | State, node: str, choice: Choice,
                 response_time: float = 0.0) -> Valuation:
    """What ``choice`` is worth in ``d`` if answered (not slowly) after ``response_time``."""
    ctx = EvalContext(setup.static, d, "choice",  # type: ignore[arg-type]
                      evidence=_strengths(choice.evidence), tags=choice.tags, node=node,
                      choice=choice.id, response_time=response_time)
    firings = setup.book.fire("choice", ctx, d.fired)
    lines = value_evidence(choice.evidence, setup.polarity, setup.scenario.persona, firings)
    points = rule_points(firings)
    return Valuation(choice.id, total(lines) + total(points), firings, lines, points)


def seconds_for(setup: Setup, response_time: float) -> float:
    """Scenario seconds a response of ``response_time`` real seconds takes."""
    return OFF_PACE if setup.factor is None else response_time / setup.factor


def alternatives_at(setup: Setup, state: State, shown: tuple[Choice, ...],
                    response_time: float) -> tuple[Valuation, ...]:
    """Each shown choice valued as if taken after ``response_time`` (not slow)."""
    d = Draft(state)
    advance(setup, d, seconds_for(setup, response_time))
    return tuple(value_choice(setup, d, state.node, c, response_time) for c in shown)


def decide(setup: Setup, state: State, choice: Choice | None, response_time: float,
           shown: tuple[Choice, ...],
           valued: tuple[Valuation, ...] | None = None, reading: float = 0.0) -> Step:
    """The player answered ``choice`` after ``response_time`` real seconds (None: timeout),
    of which the first ``reading`` went on reading the screen.

    ``valued`` (``alternatives_at`` for the same state and answer time) may be given
    by a caller that expands every choice of a state, to value each choice once.
    """
    node = setup.scenario.nodes[state.node]
    d = Draft(state)
    timed_out = choice is None
    late = max(0.0, response_time - reading)
    if timed_out:
        assert node.timeout is not None and node.time_limit is not None
        seconds, slow, path = node.time_limit, False, node.timeout
    else:
        seconds = seconds_for(setup, late)
        slow = node.time_limit is not None and setup.factor is not None \
            and seconds > node.time_limit / 2
        path = choice
    ticks, tick_firings = advance(setup, d, seconds)
    evidence = (*path.evidence, SLOW) if slow else path.evidence
    mine = None if valued is None or timed_out or slow else \
        next((v for v in valued if v.choice == path.id), None)
    if mine is not None:
        firings, lines, points, merit = mine.firings, mine.lines, mine.points, mine.merit
    else:
        ctx = EvalContext(setup.static, d, "timeout" if timed_out else "choice",  # type: ignore
                          evidence=_strengths(evidence), tags=path.tags, node=node.id,
                          choice="" if timed_out else path.id, response_time=late,
                          timed_out=timed_out)
        firings = setup.book.fire("choice", ctx, d.fired)
        lines = value_evidence(evidence, setup.polarity, setup.scenario.persona, firings)
        points = rule_points(firings)
        merit = total(lines) + total(points)
    if valued is None:
        valued = tuple(Valuation(c.id, merit, firings, lines, points) if c is choice and not slow
                       else value_choice(setup, d, node.id, c, late) for c in shown)
    alternatives = tuple((v.choice, v.merit) for v in valued)
    best_id, best = max(alternatives, key=lambda a: a[1]) if alternatives else (None, merit)
    worst = min(a[1] for a in alternatives) if alternatives else merit
    tick_points = rule_points(tick_firings)
    credit = decision_credit(merit, best, worst, total(tick_points))
    d.earned += credit.earned
    d.available += credit.available
    if merit < best - EPS:  # a worse answer than the best open one (escalation aside)
        d.slips += 1
    shown_critical = critical_shown(lines, setup.critical)
    if shown_critical:
        d.critical = d.critical | frozenset(shown_critical)
    d.score(lines, points + tick_points)
    d.remember(node.id, None if timed_out else path.id, path.tags)
    d.apply(path.effects)
    for firing in firings:
        d.fire(firing)
    d.decisions += 1
    target = route(setup, d, path, node.id, "" if timed_out else path.id, evidence, late,
                   timed_out)
    d.enter(target)
    end_firings, end_points = finish(setup, d) if target in setup.scenario.endings \
        else ((), ())
    return Step(node.id, None if timed_out else path.id, response_time, slow, lines, points,
                firings, ticks, tuple(tick_firings), tick_points, merit, alternatives, best_id,
                credit.earned, credit.available, target, end_firings, end_points, d.freeze(),
                reading, late)


def route(setup: Setup, d: Draft, path, node: str, choice: str,
          evidence: tuple[Evidence, ...] = (), response_time: float = 0.0,
          timed_out: bool = False) -> str:
    """Where ``path`` leads now: its first branch whose ``when`` holds (read after the
    answer's effects), else its default; ``next: ending`` then picks the first ending
    whose ``when`` holds. Routing is not a decision: it scores nothing."""
    if not path.branches and path.next != PICK_ENDING:
        return path.next
    kind = "timeout" if timed_out else "choice"  # as the rules saw it (docs/authoring.md)
    ctx = EvalContext(setup.static, d, kind, evidence=_strengths(evidence),  # type: ignore
                      tags=path.tags, node=node, choice=choice,
                      response_time=response_time, timed_out=timed_out)
    target = next((b.next for b in path.branches if setup.condition(b.when)(ctx)), path.next)
    if target == PICK_ENDING:
        endings = tuple(setup.scenario.endings.values())
        target = next((e.id for e in endings
                       if e.when is None or setup.condition(e.when)(ctx)), endings[-1].id)
    return target


def finish(setup: Setup, d: Draft) -> tuple[tuple[Firing, ...], tuple[PointLine, ...]]:
    """The session reached an ending: rules over the whole history fire once."""
    ctx = EvalContext(setup.static, d, "end", node=d.node)  # type: ignore[arg-type]
    firings = setup.book.fire("end", ctx, d.fired)
    points = rule_points(firings)
    for firing in firings:
        d.fire(firing)
    d.score((), points)
    credit = end_credit(points)
    d.earned += credit.earned
    d.available += credit.available
    d.ended = True
    return firings, points


def _strengths(evidence: tuple[Evidence, ...]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in evidence:
        out[item.trait] = out.get(item.trait, 0) + item.strength
    return out
