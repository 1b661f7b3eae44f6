"""Every column of every table of the log is covered: changing any one value of any row
is caught by verify-log (the delivery queue excepted: it is rebuilt at send time and a
row that differs is withheld, see test_outbox)."""

import shutil
import sqlite3

import pytest
from played import play

from game.scorelog import ScoreLog, verify

TABLES = {
    "events": None, "evidence": None, "trait_scores": None, "trait_totals": None,
    "choice_totals": None, "chain_head": None, "scenario_content": None,
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    db = tmp_path_factory.mktemp("columns") / "log.sqlite3"
    with ScoreLog.open(db) as log:
        play(log, "s0", "anna", [("apologise", 15.0), ("tell_truth", 3.0)], day=1)
        play(log, "s1", "bruno", [(None, 20.0), ("promise_today", 3.0)], day=2)
    return db


def cells(db):
    conn = sqlite3.connect(db)
    found = []
    for table in TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        for column in columns:
            found.append((table, column))
    conn.close()
    return found


def changed(value):
    if value is None:
        return "x"
    if isinstance(value, bytes):
        return value + b" "
    if isinstance(value, str):
        return value + "x"
    return value + 1


def test_the_log_has_the_tables_this_test_knows(pristine):
    conn = sqlite3.connect(pristine)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(TABLES) | {"outbox", "outbox_cursor", "migrations"}


def test_changing_any_value_of_any_row_is_caught(pristine, tmp_path):
    missed = []
    for table, column in cells(pristine):
        conn = sqlite3.connect(pristine)
        rows = conn.execute(f"SELECT rowid, {column} FROM {table}").fetchall()
        conn.close()
        for rowid, value in rows[:3] + rows[-2:]:  # the first and the last rows of each
            db = tmp_path / "t.sqlite3"
            shutil.copy(pristine, db)
            conn = sqlite3.connect(db, isolation_level=None)
            for trigger in [r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
                conn.execute(f"DROP TRIGGER {trigger}")
            try:
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                             (changed(value), rowid))
            except sqlite3.IntegrityError:  # NOT NULL, a key taken: not a change that can be
                conn.close()
                continue
            conn.close()
            with ScoreLog.open(db, create=False) as log:
                if verify(log.conn).ok:
                    missed.append(f"{table}.{column} row {rowid}")
            db.unlink()
    assert missed == []


def test_migrations_must_be_the_shipped_ones(pristine, tmp_path):
    db = tmp_path / "m.sqlite3"
    shutil.copy(pristine, db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO migrations VALUES ('9999_backdoor', '2026-12-01')")
    conn.close()
    with ScoreLog.open(db, create=False) as log:
        verdict = verify(log.conn)
    assert not verdict.ok and "9999_backdoor" in verdict.problem
