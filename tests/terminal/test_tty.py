"""`play --text` at a real (pseudo-)terminal: rich layout, typed answers, timeouts."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time

import pytest
from conftest import ROOT, TIMED_CALL, logged, numbers_for

SEED = 4
ANSI_BOLD = "\x1b[1m"


def _own_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty, as a shell
    would arrange, so Ctrl-C typed at it becomes SIGINT."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """A program running on a pseudo-terminal 100 columns wide."""

    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40"}
        env.pop("NO_COLOR", None)
        env.pop("CRT_DB", None)
        self.proc = subprocess.Popen([sys.executable, "main.py", *args], cwd=ROOT,
                                     stdin=slave, stdout=slave, stderr=slave, env=env,
                                     close_fds=True, preexec_fn=_own_terminal)
        os.close(slave)
        self.screen = ""

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """Read until ``text`` has appeared after what was read before; return all output."""
        start = len(self.screen)
        deadline = time.monotonic() + timeout
        while text not in self.screen[start:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the program exited and closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen}")
                self.screen += chunk.decode("utf-8", errors="replace")
        return self.screen

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def close(self) -> int:
        try:
            code = self.proc.wait(timeout=20)
        finally:
            os.close(self.master)
        return code


@pytest.fixture
def db(tmp_path):
    return tmp_path / "log.sqlite3"


def test_a_terminal_gets_the_rich_layout_and_typed_answers_play_through(db):
    first, second = numbers_for(["polite", "promise"], SEED)
    term = Terminal("play", str(TIMED_CALL), "--text", "--seed", str(SEED), "--timing", "off",
                    "--db", str(db))
    screen = term.wait_for("Your answer (1-2): ")
    assert "╭" in screen and "Anna Rossi" in screen and ANSI_BOLD in screen  # panels, colour
    assert "Where is my order?" in screen
    term.type("z")  # not a number: asked again
    term.wait_for("Please type a number from 1 to 2.")
    term.type(str(first))
    term.wait_for("Courteous and quick.")
    term.type(str(second))
    screen = term.wait_for("Scores recorded in")
    assert term.close() == 0
    assert "Debrief" in screen and "PASSED (pass score 60)" in screen
    assert "Client kept (success)" in screen
    assert logged(db)[-1]["overall"] == 100


def test_a_timed_question_times_out_at_a_terminal(db):
    term = Terminal("play", str(TIMED_CALL), "--text", "--seed", str(SEED), "--db", str(db))
    term.wait_for("1 s left")
    term.wait_for("Time is up: you did not answer in time.", timeout=10)
    term.type(str(numbers_for(["timeout", "promise"], SEED)[1]))
    term.wait_for("Scores recorded in")
    assert term.close() == 0
    assert [e["type"] for e in logged(db)][1] == "TimedOut"


def test_ctrl_d_at_a_terminal_abandons_the_session(db):
    term = Terminal("play", str(TIMED_CALL), "--text", "--seed", str(SEED), "--timing", "off",
                    "--db", str(db))
    term.wait_for("Your answer (1-2): ")
    os.write(term.master, b"\x04")  # end of input, as Ctrl-D sends it
    term.wait_for("recorded as abandoned")
    assert term.close() == 0
    assert [e["type"] for e in logged(db)] == ["SessionStarted", "SessionAbandoned"]


def test_ctrl_c_at_a_terminal_abandons_the_session_and_exits_130(db):
    term = Terminal("play", str(TIMED_CALL), "--text", "--seed", str(SEED), "--timing", "off",
                    "--db", str(db))
    term.wait_for("Your answer (1-2): ")
    os.write(term.master, b"\x03")  # the terminal turns Ctrl-C into SIGINT
    term.wait_for("Interrupted: the session is recorded as abandoned.")
    assert term.close() == 130
    assert [e["type"] for e in logged(db)] == ["SessionStarted", "SessionAbandoned"]


def test_the_clock_counts_down_in_place_while_the_player_thinks(db):
    term = Terminal("play", str(TIMED_CALL), "--text", "--seed", str(SEED), "--timing",
                    "extended", "--db", str(db))
    term.wait_for("⏱ 2 s left")
    # redrawn a second later on the line above the prompt, the cursor put back after
    screen = term.wait_for("⏱ 1 s left")
    assert "\x1b7\x1b[1A\r\x1b[2K" in screen
    term.wait_for("Time is up")
    term.type(str(numbers_for(["timeout", "promise"], SEED)[1]))
    term.wait_for("Scores recorded in")
    assert term.close() == 0
