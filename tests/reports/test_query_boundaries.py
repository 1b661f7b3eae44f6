"""The report's boundaries and tie-breaks a manager can see, on small logs the real
runtime played (boundary_logs.py): the five mistakes listed per scenario when several
scenarios have mistakes, the grey of a mistake given exactly three times, a decision
quoted at exactly eight words, ties between equally costly mistakes, and the campaign
view's trust drop and broken promises. Every expected value is worked out by hand in
the comments. With test_query_mutants.py and test_query_caps.py these kill the mutants
mutmut left alive in game/reports/views_scenarios.py, views_traits.py and
views_campaigns.py.

Points lost by an answer = the best open choice's merit - the answer's merit (weights 1,
no rules, so merit = strength x polarity). late_parcel (tests/reports/known_log.py):
at greet apologise +2 (the best), snap -2 (loses 4, a wrong choice), the timeout -1
(loses 3, no answer in time), apologise after 15 s of 20 is slow, -1 more (+1: loses 1,
the right answer too slowly); at promise tell_truth +3 (the best), promise_today -2
(loses 5). six_wrongs (boundary_logs.py): check and courier +3 (the best), w1 ... w6
0 (lose 3 each).
"""

from __future__ import annotations

import pytest
from boundary_logs import CHECK, fortnight, play, play_run, scenario_library

from game.core.loader import Library
from game.reports import Filters, build_report
from game.reports.names import Names
from game.scorelog import ScoreLog


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return scenario_library(tmp_path_factory.mktemp("boundaries") / "library")


def sections(db, folder, view="scenarios", **filters):
    with ScoreLog.open(db) as log:
        report = build_report(log.conn, view, Filters(**filters), Names("en", str(folder)))
    return {s.key: s for s in report.sections}


@pytest.fixture(scope="module")
def mistakes_db(folder, tmp_path_factory):
    """west/ivo: six_wrongs eight times (w1 on days 1-3, then w2 ... w6 once each), then
    late_parcel twice (days 9 and 10) answering apologise slowly and tell_truth."""
    lib = Library(folder)
    db = tmp_path_factory.mktemp("mistakes") / "log.sqlite3"
    with ScoreLog.open(db) as log:
        for day, pick in enumerate(["w1", "w1", "w1", "w2", "w3", "w4", "w5", "w6"], start=1):
            play(log, lib, f"i{day}", "west/ivo", "six_wrongs", [(pick, 2.0)], day=day)
        for day in (9, 10):
            play(log, lib, f"i{day}", "west/ivo", "late_parcel",
                 [("apologise", 15.0), ("tell_truth", 4.0)], day=day)
    return db


def test_a_scenario_past_its_five_mistakes_leaves_the_next_scenarios_listed(mistakes_db,
                                                                             folder):
    # costliest first: w1 3 x 3 = 9; w2 ... w6 3 each (ties by choice id); the slow
    # apologise 2 x 1 = 2. six_wrongs has six mistakes: w6, its sixth, is left out, and
    # late_parcel's one mistake, costing less, still comes after it. ask was answered
    # 8 times (w1 3/8 = 37.5 %, the others 1/8 = 12.5 %), greet twice, both slowly
    # (100 %). Of six_wrongs' five, the fourth and fifth (rows 3, 4) are on screen only
    mistakes = sections(mistakes_db, folder)["mistakes"]
    assert mistakes.rows == (
        ("Six wrong answers", "Wrong 1.", "wrong choice", 3, 37.5, 9.0, 3.0),
        ("Six wrong answers", "Wrong 2.", "wrong choice", 1, 12.5, 3.0, 3.0),
        ("Six wrong answers", "Wrong 3.", "wrong choice", 1, 12.5, 3.0, 3.0),
        ("Six wrong answers", "Wrong 4.", "wrong choice", 1, 12.5, 3.0, 3.0),
        ("Six wrong answers", "Wrong 5.", "wrong choice", 1, 12.5, 3.0, 3.0),
        ("The late parcel", "I'm sorry, let me check.", "right answer, too slow", 2, 100.0,
         2.0, 1.0))
    assert mistakes.unprinted == (3, 4)


