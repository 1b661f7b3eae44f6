"""The report's caps, thresholds and review lists, on small logs played through the real
runtime and the real store: ten sessions awaiting review on the summary page, the
trend labels either side of one point a session, a score overridden twice, the five
weakest traits, three strongest and weakest with two decisions each. Every expected
value is worked out by hand in the comments. With test_query_mutants.py these kill the
mutants mutmut left alive in the report queries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from known_log import LIBRARY
from played import play

from game.core.loader import Library
from game.core.runtime import Session
from game.reports import Filters, build_report
from game.reports.names import Names
from game.reports.review import override_score, sign_off
from game.scorelog import ScoreLog

ROOT = Path(__file__).resolve().parents[2]


def sections(db, view="all", folder=LIBRARY, **filters):
    with ScoreLog.open(db) as log:
        report = build_report(log.conn, view, Filters(**filters), Names("en", folder))
    return {s.key: s for s in report.sections}


@pytest.fixture(scope="module")
def review_db(tmp_path_factory):
    """Twelve failed sessions (b-snap-promise_today: 0) of one trainee, one a day from
    the 1st, then overrides that make a trend: what the summary's caps and labels read."""
    db = tmp_path_factory.mktemp("review") / "review.sqlite3"
    with ScoreLog.open(db) as log:
        for day in range(1, 13):
            play(log, f"f{day:02}", "east/cleo", [("snap", 2.0), ("promise_today", 2.0)],
                 day=day)
        # dora: 50, 51.5, 53 (+1.5 a session: improving); ella 50, 48.5 (-1.5: declining);
        # fred: 50 then 51 (+1: steady, the threshold is "steeper than 1"), gina 50 then
        # 49 (-1: steady too), hana 50 and 50 (0: steady)
        for who, scores in (("west/dora", (50.0, 51.5, 53.0)), ("west/ella", (50.0, 48.5)),
                            ("west/fred", (50.0, 51.0)), ("west/gina", (50.0, 49.0)),
                            ("west/hana", (50.0, 50.0))):
            for n, score in enumerate(scores, start=1):
                sid = f"{who[5:]}{n}"
                play(log, sid, who, [("apologise", 2.0), ("tell_truth", 2.0)], day=n)
                override_score(log, sid, score, "regraded", "Maria Rossi", library=LIBRARY)
        sign_off(log, "fred2", "Maria Rossi")
        override_score(log, "fred2", 51.0, "again", "Maria Rossi", library=LIBRARY,
                       force=True)
    return db


def test_the_summary_lists_ten_sessions_awaiting_review_and_says_how_many_more(review_db):
    got = sections(review_db, "summary", team="east")
    awaiting = got["awaiting"]
    # newest first: f12 down to f03; the note names 10 of 12
    assert [r[0] for r in awaiting.rows] == [f"f{d:02}" for d in range(12, 2, -1)]
    assert "10 of 12" in awaiting.note
    everything = sections(review_db, "review", team="east")["awaiting"]
    assert len(everything.rows) == 12 and "(12)" in everything.note


