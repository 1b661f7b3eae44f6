"""Nothing committed is lost: killed writers, concurrent writers, a locked database."""

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from game.core.errors import UserError
from game.scorelog import ScoreLog, verify

WRITER = Path(__file__).with_name("writer.py")


def test_sigkill_mid_session_keeps_every_committed_event(db):
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db), "killed", "100000"],
                            stdout=subprocess.PIPE, text=True)
    committed = []
    for line in proc.stdout:
        committed.append(tuple(int(x) for x in line.split()))
        if len(committed) == 300:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {seq: json.loads(data) for seq, data in
              conn.execute("SELECT seq, data FROM events WHERE type = 'ChoiceMade'")}
    for seq, index in committed:
        assert stored[seq]["choice"] == f"c{index}"
    # At most the event being written when killed is missing after the last reported one.
    assert len(stored) >= len(committed)
    conn.close()
    with ScoreLog.open(db, create=False) as log:
        assert verify(log.conn).ok


def test_eight_processes_writing_at_once_lose_nothing(db):
    ScoreLog.open(db).close()  # schema in place; writers below race only on events
    procs = [subprocess.Popen([sys.executable, str(WRITER), str(db), f"w{i}", "500"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for i in range(8)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, errors
    with ScoreLog.open(db, create=False) as log:
        per_session = dict(log.conn.execute(
            "SELECT session_id, count(*) FROM events WHERE type = 'ChoiceMade' "
            "GROUP BY session_id"))
        assert per_session == {f"w{i}": 500 for i in range(8)}
        verdict = verify(log.conn)
    assert verdict.ok and verdict.events == 8 * 501


def test_locked_database_is_one_clear_error_and_the_event_is_kept(db):
    log = ScoreLog.open(db, timeout_ms=100)
    rec = log.recorder("s")
    rec.record({"type": "SessionStarted", "trainee": "anna", "scenario_id": "demo"})
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with pytest.raises(UserError) as err:
        rec.record({"type": "ChoiceMade", "node": "a", "choice": "first"})
    assert str(err.value) == (f"the score log {db} is locked by another program; "
                              "nothing recorded was lost, try again")
    assert rec.pending == 1
    blocker.execute("ROLLBACK")
    rec.record({"type": "ChoiceMade", "node": "b", "choice": "second"})
    assert [e.get("choice") for e in log.session_events("s")] == [None, "first", "second"]
    assert rec.pending == 0


def test_rows_cannot_be_updated_or_deleted_through_sql(db):
    with ScoreLog.open(db) as log:
        log.append("s", {"type": "SessionStarted", "trainee": "anna", "scenario_id": "demo"})
        for sql in ("UPDATE events SET trainee = 'bob'", "DELETE FROM events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                log.conn.execute(sql)
