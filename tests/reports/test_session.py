"""Replaying one session, and a manager's override and sign-off recorded as new events."""

import json
import shutil

from known_log import run_cli


def sections(proc):
    assert proc.returncode == 0, proc.stderr
    return {s["title"]: s["rows"] for s in json.loads(proc.stdout)["sections"]}


def test_session_replay_shows_what_was_said_and_chosen(known_db):
    view = sections(run_cli("report", "--db", str(known_db), "--session", "a3", "--format",
                            "json"))
    fields = {r["field"]: r["value"] for r in view["Session a3"]}
    assert fields["trainee"] == "north/anna" and fields["overall"] == 55.0
    first, second = view["Steps"]
    assert first["decision"] == "opening" and first["seconds"] == 5.0
    assert first["client said"].startswith("Bellini here.")  # the shipped scenario's text
    assert first["chosen"].startswith("let_him_finish: I'm sorry")
    assert first["traits"] == "courtesy +3, de_escalation +1.3"
    assert first["rules"] == "calm_with_furious"
    assert first["state after"] == "trust=50 mood=30"
    assert second["traits"] == "responsiveness +1.2, bad_etiquette -3"
    assert [(r["what"], r["by"], r["score"], r["reason"]) for r in view["Reviews"]] == [
        ("score override", "Maria Rossi", 65.0, "line dropped"),
        ("sign-off", "Maria Rossi", None, "")]


def test_override_and_sign_off_append_events_and_change_the_report(known_db, tmp_path):
    db = tmp_path / "copy.sqlite3"
    shutil.copy(known_db, db)
    proc = run_cli("report", "--db", str(db), "--session", "b1", "--override", "92.5",
                   "--reason", "scored on the old rubric", "--by", "Ugo")
    assert (proc.returncode, proc.stdout) == (
        0, "event 24: score of session b1 changed from 30 to 92.5 by Ugo\n")
    proc = run_cli("report", "--db", str(db), "--session", "b1", "--sign-off", "--by", "Ugo")
    assert proc.stdout == "event 25: session b1 signed off by Ugo\n"
    rows = sections(run_cli("report", "--db", str(db), "--view", "trainees", "--trainee",
                            "south/bruno", "--format", "json"))["Trainees"]
    # 92.5 passes phone_complaint whatever its pass score (<= 75 in the library)
    assert (rows[0]["passed"], rows[0]["average"]) == (1, 92.5)
    assert run_cli("verify-log", "--db", str(db)).returncode == 0


def test_review_mistakes_are_one_line(known_db):
    cases = [
        (("--override", "75", "--reason", "x", "--by", "U"), 2,
         "error: --override and --sign-off need --session ID\n"),
        (("--session", "a1", "--override", "75", "--by", "U"), 2,
         "error: --override needs --reason TEXT and --by NAME\n"),
        (("--session", "a1", "--override", "120", "--reason", "x", "--by", "U"), 2,
         "error: --override: expected a score between 0 and 100, got 120\n"),
        (("--session", "b2", "--override", "70", "--reason", "x", "--by", "U"), 1,
         "error: session b2 has not ended; only ended sessions can be re-scored\n"),
        (("--session", "zz", "--sign-off", "--by", "U"), 1,
         "error: no session 'zz' in the score log\n"),
        (("--session", "zz",), 1, "error: no session 'zz' in the score log\n"),
        (("--since", "last tuesday"), 2,
         "error: --since: expected a date like 2026-11-01, got 'last tuesday'\n"),
    ]
    for args, code, message in cases:
        proc = run_cli("report", "--db", str(known_db), *args)
        assert (proc.returncode, proc.stderr) == (code, message), args


def test_missing_and_corrupt_databases_are_one_line(tmp_path):
    missing = run_cli("report", "--db", str(tmp_path / "none.db"))
    assert (missing.returncode, missing.stderr) == (
        1, f"error: no score log at {tmp_path / 'none.db'} (play a session or run demo-data "
           "first)\n")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 500)
    for command in ("report", "export-xapi", "verify-log"):
        proc = run_cli(command, "--db", str(junk))
        assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1, command
        assert "is damaged or not a score log" in proc.stderr


def test_an_unknown_trainee_or_scenario_suggests_the_closest(known_db):
    proc = run_cli("report", "--db", str(known_db), "--trainee", "north/ana")
    assert (proc.returncode, proc.stderr) == (
        1, "error: no sessions of trainee 'north/ana' in the score log; did you mean "
           "'north/anna'?\n")
    proc = run_cli("report", "--db", str(known_db), "--scenario", "nothing_like_it")
    assert proc.stderr == "error: no sessions of scenario 'nothing_like_it' in the score log\n"
