"""Each costly decision carries its mistake kind (wrong / right but slow / timed out) as
a column, hashed with the row (version 3), filled by migration 0006 for rows written
before it and re-derived from their events by verify-log.

Played through the runtime on the fixture scenario (played.py): anna gives the best
greeting ("apologise") after 15 s, earning 3 of its 4 points (1 lost: slow), then the
best answer in time (nothing lost); bruno lets the greeting time out (earned 1 of 4,
3 lost) and promises today (0 of 5, wrong); carla snaps (0 of 4, wrong).
"""

import shutil
import sqlite3

import pytest
from cli_run import run_cli
from played import play

from game.scorelog import ScoreLog
from game.scorelog.chain import index_text, row_hash

KINDS = [(2, "slow", 1.0), (3, None, 0.0), (6, "timeout", 3.0), (7, "wrong", 5.0),
         (10, "wrong", 4.0), (11, None, 0.0)]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    db = tmp_path_factory.mktemp("mistakes") / "log.sqlite3"
    with ScoreLog.open(db) as log:
        play(log, "s0", "anna", [("apologise", 15.0), ("tell_truth", 3.0)], day=1)
        play(log, "s1", "bruno", [(None, 20.0), ("promise_today", 3.0)], day=2)
        play(log, "s2", "carla", [("snap", 3.0), ("tell_truth", 3.0)], day=3)
    return db


def kinds(db):
    return sqlite3.connect(db).execute(
        "SELECT seq, mistake, lost FROM events WHERE type IN ('ChoiceMade', 'TimedOut') "
        "ORDER BY seq").fetchall()


def verify_line(db):
    proc = run_cli("verify-log", "--db", str(db))
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def as_version_2(src, dst):
    """The log as the store wrote it before version 3: no mistake column, hashes without
    it, migration 0006 not yet applied."""
    shutil.copy(src, dst)
    conn = sqlite3.connect(dst, isolation_level=None)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("DROP INDEX ix_events_mistake")
    conn.execute("ALTER TABLE events DROP COLUMN mistake")
    prev = "0" * 64
    rows = conn.execute("SELECT seq, at, session_id, trainee, scenario, type, node, choice, "
                        "score, passed, merit, lost, response_time, data FROM events "
                        "ORDER BY seq").fetchall()
    for seq, at, sid, *values, data in rows:
        ev = conn.execute("SELECT trait, merit FROM evidence WHERE seq = ? ORDER BY rowid",
                          (seq,)).fetchall()
        sc = conn.execute("SELECT trait, score FROM trait_scores WHERE seq = ? ORDER BY rowid",
                          (seq,)).fetchall()
        digest = row_hash(prev, seq, at, sid, data, index_text(*values, ev, sc))
        conn.execute("UPDATE events SET prev_hash = ?, hash = ?, hv = 2 WHERE seq = ?",
                     (prev, digest, seq))
        prev = digest
    conn.execute("UPDATE chain_head SET hash = ?", (prev,))
    conn.execute("""CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'the score log is append-only'); END""")
    conn.execute("DELETE FROM migrations WHERE name = '0006_mistake_kind'")
    conn.execute("PRAGMA user_version = 5")
    conn.close()


def test_each_costly_decision_is_stored_with_its_kind(pristine):
    assert kinds(pristine) == KINDS
    assert verify_line(pristine)[0] == 0


def test_an_edited_kind_is_caught(pristine, tmp_path):
    db = tmp_path / "log.sqlite3"
    shutil.copy(pristine, db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET mistake = 'slow' WHERE seq = 10")  # a wrong answer
    conn.close()
    code, line = verify_line(db)
    assert code == 1 and "event 10 (ChoiceMade, session s2" in line, line


def test_older_rows_get_their_kind_from_the_migration_and_verify(pristine, tmp_path):
    old = tmp_path / "old.sqlite3"
    as_version_2(pristine, old)
    assert verify_line(old)[0] == 0  # opening it applies 0006
    assert kinds(old) == KINDS
    conn = sqlite3.connect(old)
    assert {r[0] for r in conn.execute("SELECT hv FROM events")} == {2}
    conn.close()
    for seq, kind in ((2, "wrong"), (3, "slow")):  # kind changed, and one added
        db = tmp_path / f"edited{seq}.sqlite3"
        shutil.copy(old, db)
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("DROP TRIGGER events_no_update")
        conn.execute("UPDATE events SET mistake = ? WHERE seq = ?", (kind, seq))
        conn.close()
        code, line = verify_line(db)
        assert code == 1, line
        assert f"event {seq} (ChoiceMade, session s0" in line
        assert line.endswith("column 'mistake' does not match the recorded event"), line
