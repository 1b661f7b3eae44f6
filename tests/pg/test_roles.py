"""The central log's roles, against a real server: what a trainee's and a manager's login
may and may not do, and that a review carries the login that made it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "scorelog"))

from played import play

from game.core.errors import UsageError, UserError
from game.reports.review import override_score, sign_off
from game.scorelog import ScoreLog, verify


def record(url: str, trainee: str) -> str:
    """One real session of the fixture scenario, played by the runtime, recorded through
    url one event per transaction as the game does."""
    session_id = f"s-{trainee}"
    with ScoreLog.open(url) as log:
        play(log, session_id, trainee, [("apologise", 15.0), ("tell_truth", 3.0)])
    return session_id


def refused(url: str, sql: str) -> str:
    with psycopg.connect(url, autocommit=True) as conn, pytest.raises(psycopg.Error) as err:
        conn.execute(sql)
    return err.value.sqlstate


def test_a_trainee_appends_its_own_session_and_nothing_else(logins, pg_url):
    anna, ben = logins.add("trainee"), logins.add("trainee")
    mine = record(anna, "north/anna")
    theirs = record(ben, "north/ben")
    # the trainee's own session reads back whole; the other's is invisible
    with ScoreLog.open(anna) as log:
        assert next(e["type"] for e in log.session_events(mine)) == "SessionStarted"
        assert log.session_events(mine)[-1]["type"] == "SessionEnded"
        assert log.session_events(theirs) == []
        assert log.best_and_last("north/ben", "late_parcel").sessions == 0
        assert log.best_and_last("north/anna", "late_parcel").sessions == 1
    # no UPDATE, DELETE or direct INSERT, on any table (42501: insufficient privilege)
    assert refused(anna, "UPDATE events SET score = 100") == "42501"
    assert refused(anna, "DELETE FROM events") == "42501"
    assert refused(anna, "INSERT INTO events (seq, at, session_id, type, data, prev_hash, "
                         "hash) VALUES (999, 'x', 'x', 'x', '{}', 'x', 'x')") == "42501"
    assert refused(anna, "SELECT * FROM evidence") == "42501"
    assert refused(anna, "UPDATE chain_head SET seq = 0") == "42501"
    # nor appending to another trainee's session through the function
    with ScoreLog.open(anna) as log, pytest.raises(UserError, match="another login"):
        log.append(theirs, {"type": "SessionAbandoned", "node": None, "decisions": 0})
    # the owner's view: both sessions, a chain that verifies
    with ScoreLog.open(pg_url) as log:
        assert verify(log.conn).ok
        users = dict(log.conn.execute("SELECT session_id, min(db_user) FROM events "
                                      "GROUP BY session_id").fetchall())
    assert users[mine] == anna.split("//")[1].split(":")[0]


def test_a_trainee_cannot_review_and_a_manager_reviews_under_its_login(logins, pg_url):
    anna, maria = logins.add("trainee"), logins.add("manager", name="maria_rossi")
    session = record(anna, "north/anna")
    with ScoreLog.open(anna) as log, pytest.raises(UserError, match="only a manager"):
        log.append(session, {"type": "ScoreOverridden", "by": "maria_rossi", "score": 100.0,
                             "reason": "x", "previous": 10.0, "passed": True})
    with ScoreLog.open(maria) as log:
        # a name other than the login is refused by the command and by the server
        with pytest.raises(UsageError, match="your login"):
            override_score(log, session, 80, "audio failed", by="Maria Rossi")
        with pytest.raises(UserError, match="login that makes it"):
            log.append(session, {"type": "SignedOff", "by": "someone_else", "note": ""})
        line = override_score(log, session, 80, "audio failed", by="")
        assert "by maria_rossi" in line
        sign_off(log, session, by="maria_rossi")
    with ScoreLog.open(pg_url) as log:
        rows = log.conn.execute("SELECT type, data, db_user FROM events WHERE type IN "
                                "('ScoreOverridden', 'SignedOff') ORDER BY seq").fetchall()
        assert verify(log.conn).ok
    assert [(t, json.loads(d)["by"], u) for t, d, u in rows] == [
        ("ScoreOverridden", "maria_rossi", "maria_rossi"),
        ("SignedOff", "maria_rossi", "maria_rossi")]


def test_a_login_without_a_role_and_a_wrong_password_get_one_line(logins, pg_server, pg_url):
    stranger = logins.add(None)
    with pytest.raises(UserError, match="has no role in this score log"):
        ScoreLog.open(stranger)
    wrong = logins.add("trainee", password="right").replace(":right@", ":wrong@")
    with pytest.raises(UserError, match="refused the login"):
        ScoreLog.open(wrong)
