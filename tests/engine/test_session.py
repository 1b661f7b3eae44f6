"""Sessions as a front end drives them: scripted playthroughs, errors, timing, modes."""

from __future__ import annotations

import json

import pytest

from game.core.errors import SessionError
from game.core.model import InitialState
from game.core.runtime import (
    ChoiceMade,
    Mode,
    Session,
    SessionAbandoned,
    SessionEnded,
    SessionStarted,
    Status,
    TimedOut,
    Timing,
    event_from_dict,
)

from .factories import catalogue, choice, effects, node, rule, scenario, timeout
from .helpers import pick, play, refused

CAT = catalogue()


def call_scenario(**kw):
    """Opening (timed 20 s) -> details -> an ending; a textbook phone complaint."""
    return scenario(
        node("opening",
             choice("let_him_finish", "details", {"courtesy": 2, "de_escalation": 1},
                    fx=effects(mood=15, trust=5)),
             choice("cut_in", "details", {"responsiveness": 1, "bad_etiquette": 2},
                    fx=effects(mood=-10)),
             choice("joke", "details", {"over_familiarity": 1}),
             limit=20, timeout=timeout("details", {"responsiveness": -2}, effects(mood=-10))),
        node("details",
             choice("explain", "kept", {"knowledge_sharing": 2, "honesty": 1},
                    tags=("promise:callback",)),
             choice("blame_user", "lost", {"deceiving_client": 2, "honesty": -1})),
        endings=("kept", "lost"), weights={"courtesy": 1.5, "bad_etiquette": 1.5}, **kw)


def new(sc=None, **kw) -> Session:
    kw.setdefault("seed", 7)
    return Session(sc or call_scenario(), CAT, (), **kw)


def test_best_path_transcript():
    assert play(new(), "let_him_finish", "explain") == [
        "opening -> let_him_finish merit=+4.00 best=let_him_finish -> details",
        "details -> explain merit=+3.00 best=explain -> kept",
        "END kept overall=100.0 pass courtesy=100 de_escalation=100 honesty=100 "
        "knowledge_sharing=100",
    ]


def test_mixed_path_transcript_and_debrief():
    s = new()
    assert play(s, "cut_in", "blame_user") == [
        "opening -> cut_in merit=-2.00 best=let_him_finish -> details",
        "details -> blame_user merit=-3.00 best=explain -> lost",
        "END lost overall=0.0 fail bad_etiquette=0 deceiving_client=0 honesty=0 "
        "responsiveness=100",
    ]
    r = s.result()
    first = r.decisions[0]
    assert (first.choice, first.best.choice, first.best.merit) == ("cut_in", "let_him_finish",
                                                                  4.0)
    assert first.best.feedback.en == "feedback let_him_finish"
    assert first.feedback.en == "feedback cut_in"
    assert [(m.trait, m.strength, m.polarity, m.weight, m.merit) for m in first.evidence] == [
        ("responsiveness", 1, 1, 1.0, 1.0), ("bad_etiquette", 2, -1, 1.5, -3.0)]
    # The worst answer at each decision earns nothing of its span: opening spans
    # let_him_finish 4 down to cut_in -2 (6), details explain 3 down to blame_user -3 (6).
    assert (r.earned, r.available) == (0.0, 12.0)
    assert sum(d.earned for d in r.decisions) == r.earned
    assert sum(d.available for d in r.decisions) == r.available


def test_timeout_transcript():
    s = new()
    reading = s.view().reading
    lines = play(s, "TIMEOUT", "explain")
    assert lines[0] == "opening -> TIMEOUT merit=-2.00 best=let_him_finish -> details"
    # The timeout (-2) is as bad as the worst answer: 0 of 6; explain earns 6 of 6.
    assert lines[-1].startswith("END kept overall=50.0 fail")
    assert isinstance(s.events[1], TimedOut)
    assert s.events[1].response_time == pytest.approx(20 + reading)
    # 20 scenario seconds ran out; explain came within its reading time (1 s < 1.9 s).
    assert s.state.elapsed == 20


def test_choose_errors_are_precise():
    s = new()
    with refused('expected a choice index between 0 and 2, got 5'):
        s.choose(5)
    with refused("expected a choice index between 0 and 2, got '1'"):
        s.choose("1")  # type: ignore[arg-type]
    with refused('response_time must be a number of seconds >= 0, got -1'):
        s.choose(0, response_time=-1)
    with refused("the session has not ended (it is at node 'opening'); result() is "
                 "available once it reaches an ending"):
        s.result()
    play(s, "let_him_finish")
    with refused("node 'details' has no time limit; there is nothing to time out"):
        s.timeout()
    play(s, "explain")
    with refused("the session has ended (ending 'kept'); choose() is not available"):
        s.choose(0)


