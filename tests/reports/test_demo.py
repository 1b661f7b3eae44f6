"""Demo data through the real runtime, and resuming an interrupted session from the log."""

import pytest
from known_log import run_cli

from game.core.loader import Library
from game.scorelog import ScoreLog
from game.scorelog.queries import session_scores


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    proc = run_cli("demo-data", "--db", str(db), "--trainees", "6", "--sessions", "16")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{db}: 96 sessions, ")
    return db


def test_demo_log_is_intact_and_reports_every_session(demo_db):
    assert run_cli("verify-log", "--db", str(demo_db)).returncode == 0
    with ScoreLog.open(demo_db, create=False) as log:
        started = log.conn.execute("SELECT count(*) FROM events WHERE type = "
                                   "'SessionStarted'").fetchone()[0]
        trainees = {r[0] for r in log.conn.execute("SELECT DISTINCT trainee FROM events")}
    assert started == 96
    assert trainees == {"north/anna", "south/bruno", "east/carla", "west/dario",
                        "north/elena", "south/fabio"}


def test_simulated_trainees_improve_with_practice(demo_db):
    with ScoreLog.open(demo_db, create=False) as log:
        scores = [s for _, s in session_scores(log.conn)]
    half = len(scores) // 2
    early, late = sum(scores[:half]) / half, sum(scores[half:]) / (len(scores) - half)
    assert late > early + 5


def test_demo_data_refuses_a_log_with_events(demo_db):
    proc = run_cli("demo-data", "--db", str(demo_db), "--trainees", "1", "--sessions", "1")
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"error: {demo_db} already holds ")
    assert proc.stderr.endswith("events; demo data goes in a new database (or pass --append)\n")


def test_an_interrupted_session_is_resumed_by_replay(db_path):
    from game.core.runtime.session import Session

    library = Library()
    scenario = library.scenario("phone_complaint")
    with ScoreLog.open(db_path) as log:
        rec = log.recorder()
        session = Session(scenario, library.catalogue, library.rules, seed=5, trainee="ines")
        for event in session.events:
            rec.record(event)
        session.choose(0, response_time=3.0)
        rec.record(session.events[-1])
        # the game is closed here; next time the trainee is offered to resume
        (candidate,) = log.resume_candidates("ines")
        assert candidate.session_id == rec.session_id and candidate.events == 2
        resumed = Session.replay(scenario, library.catalogue, library.rules,
                                 log.runtime_events(rec.session_id))
        assert resumed.state == session.state
        recorded = len(resumed.events)
        while resumed.status == "awaiting_choice":
            resumed.choose(0, response_time=2.0)
        for event in resumed.events[recorded:]:
            rec.record(event)
        assert log.resume_candidates("ines") == ()
        best = log.best_and_last("ines", "phone_complaint")
        assert best.sessions == 1 and best.last == pytest.approx(resumed.result().overall)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "resume.sqlite3"
