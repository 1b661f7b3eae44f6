"""The shared rule pack encodes the articles' advice: one test per rule example."""

from __future__ import annotations

import pytest

from game.core.model import Encounter, InitialState, Outcome, RuleScope
from game.core.runtime import Session

from .factories import (
    catalogue,
    choice,
    core_pack,
    effects,
    ending,
    escalation,
    node,
    rule,
    scenario,
)
from .helpers import contributions, pick, play

CAT = catalogue()
PACK = core_pack()


def session(sc, **kw) -> Session:
    return Session(sc, CAT, PACK, seed=1, **kw)


def after_reading(s: Session, seconds: float) -> float:
    """A response ``seconds`` after the screen could have been read: the escalation and
    the responsiveness clock only start then (reading is not slowness)."""
    return s.view().reading + seconds


def test_pack_rules_name_their_source_article_or_say_they_are_a_design_choice():
    assert all(r.source and (r.source.endswith(".txt") or r.source == "design")
               for r in PACK.rules)
    assert all(r.explain.en and r.explain.it and r.explain.pl for r in PACK.rules)
    # A design choice says so to the trainee, in every language, never passing it off
    # as the articles' advice.
    for r in PACK.rules:
        if r.source == "design":
            assert "this game" in r.explain.en, r.id
            assert "gioco" in r.explain.it and "gry" in r.explain.pl, r.id


@pytest.mark.parametrize(("mood", "merit"), [(20, 3.0), (60, 2.0)])
def test_calm_answer_to_a_furious_client_is_worth_more_courtesy(mood, merit):
    sc = scenario(node("call", choice("calm", "done", {"courtesy": 2}),
                       choice("snap", "done", {"bad_etiquette": 1})),
                  initial=InitialState(mood=mood))
    s = session(sc)
    out = pick(s, "calm")
    assert s.steps[-1].merit == pytest.approx(merit)
    fired = [t.en for t in out.explanations]
    assert any("furious client is worth more" in line for line in fired) == (mood < 25)


def test_a_promise_made_then_broken_costs_trust_and_commitment():
    sc = scenario(node("a", choice("promise", "b", {"keeping_promises": 1},
                                   tags=("promise:callback",))),
                  node("b", choice("forget", "done", {"owning_mistakes": -1},
                                   tags=("break:callback",))),
                  initial=InitialState(trust=50, commitment=50))
    s = session(sc)
    pick(s, "promise")
    out = pick(s, "forget")
    assert (out.state.trust, out.state.commitment) == (35, 40)
    assert ("rule:promise_broken", -3.0) in contributions(s, "broken_promises")
    assert s.result().decisions[1].rules[0].rule == "promise_broken"


def test_breaking_a_promise_never_made_fires_nothing():
    sc = scenario(node("b", choice("forget", "done", {"courtesy": 1}, tags=("break:callback",))),
                  initial=InitialState(trust=50))
    s = session(sc)
    out = pick(s, "forget")
    assert out.state.trust == 50 and not s.steps[-1].firings


def test_keeping_a_promise_earns_keeping_promises():
    sc = scenario(node("a", choice("promise", "b", tags=("promise:visit",))),
                  node("b", choice("visit", "done", tags=("keep:visit",))),
                  initial=InitialState(trust=50, commitment=50))
    s = session(sc)
    pick(s, "promise")
    out = pick(s, "visit")
    assert (out.state.trust, out.state.commitment) == (58, 55)
    assert contributions(s, "keeping_promises") == [("rule:promise_kept", 2.0)]


@pytest.mark.parametrize(("start", "gain", "bonus"), [(25, 40, True), (50, 20, False),
                                                      (25, 20, False)])
def test_a_bad_relationship_turned_good_earns_a_loyalty_bonus(start, gain, bonus):
    sc = scenario(node("fix", choice("turn_around", "done", {"strategic_planning": 2},
                                     fx=effects(trust=gain))),
                  initial=InitialState(trust=start))
    s = session(sc)
    pick(s, "turn_around")
    expected = [("rule:turnaround_loyalty", 4.0)] if bonus else []
    assert contributions(s, "trust_building") == expected
    assert [n.rule for n in s.result().end_rules] == (["turnaround_loyalty"] if bonus else [])


