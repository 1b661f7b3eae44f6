"""One session step by step, and a manager's override and sign-off recorded as new events."""

import json
import shutil

from known_log import report_cli, run_cli
from played import FIXTURES


def sections(proc):
    assert proc.returncode == 0, proc.stderr
    return {s["key"]: s["rows"] for s in json.loads(proc.stdout)["sections"]}


def test_session_view_shows_what_was_said_and_chosen(known_db):
    view = sections(report_cli("--db", str(known_db), "--session", "a3", "--format", "json"))
    fields = {r["field"]: r["value"] for r in view["session"]}
    assert fields["trainee"] == "north/anna" and fields["overall"] == 800 / 9
    assert fields["overridden"].startswith("88.8889 → 90, Maria Rossi: line dropped (")
    first, second = view["steps"]
    assert first["decision"] == "greet" and first["seconds"] == 15.0
    assert first["said"] == "Where is my parcel?"  # from the file as it was played
    assert first["chosen"] == "apologise: I'm sorry, let me check."
    assert first["traits"] == "courtesy +2, responsiveness -1"  # slow: 15 s of 20
    assert second["traits"] == "honesty +3"
    assert [(r["what"], r["by"], r["change"], r["reason"]) for r in view["reviews"]] == [
        ("score override", "Maria Rossi", "88.8889 → 90", "line dropped"),
        ("sign-off", "Maria Rossi", None, "")]


def test_a_session_is_shown_with_the_text_the_trainee_saw(known_db, tmp_path):
    """The library's file changed since: the session still shows the kept original."""
    library = tmp_path / "library"
    shutil.copytree(FIXTURES, library)
    path = library / "late_parcel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Where is my parcel?",
                                                             "Where is it?"), encoding="utf-8")
    view = sections(run_cli("report", "--scenarios", str(library), "--db", str(known_db),
                            "--session", "a1", "--format", "json"))
    assert view["steps"][0]["said"] == "Where is my parcel?"


def test_override_and_sign_off_append_events_and_change_the_report(known_db, tmp_path):
    db = tmp_path / "copy.sqlite3"
    shutil.copy(known_db, db)
    count = 24  # 5 sessions x 4 events, b2 2 (never ended), the review of a3 2
    proc = report_cli("--db", str(db), "--session", "b1", "--override", "92.5",
                      "--reason", "scored on the old rubric", "--by", "Ugo")
    assert (proc.returncode, proc.stdout) == (
        0, f"event {count + 1}: score of session b1 changed from 0 to 92.5 by Ugo\n")
    proc = report_cli("--db", str(db), "--session", "b1", "--sign-off", "--by", "Ugo")
    assert proc.stdout == f"event {count + 2}: session b1 signed off by Ugo\n"
    rows = sections(report_cli("--db", str(db), "--view", "trainees", "--trainee",
                               "south/bruno", "--format", "json"))["trainees"]
    assert (rows[0]["passed"], rows[0]["average"], rows[0]["overridden"]) == (1, 92.5, 1)
    assert run_cli("verify-log", "--db", str(db)).returncode == 0


def test_an_override_after_a_sign_off_needs_force_and_is_flagged(known_db, tmp_path):
    db = tmp_path / "copy.sqlite3"
    shutil.copy(known_db, db)
    args = ("--db", str(db), "--session", "a3", "--override", "40", "--reason", "rethought",
            "--by", "Ugo")
    refused = report_cli(*args)
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: session a3 was signed off by Maria Rossi at ")
    assert refused.stderr.endswith("; pass --force to override it anyway (the override is "
                                   "flagged)\n")
    forced = report_cli(*args, "--force")
    assert forced.returncode == 0 and forced.stdout.endswith(
        "changed from 90 to 40 by Ugo (after its sign-off: flagged)\n")
    view = sections(report_cli("--db", str(db), "--view", "review", "--format", "json"))
    last = view["overrides"][-1]
    assert (last["session"], last["original → new"], last["after sign-off"]) == (
        "a3", "88.9 → 40.0 (was 90.0)", "yes")


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
        (("--session", "a1", "--override", "70", "--reason", "x", "--by", "U\x1b[2J"), 2,
         "error: --by: contains the invisible or control character U+001B; type it "
         "without\n"),
        (("--session", "zz", "--sign-off", "--by", "U"), 1,
         "error: no session 'zz' in the score log\n"),
        (("--session", "zz",), 1, "error: no session 'zz' in the score log\n"),
        (("--since", "last tuesday"), 2,
         "error: --since: expected a date like 2026-11-01, got 'last tuesday'\n"),
        (("--until", "2026-13-01"), 2,
         "error: --until: expected a date like 2026-11-01, got '2026-13-01'\n"),
        (("--trainee", "north/\u202eanna"), 2,
         "error: --trainee: contains the invisible or control character U+202E "
         "RIGHT-TO-LEFT OVERRIDE; type it without\n"),
        (("--trainee", "x" * 65), 2, "error: --trainee: at most 64 characters, got 65\n"),
    ]
    for args, code, message in cases:
        proc = report_cli("--db", str(known_db), *args)
        assert (proc.returncode, proc.stderr) == (code, message), args


def test_missing_and_corrupt_databases_are_one_line(tmp_path):
    missing = run_cli("report", "--db", str(tmp_path / "none.db"))
    assert missing.returncode in (1, 2) and len(missing.stderr.splitlines()) == 1
    assert f"no score log at {tmp_path / 'none.db'}" in missing.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 500)
    for command in ("report", "export-xapi", "verify-log"):
        proc = run_cli(command, "--db", str(junk))
        assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1, command


def test_an_unknown_trainee_or_scenario_suggests_the_closest(known_db):
    proc = report_cli("--db", str(known_db), "--trainee", "north/ana")
    assert (proc.returncode, proc.stderr) == (
        1, "error: no sessions of trainee 'north/ana' in the score log; did you mean "
           "'north/anna'?\n")
    proc = report_cli("--db", str(known_db), "--scenario", "nothing_like_it")
    assert proc.stderr == "error: no sessions of scenario 'nothing_like_it' in the score log\n"
