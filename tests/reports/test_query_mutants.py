"""Every report view's full table on the hand-worked known log (known_log.py), built in
process, so each figure, each greyed row, each filter's edge and each cap a manager reads
is checked. These kill the mutants mutmut left alive in the report queries
(game/scorelog/queries.py, game/reports/views_*.py).

The known log's sessions (late_parcel, pass mark 50; overall = 100 x earned / 9):
    a1 north/anna  day 2   55.6 (500/9)   passed   snap, tell_truth
    a2 north/anna  day 4   100            passed   apologise, tell_truth
    a3 north/anna  day 10  88.9 -> 90     passed   apologise slowly, tell_truth (signed off)
    a4 north/anna  day 11  66.7 (600/9)   passed   timeout, tell_truth
    b1 south/bruno day 3   0              failed   snap, promise_today
    b2 south/bruno day 12  never ended             apologise
Each event is written one minute after the one before, from 09:00 on its day.
Trait scores per session (100 x positive / (positive + |negative|)): courtesy a2 100,
a3 100, a4 0 (the timeout's -1); honesty 100 in a1-a4, 0 in b1; bad etiquette 0 in a1
and b1; responsiveness 0 in a3 (the slow answer); broken promises 0 in b1.
"""

from __future__ import annotations

import pytest
from known_log import LIBRARY

from game.reports import Filters, build_report
from game.reports.names import Names
from game.scorelog import ScoreLog

A1, A2, A3, A4 = 500 / 9, 100.0, 90.0, 600 / 9
ANNA_SLOPE = (1.5 * (A4 - A1) + 0.5 * (A3 - A2)) / 5  # least squares over x = 1..4: 7/3


def sections(db, view="all", **filters):
    with ScoreLog.open(db) as log:
        report = build_report(log.conn, view, Filters(**filters), Names("en", LIBRARY))
    return {s.key: s for s in report.sections}


def test_the_summary_page_in_full(known_db):
    got = sections(known_db, "summary")
    summary = got["summary"]
    # anna: 4 ended, 4 passed, last a4, slope 7/3 > 1 a session: improving; her lowest
    # averages (0) are bad etiquette and responsiveness, the last by trait id is weakest
    # bruno: one session, passed none; his three traits are all 0, honesty is last
    assert summary.rows == (
        ("north/anna", 4, 4, A4, pytest.approx(ANNA_SLOPE), "improving", "Responsiveness",
         0.0, 1),
        ("south/bruno", 1, 0, 0.0, None, "one session", "Honesty", 0.0, 0))
    assert summary.faint == (1,)  # bruno: fewer than 3 sessions
    anna, bruno = got["trends"].charts
    assert [(p[0], p[1]) for p in anna.series[0].points] == [
        ("1", A1), ("2", A2), ("3", A3), ("4", A4)]  # a3 at its overridden 90
    assert (anna.kind, anna.title, anna.small, bruno.series[0].points) == (
        "lines", "north/anna", True, (("1", 0.0),))
    # class-wide: honesty anna 4 x 100 + bruno 1 x 0 over 5 sessions = 80; ties at 0 go
    # by trait id
    assert got["weakest"].rows == (
        ("Avoiding: Bad etiquette", 0.0, 2, 2), ("Avoiding: Broken promises", 0.0, 1, 1),
        ("Responsiveness", 0.0, 1, 1), ("Courtesy", pytest.approx(200 / 3), 3, 1),
        ("Honesty", 80.0, 5, 2))
    assert got["weakest"].faint == (0, 1, 2)
    # a3 was re-scored but signed off: only b1 (failed, ended 09:03 on day 3) waits
    assert got["awaiting"].rows == (("b1", "south/bruno", "The late parcel", 0.0, "failed",
                                     "2026-11-03 09:03"),)
    assert got["awaiting"].note.startswith("Failed or re-scored and not signed off, "
                                           "newest first (1).")


def test_a_time_window_keeps_the_sessions_ended_inside_it(known_db):
    # a2 ended on day 4, a3 on day 10: 100 then 90, a slope of -10: declining
    got = sections(known_db, "summary", since="2026-11-04T00:00:00Z",
                   until="2026-11-11T00:00:00Z")
    assert got["summary"].rows == (("north/anna", 2, 2, 90.0, -10.0, "declining",
                                    "Responsiveness", 0.0, 1),)
    assert got["weakest"].rows == (("Responsiveness", 0.0, 1, 1), ("Courtesy", 100.0, 2, 1),
                                   ("Honesty", 100.0, 2, 1))