def social(nodes=None):
    return scenario(*(nodes or (
        node("post", choice("reply", "done", {"courtesy": 1}, fx=effects(("responded",)),
                            tags=("public_reply",))),)),
        channel=__import__("game.core.model", fromlist=["Channel"]).Channel.SOCIAL,
        escalation=escalation(), initial=InitialState(reach=0))


@pytest.mark.parametrize(("seconds", "cost"), [(10.0, -2.0), (2.5, -0.4)])
def test_ignoring_a_public_complaint_costs_proactivity_every_tick(seconds, cost):
    s = session(social())
    out = pick(s, "reply", after_reading(s, seconds))
    ticks = int(seconds)
    assert out.state.reach == 40 * ticks
    # the reply itself was quick and courteous: +5 (quick_public_reply)
    assert out.state.reputation == pytest.approx(70 - ticks * 40 * 1.5 / 1000 + 5)
    assert contributions(s, "ignoring_public_complaints") == [
        ("rule:ignoring_public_complaint", pytest.approx(-0.2))] * ticks
    assert sum(m for _, m in contributions(s, "ignoring_public_complaints")) == \
        pytest.approx(cost)
    event = s.events[1].to_dict()
    assert {"rule": "ignoring_public_complaint", "scope": "tick", "times": ticks} in \
        event["rules"]


def test_the_overall_score_is_the_sum_of_its_parts():
    s = session(social((node("post", choice("wait", "post2", {"courtesy": 1}),
                              choice("reply", "done", {"courtesy": 2},
                                     fx=effects(("responded",)), tags=("public_reply",))),
                         node("post2", choice("reply2", "done", {"courtesy": 2},
                                              fx=effects(("responded",)),
                                              tags=("public_reply",)),
                              choice("shrug", "done", {"no_planning": 1})))))
    pick(s, "wait", after_reading(s, 5))
    pick(s, "reply2", after_reading(s, 1))
    r = s.result()
    # By hand. post, after 5 s: reply is worth courtesy 2 + quick_public_reply 2 = 4,
    # wait 1; five seconds of ignoring_public_complaint cost 5 × 0.2 = 1, so waiting
    # is worth 0, below the worst answer (1): it earns 0 of the span 4 - 0 = 4.
    # post2, after 1 s more: reply2 is worth 4 again, shrug -1 (no_planning is bad);
    # one more second costs 0.2: 3.8 earned above the floor -1, of 4 - (-1) = 5.
    assert [(p.source, round(p.earned, 2), round(p.available, 2)) for p in r.score_parts] == [
        ("post.wait", 0.0, 4.0), ("post2.reply2", 4.8, 5.0)]
    assert sum(p.earned for p in r.score_parts) == pytest.approx(r.earned)
    assert r.overall == pytest.approx(100 * 4.8 / 9)


def test_escalation_stops_once_the_complaint_is_answered():
    sc = social((node("post", choice("reply", "more", fx=effects(("responded",)),
                                     tags=("public_reply",))),
                 node("more", choice("follow_up", "done", {"courtesy": 1}))))
    s = session(sc)
    pick(s, "reply", after_reading(s, 3))
    out = pick(s, "follow_up", after_reading(s, 30))
    assert out.state.reach == 120
    assert s.steps[-1].ticks == 0


def test_preview_shows_the_reach_growing_without_changing_the_session():
    s = session(social())
    assert s.preview(after_reading(s, 5)).reach == 200
    assert s.preview(s.view().reading).reach == 0  # nothing spreads while they read
    assert s.state.reach == 0
    ext = session(social(), timing="extended")
    assert ext.preview(after_reading(ext, 5)).reach == 80  # 5 s count as 2.5


def test_with_time_limits_off_reach_grows_per_decision_not_while_reading():
    s = session(social(), timing="off")
    assert s.preview(60).reach == 0
    out = pick(s, "reply", 60)
    assert out.state.reach == 5 * 40


def test_the_same_bad_trait_repeated_weighs_more_each_time():
    sc = scenario(*(node(f"n{i}", choice("rude", f"n{i + 1}" if i < 3 else "done",
                                         {"bad_etiquette": 1}),
                         choice(f"polite{i}", f"n{i + 1}" if i < 3 else "done",
                                {"courtesy": 1}))
                    for i in range(1, 4)), initial=InitialState(mood=60))
    s = session(sc)
    for _ in range(3):
        pick(s, "rude")
    assert [round(st.merit, 2) for st in s.steps] == [-1.0, -1.5, -2.0]
    assert [f.rule for st in s.steps for f in st.firings] == [
        "repeat_bad_etiquette_again", "repeat_bad_etiquette_habit"]