def test_trends_steeper_than_one_point_a_session_are_named(review_db):
    got = sections(review_db, "summary", team="west")["summary"].rows
    assert [(r[0], r[4], r[5]) for r in got] == [
        ("west/dora", pytest.approx(1.5), "improving"),
        ("west/ella", pytest.approx(-1.5), "declining"),
        ("west/fred", pytest.approx(1.0), "steady"),
        ("west/gina", pytest.approx(-1.0), "steady"), ("west/hana", 0.0, "steady")]
    # greyed: fewer than 3 ended sessions (ella, fred, gina, hana: 2 each); dora has 3
    assert sections(review_db, "summary", team="west")["summary"].faint == (1, 2, 3, 4)
    # cleo ended 12 and passed none: her figures rest on 12 sessions, not greyed
    cleo = sections(review_db, "summary", team="east")["summary"]
    assert (cleo.rows[0][1:3], cleo.faint) == ((12, 0), ())
    # the trainees view greys the same way, by ended sessions (not by passed ones)
    for view, key in (("trainees", "trainees"), ("trainees", "per_scenario")):
        assert sections(review_db, view, team="west")[key].faint == (1, 2, 3, 4)
        assert sections(review_db, view, team="east")[key].faint == ()
    # dora and ella: re-scored, nobody signed off: both wait, with the change shown
    awaiting = sections(review_db, "review", team="west")["awaiting"].rows
    # every re-scored one waits, newest first; fred2 too: it was signed off, then
    # re-scored (--force), and the sign-off approved the score before that change
    assert [(r[0], r[3], r[4]) for r in awaiting] == [
        (sid, f"100.0 → {score:.1f}", why) for sid, score, why in (
            ("hana2", 50.0, "score overridden"), ("hana1", 50.0, "score overridden"),
            ("gina2", 49.0, "score overridden"), ("gina1", 50.0, "score overridden"),
            ("fred2", 51.0, "re-scored after its sign-off"),
            ("fred1", 50.0, "score overridden"), ("ella2", 48.5, "score overridden"),
            ("ella1", 50.0, "score overridden"), ("dora3", 53.0, "score overridden"),
            ("dora2", 51.5, "score overridden"), ("dora1", 50.0, "score overridden"))]


def test_a_score_changed_twice_shows_what_it_was_and_after_a_sign_off(review_db):
    rows = sections(review_db, "review", trainee="west/fred")["overrides"].rows
    # fred2 went 100 -> 51 (the first override), then 51 -> 51 after the sign-off
    assert [(r[0], r[3], r[4], r[5], r[7]) for r in rows] == [
        ("fred1", "100.0 → 50.0", "Maria Rossi", "regraded", ""),
        ("fred2", "100.0 → 51.0", "Maria Rossi", "regraded", ""),
        ("fred2", "100.0 → 51.0 (was 51.0)", "Maria Rossi", "again", "yes")]


MANY = """\
id: many_traits
version: 1
title: {en: "Many traits", it: "Molti tratti", pl: "Wiele cech"}
summary: {en: "One question.", it: "Una domanda.", pl: "Jedno pytanie."}
encounter: delivery_failure
channel: phone
difficulty: introductory
minutes: 3
pass_score: 50
sources: [004_3c4903abc408d5f8.txt]
persona:
  name: Marco Bianchi
  company: Bianchi Srl
  role: {en: "Buyer", it: "Buyer", pl: "Kupiec"}
  temperament: {en: "Impatient.", it: "Impaziente.", pl: "Niecierpliwy."}
start: ask
nodes:
  ask:
    speaker: client
    say: {en: "Well?", it: "Allora?", pl: "No i?"}
    choices:
      - id: a
        text:
          en: "one two three four five six seven eight nine ten"
          it: "uno due tre quattro cinque sei sette otto nove dieci"
          pl: "jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć"
        evidence: {courtesy: 1, honesty: 1, proactivity: 1, bad_etiquette: 1,
                   negative_attitude: 1, no_planning: 1, over_familiarity: 1}
        next: done
      - id: b
        text: {en: "Bee.", it: "Bi.", pl: "Be."}
        evidence: {courtesy: 1}
        next: done
      - id: c
        text: {en: "Sea.", it: "Ci.", pl: "Ce."}
        evidence: {courtesy: 1}
        next: done
      - id: d
        text: {en: "Dee.", it: "Di.", pl: "De."}
        next: done
      - id: e
        text: {en: "E.", it: "E.", pl: "E."}
        next: done
      - id: f
        text: {en: "F.", it: "F.", pl: "F."}
        next: done
      - id: g
        text: {en: "G.", it: "G.", pl: "G."}
        next: done
      - id: h
        text: {en: "H.", it: "H.", pl: "H."}
        next: done
endings:
  done:
    outcome: success
    title: {en: "Done", it: "Fatto", pl: "Gotowe"}
    text: {en: "Done.", it: "Fatto.", pl: "Gotowe."}
"""