def test_a_mistake_made_three_times_is_not_greyed_twice_is(mistakes_db, folder):
    # grey: fewer than 3 times. w1, given 3 times (row 0), is not; w2 ... w5 (once
    # each) and the slow apologise (twice, row 5) are
    mistakes = sections(mistakes_db, folder)["mistakes"]
    assert [r[3] for r in mistakes.rows] == [3, 1, 1, 1, 1, 2]
    assert mistakes.faint == (1, 2, 3, 4, 5)


@pytest.fixture(scope="module")
def ties_db(folder, tmp_path_factory):
    """north/nell, late_parcel nine times, one a day:
        t1-t4  snap, promise_today       (0 + 0) / 9 = 0
        t5     snap, tell_truth          (0 + 5) / 9 = 55.6
        t6-t8  apologise (slow), truth   (3 + 5) / 9 = 88.9
        t9     timeout, tell_truth       (1 + 5) / 9 = 66.7"""
    lib = Library(folder)
    db = tmp_path_factory.mktemp("ties") / "log.sqlite3"
    plays = ([[("snap", 3.0), ("promise_today", 3.0)]] * 4 + [[("snap", 3.0), ("tell_truth", 3.0)]]
             + [[("apologise", 15.0), ("tell_truth", 3.0)]] * 3
             + [[(None, 20.0), ("tell_truth", 3.0)]])
    with ScoreLog.open(db) as log:
        for day, picks in enumerate(plays, start=1):
            play(log, lib, f"t{day}", "north/nell", "late_parcel", picks, day=day)
    return db


def test_equally_costly_mistakes_at_two_decisions_go_decision_by_decision(ties_db, folder):
    # snap 5 x 4 = 20 at greet, promise_today 4 x 5 = 20 at promise: a tie, listed in
    # the order of the decisions (greet before promise), though promise_today comes
    # before snap by choice id. greet was answered 9 times (snap 5/9), promise 9 times
    # (promise_today 4/9)
    rows = sections(ties_db, folder)["mistakes"].rows
    assert rows[:2] == (
        ("The late parcel", "Not my problem.", "wrong choice", 5, pytest.approx(500 / 9),
         20.0, 4.0),
        ("The late parcel", "Today, promise!", "wrong choice", 4, pytest.approx(400 / 9),
         20.0, 5.0))


def test_equally_costly_mistakes_at_one_decision_go_by_choice(ties_db, folder):
    # after the two at 20: the timeout 1 x 3 = 3 and the slow apologise 3 x 1 = 3, both
    # at greet: a tie at one decision, listed by choice id: a timeout's choice is
    # "(timeout)", before "apologise" (by kind, "slow" would come before "timeout").
    # Shares of greet's 9 answers: 1/9 and 3/9. Grey: the timeout alone (once; the
    # slow apologise was given 3 times); three printed, the fourth on screen only
    mistakes = sections(ties_db, folder)["mistakes"]
    assert mistakes.rows[2:] == (
        ("The late parcel", "(no answer: time ran out)", "no answer in time", 1,
         pytest.approx(100 / 9), 3.0, 3.0),
        ("The late parcel", "I'm sorry, let me check.", "right answer, too slow", 3,
         pytest.approx(100 / 3), 3.0, 1.0))
    assert mistakes.faint == (2,) and mistakes.unprinted == (3,)
    # the same order within a time window (the answers per decision then counted from
    # the events, not the running totals): t5 to t9 leave snap once (4), the timeout
    # once (3), the slow apologise 3 times (3)
    window = sections(ties_db, folder, since="2026-11-05T00:00:00Z")["mistakes"]
    assert [(r[1], r[5]) for r in window.rows] == [
        ("Not my problem.", 4.0), ("(no answer: time ran out)", 3.0),
        ("I'm sorry, let me check.", 3.0)]