def legal(report: bool):
    last = choice("tell_manager" if report else "keep_quiet", "done", {"courtesy": 1},
                  tags=("report",) if report else ())
    return scenario(node("threat", choice("listen", "next", {"courtesy": 1})),
                    node("next", last), encounter=Encounter.LEGAL_THREAT)


@pytest.mark.parametrize("report", [True, False])
def test_a_legal_threat_must_be_reported_before_the_end(report):
    s = session(legal(report))
    play(s, "listen", "tell_manager" if report else "keep_quiet")
    fired = [n.rule for n in s.result().end_rules]
    assert fired == ([] if report else ["legal_threat_unreported"])
    # Not telling a manager is not escalating (article 003), not the client-reporting
    # failure of article 001.
    assert contributions(s, "not_escalating") == ([] if report else
                                                  [("rule:legal_threat_unreported", -4.0)])


def test_three_personal_favours_are_over_familiarity():
    nodes = [node(f"ask{i}", choice(f"yes{i}", f"ask{i + 1}" if i < 4 else "done",
                                    {"courtesy": 1}, tags=("favour",)))
             for i in range(1, 5)]
    s = session(scenario(*nodes))
    lines = play(s, "yes1", "yes2", "yes3", "yes4")
    assert [line.endswith("[three_favours]") for line in lines[:4]] == [False, False, True,
                                                                       False]
    assert contributions(s, "over_familiarity") == [("rule:three_favours", -3.0)]


def test_a_scenario_rule_replaces_the_shared_rule_with_the_same_id():
    tuned = rule("calm_with_furious", "event.evidence.courtesy > 0", multiply={"courtesy": 3})
    sc = scenario(node("call", choice("calm", "done", {"courtesy": 2})), rules=(tuned,),
                  initial=InitialState(mood=90))
    s = session(sc)
    pick(s, "calm")
    assert s.steps[-1].merit == 6.0


def test_tick_rules_and_once_rules_from_a_scenario():
    once = rule("first_courtesy", "event.evidence.courtesy > 0", traits={"courtesy": 1},
                once=True)
    tick = rule("each_second", "state.reach >= 0", scope=RuleScope.TICK,
                traits={"proactivity": -1})
    sc = scenario(node("a", choice("c1", "b", {"courtesy": 1})),
                  node("b", choice("c2", "done", {"courtesy": 1}, fx=effects(("responded",)))),
                  rules=(once, tick), escalation=escalation())
    s = Session(sc, CAT, (), seed=0)
    pick(s, "c1", after_reading(s, 2))
    pick(s, "c2", after_reading(s, 0.5))
    assert contributions(s, "courtesy") == [("a.c1", 1.0), ("rule:first_courtesy", 1.0),
                                            ("b.c2", 1.0)]
    assert contributions(s, "proactivity") == [("rule:each_second", -1.0)] * 2


def test_persona_weight_multiplies_evidence_and_rule_points():
    sc = scenario(node("a", choice("c", "done", {"courtesy": 2, "bad_etiquette": 1})),
                  weights={"courtesy": 1.5, "bad_etiquette": 2},
                  rules=(rule("bonus", "true", traits={"courtesy": 1}),))
    s = Session(sc, CAT, (), seed=0)
    pick(s, "c")
    assert [(m.trait, m.merit) for m in s.steps[0].evidence] == [("courtesy", 3.0),
                                                                 ("bad_etiquette", -2.0)]
    assert contributions(s, "courtesy") == [("a.c", 3.0), ("rule:bonus", 1.5)]


def test_ending_outcome_is_reported():
    sc = scenario(node("a", choice("c", "lost", {"courtesy": -1})), endings=("lost",))
    object.__setattr__(sc, "endings", {"lost": ending("lost", Outcome.FAILURE)})
    s = Session(sc, CAT, (), seed=0)
    pick(s, "c")
    assert s.result().outcome == Outcome.FAILURE