@pytest.fixture(scope="module")
def many_db(tmp_path_factory):
    """Seven traits in one scenario: what the caps on listed traits and decisions read.

    Sessions m1, m2, m3 of west/ivo answer a, b, c. Trait scores: a shows courtesy,
    honesty and proactivity (100 each) and four bad traits (0 each); b and c show
    courtesy (100); m4, played without a name, answers d, which shows no trait; kai
    answers e, f, g in m5-m7 (5-7 November), lea h in m8 (Monday 9 November): no trait
    either.
    Averages: courtesy 100 over 3 sessions; honesty, proactivity 100; bad etiquette,
    negative attitude, no planning, over-familiarity 0, once each."""
    import shutil

    root = tmp_path_factory.mktemp("many")
    folder = root / "library"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "traits.yaml", folder)
    (folder / "many_traits.yaml").write_text(MANY, encoding="utf-8")
    lib = Library(folder)
    db = root / "many.sqlite3"
    with ScoreLog.open(db) as log:
        for n, (pick, trainee) in enumerate((("a", "west/ivo"), ("b", "west/ivo"),
                                             ("c", "west/ivo"), ("d", ""),
                                             *((x, "east/kai") for x in "efg"),
                                             ("h", "east/lea")), start=1):
            played = lib.scenario("many_traits")
            log.keep_scenario(played)
            session = Session(played, lib.catalogue, lib.rules, seed=1, mode="assessment",
                              trainee=trainee)
            view = session.view()
            session.choose(next(c.index for c in view.choices if c.id == pick), 2.0)
            for k, event in enumerate(session.events):
                day = n + (n == 8)  # lea's on Monday the 9th
                at = datetime(2026, 11, day, 9, k).isoformat(timespec="microseconds") + "Z"
                log.append(f"m{n}", event, at)
    return db, folder


def many_sections(many_db, view):
    db, folder = many_db
    return sections(db, view, folder)


def test_the_five_weakest_traits_of_the_class_and_no_more(many_db):
    weakest = many_sections(many_db, "summary")["weakest"].rows
    # the four at 0 by trait id, then the first at 100 by id (courtesy); honesty and
    # proactivity are left off
    assert [(r[0], r[1], r[2]) for r in weakest] == [
        ("Avoiding: Bad communication etiquette", 0.0, 1),
        ("Avoiding: Negative attitude", 0.0, 1),
        ("Avoiding: No strategic planning", 0.0, 1), ("Avoiding: Over-familiarity", 0.0, 1),
        ("Courtesy", 100.0, 3)]


def test_three_strongest_and_three_weakest_each_with_two_decisions(many_db):
    extremes = many_sections(many_db, "traits")["extremes"].rows
    # seven traits, best first by id: courtesy, honesty, proactivity | bad etiquette,
    # negative attitude, no planning, over-familiarity: the first three and the last
    # three (weakest first); courtesy was shown by a, b and c once each (merit 1 each,
    # ties by choice id): two are quoted, a's ten words cut to eight
    assert [(r[1], r[2], r[5]) for r in extremes] == [
        ("strongest", "Courtesy", "Many traits: «one two three four five six seven eight…» ×1; "
                                  "Many traits: «Bee.» ×1"),
        ("strongest", "Honesty", "Many traits: «one two three four five six seven eight…» ×1"),
        ("strongest", "Proactivity",
         "Many traits: «one two three four five six seven eight…» ×1"),
        ("weakest", "Avoiding: Over-familiarity",
         "Many traits: «one two three four five six seven eight…» ×1"),
        ("weakest", "Avoiding: No strategic planning",
         "Many traits: «one two three four five six seven eight…» ×1"),
        ("weakest", "Avoiding: Negative attitude",
         "Many traits: «one two three four five six seven eight…» ×1")]


