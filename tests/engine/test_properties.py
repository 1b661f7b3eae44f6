"""Whatever a player does, scores stay in range and the event list replays exactly."""

from __future__ import annotations

import json
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.model import METERS, Channel, InitialState
from game.core.runtime import Session, Status

from .factories import (
    catalogue,
    choice,
    core_pack,
    effects,
    escalation,
    node,
    rule,
    scenario,
    timeout,
)

CAT = catalogue()


def looping_social():
    """A social scene with a loop, one-shot and conditional choices and a timed node."""
    return scenario(
        node("post",
             choice("reply", "hub", {"courtesy": 2, "proactivity": 1},
                    fx=effects(("responded",), mood=10), tags=("public_reply",)),
             choice("argue", "hub", {"negative_attitude": 2}, tags=("public_reply",),
                    fx=effects(reputation=-20)),
             choice("wait", "post", {"proactivity": -1}, once=True),
             limit=8, timeout=timeout("hub", {"responsiveness": -2})),
        node("hub",
             choice("promise", "hub", {"keeping_promises": 1}, tags=("promise:fix",),
                    once=True, fx=effects(trust=10)),
             choice("favour", "hub", {"over_familiarity": 1}, tags=("favour",), once=True),
             choice("keep", "done", {"keeping_promises": 2}, tags=("keep:fix",),
                    when="promised('fix')"),
             choice("break", "lost", {"honesty": -1}, tags=("break:fix",),
                    when="promised('fix')"),
             choice("leave", "lost", {"availability": -2})),
        endings=("done", "lost"), channel=Channel.SOCIAL, escalation=escalation(),
        initial=InitialState(trust=20, mood=10),
        rules=(rule("turned", "state.trust > 25 and min_seen('trust') < 25",
                    traits={"trust_building": 2}, once=True),))


@cache
def shipped() -> tuple:
    from game.core import loader
    return tuple(loader.load_scenario(p) for p in loader.scenario_paths())


@cache
def all_scenarios() -> tuple:
    return (looping_social(), *shipped())


@cache
def pack():
    return core_pack()


moves = st.lists(st.tuples(st.integers(0, 9), st.floats(0, 60), st.booleans()), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, 100), seed=st.integers(0, 2**31 - 1), moves=moves,
       timing=st.sampled_from(["normal", "extended", "off"]),
       mode=st.sampled_from(["practice", "assessment"]))
def test_any_play_keeps_scores_in_range_and_replays_exactly(which, seed, moves, timing, mode):
    scenarios = all_scenarios()
    sc = scenarios[which % len(scenarios)]
    s = Session(sc, CAT, pack(), seed=seed, timing=timing, mode=mode)
    for pick, seconds, wait in moves:
        if s.status != Status.AWAITING_CHOICE:
            break
        view = s.view()
        if (wait and view.can_time_out) or not view.choices:
            s.timeout()
        else:
            s.choose(pick % len(view.choices), response_time=seconds)
        check_ranges(s)
    dicts = [json.loads(json.dumps(e.to_dict())) for e in s.events]
    again = Session.replay(sc, CAT, pack(), dicts)
    assert again.events == s.events
    assert again.state == s.state
    if s.status == Status.ENDED:
        r = s.result()
        assert 0 <= r.overall <= 100
        assert r.passed == (r.overall >= sc.pass_score)
        assert again.result() == r


def check_ranges(s: Session) -> None:
    state = s.state
    assert 0 <= state.overall <= 100
    for score in state.trait_scores().values():
        assert 0 <= score <= 100
    for name, (low, high) in METERS.items():
        assert low <= state.meters[name] and (high is None or state.meters[name] <= high)


TRAIT_IDS = sorted(t.id for t in CAT.traits)
TAG_CHOICES = ("favour", "report", "public_reply", "settlement", "promise:x", "keep:x",
               "break:x", "break:y")


@settings(max_examples=300, deadline=None)
@given(evidence=st.dictionaries(st.sampled_from(TRAIT_IDS),
                                st.sampled_from([-3, -2, -1, 1, 2, 3]), max_size=3),
       tags=st.lists(st.sampled_from(TAG_CHOICES), max_size=3, unique=True),
       mood=st.integers(0, 100), promised=st.booleans())
def test_indexing_rules_never_skips_one_that_holds(evidence, tags, mood, promised):
    """The engine only tests rules an event can satisfy; brute force must agree."""
    from types import MappingProxyType

    from game.core.runtime.context import EvalContext
    from game.core.runtime.state import State
    from game.core.runtime.step import Setup

    setup = Setup.build(looping_social(), CAT, pack())
    meters = {"trust": 50.0, "commitment": 50.0, "mood": float(mood), "reputation": 70.0,
              "reach": 100.0}
    state = State("hub", MappingProxyType(meters),
                  promises=MappingProxyType({"x": "made"} if promised else {}),
                  bad=MappingProxyType({t: 1 for t in evidence}))
    ctx = EvalContext(setup.static, state, "choice", evidence=evidence, tags=tuple(tags),
                      node="hub", choice="c")
    brute = tuple(r.firing for r in setup.book.scopes()[0] if r.test(ctx))
    assert setup.book.fire("choice", ctx) == brute