def test_since_is_inclusive_and_until_exclusive_to_the_microsecond(known_db):
    # a1's SessionEnded is its fourth event: day 2, 09:03
    ended_a1 = "2026-11-02T09:03:00.000000Z"
    got = sections(known_db, "summary", trainee="north/anna", since=ended_a1)
    assert got["summary"].rows[0][1] == 4  # a1 counts from the very moment it ended
    got = sections(known_db, "summary", trainee="north/anna", until=ended_a1)
    assert got["summary"].rows == ()  # ...and not before
    got = sections(known_db, "trainees", since=ended_a1, until="2026-11-02T09:03:00.000001Z")
    # started counts SessionStarted events in the window (none); ended counts a1
    assert got["trainees"].rows == ()


def test_team_and_trainee_filters(known_db):
    north = sections(known_db, "summary", team="north")["summary"].rows
    assert [r[0] for r in north] == ["north/anna"]
    assert sections(known_db, "summary", team="nort")["summary"].rows == ()  # a prefix of
    assert sections(known_db, "summary", team="north/anna")["summary"].rows == ()  # a team
    bruno = sections(known_db, "summary", trainee="south/bruno")
    assert bruno["summary"].rows == (("south/bruno", 1, 0, 0.0, None, "one session",
                                      "Honesty", 0.0, 0),)
    assert bruno["weakest"].rows == (("Avoiding: Bad etiquette", 0.0, 1, 1),
                                     ("Avoiding: Broken promises", 0.0, 1, 1),
                                     ("Honesty", 0.0, 1, 1))
    assert sections(known_db, "summary", scenario="other")["summary"].rows == ()


def test_the_trainees_view_in_full(known_db):
    got = sections(known_db, "trainees")
    # anna: 4 started, 4 ended, 4 passed, none abandoned, average (A1+A2+A3+A4)/4, one
    # override, last started on day 11 at 09:00; bruno: 2 started, 1 ended (0), 1 open
    assert got["trainees"].rows == (
        ("north/anna", 4, 4, 4, 0, pytest.approx((A1 + A2 + A3 + A4) / 4), 1,
         "2026-11-11 09:00"),
        ("south/bruno", 2, 1, 0, 1, 0.0, 0, "2026-11-12 09:00"))
    assert got["trainees"].faint == (1,)
    # best 100, last a4, average as above, the fixture's pass mark 50, slope 7/3
    assert got["per_scenario"].rows == (
        ("north/anna", "The late parcel", 4, 100.0, A4, pytest.approx((A1 + A2 + A3 + A4) / 4),
         50.0, pytest.approx(ANNA_SLOPE)),
        ("south/bruno", "The late parcel", 1, 0.0, 0.0, 0.0, 50.0, None))
    assert got["per_scenario"].faint == (1,)
    window = sections(known_db, "trainees", since="2026-11-04T00:00:00Z",
                      until="2026-11-11T00:00:00Z")
    assert window["trainees"].rows == (("north/anna", 2, 2, 2, 0, 95.0, 1, "2026-11-10 09:00"),)
    assert window["per_scenario"].rows == (("north/anna", "The late parcel", 2, 100.0, 90.0,
                                            95.0, 50.0, -10.0),)