def test_a_session_played_without_a_name_has_a_row_and_a_chart_without_one(many_db):
    got = many_sections(many_db, "summary")
    # m4: no name, one session, no trait shown: no weakest trait, no score for it
    anonymous = got["summary"].rows[0]
    assert (anonymous[0], anonymous[1], anonymous[6], anonymous[7]) == ("", 1, "", None)
    chart = got["trends"].charts[0]
    assert (chart.title, chart.series[0].name) == ("", "")


def test_weeks_start_on_monday_and_trainees_without_a_team_are_everyone(many_db):
    # the one decision: a is worth -1 (three good traits, four bad), b and c +1, d 0;
    # best 1, worst -1: a earns 0 of 2 (0), b and c 100, d 1 of 2 (50)
    # m1 on Sunday 1 November is in the week of Monday 26 October; m2 and m3 (2 and 3
    # November) in the next; m4, played without a name, has no team: "everyone"
    got = many_sections(many_db, "team")
    # kai's three (50 each: e-h are worth 0 like d), Thursday to Saturday: one week,
    # lea's the next. Rows go by team id (no team first), the charts by the name shown
    assert got["team"].rows == (("everyone", "2026-11-02", 1, 1, 50.0, 100.0),
                                ("east", "2026-11-02", 3, 1, 50.0, 100.0),
                                ("east", "2026-11-09", 1, 1, 50.0, 100.0),
                                ("west", "2026-10-26", 1, 1, 0.0, 0.0),
                                ("west", "2026-11-02", 2, 1, 100.0, 100.0))
    assert got["team"].faint == (0, 2, 3, 4)  # kai's week rests on 3 sessions
    assert [c.title for c in got["team"].charts] == ["team east: week by week",
                                                     "team everyone: week by week",
                                                     "team west: week by week"]
    people = many_sections(many_db, "trainees")
    # ivo: 0, 100, 100 over sessions 1..3: slope (-1 x 0 + 1 x 100) / 2 = 50
    assert people["per_scenario"].rows == (
        ("", "Many traits", 1, 50.0, 50.0, 50.0, 50.0, None),
        ("east/kai", "Many traits", 3, 50.0, 50.0, 50.0, 50.0, 0.0),
        ("east/lea", "Many traits", 1, 50.0, 50.0, 50.0, 50.0, None),
        ("west/ivo", "Many traits", 3, 100.0, 100.0, pytest.approx(200 / 3), 50.0, 50.0))
    assert people["trainees"].rows == (
        ("", 1, 1, 1, 0, 50.0, 0, "2026-11-04 09:00"),
        ("east/kai", 3, 3, 3, 0, 50.0, 0, "2026-11-07 09:00"),
        ("east/lea", 1, 1, 1, 0, 50.0, 0, "2026-11-09 09:00"),
        ("west/ivo", 3, 3, 2, 0, pytest.approx(200 / 3), 0, "2026-11-03 09:00"))


def test_the_five_costliest_mistakes_of_a_scenario_three_of_them_printed(many_db):
    # eight answers to the one decision (best b or c at +1): a lost 1 - (-1) = 2; d, e,
    # f, g and h lost 1 each; costliest first, ties by choice id: h is the sixth, left
    # out; the fourth and fifth are on screen only
    mistakes = many_sections(many_db, "scenarios")["mistakes"]
    assert [(r[1], r[3], r[4], r[5]) for r in mistakes.rows] == [
        ("one two three four five six seven eight nine ten", 1, 12.5, 2.0),
        ("Dee.", 1, 12.5, 1.0), ("E.", 1, 12.5, 1.0), ("F.", 1, 12.5, 1.0),
        ("G.", 1, 12.5, 1.0)]
    assert mistakes.unprinted == (3, 4)
    # the three most chosen answers only: eight answers once each, ties by choice id
    choices = many_sections(many_db, "scenarios")["choices"].rows
    assert [(r[2], r[4], r[5]) for r in choices] == [(1, 1, 12.5), (2, 1, 12.5), (3, 1, 12.5)]
    assert [r[3] for r in choices] == ["one two three four five six seven eight nine ten",
                                       "Bee.", "Sea."]


