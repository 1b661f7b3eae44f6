"""The minimised cases of issue 16, class 4: the command line and the environment.
Each hostile invocation gives one line and its documented exit code; nothing is
written outside the named output; a session is never left open in the log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, TIMED_CALL, assert_one_line_error, event_types, run_main


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("log") / "demo.db"
    proc = run_main("demo-data", "--db", str(db), "--trainees", "2", "--sessions", "2")
    assert proc.returncode == 0, proc.stderr
    return db


# --- the one guard: a bug is one line and exit 70 -------------------------------------

def test_an_unexpected_exception_is_one_internal_error_line(monkeypatch, capsys):
    import game.cli as cli

    def broken(args):
        raise ZeroDivisionError("division by zero")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda only=None: parser)
    parser.set_defaults(func=broken)
    monkeypatch.delenv("CRT_TRACEBACK", raising=False)
    assert cli.main([]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("internal error: ZeroDivisionError: division by zero (this is a bug")
    assert "please report it" in err and "Traceback" not in err


def test_memory_and_recursion_errors_are_internal_errors_too(monkeypatch, capsys):
    import game.cli as cli

    for error in (MemoryError(), RecursionError("maximum recursion depth exceeded")):
        parser = cli.build_parser()
        monkeypatch.setattr(cli, "build_parser", lambda only=None, parser=parser: parser)

        def broken(args, error=error):
            raise error

        parser.set_defaults(func=broken)
        assert cli.main([]) == 70
        assert capsys.readouterr().err.startswith(f"internal error: {type(error).__name__}")


# --- paths and options ----------------------------------------------------------------

@pytest.mark.parametrize("command", [["report"], ["verify-log"], ["export-xapi"]])
def test_a_missing_score_log_is_a_usage_error(tmp_path: Path, command: list[str]):
    proc = run_main(*command, "--db", str(tmp_path / "none.db"))
    line = assert_one_line_error(proc, 2)
    assert f"no score log at {tmp_path / 'none.db'}" in line


def test_db_of_an_unknown_users_home_is_a_usage_error(tmp_path: Path):
    proc = run_main("report", "--db", "~nosuchuser/x.db")
    assert assert_one_line_error(proc, 2) == \
        "error: ~nosuchuser/x.db: no such user's home folder"


def test_play_with_an_empty_db_does_not_write_the_default_log(tmp_path: Path):
    home = tmp_path / "home"
    proc = run_main("play", str(TIMED_CALL), "--text", "--db", "", input="1\n",
                    env={"HOME": str(home), "XDG_DATA_HOME": str(home / "data")})
    assert assert_one_line_error(proc, 2) == \
        "error: --db needs a path to the score log (it was empty)"
    assert not home.exists()


def test_report_since_the_year_one_in_another_zone(demo_db: Path):
    proc = run_main("report", "--db", str(demo_db), "--since", "0001-01-01T00:00+01:00")
    assert assert_one_line_error(proc, 2).startswith("error: --since: expected a date")


@pytest.mark.parametrize("wait", ["nan", "inf", "-1", "1e400"])
def test_send_xapi_refuses_a_wait_that_would_hang(demo_db: Path, wait: str):
    proc = run_main("send-xapi", "--db", str(demo_db), "--wait", wait,
                    "--url", "http://127.0.0.1:9/xAPI", timeout=30)
    assert "--wait" in assert_one_line_error(proc, 2)


# --- output files: the one helper ------------------------------------------------------

def test_export_with_a_missing_log_leaves_the_out_file_alone(tmp_path: Path):
    out = tmp_path / "statements.json"
    out.write_text("yesterday's export\n")
    proc = run_main("export-xapi", "--db", str(tmp_path / "none.db"), "--out", str(out))
    assert_one_line_error(proc, 2)
    assert out.read_text() == "yesterday's export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statements.json"]


def test_export_to_a_full_disk_is_one_line(demo_db: Path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    proc = run_main("export-xapi", "--db", str(demo_db), "--out", "/dev/full")
    assert assert_one_line_error(proc, 1) == \
        "error: cannot write /dev/full: no space left on the device"


@pytest.mark.parametrize("folder", ["/proc", "/sys/kernel"])
def test_new_into_a_pseudo_file_system_is_one_line(folder: str):
    if not Path(folder).is_dir():
        pytest.skip(f"no {folder} here")
    proc = run_main("new", "late_invoice", "--encounter", "delivery_failure", "--out", folder)
    assert assert_one_line_error(proc, 1).startswith(f"error: cannot write {folder}/")


def test_new_into_a_read_only_folder_is_one_line(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    tmp_path.chmod(0o555)
    try:
        proc = run_main("new", "late_invoice", "--encounter", "delivery_failure",
                        "--out", str(tmp_path))
    finally:
        tmp_path.chmod(0o755)
    assert assert_one_line_error(proc, 1) == \
        f"error: cannot write {tmp_path / 'late_invoice.yaml'}: permission denied"


def test_new_does_not_follow_a_dangling_symlink_out_of_the_folder(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    inside = tmp_path / "scenarios"
    inside.mkdir()
    (inside / "late_invoice.yaml").symlink_to(outside / "planted.yaml")
    proc = run_main("new", "late_invoice", "--encounter", "delivery_failure",
                    "--out", str(inside))
    assert "already exists" in assert_one_line_error(proc, 1)
    assert list(outside.iterdir()) == []


def test_graph_out_refuses_a_symlink_and_keeps_its_target(tmp_path: Path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    (tmp_path / "map.dot").symlink_to(target)
    proc = run_main("graph", str(TIMED_CALL), "--out", str(tmp_path / "map.dot"))
    assert "symbolic link" in assert_one_line_error(proc, 1)
    assert target.read_text() == "keep me"


def test_graph_out_into_a_missing_folder_creates_nothing(tmp_path: Path):
    proc = run_main("graph", str(TIMED_CALL), "--out", str(tmp_path / "missing" / "map.dot"))
    assert assert_one_line_error(proc, 2) == \
        f"error: the folder {tmp_path / 'missing'} does not exist; create it first"
    assert not (tmp_path / "missing").exists()


def test_graph_out_replaces_a_file_whole(tmp_path: Path):
    out = tmp_path / "map.dot"
    out.write_text("old map")
    proc = run_main("graph", str(TIMED_CALL), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text().startswith("digraph")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.dot"]  # no temp file left


def test_screenshot_into_a_missing_folder_creates_nothing(tmp_path: Path):
    pytest.importorskip("pygame")
    proc = run_main("screenshot", str(TIMED_CALL), "--out", str(tmp_path / "missing" / "x.png"),
                    timeout=120)
    assert assert_one_line_error(proc, 2) == \
        f"error: the folder {tmp_path / 'missing'} does not exist; create it first"
    assert not (tmp_path / "missing").exists()


def test_report_out_to_a_folder_is_a_usage_error(demo_db: Path, tmp_path: Path):
    proc = run_main("report", "--db", str(demo_db), "--format", "csv", "--out", str(tmp_path))
    assert "is a folder" in assert_one_line_error(proc, 2)


# --- play --text: stdin, signals and pipes end the session as abandoned ---------------

def test_play_with_stdin_closed_records_the_session_as_abandoned(tmp_path: Path):
    db = tmp_path / "log.db"
    proc = _run_with_stdin_closed(db)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert event_types(db) == ["SessionStarted", "SessionAbandoned"]


def _run_with_stdin_closed(db: Path) -> subprocess.CompletedProcess:
    # `<&-`: file descriptor 0 is not open at all (sys.stdin is None in Python)
    command = (f"exec {sys.executable} {ROOT / 'main.py'} play {TIMED_CALL} --text "
               f"--db {db} --seed 1 <&-")
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "100"})


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminating_signal_records_the_session_as_abandoned(tmp_path: Path, signum: int):
    db = tmp_path / "log.db"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "play", str(TIMED_CALL),
                             "--text", "--db", str(db), "--seed", "1", "--timing", "off"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        _wait_for_prompt(proc)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert event_types(db) == ["SessionStarted", "SessionAbandoned"]


def _wait_for_prompt(proc: subprocess.Popen) -> None:
    """Block until the first question is on screen (the session has started)."""
    seen = ""
    while "Your answer" not in seen:
        chunk = proc.stdout.readline() if "Your answer" not in seen else ""
        if not chunk and proc.poll() is not None:
            raise AssertionError(f"play ended early: {seen}")
        seen += chunk
        if seen.count("\n") > 40:
            break
        if "  2) " in seen:  # the prompt has no newline: the last choice is the cue
            time.sleep(0.3)
            break


def test_a_closed_output_pipe_records_the_session_as_abandoned(tmp_path: Path):
    db = tmp_path / "log.db"
    # `head -1` reads the title line and exits: every later write meets a broken pipe
    command = (f"{sys.executable} {ROOT / 'main.py'} play {TIMED_CALL} --text --db {db} "
               f"--seed 1 --timing off < <(sleep 2; echo 1; sleep 30) | head -1")
    proc = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr, proc.stderr
    events = event_types(db)
    assert events[0] == "SessionStarted" and events[-1] == "SessionAbandoned", events


def test_a_lock_never_released_is_reported_without_contradiction(tmp_path: Path):
    """The log stayed locked for the whole session: the closing line says what was not
    recorded, and no longer also says "nothing recorded was lost"."""
    import io
    import sqlite3 as sqlite

    from game.core.errors import UserError
    from game.core.i18n import Translator
    from game.scorelog.db import user_error
    from game.terminal.record import LogRecorder
    from game.terminal.screen import PlainScreen

    class LockedLog:
        path = tmp_path / "log.db"

        def recorder(self):
            return LockedRecorder()

        def close(self):
            pass

    class LockedRecorder:
        pending = 0

        def record(self, event):
            self.pending += 1
            raise user_error(LockedLog.path, sqlite.OperationalError("database is locked"))

    out = io.StringIO()
    recorder = LogRecorder(LockedLog(), PlainScreen(out, Translator("terminal", "en")),
                           Translator("terminal", "en"))
    recorder.sync(type("S", (), {"events": ["started", "abandoned"]})())
    with pytest.raises(UserError) as caught:
        recorder.close()
    message = str(caught.value)
    assert message.startswith("2 events of this session could not be recorded")
    assert f"the score log {LockedLog.path} is locked by another program" in message
    assert "nothing recorded was lost" not in message


def test_a_node_with_no_open_choice_ends_the_session_as_abandoned(tmp_path: Path):
    from .conftest import MINIMAL

    stuck = MINIMAL.replace("        next: kept\n", "        next: kept\n        when: "
                            "\"state.trust > 99\"\n", 1).replace(
        "        next: lost\n", "        next: lost\n        when: \"state.mood > 99\"\n", 1)
    path = tmp_path / "minimal.yaml"  # beside no traits.yaml: the shipped catalogue
    path.write_text(stuck, encoding="utf-8")
    db = tmp_path / "log.db"
    proc = run_main("play", str(path), "--text", "--db", str(db), input="1\n")
    assert assert_one_line_error(proc, 1) == ("error: node 'opening' has no open choice and "
                                              "no timeout: the scenario cannot continue from "
                                              "here")
    assert event_types(db) == ["SessionStarted", "SessionAbandoned"]


@pytest.mark.parametrize("closed, args, code", [
    (">&-", ["play", str(TIMED_CALL), "--text", "--no-log"], 0),  # answers, no screen
    ("2>&-", ["lint", "nosuch"], 2),  # the message has nowhere to go; the code still tells
])
def test_closed_output_streams_do_not_turn_into_internal_errors(closed: str, args: list[str],
                                                                 code: int):
    command = f"echo 1 | {sys.executable} {ROOT / 'main.py'} {' '.join(args)} {closed}; " \
              "echo \"rc=$?\" >&3"
    proc = subprocess.run(["bash", "-c", f"exec 3>&1; {command}"], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert proc.stdout.strip().splitlines()[-1] == f"rc={code}", proc.stdout + proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [["lint", "x" * 5000], ["play", "x" * 5000, "--text"],
                                  ["report", "--db", "x" * 5000],
                                  ["analyze", "a/" * 3000]])
def test_a_path_the_system_refuses_is_a_usage_error(args: list[str]):
    # found by the fuzzer: ENAMETOOLONG escaped from Path.exists() as an internal error
    line = assert_one_line_error(run_main(*args), 2)
    assert line.endswith(": File name too long") and len(line) < 120


def test_a_usage_error_quoting_control_characters_is_one_escaped_line():
    # found by the fuzzer: argparse echoed "--lang \r0" raw, a second line on a terminal
    proc = run_main("analyze", str(TIMED_CALL), "--lang", "\r0\x1b[2J")
    line = assert_one_line_error(proc, 2)
    assert "\x1b" not in line and "\r" not in line and "\\x0d0\\x1b[2J" in line


def test_a_nul_in_a_path_is_a_usage_error(capsys, tmp_path: Path, monkeypatch):
    # found by the fuzzer: os.stat("\x00") raises ValueError ("embedded null byte")
    from game.cli import main

    monkeypatch.chdir(tmp_path)
    for argv in (["play", str(TIMED_CALL), "--db", "\x00", "--text"], ["lint", "a\x00b"],
                 ["graph", str(TIMED_CALL), "--out", "map\x00.dot"]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: ") and "\x00" not in err, err
    assert list(tmp_path.iterdir()) == []