def test_the_traits_view_in_full(known_db):
    got = sections(known_db, "traits")
    # best first per trainee, ties by trait id
    assert got["traits"].rows == (
        ("north/anna", "Honesty", 4, 100.0),
        ("north/anna", "Courtesy", 3, pytest.approx(200 / 3)),
        ("north/anna", "Avoiding: Bad etiquette", 1, 0.0),
        ("north/anna", "Responsiveness", 1, 0.0),
        ("south/bruno", "Avoiding: Bad etiquette", 1, 0.0),
        ("south/bruno", "Avoiding: Broken promises", 1, 0.0),
        ("south/bruno", "Honesty", 1, 0.0))
    assert got["traits"].faint == (2, 3, 4, 5, 6)
    anna, bruno = got["traits"].charts
    assert anna.title == "north/anna: trait scores"
    assert anna.series[0].faint == (False, False, True, True)
    assert bruno.series[0].points == (("Avoiding: Bad etiquette", 0.0),
                                      ("Avoiding: Broken promises", 0.0), ("Honesty", 0.0))
    # four traits: two strongest, two weakest (weakest first), never one twice; the
    # decisions behind each: tell_truth showed honesty in a1-a4, apologise courtesy in
    # a2 and a3 (a4 timed out), the slow apologise cost responsiveness in a3, snap in a1;
    # bruno's three traits: two "strongest" at 0 (nothing showed them), honesty weakest
    assert got["extremes"].rows == (
        ("north/anna", "strongest", "Honesty", 4, 100.0,
         "The late parcel: «Thursday, honestly.» ×4"),
        ("north/anna", "strongest", "Courtesy", 3, pytest.approx(200 / 3),
         "The late parcel: «I'm sorry, let me check.» ×2"),
        ("north/anna", "weakest", "Responsiveness", 1, 0.0,
         "The late parcel: «I'm sorry, let me check.» ×1"),
        ("north/anna", "weakest", "Avoiding: Bad etiquette", 1, 0.0,
         "The late parcel: «Not my problem.» ×1"),
        ("south/bruno", "strongest", "Avoiding: Bad etiquette", 1, 0.0, ""),
        ("south/bruno", "strongest", "Avoiding: Broken promises", 1, 0.0, ""),
        ("south/bruno", "weakest", "Honesty", 1, 0.0, "The late parcel: «Today, promise!» ×1"))
    assert got["extremes"].faint == (2, 3, 4, 5, 6)


def test_the_traits_view_in_a_time_window(known_db):
    # a2 and a3 only: courtesy 100 in both, honesty 100 in both, responsiveness 0 in a3
    got = sections(known_db, "traits", since="2026-11-04T00:00:00Z",
                   until="2026-11-11T00:00:00Z")
    assert got["traits"].rows == (("north/anna", "Courtesy", 2, 100.0),
                                  ("north/anna", "Honesty", 2, 100.0),
                                  ("north/anna", "Responsiveness", 1, 0.0))
    assert got["extremes"].rows[0][5] == "The late parcel: «I'm sorry, let me check.» ×2"
    assert got["extremes"].rows[1][5] == "The late parcel: «Thursday, honestly.» ×2"
    # until day 4 (exclusive) keeps a1 alone: snap and tell_truth, once each
    early = sections(known_db, "traits", trainee="north/anna", until="2026-11-04T00:00:00Z")
    assert early["traits"].rows == (("north/anna", "Honesty", 1, 100.0),
                                    ("north/anna", "Avoiding: Bad etiquette", 1, 0.0))
    assert [r[5] for r in early["extremes"].rows] == [
        "The late parcel: «Thursday, honestly.» ×1", "The late parcel: «Not my problem.» ×1"]
    late = sections(known_db, "traits", trainee="north/anna", since="2026-11-11T00:00:00Z")
    assert late["traits"].rows == (("north/anna", "Honesty", 1, 100.0),
                                   ("north/anna", "Courtesy", 1, 0.0))
    # a team and a time together: anna's a2, a3, a4 (courtesy 100, 100, 0)
    north = sections(known_db, "traits", team="north", since="2026-11-04T00:00:00Z")
    assert north["traits"].rows == (("north/anna", "Honesty", 3, 100.0),
                                    ("north/anna", "Courtesy", 3, pytest.approx(200 / 3)),
                                    ("north/anna", "Responsiveness", 1, 0.0))
    assert [(r[1], r[5]) for r in north["extremes"].rows] == [
        ("strongest", "The late parcel: «Thursday, honestly.» ×3"),
        ("strongest", "The late parcel: «I'm sorry, let me check.» ×2"),
        ("weakest", "The late parcel: «I'm sorry, let me check.» ×1")]
    assert north["extremes"].faint == (2,)
    by_scenario = sections(known_db, "traits", scenario="late_parcel")
    assert by_scenario["traits"].rows == sections(known_db, "traits")["traits"].rows
    assert sections(known_db, "traits", scenario="other")["traits"].rows == ()
    team = sections(known_db, "traits", team="south")
    assert [r[:2] for r in team["traits"].rows] == [
        ("south/bruno", "Avoiding: Bad etiquette"), ("south/bruno", "Avoiding: Broken promises"),
        ("south/bruno", "Honesty")]