def test_choices_and_mistakes_are_listed_scenario_by_scenario_then_decision(tmp_path):
    # two scenarios: late_parcel (decisions greet, promise) and many_traits (ask); "ask"
    # comes first by name, but late_parcel's decisions come first, by scenario. The
    # slow apologise (2 - 1) and d (1 - 0) both lost 1: by scenario too
    import shutil

    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "traits.yaml", folder)
    shutil.copy(Path(LIBRARY) / "late_parcel.yaml", folder)
    (folder / "many_traits.yaml").write_text(MANY, encoding="utf-8")
    lib = Library(folder)
    db = tmp_path / "two.sqlite3"
    with ScoreLog.open(db) as log:
        for n, (scenario_id, picks) in enumerate(
                (("many_traits", [("d", 2.0)]),
                 ("late_parcel", [("apologise", 15.0), ("tell_truth", 2.0)])), start=1):
            played = lib.scenario(scenario_id)
            log.keep_scenario(played)
            session = Session(played, lib.catalogue, lib.rules, seed=1, mode="assessment",
                              trainee="west/ivo")
            for pick, seconds in picks:
                view = session.view()
                session.choose(next(c.index for c in view.choices if c.id == pick), seconds)
            for k, event in enumerate(session.events):
                log.append(f"t{n}", event, datetime(2026, 11, n, 9, k).isoformat() + "Z")
    got = sections(db, "scenarios", folder)
    assert [(r[0], r[1], r[3]) for r in got["choices"].rows] == [
        ("The late parcel", "greet", "I'm sorry, let me check."),
        ("The late parcel", "promise", "Thursday, honestly."),
        ("Many traits", "ask", "Dee.")]
    assert [(r[0], r[1], r[5]) for r in got["mistakes"].rows] == [
        ("The late parcel", "I'm sorry, let me check.", 1.0), ("Many traits", "Dee.", 1.0)]


def test_traits_scored_0_over_many_sessions_are_not_greyed(review_db):
    # cleo's twelve sessions all showed bad etiquette (snap), broken promises and
    # dishonesty (promise_today): 0 each, over 12 sessions: not a small sample
    got = sections(review_db, "traits", trainee="east/cleo")
    assert got["traits"].rows == (("east/cleo", "Avoiding: Bad etiquette", 12, 0.0),
                                  ("east/cleo", "Avoiding: Broken promises", 12, 0.0),
                                  ("east/cleo", "Honesty", 12, 0.0))
    assert got["traits"].faint == () and got["extremes"].faint == ()
    assert got["traits"].charts[0].series[0].faint == (False, False, False)


def test_a_score_changed_after_its_sign_off_waits_until_it_is_signed_off_again(tmp_path):
    db = tmp_path / "resign.sqlite3"
    with ScoreLog.open(db) as log:
        play(log, "s1", "west/ivo", [("apologise", 2.0), ("tell_truth", 2.0)], day=1)
        override_score(log, "s1", 40.0, "audio failed", "Maria Rossi", library=LIBRARY)
        waiting = [r[0] for r in sections(db, "review")["awaiting"].rows]
        sign_off(log, "s1", "Maria Rossi")
        approved = [r[0] for r in sections(db, "review")["awaiting"].rows]
        override_score(log, "s1", 45.0, "second look", "Maria Rossi", library=LIBRARY,
                       force=True)
        changed = [(r[0], r[4]) for r in sections(db, "review")["awaiting"].rows]
        sign_off(log, "s1", "Maria Rossi")
        again = [r[0] for r in sections(db, "review")["awaiting"].rows]
    assert (waiting, approved, changed, again) == (
        ["s1"], [], [("s1", "re-scored after its sign-off")], [])