def test_a_decision_of_eight_words_is_quoted_whole_nine_are_cut(folder, tmp_path):
    # east/kai answers check (8 words) on day 1, courier (9 words) on day 2: courtesy
    # 100 in both sessions, his one trait, the strongest. Both showed it with merit 3,
    # a tie: by choice id, check before courier. Eight words are quoted whole; of nine,
    # the first eight and an ellipsis
    lib = Library(folder)
    db = tmp_path / "words.sqlite3"
    with ScoreLog.open(db) as log:
        play(log, lib, "k1", "east/kai", "six_wrongs", [("check", 2.0)], day=1)
        play(log, lib, "k2", "east/kai", "six_wrongs", [("courier", 2.0)], day=2)
    extremes = sections(db, folder, "traits")["extremes"]
    assert extremes.rows == (
        ("east/kai", "strongest", "Courtesy", 2, 100.0,
         f"Six wrong answers: «{CHECK}» ×1; "
         "Six wrong answers: «I will call the courier and ring you…» ×1"),)
    assert len(CHECK.split()) == 8


@pytest.fixture(scope="module")
def runs_db(tmp_path_factory):
    """Three runs of the fortnight campaign (boundary_logs.py: tiny.yaml with a second
    promise, friday_call, and -10 trust between the episodes; trust 50 at the start):
        runF north/anna day 1: offer_report +10 (60, both promises made); -10 (50);
                               greet, send_report +10 (60, both kept): kept (60 >= 40)
        runT north/cy   day 2: wait_and_see -5 (45, no promise); -10 (35: still >= 30,
                               tiny_due is played); greet, no report due, check_in +5
                               (40): kept (40 >= 40)
        runB south/bo   day 3: offer_report (60); -10 (50); greet, forgot -20 (30, both
                               broken): lost (30 < 40)"""
    root = tmp_path_factory.mktemp("runs")
    campaign = fortnight(root / "campaigns")
    db = root / "log.sqlite3"
    with ScoreLog.open(db) as log:
        play_run(log, campaign, "runF", "north/anna", 1,
                 (["offer_report"], ["greet", "send_report"]))
        play_run(log, campaign, "runT", "north/cy", 2, (["wait_and_see"], ["greet", "check_in"]))
        play_run(log, campaign, "runB", "south/bo", 3, (["offer_report"], ["greet", "forgot"]))
    return db


def campaign_rows(db, **filters):
    with ScoreLog.open(db) as log:
        (section,) = build_report(log.conn, "campaigns", Filters(**filters),
                                  Names("en")).sections
    return section.rows


def test_a_run_whose_trust_never_falls_names_no_episode_where_it_was_lost(runs_db):
    # runF: 50 -> 60 (+10), then 60 -> 60 (the 10 lost between the episodes won back):
    # trust never fell, so no episode is named, not even the one where it stood still
    assert campaign_rows(runs_db, trainee="north/anna") == (
        ("north/anna", "fortnight", "kept (mixed)", 2, "50 → 60 → 60", "", "", "runF"),)


def test_two_equal_drops_name_the_first_episode(runs_db):
    # runT: 50 -> 45 in tiny_first (-5), 45 -> 40 in tiny_due (-10 between, +5 in it:
    # -5): the same drop twice; the first episode where trust fell so far is named
    assert campaign_rows(runs_db, trainee="north/cy") == (
        ("north/cy", "fortnight", "kept (mixed)", 2, "50 → 45 → 40", "tiny_first (-5)", "",
         "runT"),)


def test_two_promises_broken_in_one_episode_are_both_listed(runs_db):
    # runB: 60 -> 30 in tiny_due (-30), where forgot broke both promises; they are
    # listed as the campaign declares them (friday_call first), "; " between
    assert campaign_rows(runs_db, trainee="south/bo") == (
        ("south/bo", "fortnight", "lost (failure)", 2, "50 → 60 → 30", "tiny_due (-30)",
         "tiny_due: friday_call; tiny_due: weekly_report", "runB"),)
    assert [r[7] for r in campaign_rows(runs_db)] == ["runF", "runT", "runB"]