def test_the_scenarios_view_in_full(known_db):
    got = sections(known_db, "scenarios")
    # 5 ended, 2 trainees, 4 of 5 passed, average of the five, lowest b1, highest a2
    (row,) = got["scenarios"].rows
    assert row == ("The late parcel", 50.0, 5, 2, 80.0,
                   pytest.approx((A1 + A2 + A3 + A4) / 5), 0.0, 100.0)
    (chart,) = got["scenarios"].charts
    assert chart.series[0].marks == (50.0,) and chart.series[0].faint == (False,)
    assert chart.series[0].points == (("The late parcel", pytest.approx((A1 + A2 + A3 + A4) / 5)),)
    # greet was answered 6 times (3 apologise: merit 2, 1 when slow, 2; 2 snap: -2;
    # 1 timeout: -1), promise 5 times (4 tell_truth: 3; 1 promise_today: -2)
    assert got["choices"].rows == (
        ("The late parcel", "greet", 1, "I'm sorry, let me check.", 3, 50.0,
         pytest.approx(5 / 3)),
        ("The late parcel", "greet", 2, "Not my problem.", 2, pytest.approx(100 / 3), -2.0),
        ("The late parcel", "greet", 3, "(no answer: time ran out)", 1, pytest.approx(100 / 6),
         -1.0),
        ("The late parcel", "promise", 1, "Thursday, honestly.", 4, 80.0, 3.0),
        ("The late parcel", "promise", 2, "Today, promise!", 1, 20.0, -2.0))
    assert got["choices"].faint == (1, 2, 4)
    # points lost = best merit - merit: snap 2 - (-2) = 4 twice, promise_today 3 - (-2)
    # = 5, the timeout 2 - (-1) = 3, the slow apologise 2 - 1 = 1; the fourth is left
    # off the printed page (three printed)
    assert got["mistakes"].rows == (
        ("The late parcel", "Not my problem.", "wrong choice", 2, pytest.approx(100 / 3), 8.0, 4.0),
        ("The late parcel", "Today, promise!", "wrong choice", 1, 20.0, 5.0, 5.0),
        ("The late parcel", "(no answer: time ran out)", "no answer in time", 1,
         pytest.approx(100 / 6), 3.0, 3.0),
        ("The late parcel", "I'm sorry, let me check.", "right answer, too slow", 1,
         pytest.approx(100 / 6), 1.0, 1.0))
    assert got["mistakes"].unprinted == (3,) and got["mistakes"].faint == (0, 1, 2, 3)


def test_the_scenarios_view_filtered(known_db):
    # a2 and a3: greet apologise twice (2 and 1: 1.5), tell_truth twice; a3's slow answer
    window = sections(known_db, "scenarios", since="2026-11-04T00:00:00Z",
                      until="2026-11-11T00:00:00Z")
    assert window["scenarios"].rows == (("The late parcel", 50.0, 2, 1, 100.0, 95.0, 90.0,
                                         100.0),)
    assert window["scenarios"].charts[0].series[0].faint == (True,)
    assert window["choices"].rows == (
        ("The late parcel", "greet", 1, "I'm sorry, let me check.", 2, 100.0, 1.5),
        ("The late parcel", "promise", 1, "Thursday, honestly.", 2, 100.0, 3.0))
    assert window["mistakes"].rows == (("The late parcel", "I'm sorry, let me check.",
                                        "right answer, too slow", 1, 50.0, 1.0, 1.0),)
    # bruno, from the running totals: greet twice (b1 snap, b2 apologise), promise once
    bruno = sections(known_db, "scenarios", trainee="south/bruno")
    assert bruno["scenarios"].charts[0].series[0].points == (("The late parcel", 0.0),)
    # anna from day 4: a2, a3, a4, three sessions: no longer greyed
    anna = sections(known_db, "scenarios", trainee="north/anna", since="2026-11-04T00:00:00Z")
    assert anna["scenarios"].rows[0][2] == 3 and anna["scenarios"].faint == ()
    assert anna["scenarios"].charts[0].series[0].faint == (False,)
    assert bruno["choices"].rows == (
        ("The late parcel", "greet", 1, "I'm sorry, let me check.", 1, 50.0, 2.0),
        ("The late parcel", "greet", 2, "Not my problem.", 1, 50.0, -2.0),
        ("The late parcel", "promise", 1, "Today, promise!", 1, 100.0, -2.0))
    assert bruno["mistakes"].rows == (
        ("The late parcel", "Today, promise!", "wrong choice", 1, 100.0, 5.0, 5.0),
        ("The late parcel", "Not my problem.", "wrong choice", 1, 50.0, 4.0, 4.0))
    # until day 4 alone: a1 and b1, both snapped; at promise one each, ties by choice id
    early = sections(known_db, "scenarios", until="2026-11-04T00:00:00Z")
    assert [r[1:] for r in early["choices"].rows] == [
        ("greet", 1, "Not my problem.", 2, 100.0, -2.0),
        ("promise", 1, "Today, promise!", 1, 50.0, -2.0),
        ("promise", 2, "Thursday, honestly.", 1, 50.0, 3.0)]
    north = sections(known_db, "scenarios", team="north")
    # anna's greet: apologise twice, the timeout once, snap once: ties by choice id
    assert [r[3:5] for r in north["choices"].rows] == [
        ("I'm sorry, let me check.", 2), ("(no answer: time ran out)", 1),
        ("Not my problem.", 1), ("Thursday, honestly.", 4)]


