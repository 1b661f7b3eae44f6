"""Where the log lives, its migrations, and one-line errors for a bad database."""

import sqlite3

import pytest
from cli_run import run_cli

from game.core.errors import UserError
from game.scorelog import ScoreLog, resolve_db_path
from game.scorelog.schema import MIGRATIONS


def test_location_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("CRT_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(tmp_path / "arg.db") == tmp_path / "arg.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("CRT_DB")
    assert resolve_db_path(None).name == "scorelog.sqlite3"
    assert "client-relations-trainer" in str(resolve_db_path(None))


def test_migrations_are_recorded_once_by_name(db):
    ScoreLog.open(db).close()
    ScoreLog.open(db).close()
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_log_from_a_newer_version_is_refused(db):
    ScoreLog.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(UserError, match="written by a newer version of the trainer"):
        ScoreLog.open(db)


def test_best_and_last_apply_overrides_and_unfinished_sessions_resume(db):
    from game.scorelog import ScoreOverridden

    with ScoreLog.open(db) as log:
        for sid, score in (("a", 40.0), ("b", 80.0), ("c", 55.0)):
            rec = log.recorder(sid)
            rec.record({"type": "SessionStarted", "trainee": "anna", "scenario_id": "demo"})
            rec.record({"type": "SessionEnded", "overall": score, "passed": score >= 60})
        log.append("c", ScoreOverridden(by="Maria", reason="audio failed", score=70.0))
        open_rec = log.recorder("d")
        open_rec.record({"type": "SessionStarted", "trainee": "anna", "scenario_id": "demo"})
        result = log.best_and_last("anna", "demo")
        assert (result.sessions, result.best, result.last) == (3, 80.0, 70.0)
        assert [s.session_id for s in log.resume_candidates("anna")] == ["d"]
        log.abandon("d")
        assert log.resume_candidates("anna") == ()
        assert log.best_and_last("bruno", "demo").best is None


def test_missing_and_corrupt_databases_are_one_line(tmp_path):
    missing = run_cli("verify-log", "--db", str(tmp_path / "nope.db"))
    assert (missing.returncode, missing.stderr) == (  # a path that does not exist: usage, 2
        2, f"error: no score log at {tmp_path / 'nope.db'} (play a session or run demo-data "
           "first)\n")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 300)
    corrupt = run_cli("verify-log", "--db", str(junk))
    assert corrupt.returncode == 1
    assert corrupt.stderr == (f"error: the score log {junk} is damaged or not a score log "
                              "(file is not a database); it was left untouched, keep a copy "
                              "of it\n")
    assert junk.read_bytes() == b"this is not sqlite" * 300
