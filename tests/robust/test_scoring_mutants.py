"""The scoring module's records as the score log stores them, with values worked out
by hand (these kill mutants mutmut left alive in game/core/rules/scoring.py: field
names the log, the chain and the reports read, and the defaults of a record)."""

from __future__ import annotations

from types import MappingProxyType

from game.core.rules.engine import Firing
from game.core.rules.scoring import MeritLine, PointLine, rule_points, total, value_evidence


def test_a_merit_line_is_stored_under_the_documented_names():
    line = MeritLine("courtesy", 2, 1, 1.5, 2.0, 6.0, ("double_courtesy",))
    assert line.to_dict() == {"trait": "courtesy", "strength": 2, "polarity": 1,
                              "weight": 1.5, "factor": 2.0, "merit": 6.0,
                              "rules": ["double_courtesy"]}
    assert MeritLine.from_dict(line.to_dict()) == line
    # events written before rules were recorded per line have no "rules"
    old = {"trait": "honesty", "strength": -1, "polarity": "1", "weight": 1.0,
           "factor": 1.0, "merit": -1.0}
    assert MeritLine.from_dict(old) == MeritLine("honesty", -1, 1, 1.0, 1.0, -1.0, ())
    assert MeritLine("t", 1, 1, 1.0, 1.0, 1.0).rules == ()


def test_a_rule_point_is_stored_under_the_documented_names():
    point = PointLine("calm_with_furious", "courtesy", 1.5)
    assert point.to_dict() == {"rule": "calm_with_furious", "trait": "courtesy", "merit": 1.5}
    assert PointLine.from_dict({"rule": "r", "trait": "t", "merit": -2.0}) == \
        PointLine("r", "t", -2.0)


def firing(rule: str, multiply: dict | None = None, points: dict | None = None) -> Firing:
    return Firing(rule, "choice", None, points=MappingProxyType(points or {}),  # type: ignore
                  multiply=MappingProxyType(multiply or {}))


class Persona:
    def __init__(self, weights: dict) -> None:
        self.weights = weights


class Evidence:
    def __init__(self, trait: str, strength: int) -> None:
        self.trait, self.strength = trait, strength


def test_evidence_is_valued_strength_by_polarity_by_weight_by_factors():
    polarity = {"courtesy": 1, "bad_etiquette": -1}
    persona = Persona({"courtesy": 1.5})
    lines = value_evidence([Evidence("courtesy", 2), Evidence("bad_etiquette", 2),
                            Evidence("unknown", 1)], polarity, persona)
    # courtesy 2 x +1 x 1.5 = 3; bad_etiquette 2 x -1 x 1 = -2; unknown counts as good: 1
    assert [(m.trait, m.polarity, m.weight, m.factor, m.merit, m.rules) for m in lines] == [
        ("courtesy", 1, 1.5, 1.0, 3.0, ()), ("bad_etiquette", -1, 1.0, 1.0, -2.0, ()),
        ("unknown", 1, 1.0, 1.0, 1.0, ())]
    assert total(lines) == 2.0


def test_rule_factors_multiply_and_name_their_rules():
    from game.core.rules.engine import ALL_BAD

    polarity = {"courtesy": 1, "bad_etiquette": -1}
    firings = (firing("double", {"courtesy": 2.0}), firing("harsh", {ALL_BAD: 3.0}),
               firing("half", {"courtesy": 0.5}))
    lines = value_evidence([Evidence("courtesy", 2), Evidence("bad_etiquette", 1)],
                           polarity, Persona({}), firings)
    # courtesy: 2 x 2 x 0.5 = 2 (the bad-only factor does not touch good evidence);
    # bad_etiquette: -1 x 3 = -3
    assert [(m.factor, m.merit, m.rules) for m in lines] == [
        (1.0, 2.0, ("double", "half")), (3.0, -3.0, ("harsh",))]


def test_rule_points_skip_zero_and_keep_order():
    firings = (firing("a", points={"courtesy": 1.5, "honesty": 0}),
               firing("b", points={"honesty": -2.0}))
    assert rule_points(firings) == (PointLine("a", "courtesy", 1.5),
                                    PointLine("b", "honesty", -2.0))
    assert total(rule_points(firings)) == -0.5
