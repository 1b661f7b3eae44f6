"""Turning what the runtime reports into the plain values a screen shows.

The only module of terminal play that knows the shape of the runtime's views,
outcomes and results; the screens never see a runtime object.
"""

from __future__ import annotations

from game.core.i18n import Translator
from game.core.model import Scenario, Speaker, TraitCatalogue
from game.terminal.screen import DebriefView, Decision, Meter

__all__ = ["debrief_view", "feedback_parts", "meters", "speaker_label", "trait_name"]

_METERS = ("trust", "commitment", "mood", "reputation")


def speaker_label(view, scenario: Scenario, t: Translator) -> str:
    if view.speaker == Speaker.CLIENT:
        return t("play.speaker.client", name=scenario.persona.name)
    return t(f"play.speaker.{view.speaker}")


def meters(state, scenario: Scenario, t: Translator) -> list[Meter]:
    """The relationship meters; reach only where a post can spread."""
    shown: list[Meter] = [(t(f"play.meter.{name}"), state.meters[name], True)
                          for name in _METERS]
    if scenario.escalation is not None or state.meters.get("reach", 0):
        shown.append((t("play.meter.reach"), state.meters["reach"], False))
    return shown


def trait_name(trait_id: str, catalogue: TraitCatalogue | None, lang: str) -> str:
    return catalogue.name(trait_id, lang) if catalogue is not None else trait_id


def _bar_name(trait_id: str, catalogue: TraitCatalogue | None, lang: str) -> str:
    """A debrief line reads "higher is better": a bad trait's score measures avoiding it."""
    name = trait_name(trait_id, catalogue, lang)
    if catalogue is not None and catalogue.is_bad(trait_id):
        return Translator("terminal", lang)("debrief.avoiding", name=name)
    return name


def _evidence_name(line, catalogue: TraitCatalogue | None, lang: str, t: Translator) -> str:
    """A trait's name; "(avoided)" when the answer went against a bad trait, so a plus
    next to "Over-familiarity" does not read as over-familiarity being rewarded."""
    name = trait_name(line.trait, catalogue, lang)
    return t("play.trait_avoided", name=name) if line.polarity < 0 and line.strength < 0 \
        else name


def feedback_parts(outcome, catalogue: TraitCatalogue | None,
                   lang: str) -> tuple[list[str], list[str], list[str], float]:
    """(feedback lines, traits shown with their merit, rule explanations, total merit).

    All empty in assessment mode: the runtime holds the teaching back until the end.
    """
    lines = [text.get(lang) for text in outcome.feedback]
    t = Translator("terminal", lang)
    traits = [f"{_evidence_name(line, catalogue, lang, t)} {line.merit:+.1f}"
              for line in outcome.evidence]
    rules = [text.get(lang) for text in outcome.explanations]
    return lines, traits, rules, sum(line.merit for line in outcome.evidence)


def debrief_view(result, catalogue: TraitCatalogue | None, lang: str) -> DebriefView:
    """The debrief of an ended session (``Session.result()``) as plain values."""
    traits = tuple((_bar_name(t.trait, catalogue, lang), t.score) for t in result.traits
                   if t.score is not None)
    decisions = tuple(_decision(d, lang) for d in result.decisions)
    notes = [n for d in result.decisions for n in d.rules] + list(result.end_rules)
    rules = tuple(dict.fromkeys(n.explain.get(lang) for n in notes))
    return DebriefView(result.ending.title.get(lang), str(result.outcome),
                       result.ending.text.get(lang), result.overall, result.pass_score,
                       result.passed, traits, decisions, rules)


def _decision(d, lang: str) -> Decision:
    best = d.best
    return Decision(
        node=d.node,
        chosen=d.text.get(lang) if d.text is not None else None,
        merit=d.merit,
        best=best.text.get(lang) if best is not None else None,
        best_merit=best.merit if best is not None else d.merit,
        feedback=d.feedback.get(lang) if d.feedback is not None else None,
        best_feedback=best.feedback.get(lang) if best is not None and best.feedback else None,
        slow_note=d.slow_note.get(lang) if getattr(d, "slow_note", None) else None,
    )
