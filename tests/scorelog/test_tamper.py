"""Edited, deleted, moved or rewritten rows are caught by verify-log, naming what changed.

The log is three sessions really played through the runtime on the fixture scenario
(played.py): s0 anna answers best twice (overall 100, passed), s1 bruno worst twice
(merits -2 and -2 against a worst-case floor of -2 and -2: earned 0 of 9, overall 0,
failed), s2 carla lets the first question time out, then tells the truth.
"""

import json
import shutil
import sqlite3

import pytest
from cli_run import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from played import FIXTURES, play

from game.scorelog import ScoreLog, verify
from game.scorelog.chain import row_hash

EVENTS = 12  # 3 sessions x (start, 2 decisions, end)


def build(db):
    with ScoreLog.open(db) as log:
        play(log, "s0", "anna", [("apologise", 3.0), ("tell_truth", 3.0)], day=1)
        play(log, "s1", "bruno", [("snap", 3.0), ("promise_today", 3.0)], day=2)
        play(log, "s2", "carla", [(None, 20.0), ("tell_truth", 3.0)], day=3)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    db = tmp_path_factory.mktemp("pristine") / "log.sqlite3"
    build(db)
    return db


def tamper(db, *statements, params=()):
    conn = sqlite3.connect(db, isolation_level=None)
    for table in ("events", "evidence", "trait_scores", "scenario_content"):
        for verb in ("update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    for sql in statements:
        conn.execute(sql, params if "?" in sql else ())
    conn.close()


def verify_line(db, *args):
    proc = run_cli("verify-log", "--db", str(db), *args)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def copy(pristine, tmp_path):
    db = tmp_path / "log.sqlite3"
    shutil.copy(pristine, db)
    return db


def receipt_of(db):
    code, line = verify_line(db)
    assert code == 0, line
    return line.rsplit(" ", 1)[1]


def test_intact_log_passes_with_a_receipt(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    code, line = verify_line(db)
    head = sqlite3.connect(db).execute("SELECT hash FROM events WHERE seq = 12").fetchone()[0]
    assert (code, line) == (0, f"{db}: ok, {EVENTS} events, receipt 12:{head}")
    assert verify_line(db, "--expect", f"12:{head}")[0] == 0


def test_the_log_keeps_the_scenario_file_each_session_was_played_with(pristine):
    content = (FIXTURES / "late_parcel.yaml").read_bytes()
    conn = sqlite3.connect(pristine)
    kept = conn.execute("SELECT content FROM scenario_content").fetchall()
    start = json.loads(conn.execute("SELECT data FROM events WHERE seq = 1").fetchone()[0])
    assert kept == [(content,)]  # three sessions, one copy
    import hashlib
    assert start["content_hash"] == hashlib.sha256(content).hexdigest()


def test_edited_event_content_is_named(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE events SET data = replace(data, '\"overall\":0.0', '\"overall\":95.0') "
               "WHERE seq = 8")
    code, line = verify_line(db)
    assert code == 1
    assert line.startswith(f"{db}: TAMPERED: event 8 (SessionEnded, session s1, ")
    assert line.endswith("was edited: its content does not match its hash")


def test_edited_score_column_is_named(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE events SET score = 99 WHERE seq = 12")
    code, line = verify_line(db)
    assert code == 1 and "event 12 (SessionEnded, session s2" in line
    assert line.endswith("column 'score' does not match the recorded event")


def test_edited_trait_evidence_is_named(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE evidence SET merit = 3 WHERE seq = 6")
    code, line = verify_line(db)
    assert code == 1 and "event 6 (ChoiceMade" in line and "trait evidence rows" in line


def test_a_session_moved_to_another_trainee_consistently_is_caught(pristine, tmp_path):
    """(a) every row of bruno's failed session given to anna, the derived tables and the
    report totals rebuilt to match: only the hashed SessionStarted still says bruno."""
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE events SET trainee = 'anna' WHERE session_id = 's1'",
           "UPDATE evidence SET trainee = 'anna' WHERE seq BETWEEN 5 AND 8",
           "UPDATE trait_scores SET trainee = 'anna' WHERE session_id = 's1'",
           "DELETE FROM trait_totals",
           "INSERT INTO trait_totals SELECT trainee, scenario, trait, count(*), sum(score) "
           "FROM trait_scores GROUP BY 1, 2, 3",
           "DELETE FROM choice_totals",
           "INSERT INTO choice_totals SELECT trainee, scenario, node, choice, count(*), "
           "total(merit), total(lost) FROM events WHERE type IN ('ChoiceMade', 'TimedOut') "
           "GROUP BY 1, 2, 3, 4")
    code, line = verify_line(db)
    assert code == 1
    assert line.startswith(f"{db}: TAMPERED: event 5 (SessionStarted, session s1, ")
    assert line.endswith("column 'trainee' does not match the session's SessionStarted "
                         "(the session was moved)")


def test_a_session_moved_to_another_scenario_is_caught(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE events SET scenario = 'other' WHERE seq = 6")
    code, line = verify_line(db)
    assert code == 1 and "event 6 (ChoiceMade, session s1" in line
    assert "column 'scenario' does not match the session's SessionStarted" in line


def test_deleted_event_is_named(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "DELETE FROM events WHERE seq = 5")
    assert verify_line(db) == (1, f"{db}: TAMPERED: event 5 is missing: the log jumps from "
                                  "event 4 to event 6 (a row was deleted)")


def test_deleted_last_event_is_named(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "DELETE FROM events WHERE seq = 12")
    assert verify_line(db) == (1, f"{db}: TAMPERED: event 12 is missing: the log recorded "
                                  "12 events but only 11 are left (rows were deleted)")


def test_truncation_with_the_head_moved_back_fails_the_receipt(pristine, tmp_path):
    """(b) the newest override and sign-off deleted and chain_head moved back: the log
    is consistent again, but no longer extends the receipt taken after the review."""
    db = copy(pristine, tmp_path)
    assert run_cli("report", "--db", str(db), "--scenarios", str(FIXTURES), "--session", "s1",
                   "--override", "70", "--reason", "audio failed", "--by", "Ugo"
                   ).returncode == 0
    assert run_cli("report", "--db", str(db), "--session", "s1", "--sign-off", "--by", "Ugo"
                   ).returncode == 0
    receipt = receipt_of(db)
    assert receipt.startswith("14:")
    tamper(db, "DELETE FROM events WHERE seq > 12",
           "UPDATE chain_head SET seq = 12, hash = (SELECT hash FROM events WHERE seq = 12)")
    assert verify_line(db)[0] == 0  # what the log alone can tell: nothing
    assert verify_line(db, "--expect", receipt) == (
        1, f"{db}: TAMPERED: the log no longer reaches receipt {receipt}: event 14 is gone "
           "(the newest events were deleted)")


def rewrite_chain(db, seq, edit):
    """Edit event ``seq``'s content, then recompute every hash from there (an insider's
    full rewrite): the derived columns and the head are made to match too."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER events_no_update")
    data = json.loads(conn.execute("SELECT data FROM events WHERE seq = ?", (seq,)).fetchone()[0])
    edit(data)
    from game.scorelog.chain import canonical, columns
    cols = columns(data)
    conn.execute("UPDATE events SET data = ?, score = ?, passed = ? WHERE seq = ?",
                 (canonical(data), cols["score"], cols["passed"], seq))
    prev = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq - 1,)).fetchone()[0]
    for s, at, sid, data_json in conn.execute("SELECT seq, at, session_id, data FROM events "
                                              "WHERE seq >= ? ORDER BY seq", (seq,)).fetchall():
        digest = row_hash(prev, s, at, sid, data_json)  # as version 1 rows: re-derived
        conn.execute("UPDATE events SET prev_hash = ?, hash = ?, hv = 1 WHERE seq = ?",
                     (prev, digest, s))
        prev = digest
    conn.execute("UPDATE chain_head SET hash = ?", (prev,))
    conn.close()


def test_a_full_chain_rewrite_is_caught_by_the_receipt_and_by_replay(pristine, tmp_path):
    """(c) bruno's 0 / failed becomes 95 / passed with every hash recomputed."""
    db = copy(pristine, tmp_path)
    receipt = receipt_of(db)

    def pass_bruno(data):
        data.update(overall=95.0, passed=True)
    rewrite_chain(db, 8, pass_bruno)
    code, line = verify_line(db)
    assert code == 0  # the chain alone cannot tell a rewrite from the original
    code, line = verify_line(db, "--expect", receipt)
    assert code == 1 and f"does not extend receipt {receipt}: event 12 now has hash" in line
    code, out = verify_line(db, "--replay", "--scenarios", str(FIXTURES))
    assert code == 1
    assert out.splitlines() == [
        f"{db}: DIFFERS: session s1 (bruno, late_parcel): recorded SessionEnded "
        "(overall 95) but the engine gives overall 0",
        f"{db}: 1 of 3 sessions do not re-score as recorded: edited, or scored by other "
        "rules than today's (a changed engine, trait catalogue or rule pack makes most "
        "sessions differ)"]


def test_replay_of_an_intact_log_rescores_every_session(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    code, line = verify_line(db, "--replay", "--scenarios", str(FIXTURES))
    assert code == 0 and ", 3 sessions re-scored as recorded, receipt 12:" in line


def test_a_rewritten_choice_is_caught_by_replay(pristine, tmp_path):
    """anna's recorded answer changed to one that does not lead where her session went."""
    db = copy(pristine, tmp_path)

    def other_answer(data):
        data["earned"] = 99.0
    rewrite_chain(db, 2, other_answer)
    code, out = verify_line(db, "--replay", "--scenarios", str(FIXTURES))
    assert code == 1 and "session s0 (anna, late_parcel): recorded ChoiceMade (earned 99) " \
                         "but the engine gives earned 4" in out


def test_edited_kept_scenario_content_is_caught(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE scenario_content SET content = replace(content, 'pass_score: 50', "
               "'pass_score: 5')")
    code, line = verify_line(db)
    assert code == 1 and "the kept scenario content" in line and "was edited" in line


def test_reordered_events_are_named(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    # Swap two whole rows, keeping each position number: 3 <-> 4.
    tamper(db, "UPDATE events SET seq = -3 WHERE seq = 3",
           "UPDATE events SET seq = 3 WHERE seq = 4", "UPDATE events SET seq = 4 WHERE seq = -3")
    code, line = verify_line(db)
    assert code == 1
    assert "TAMPERED: event 3 (SessionEnded, session s0" in line
    assert line.endswith("is out of place: it does not follow event 2 "
                         "(a row was deleted or reordered)")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seq=st.integers(1, EVENTS), value=st.one_of(st.integers(), st.text(max_size=5),
                                                  st.floats(allow_nan=False)))
def test_any_edit_of_any_event_is_caught_at_that_event(pristine, tmp_path, seq, value):
    db = tmp_path / f"h{seq}.sqlite3"
    shutil.copy(pristine, db)
    conn = sqlite3.connect(db)
    data = json.loads(conn.execute("SELECT data FROM events WHERE seq = ?", (seq,)).fetchone()[0])
    conn.close()
    data["edited"] = value
    tamper(db, "UPDATE events SET data = ? WHERE seq = ?", params=(json.dumps(data), seq))
    with ScoreLog.open(db, create=False) as log:
        verdict = verify(log.conn)
    db.unlink()
    assert not verdict.ok
    assert verdict.problem.startswith(f"event {seq} (")


def test_edited_report_totals_are_caught(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE trait_totals SET total = total + 30 WHERE trainee = 'bruno' "
               "AND trait = 'honesty'")
    code, line = verify_line(db)
    assert (code, line) == (1, f"{db}: TAMPERED: trait_totals row bruno/late_parcel/honesty "
                               "does not add up to the events (the report totals were edited)")


def test_a_receipt_that_is_not_one_is_a_usage_error(pristine):
    proc = run_cli("verify-log", "--db", str(pristine), "--expect", "12:nothex")
    assert proc.returncode == 2 and "expected a receipt like 1234:<64 hex digits>" in proc.stderr
