"""The log's columns and the reports' SQL say what the core's one scoring module says
(game.core.rules.score_events) about sessions played through the runtime: the points
each decision lost, wrong / slow / timed out, the session's score and pass, and an
override's pass worked out with the core's ``passes``.

Sessions (played.py; fixture scenario, pass mark 50): anna the best answers, the first
after 15 s (slow: 3 of 4 earned); bruno a timeout then a wrong promise; carla a snap then
the truth; dora the best answers, later overridden to 40 (below the mark: failed).
"""

import json
import sqlite3

import pytest
from played import FIXTURES, play

from game.core.rules import score_events
from game.reports.review import override_score
from game.scorelog import ScoreLog
from game.scorelog.queries import RESULTS

PASS = 50.0  # late_parcel's pass_score


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("agrees") / "log.sqlite3"
    with ScoreLog.open(path) as log:
        play(log, "s0", "anna", [("apologise", 15.0), ("tell_truth", 3.0)], day=1)
        play(log, "s1", "bruno", [(None, 20.0), ("promise_today", 3.0)], day=2)
        play(log, "s2", "carla", [("snap", 3.0), ("tell_truth", 3.0)], day=3)
        play(log, "s3", "dora", [("apologise", 3.0), ("tell_truth", 3.0)], day=4)
        override_score(log, "s3", 40.0, "line dropped", "Ugo", library=FIXTURES)
    return path


def cards(path):
    conn = sqlite3.connect(path)
    by_session: dict[str, list] = {}
    for sid, data in conn.execute("SELECT session_id, data FROM events ORDER BY seq"):
        by_session.setdefault(sid, []).append(json.loads(data))
    return conn, {sid: score_events(events, PASS) for sid, events in by_session.items()}


def test_each_decision_lost_what_the_core_says_of_the_kind_it_says(db):
    conn, scored = cards(db)
    for sid, card in scored.items():
        rows = conn.execute("SELECT node, lost, mistake FROM events WHERE session_id = ? "
                            "AND type IN ('ChoiceMade', 'TimedOut') ORDER BY seq",
                            (sid,)).fetchall()
        want = [(d.node, d.lost, None if d.lost <= 0 else "timeout" if d.choice is None
                 else "wrong" if d.wrong else "slow") for d in card.decisions]
        assert rows == want, sid
    # worked out by hand: anna 1 slow, bruno 3 (timeout) + 5 (wrong), carla 4 (wrong)
    assert conn.execute("SELECT session_id, lost, mistake FROM events WHERE lost > 0 "
                        "ORDER BY seq").fetchall() == [
        ("s0", 1.0, "slow"), ("s1", 3.0, "timeout"), ("s1", 5.0, "wrong"),
        ("s2", 4.0, "wrong")]


def test_the_reports_results_are_the_cores_scores_and_passes(db):
    conn, scored = cards(db)
    rows = conn.execute(f"WITH {RESULTS.format(where='')} SELECT session_id, score, passed, "
                        "overridden FROM results ORDER BY session_id").fetchall()
    assert rows == [(sid, card.score, int(card.final_passed), card.override is not None)
                    for sid, card in sorted(scored.items())]
    assert [r[2] for r in rows] == [1, 0, 1, 0]  # dora's 40 is below the mark of 50
