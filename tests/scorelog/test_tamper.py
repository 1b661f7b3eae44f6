"""Edited, deleted or reordered rows are caught by verify-log, naming the first bad event."""

import json
import shutil
import sqlite3

import pytest
from cli_run import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scorelog import ScoreLog

EVENTS = 12  # 3 sessions x (start, 2 choices, end)


def build(db):
    with ScoreLog.open(db) as log:
        for n, trainee in enumerate(("anna", "bruno", "carla")):
            rec = log.recorder(f"s{n}")
            rec.record({"type": "SessionStarted", "trainee": trainee, "scenario_id": "demo"})
            for k in range(2):
                rec.record({"type": "ChoiceMade", "node": f"n{k}", "choice": "ok",
                            "evidence": [{"trait": "courtesy", "strength": 1, "merit": 1.5}]})
            rec.record({"type": "SessionEnded", "overall": 50.0 + n, "passed": False,
                        "traits": {"courtesy": 70.0}})


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    db = tmp_path_factory.mktemp("pristine") / "log.sqlite3"
    build(db)
    return db


def tamper(db, *statements, params=()):
    conn = sqlite3.connect(db, isolation_level=None)
    for trigger in ("events_no_update", "events_no_delete", "evidence_no_update"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for sql in statements:
        conn.execute(sql, params if "?" in sql else ())
    conn.close()


def verify_line(db):
    proc = run_cli("verify-log", "--db", str(db))
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def copy(pristine, tmp_path):
    db = tmp_path / "log.sqlite3"
    shutil.copy(pristine, db)
    return db


def test_intact_log_passes(pristine, tmp_path):
    code, line = verify_line(copy(pristine, tmp_path))
    assert code == 0
    assert line.startswith(f"{tmp_path / 'log.sqlite3'}: ok, {EVENTS} events, chain head ")


def test_edited_event_content_is_named(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE events SET data = replace(data, '51.0', '91.0') WHERE seq = 8")
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
        from game.scorelog import verify
        verdict = verify(log.conn)
    db.unlink()
    assert not verdict.ok
    assert verdict.problem.startswith(f"event {seq} (")


def test_edited_report_totals_are_caught(pristine, tmp_path):
    db = copy(pristine, tmp_path)
    tamper(db, "UPDATE trait_totals SET total = total + 30 WHERE trainee = 'bruno'")
    code, line = verify_line(db)
    assert (code, line) == (1, f"{db}: TAMPERED: trait_totals row bruno/demo/courtesy does not "
                               "add up to the events (the report totals were edited)")
