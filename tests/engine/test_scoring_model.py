"""The scoring model, rule by rule, on small scenarios a trainer can read
(tests/engine/scoring/*.yaml). Every expected score is worked out by hand in the
test from the rule in docs/design.md ("The scoring model"):

    a decision is worth its span: best open answer's merit - worst open answer's
    merit (or what the player did, if worse); the player earns their merit minus
    the worst; overall = 100 × Σ earned / Σ span. A critical trait shown fails the
    session whatever the score. The clock starts once the screen could be read.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from game.core import loader
from game.core.analysis import analyze
from game.core.model import InitialState, TraitCatalogue
from game.core.runtime import Session

from .helpers import pick

HERE = Path(__file__).parent / "scoring"


def shipped_catalogue() -> TraitCatalogue:
    """The shipped traits, with deceiving the client critical (as traits.yaml says)."""
    cat = loader.load_catalogue()
    return TraitCatalogue(tuple(replace(t, critical=t.critical or t.id == "deceiving_client")
                                for t in cat.traits))


CAT = shipped_catalogue()


def load(name: str):
    return loader.load_scenario(HERE / f"{name}.yaml", CAT)


def play(name: str, *moves, lang: str = "en", scenario=None, **kw) -> Session:
    s = Session(scenario or load(name), CAT, (), seed=3, lang=lang, **kw)
    for move in moves:
        choice, seconds = move if isinstance(move, tuple) else (move, 2.0)
        pick(s, choice, seconds)
    return s


# --- reading is not slowness -------------------------------------------------------

def test_the_clock_waits_for_the_text_to_be_read():
    s = play("perfect_but_slow_reader")
    # 100 words of complaint + two answers of 10 words = 120 words at 230 a minute,
    # after 1 s to take the screen in: 1 + 120 × 60 / 230 = 32.30 s.
    assert s.view().reading == 32.30
    assert s.view().time_limit == pytest.approx(20 + 32.30)
    # Italian: 10 + 5 + 5 words at 200 a minute: 1 + 20 × 60 / 200 = 7.0 s; Polish:
    # 10 + 10 words at 180 a minute: 1 + 20 × 60 / 180 = 7.67 s.
    assert play("perfect_but_slow_reader", lang="it").view().reading == 7.0
    assert play("perfect_but_slow_reader", lang="pl").view().reading == 7.67


@pytest.mark.parametrize("timing", ["normal", "extended", "off"])
def test_perfect_play_at_reading_pace_scores_full_marks(timing):
    # 24.6 s on the first screen is less than its reading time: never "slow".
    s = play("perfect_but_slow_reader", ("acknowledge", 24.6), ("plan", 3.0), timing=timing)
    r = s.result()
    # acknowledge (courtesy +2) against interrupt (bad_etiquette +2, so -2): 4 of 4;
    # plan (+2) against shrug (-2): 4 of 4. 8 / 8 = 100.
    assert (r.overall, r.passed, r.ending.id) == (100.0, True, "kept")
    assert not any(d.slow for d in r.decisions)


def test_right_but_slow_is_said_as_such_and_costs_only_the_slowness():
    reading = 32.30
    s = play("perfect_but_slow_reader", ("acknowledge", reading + 11), ("plan", 3.0))
    r = s.result()
    first = r.decisions[0]
    # 11 s after reading is more than half the 20 s limit: responsiveness -1, so the
    # answer is worth 2 - 1 = 1 against the floor -2: 3 of 4. Then 4 of 4: 7 / 8.
    assert (first.slow, first.late, first.slow_cost) == (True, 11.0, -1.0)
    assert (first.earned, first.available, first.best) == (3.0, 4.0, None)
    assert r.overall == pytest.approx(87.5) and r.passed
    note = s.events[1]
    assert note.slow and note.reading == reading
    replayed = Session.replay(load("perfect_but_slow_reader"), CAT, (), s.events)
    assert replayed.result().overall == r.overall


def test_the_slow_note_gives_the_figures():
    s = Session(load("perfect_but_slow_reader"), CAT, (), seed=3)
    out = pick(s, "acknowledge", 32.30 + 14)
    assert out.feedback[-1].en == ("Right answer, but slow: responsiveness \u22121.0, 14 s "
                                   "after you could have answered.")
    assert out.feedback[-1].it.startswith("Risposta giusta, ma lenta: reattività \u22121.0, 14 s")


# --- graded, not a cliff ---------------------------------------------------------------

@pytest.mark.parametrize(("answers", "score", "passed"), [
    # each of the five decisions spans best +2 .. bad -2 = 4 points, 20 in all
    (["best"] * 5, 100.0, True),
    (["middling"] + ["best"] * 4, 95.0, True),        # 3 + 16 = 19 / 20
    (["bad"] + ["best"] * 4, 80.0, True),             # 0 + 16 = 16 / 20: one slip passes
    (["bad", "middling"] + ["best"] * 3, 75.0, True),  # 0 + 3 + 12 = 15 / 20
    (["bad", "bad"] + ["best"] * 3, 60.0, False),     # 12 / 20
    (["bad"] * 3 + ["best"] * 2, 40.0, False),        # 8 / 20
])
def test_each_slip_costs_what_it_was_worse_than_the_best(answers, score, passed):
    s = play("one_mild_slip", *answers)
    r = s.result()
    assert (r.overall, r.passed) == (pytest.approx(score), passed)
    assert s.state.slips == sum(a != "best" for a in answers)
    assert sum(d.lost for d in r.decisions) == pytest.approx(20 * (1 - score / 100))


def test_analyze_tells_the_slips_table():
    a = analyze(load("one_mild_slip"), CAT, (), random_runs=50)
    # 3^5 = 243 paths; with k slips there are C(5, k) × 2^k paths.
    assert [(row["k"], row["paths"]) for row in a.by_slips] == [(0, 1), (1, 10), (2, 40),
                                                                 (3, 80)]
    # one slip: 95 (middling) or 80 (bad): every such path passes
    assert a.by_slips[1]["passed_share"] == 1.0
    # three slips: at best three middling (17 / 20 = 85), at worst three bad (40)
    assert 0 < a.by_slips[3]["passed_share"] < 1


# --- critical traits and endings that follow from what was done ----------------------

def test_a_deception_fails_on_its_own_and_reaches_no_success_ending():
    s = play("secret_deal", "agree_quietly", "confirm_in_writing")
    r = s.result()
    # agree_quietly: courtesy +2, deceiving_client +1 (bad: -1) = +1, against the best
    # offer_volume_price (honesty 2 + price_smartness 1 = +3) and the worst
    # refuse_coldly (-1): 2 of 4. confirm_in_writing +2 against leave_it -1: 3 of 3.
    assert r.overall == pytest.approx(100 * 5 / 7)  # 71.4, above the pass mark of 70
    assert r.critical == ("deceiving_client",) and not r.passed
    assert (r.ending.id, r.outcome.value) == ("found_out", "failure")
    assert s.events[-1].passed is False and s.events[-1].critical == ("deceiving_client",)


@pytest.mark.parametrize(("moves", "ending", "score"), [
    (("offer_volume_price", "confirm_in_writing"), "kept", 100.0),   # 7 / 7
    (("offer_volume_price", "leave_it"), "wary", 100 * 4 / 7),       # 4 + 0: not passing
    (("refuse_coldly", "confirm_in_writing"), "wary", 100 * 3 / 7),  # 0 + 3
])
def test_next_ending_picks_the_first_ending_whose_when_holds(moves, ending, score):
    r = play("secret_deal", *moves).result()
    assert (r.ending.id, r.overall) == (ending, pytest.approx(score))


def test_the_secret_deal_scenario_has_no_incoherent_path():
    a = analyze(load("secret_deal"), CAT, (), random_runs=50)
    assert a.incoherent["success_not_passed"]["paths"] == 0
    assert a.incoherent["failure_passed"]["paths"] == 0
    assert a.endings["kept"]["paths"] == a.endings["kept"]["passed_paths"] == 1


# --- routing -----------------------------------------------------------------------------

@pytest.mark.parametrize(("trust", "ending"), [(70, "warm"), (50, "cool"), (10, "cold")])
def test_a_conditional_next_takes_the_first_true_branch(trust, ending):
    base = load("routing")
    sc = replace(base, initial=replace(base.initial, trust=trust))
    s = play("routing", "ask_how_it_goes", scenario=sc)
    r = s.result()
    assert r.ending.id == ending  # trust 70 also meets ">= 40": the first branch wins
    assert len(r.decisions) == 1  # routing is not a decision


def test_initial_promises_are_open_and_come_due():
    s = play("routing", "ask_how_it_goes")
    assert load("routing").initial == InitialState(trust=70, promises=("quarterly_review",))
    assert s.state.promises["quarterly_review"] == "kept"
