"""What the debrief shows, taken from the runtime's ``Result`` (no pygame here).

Every figure (overall, pass/fail, trait scores, each decision's evidence, the rules
that fired, the best alternative) is the runtime's; this module only picks the
texts in the player's language and orders the trait bars for reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core.i18n import Translator
from game.core.model import TraitCatalogue


@dataclass(frozen=True)
class TraitBar:
    trait: str
    name: str
    score: float  # 0-100, higher is better for good and bad traits alike
    good: bool  # the trait's polarity


@dataclass(frozen=True)
class DecisionRow:
    number: int
    node: str
    said: str  # what was said at that node
    chose: str | None  # None: time ran out
    shown: tuple[tuple[str, float], ...]  # (trait name, merit): + helped, - hurt
    rules: tuple[str, ...]  # explanations of the rules that fired
    best: str | None  # the better answer that was open; None when the answer was the best
    response_time: float


@dataclass(frozen=True)
class Debrief:
    overall: float
    passed: bool
    pass_score: float
    ending_title: str
    outcome: str
    traits: tuple[TraitBar, ...]
    decisions: tuple[DecisionRow, ...]


def signed(value: float, decimal: str = ".") -> str:
    """+4.5 / -2,6: a merit with its sign, in the player's decimal style."""
    return f"{value:+g}".replace(".", decimal)


def shown_label(catalogue: TraitCatalogue, trait_id: str, merit: float, lang: str) -> str:
    """A trait as the trainee reads it: resisting a bad trait says so ("...: avoided")."""
    name = catalogue.name(trait_id, lang)
    if catalogue.is_bad(trait_id) and merit > 0:
        return Translator("ui", lang)("trait.avoided", trait=name)
    return name


def merits_by_trait(lines: Any, catalogue: TraitCatalogue,
                    lang: str) -> tuple[tuple[str, float], ...]:
    """(trait label, summed merit) in first-seen order, dropping what rounds to zero.
    A positive merit always helped the relationship, a negative one hurt it."""
    merits: dict[str, float] = {}
    for line in lines:
        merits[line.trait] = merits.get(line.trait, 0.0) + line.merit
    return tuple((shown_label(catalogue, t, m, lang), round(m, 1))
                 for t, m in merits.items() if abs(m) >= 0.05)


def decision_row(decision: Any, catalogue: TraitCatalogue, lang: str) -> DecisionRow:
    rules = tuple(dict.fromkeys(note.explain.get(lang) for note in decision.rules))
    slow = getattr(decision, "slow_note", None)
    if slow is not None:  # "Right answer, but slow: responsiveness -1.0, 14 s after..."
        rules = (slow.get(lang), *rules)
    best = decision.best.text.get(lang) if decision.best is not None else None
    return DecisionRow(decision.number, decision.node, decision.prompt.get(lang),
                       decision.text.get(lang) if decision.text is not None else None,
                       merits_by_trait(decision.evidence, catalogue, lang), rules, best,
                       float(decision.response_time))


def build_debrief(result: Any, catalogue: TraitCatalogue, lang: str) -> Debrief:
    bars = []
    for trait in result.traits:
        if trait.score is None:
            continue
        bars.append(TraitBar(trait.trait, catalogue.name(trait.trait, lang),
                             float(trait.score), not catalogue.is_bad(trait.trait)))
    bars.sort(key=lambda b: (b.score, b.name))  # weakest first: what to talk about
    return Debrief(float(result.overall), bool(result.passed), float(result.pass_score),
                   result.ending.title.get(lang), str(result.outcome), tuple(bars),
                   tuple(decision_row(d, catalogue, lang) for d in result.decisions))