def test_the_team_view_in_full(known_db):
    got = sections(known_db, "team")
    # weeks from Monday 2 November: north a1 (55.6) + a2 (100); a3 (90) + a4 (66.7) the
    # week of the 9th; south b1 (0) the first week (b2 never ended)
    assert got["team"].rows == (
        ("north", "2026-11-02", 2, 1, pytest.approx((A1 + A2) / 2), 100.0),
        ("north", "2026-11-09", 2, 1, pytest.approx((A3 + A4) / 2), 100.0),
        ("south", "2026-11-02", 1, 1, 0.0, 0.0))
    assert got["team"].faint == (0, 1, 2)
    north, south = got["team"].charts
    assert north.title == "team north: week by week"
    assert north.series[0].points == (("2026-11-02", pytest.approx((A1 + A2) / 2)),
                                      ("2026-11-09", pytest.approx((A3 + A4) / 2)))
    assert north.series[1].points == (("2026-11-02", 100.0), ("2026-11-09", 100.0))
    assert south.series[1].points == (("2026-11-02", 0.0),)


def test_the_review_view_lists_every_override(known_db):
    got = sections(known_db, "review")
    (row,) = got["overrides"].rows
    assert row[:6] == ("a3", "north/anna", "The late parcel", "88.9 → 90.0", "Maria Rossi",
                       "line dropped")
    assert row[7] == ""  # overridden before the sign-off
    assert got["awaiting"].rows[0][0] == "b1"
    # the override was recorded when the fixture was built (now): a window in the
    # past leaves it out, and a team that is not anna's too
    assert sections(known_db, "review", until="2026-11-30T00:00:00Z")["overrides"].rows == ()
    assert sections(known_db, "review", team="south")["overrides"].rows == ()


def test_best_and_last_read_the_effective_scores(known_db):
    with ScoreLog.open(known_db) as log:
        anna = log.best_and_last("north/anna", "late_parcel")
        bruno = log.best_and_last("south/bruno", "late_parcel")
        nobody = log.best_and_last("north/nobody", "late_parcel")
    # anna's best is a2's 100; her last a4; a3 counts at its overridden 90
    assert (anna.sessions, anna.best, anna.last) == (4, 100.0, pytest.approx(A4))
    assert (bruno.sessions, bruno.best, bruno.last) == (1, 0.0, 0.0)  # b2 never ended
    assert (nobody.sessions, nobody.best, nobody.last) == (0, None, None)


def test_filters_combine(known_db):
    # a team and a scenario, a team and a trainee: each narrows what the other kept
    both = sections(known_db, "summary", team="north", scenario="late_parcel")
    assert [r[:2] for r in both["summary"].rows] == [("north/anna", 4)]
    assert sections(known_db, "summary", team="north", scenario="other")["summary"].rows == ()
    assert sections(known_db, "summary", team="north",
                    trainee="south/bruno")["summary"].rows == ()
    got = sections(known_db, "trainees", team="south", trainee="south/bruno",
                   since="2026-11-03T00:00:00Z", until="2026-11-13T00:00:00Z")
    assert got["trainees"].rows == (("south/bruno", 2, 1, 0, 1, 0.0, 0, "2026-11-12 09:00"),)