def test_bad_settings_are_refused():
    with refused("mode must be one of practice, assessment, got 'exam'"):
        new(mode="exam")
    with refused("timing must be one of normal, extended, off, got 'fast'"):
        new(timing="fast")


def test_abandon_is_recorded_and_closes_the_session():
    s = new()
    pick(s, "joke")
    s.abandon()
    assert s.status == Status.ABANDONED
    assert s.events[-1] == SessionAbandoned("details", 1)
    with refused('the session was abandoned; view() is not available'):
        s.view()


def order(seed: int) -> list[str]:
    return [c.id for c in new(seed=seed).view().choices]


def test_choice_order_is_seeded_and_position_gives_nothing_away():
    assert order(7) == order(7)
    firsts = {order(seed)[0] for seed in range(30)}
    assert firsts == {"let_him_finish", "cut_in", "joke"}


def test_view_shows_the_node_and_indexes_the_shuffled_choices():
    view = new().view()
    # 8 words on screen ("opening says" and the three answers) at 230 words a minute,
    # after a second to take the screen in: 1 + 8 × 60 / 230 = 3.09 s, added to the limit.
    assert view.reading == 3.09
    assert (view.node, view.text.en, view.time_limit, view.can_time_out, view.decision) == (
        "opening", "opening says", 23.09, True, 1)
    assert [c.index for c in view.choices] == [0, 1, 2]


def test_slow_answers_count_against_responsiveness_and_say_why():
    s = new()
    out = pick(s, "let_him_finish", s.view().reading + 12.0)  # 12 s > half of 20 s
    assert [(m.trait, m.merit) for m in out.evidence][-1] == ("responsiveness", -1.0)
    assert out.feedback[-1].id == "runtime.right_but_slow"
    assert out.feedback[-1].en == ("Right answer, but slow: responsiveness \u22121.0, 12 s "
                                   "after you could have answered.")
    assert s.events[1].slow is True
    # It was the best answer, slowly: it loses exactly the slow line, 1 of its span 6.
    assert (s.steps[0].earned, s.steps[0].available) == (5.0, 6.0)
    r = play(s, "explain") and s.result()
    assert (r.decisions[0].late, r.decisions[0].slow_cost) == (12.0, -1.0)


def test_reading_is_not_slowness():
    s = new()
    reading = s.view().reading
    out = pick(s, "let_him_finish", reading + 9.0)  # 12.09 s in all, 9 s after reading
    assert all(m.trait != "responsiveness" for m in out.evidence)
    assert s.events[1].slow is False and s.events[1].reading == reading
    other = new()
    out = pick(other, "cut_in", reading + 10.5)
    assert out.feedback[-1].id == "runtime.slow"  # not the best answer: plain "slow"


def test_extended_time_judges_against_the_extended_limit():
    s = new(timing=Timing.EXTENDED)
    assert s.view().time_limit == 40 + 3.09
    out = pick(s, "let_him_finish", s.view().reading + 12.0)
    assert all(m.trait != "responsiveness" for m in out.evidence)
    assert s.events[0].timing == "extended" and s.events[0].time_factor == 2.0
    assert new(timing="extended", time_factor=3).view().time_limit == 60 + 3.09


def test_time_limits_off():
    s = new(timing=Timing.OFF)
    view = s.view()
    assert (view.time_limit, view.can_time_out) == (None, False)
    with refused("time limits are switched off in this session; timeout() is not "
                 "available"):
        s.timeout()
    out = pick(s, "let_him_finish", 300.0)
    assert all(m.trait != "responsiveness" for m in out.evidence)
    assert (s.events[0].timing, s.events[0].time_factor) == ("off", None)


def test_assessment_mode_keeps_feedback_for_the_debrief():
    s = new(mode=Mode.ASSESSMENT)
    out = pick(s, "cut_in")
    assert (out.feedback, out.evidence, out.explanations) == ((), (), ())
    pick(s, "explain")
    assert s.result().decisions[0].feedback.en == "feedback cut_in"
    practice = new()
    assert [t.en for t in pick(practice, "cut_in").feedback] == ["feedback cut_in"]


