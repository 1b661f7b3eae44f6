"""How an answer's evidence is worded in the practice feedback."""

from game.core.rules.scoring import MeritLine
from game.core.runtime import ChoiceOutcome
from game.terminal.runview import feedback_parts
from game.terminal.tools import load_context


def outcome_with(*lines: MeritLine) -> ChoiceOutcome:
    return ChoiceOutcome("n", "c", False, "end", True, None, evidence=lines)


def line(trait: str, strength: int, polarity: int) -> MeritLine:
    return MeritLine(trait, strength, polarity, 1.0, 1.0, strength * polarity)


def test_avoiding_a_bad_trait_is_said_so_and_showing_one_costs():
    catalogue = load_context("phone_complaint").catalogue
    _, traits, _, merit = feedback_parts(
        outcome_with(line("over_familiarity", -2, -1), line("courtesy", 1, 1),
                     line("bad_etiquette", 1, -1)), catalogue, "en")
    name = {t: catalogue[t].name.en for t in ("over_familiarity", "courtesy", "bad_etiquette")}
    assert traits == [f"{name['over_familiarity']} (avoided) +2.0",
                      f"{name['courtesy']} +1.0", f"{name['bad_etiquette']} -1.0"]
    assert merit == 2.0
    _, traits_it, _, _ = feedback_parts(outcome_with(line("over_familiarity", -2, -1)),
                                        catalogue, "it")
    assert traits_it[0].endswith("(evitato) +2.0")