# What a manager reads above each table, as assets/i18n/reports/en.yaml spells it, and
# how each section is laid out (paged in a terminal; detail left off the printed page).
SECTIONS = {
    "summary": ("Class summary", ("trainee", "ended (n)", "passed", "last score",
                                  "trend per session", "direction", "weakest trait",
                                  "its score", "overridden"),
                "Every trainee; n = ended sessions; grey: fewer than 3 sessions, too few to "
                "judge. Trend: least-squares change per session (improving above +1).",
                False, False),
    "trends": ("Every trainee's trend", (),
               "Overall score of each ended session in order, every trainee.", True, False),
    "weakest": ("Weakest traits, class-wide", ("trait", "average", "n", "trainees"), "",
                True, False),
    "awaiting": ("Sessions awaiting review", ("session", "trainee", "scenario", "score", "why",
                                              "ended"),
                 "Failed or re-scored and not signed off, newest first (1). Review one with "
                 "report --session ID.", False, False),
    "trainees": ("Trainees", ("trainee", "n", "ended (n)", "passed", "abandoned", "average",
                              "overridden", "last played"),
                 "abandoned: started but never ended (closed, crashed or still open)",
                 True, False),
    "per_scenario": ("Scores per scenario", ("trainee", "scenario", "n", "best", "last score",
                                             "average", "pass mark", "trend per session"),
                     "trend: least-squares change in score from one session to the next",
                     True, True),
    "traits": ("Trait profile", ("trainee", "trait", "n", "average"),
               "trait score 0-100, higher is better for every trait ('Avoiding: …' for bad "
               "traits)", True, True),
    "extremes": ("Strongest and weakest traits", ("trainee", "which", "trait", "n", "average",
                                                  "decisions that show it"), "", True, True),
    "scenarios": ("Scenarios", ("scenario", "pass mark", "n", "trainees", "pass rate %",
                                "average", "lowest", "highest"),
                  "each scenario is judged against its own pass mark", True, False),
    "mistakes": ("Costliest mistakes", ("scenario", "choice", "kind", "times", "share %",
                                        "points lost", "lost each time"),
                 "points lost: the best open choice's points minus what the answer earned, "
                 "summed over every time it was given; the 5 costliest per scenario",
                 True, False),
    "choices": ("Choices made at each decision", ("scenario", "decision", "rank", "choice",
                                                  "times", "share %", "average merit"), "",
                True, True),
    "team": ("Team over time", ("team", "week of", "n", "trainees", "average", "pass rate %"),
             "team: the part of a trainee id before '/' (north/anna is in north)", True, True),
    "overrides": ("Overridden scores", ("session", "trainee", "scenario", "original → new",
                                        "by", "reason", "when", "after sign-off"),
                  "Reviewer names are as typed: a local score log cannot prove who ran the "
                  "command.", False, False),
}
CHARTS = {  # the first chart of a section: kind, title, series, one of many small ones
    "trends": ("lines", "north/anna", ["north/anna"], True),
    "traits": ("bars", "north/anna: trait scores", ["average"], True),
    "scenarios": ("bars", "average score per scenario (green: at or above its pass mark)",
                  ["average"], False),
    "team": ("lines", "team north: week by week", ["average", "pass rate %"], False),
}


@pytest.mark.parametrize("view", ["summary", "trainees", "traits", "scenarios", "team",
                                  "review"])
def test_every_section_is_titled_and_laid_out_as_documented(known_db, view):
    for key, section in sections(known_db, view).items():
        assert (section.title, section.columns, section.note, section.paged,
                section.detail) == SECTIONS[key]
        assert len(section.columns) == max((len(r) for r in section.rows),
                                           default=len(section.columns))
        if key in CHARTS:
            chart = section.charts[0]
            assert (chart.kind, chart.title, [s.name for s in chart.series],
                    chart.small) == CHARTS[key]
        else:
            assert section.charts == ()