def test_conditional_and_one_shot_choices():
    sc = scenario(
        node("menu",
             choice("ask", "menu", {"knowledge_sharing": 1}, once=True),
             choice("apologise", "menu", {"courtesy": 1}, fx=effects(trust=30), once=True),
             choice("offer_discount", "done", {"price_smartness": 1}, when="state.trust >= 70"),
             choice("leave", "done", {"availability": -1})),
        initial=InitialState(trust=50))
    s = new(sc)
    assert sorted(c.id for c in s.view().choices) == ["apologise", "ask", "leave"]
    pick(s, "ask")
    assert sorted(c.id for c in s.view().choices) == ["apologise", "leave"]
    pick(s, "apologise")
    assert sorted(c.id for c in s.view().choices) == ["leave", "offer_discount"]


def test_a_node_left_without_choices_is_a_clear_error():
    sc = scenario(node("stuck", choice("never", "done", when="state.trust > 99")))
    with refused("node 'stuck' has no open choice and no timeout: the scenario cannot "
                 "continue from here"):
        new(sc).view()


def test_when_every_answer_costs_the_least_bad_one_is_par():
    sc = scenario(node("dilemma", choice("bad", "done", {"honesty": -2}),
                       choice("worse", "done", {"honesty": -3})))
    s = new(sc)
    pick(s, "bad")
    assert s.result().overall == 100.0
    s = new(sc)
    pick(s, "worse")
    assert s.result().overall == 0.0


def test_rules_fired_are_explained_in_practice_mode():
    sc = scenario(node("a", choice("c", "done", {"courtesy": 1})),
                  rules=(rule("nice", "event.evidence.courtesy > 0", traits={"courtesy": 1}),))
    out = pick(new(sc), "c")
    assert [t.en for t in out.explanations] == ["because nice"]


def test_events_are_json_safe_and_round_trip():
    s = new()
    play(s, "cut_in", "explain")
    kinds = [type(e) for e in s.events]
    assert kinds == [SessionStarted, ChoiceMade, ChoiceMade, SessionEnded]
    for event in s.events:
        data = json.loads(json.dumps(event.to_dict()))
        assert event_from_dict(data) == event
    ended = s.events[-1]
    assert (ended.ending, ended.outcome, ended.passed) == ("kept", "success", False)
    # By hand (merit = strength x polarity x persona weight; a decision earns merit minus
    # its worst option, out of best minus worst): opening offers let_him_finish
    # 2*1.5 + 1 = +4, cut_in 1 - 2*1.5 = -2, joke -1, the timeout -2: cut_in earns 0 of 6.
    # details: explain 2 + 1 = +3, blame_user -2 - 1 = -3: explain earns 6 of 6.
    # Overall (0 + 6) / (6 + 6) = 50.0, under the default pass mark of 60.
    assert ended.overall == 50.0


def test_replay_rebuilds_the_same_session():
    # Extended timing (20 s x 2) and a 10 s answer are replayed; the second run lets the
    # clock run out, so a TimedOut event is replayed too.
    for moves, overall in (((("joke", 10.0), "explain"), 58.33), (("TIMEOUT", "explain"), 50.0)):
        s = new(timing="extended", mode="assessment", trainee="anna", lang="it")
        play(s, *moves)
        dicts = [json.loads(json.dumps(e.to_dict())) for e in s.events]
        again = Session.replay(call_scenario(), CAT, (), dicts)
        assert again.events == s.events
        # By hand, as in test_events_are_json_safe_and_round_trip: joke earns 1 of 6
        # (-1 against the worst, -2; 10 s minus the reading time, halved, is under half
        # the limit, so not slow), the timeout 0 of 6, explain 6 of 6: 7/12 and 6/12.
        assert round(again.result().overall, 2) == overall


def test_replay_names_the_event_that_does_not_fit():
    s = new()
    play(s, "let_him_finish", "explain")
    events = list(s.events)
    events[2] = ChoiceMade("details", "vanish", 1.0)
    with pytest.raises(SessionError) as err:
        Session.replay(call_scenario(), CAT, (), events)
    assert str(err.value) in {
        f"cannot replay event 3: choice 'details.vanish' is not open (the session is at node "
        f"'details', open: {a}, {b})" for a, b in (("explain", "blame_user"),
                                                   ("blame_user", "explain"))}

    with refused('cannot replay: the events must start with SessionStarted'):
        Session.replay(call_scenario(), CAT, (), events[1:])
