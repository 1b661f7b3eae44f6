"""The scoring module's arithmetic, rule by rule, with figures worked out by hand, and
``score_events`` on events the real runtime wrote (killing what mutation testing of
game/core/rules/scoring.py found untested)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import loader
from game.core.model import Evidence, Persona, Text
from game.core.rules import (
    Credit,
    PointLine,
    decision_credit,
    end_credit,
    overall_score,
    passes,
    score_events,
    value_evidence,
)
from game.core.rules.engine import ALL_BAD, Firing
from game.core.runtime import Session

from .helpers import pick
from .test_rule_pack import CAT as PACK_CAT
from .test_rule_pack import PACK, legal

HERE = Path(__file__).parent / "scoring"
CAT = loader.load_catalogue()


@pytest.mark.parametrize(("earned", "available", "lost"), [
    (4.0, 4.0, 0.0), (1.0, 4.0, 3.0), (0.0, 6.0, 6.0), (5.0, 4.0, 0.0)])
def test_what_a_decision_lost(earned, available, lost):
    assert Credit(earned, available).lost == lost


@pytest.mark.parametrize(("merit", "best", "worst", "extra", "credit"), [
    (3.0, 3.0, -1.0, 0.0, (4.0, 4.0)),     # the best answer earns the whole span
    (1.0, 3.0, -1.0, 0.0, (2.0, 4.0)),     # in between: merit - worst of best - worst
    (-1.0, 3.0, -1.0, 0.0, (0.0, 4.0)),    # the worst earns nothing
    (1.0, 3.0, -1.0, -2.0, (0.0, 4.0)),    # escalation took it down to the floor
    (-3.0, 3.0, -1.0, 0.0, (0.0, 6.0)),    # a timeout worse than any answer is the floor
    (3.0, 3.0, -1.0, -6.0, (0.0, 6.0)),    # the best, but escalation cost more than the span
    (2.0, 2.0, 2.0, 0.0, (0.0, 0.0)),      # every answer alike: no decision
    (2.0, 2.0, 2.0, -0.5, (0.0, 0.5)),     # ... but hesitating there still costs
    (4.0, 3.0, 0.0, 0.0, (4.0, 4.0)),      # worth more than the best valued: all of it
])
def test_a_decisions_credit(merit, best, worst, extra, credit):
    assert decision_credit(merit, best, worst, extra) == credit


def test_end_rules_are_summed_per_rule_bonus_earned_penalty_at_stake():
    points = [PointLine("a", "courtesy", 2.0), PointLine("b", "not_escalating", -4.0),
              PointLine("a", "trust_building", 1.0)]
    # rule a: +3 earned and at stake; rule b: -4 at stake only
    assert end_credit(points) == (3.0, 7.0)
    assert end_credit([PointLine("c", "x", 2.0), PointLine("c", "x", -2.0)]) == (0.0, 0.0)
    assert end_credit([]) == (0.0, 0.0)


@pytest.mark.parametrize(("earned", "available", "score"), [
    (0.0, 0.0, 100.0), (-1.0, 0.0, 0.0), (2.0, 4.0, 50.0), (5.0, 4.0, 100.0),
    (-1.0, 4.0, 0.0), (1.0, 3.0, 100 / 3)])
def test_the_overall_score(earned, available, score):
    assert overall_score(earned, available) == pytest.approx(score)


def test_the_pass_rule():
    assert passes(70.0, 70.0)  # exactly the pass mark passes
    assert passes(100 * 7 / 10, 70.0)  # 70.00000000000001 or 69.99999999999999
    assert not passes(69.9, 70.0)
    assert not passes(95.0, 70.0, ["deceiving_client"])
    assert passes(95.0, 70.0, [])


def test_merit_signs_weights_and_rule_factors():
    persona = Persona("X", Text("r", "r", "r", "r"), "Y", Text("t", "t", "t", "t"),
                      {"courtesy": 1.5, "bad_etiquette": 2.0})
    polarity = {"courtesy": 1, "bad_etiquette": -1}
    lines = value_evidence([Evidence("courtesy", 2), Evidence("bad_etiquette", 1)],
                           polarity, persona)
    assert [(ln.trait, ln.merit) for ln in lines] == [("courtesy", 3.0), ("bad_etiquette", -2.0)]
    calm = Firing("calm", "choice", Text("e", "e", "e", "e"), multiply={"courtesy": 2.0})
    harsh = Firing("harsh", "choice", Text("e", "e", "e", "e"), multiply={ALL_BAD: 3.0})
    lines = value_evidence([Evidence("courtesy", 2), Evidence("bad_etiquette", 1),
                            Evidence("courtesy", -1)], polarity, persona, (calm, harsh))
    # courtesy +2: ×1.5 weight ×2 calm = 6 (harsh's "every bad" factor skips good merit);
    # bad_etiquette: -1 × 2 weight × 3 = -6; courtesy -1 (going against a good trait) is
    # bad merit too: -1.5 × 2 (calm names it) × 3 (harsh names no trait, so its "every
    # bad" factor applies) = -9
    assert [(ln.trait, ln.merit, ln.rules) for ln in lines] == [
        ("courtesy", 6.0, ("calm",)), ("bad_etiquette", -6.0, ("harsh",)),
        ("courtesy", -9.0, ("calm", "harsh"))]


# --- score_events on what the runtime wrote ---------------------------------------------

def played(name: str, *moves, **kw) -> Session:
    s = Session(loader.load_scenario(HERE / f"{name}.yaml", CAT), CAT, (), seed=3, **kw)
    for move in moves:
        choice, seconds = move if isinstance(move, tuple) else (move, 2.0)
        if choice == "TIMEOUT":
            s.timeout()
        else:
            pick(s, choice, seconds)
    return s


def test_the_events_add_up_to_the_engines_score():
    s = played("one_mild_slip", "bad", "best", "middling", "best", "best")
    for events in (s.events, [e.to_dict() for e in s.events]):
        card = score_events(events, 70)
        # bad: 0 of 4, middling: 3 of 4, the rest 4 of 4: 15 / 20 = 75
        assert [(d.number, d.node, d.choice, d.earned, d.available, d.lost, d.wrong)
                for d in card.decisions] == [
            (1, "q1", "bad", 0.0, 4.0, 4.0, True), (2, "q2", "best", 4.0, 4.0, 0.0, False),
            (3, "q3", "middling", 3.0, 4.0, 1.0, True), (4, "q4", "best", 4.0, 4.0, 0.0, False),
            (5, "q5", "best", 4.0, 4.0, 0.0, False)]
        assert (card.earned, card.available, card.overall) == (15.0, 20.0, 75.0)
        assert (card.passed, card.ended, card.critical, card.override) == (True, True, (), None)
        assert (card.score, card.final_passed) == (75.0, True)
        assert card.overall == s.events[-1].overall


def test_a_slow_right_answer_and_a_timeout_are_told_apart():
    s = played("perfect_but_slow_reader", ("acknowledge", 32.30 + 11), ("plan", 2.0))
    first = score_events(s.events, 70).decisions[0]
    assert (first.slow, first.slow_cost, first.wrong, first.slow_right) == (True, -1.0, False,
                                                                            True)
    t = played("perfect_but_slow_reader", "TIMEOUT", "plan")
    timed_out = score_events(t.events, 70).decisions[0]
    # the timeout (-2) is the floor: 0 earned of 2 - (-2) = 4
    assert (timed_out.choice, timed_out.wrong, timed_out.slow_right, timed_out.lost) == (
        None, True, False, 4.0)


def test_a_critical_trait_fails_whatever_the_score():
    s = played("secret_deal", "agree_quietly", "confirm_in_writing")
    card = score_events(s.events, 70)
    assert card.overall == pytest.approx(100 * 5 / 7)
    assert (card.critical, card.passed, card.final_passed) == (("deceiving_client",), False,
                                                              False)


def test_the_managers_override_wins():
    s = played("one_mild_slip", "bad", "best", "best", "best", "best")  # 80, passed
    events = [e.to_dict() for e in s.events]
    down = score_events([*events, {"type": "ScoreOverridden", "score": 40.0, "passed": False}],
                        70)
    assert (down.overall, down.passed, down.score, down.final_passed) == (80.0, True, 40.0,
                                                                         False)
    up = score_events([*events, {"type": "ScoreOverridden", "score": 72.0}], 70)
    assert (up.score, up.final_passed) == (72.0, True)  # judged against the pass mark
    last = score_events([*events, {"type": "ScoreOverridden", "score": 10.0},
                         {"type": "ScoreOverridden", "score": 90.0}], 70)
    assert last.score == 90.0 and last.override["score"] == 90.0


def test_an_unfinished_session_has_not_passed():
    s = played("one_mild_slip", "best", "best")
    card = score_events(s.events, 70)
    assert (card.ended, card.passed, card.overall) == (False, False, 100.0)
    assert len(card.decisions) == 2


def test_end_rule_points_count_in_the_events_too():
    s = Session(legal(False), PACK_CAT, PACK, seed=1)
    pick(s, "listen")
    pick(s, "keep_quiet")
    card = score_events(s.events, 60)
    # legal_threat_unreported: -4 at stake, not earned; the two answers are no decisions
    assert (card.earned, card.available, card.overall) == (0.0, 4.0, 0.0)
    assert card.overall == s.events[-1].overall


def test_two_end_rules_add_up_in_the_events():
    from game.core.model import Encounter, InitialState

    from .factories import choice, effects, node, scenario

    sc = scenario(node("threat", choice("listen", "next", {"courtesy": 1}, fx=effects(trust=40)),
                       choice("snap", "next", {"bad_etiquette": 1})),
                  node("next", choice("keep_quiet", "done", {"courtesy": 1})),
                  encounter=Encounter.LEGAL_THREAT, initial=InitialState(trust=25))
    s = Session(sc, PACK_CAT, PACK, seed=1)
    pick(s, "listen")
    pick(s, "keep_quiet")
    card = score_events([e.to_dict() for e in s.events], 60)
    # threat: listen +1 against snap -1: 2 of 2; next: one answer, no decision;
    # end: turnaround_loyalty (trust 25 -> 65) +4 earned and at stake, and
    # legal_threat_unreported -4 at stake: (2 + 4) / (2 + 4 + 4) = 60
    assert (card.earned, card.available, card.overall) == (6.0, 10.0, 60.0)
    assert card.overall == s.events[-1].overall


def test_the_slow_cost_is_the_slow_line_and_nothing_when_prompt():
    from .test_session import new

    s = new()
    pick(s, "let_him_finish", s.view().reading + 12.0)  # courtesy, de_escalation, slow
    pick(s, "explain", 1.0)
    slow, prompt = score_events(s.events, 60).decisions
    assert (slow.slow, slow.slow_cost, slow.slow_right) == (True, -1.0, True)
    assert (prompt.slow, prompt.slow_cost, prompt.slow_right, prompt.wrong) == (
        False, 0.0, False, False)


def test_old_events_without_scores_count_nothing():
    card = score_events([{"type": "ChoiceMade", "node": "a", "choice": "x", "best": "y"}], 60)
    (only,) = card.decisions
    assert (only.earned, only.available, only.slow, only.slow_cost, only.wrong) == (
        0.0, 0.0, False, 0.0, True)
    assert (card.overall, card.passed) == (100.0, False)  # nothing at stake, not ended


@pytest.mark.parametrize("path", loader.scenario_paths(), ids=lambda p: p.stem)
def test_score_events_agrees_with_the_engine_on_random_play(path):
    """The one scoring model, two ways: step by step in the runtime, and from the events
    afterwards, on random answers and response times (slow ones and timeouts included)."""
    import random

    rules = loader.load_shared_rules(catalogue=CAT)
    scenario = loader.load_scenario(path, CAT)
    for seed in range(4):
        rng = random.Random(seed)
        s = Session(scenario, CAT, rules, seed=seed, lang=("en", "it", "pl")[seed % 3])
        while s.status == "awaiting_choice":
            view = s.view()
            if view.choices and not (view.can_time_out and rng.random() < 0.15):
                s.choose(rng.randrange(len(view.choices)), rng.uniform(0, 60))
            else:
                s.timeout()
        ended = s.events[-1]
        card = score_events([e.to_dict() for e in s.events], scenario.pass_score)
        assert card.overall == pytest.approx(ended.overall)
        assert card.passed == ended.passed == s.result().passed
