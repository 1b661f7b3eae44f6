"""verify-log's fast pass (``fastcheck.intact``) on its own catches every edit of the derived
rows, not only the slow walk that names it: a faster check must not be a weaker one.

The log is three sessions played through the runtime on the fixture scenario
(played.py): events 1-4 anna (start, two decisions, end), 5-8 bruno, 9-12 carla, whose
first decision timed out. Each decision has evidence rows, each SessionEnded trait
score rows.
"""

import shutil
import sqlite3

import pytest
from played import play

from game.scorelog import ScoreLog, verify
from game.scorelog.fastcheck import intact


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    db = tmp_path_factory.mktemp("fast") / "log.sqlite3"
    with ScoreLog.open(db) as log:
        play(log, "s0", "anna", [("apologise", 3.0), ("tell_truth", 3.0)], day=1)
        play(log, "s1", "bruno", [("snap", 3.0), ("promise_today", 3.0)], day=2)
        play(log, "s2", "carla", [(None, 20.0), ("tell_truth", 3.0)], day=3)
    return db


def edited(pristine, tmp_path, *statements):
    db = tmp_path / "t.sqlite3"
    shutil.copy(pristine, db)
    conn = sqlite3.connect(db, isolation_level=None)
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                   ).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    for sql in statements:
        conn.execute(sql)
    return conn


def test_an_intact_log_passes_the_fast_pass_with_its_head(pristine):
    conn = sqlite3.connect(pristine)
    head = conn.execute("SELECT hash FROM chain_head").fetchone()[0]
    assert intact(conn) == (True, 12, head)


# evidence rowids: 1 (event 2), 2 (3), 3 (6), 4 and 5 (7: broken_promises, honesty, both
# -1), 6 (10), 7 (11); trait score rowids 1-2 (event 4), 3-5 (8), 6-7 (12)
EDITS = {
    "two evidence rows of one decision swapped":
        ("UPDATE evidence SET trait = CASE rowid WHEN 4 THEN 'honesty' ELSE 'broken_promises' "
         "END WHERE rowid IN (4, 5)",),
    "an evidence row given to an event that has none":
        ("INSERT INTO evidence SELECT 1, trainee, scenario, node, choice, trait, merit "
         "FROM evidence WHERE rowid = 1",),
    "an evidence row of no event":
        ("INSERT INTO evidence SELECT 99, trainee, scenario, node, choice, trait, merit "
         "FROM evidence WHERE rowid = 1",),
    "an evidence row between two events": ("UPDATE evidence SET seq = 2.5 WHERE rowid = 1",),
    "an evidence row's trainee": ("UPDATE evidence SET trainee = 'bruno' WHERE rowid = 2",),
    "an evidence row's choice": ("UPDATE evidence SET choice = 'snap' WHERE rowid = 1",),
    "a decision's evidence moved after a later event's":
        ("CREATE TEMP TABLE moved AS SELECT * FROM evidence WHERE rowid = 1",
         "DELETE FROM evidence WHERE rowid = 1",
         "INSERT INTO evidence SELECT * FROM moved"),
    "a trait score row's session": ("UPDATE trait_scores SET session_id = 's1' WHERE rowid = 1",),
    "a trait score row removed": ("DELETE FROM trait_scores WHERE rowid = 7",),
    "a choice total": ("UPDATE choice_totals SET lost = lost + 1 WHERE rowid = 1",),
    "a trait total of nobody":
        ("INSERT INTO trait_totals VALUES ('zoe', 'late_parcel', 'honesty', 1, 100)",),
    "a trainee stored as bytes": ("UPDATE events SET trainee = x'616e6e61' WHERE seq = 1",),
}


@pytest.mark.parametrize("edit", EDITS)
def test_the_fast_pass_alone_catches(pristine, tmp_path, edit):
    conn = edited(pristine, tmp_path, *EDITS[edit])
    assert conn.total_changes > 0
    assert intact(conn)[0] is False
    assert verify(conn).ok is False  # and the whole check says so, without a traceback
