"""The single entry point: usage errors are one line and exit 2, never a traceback."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_unknown_command_is_a_usage_error():
    proc = run("fly")
    assert proc.returncode == 2
    assert "invalid choice: 'fly'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_help_lists_the_commands():
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("lint", "analyze", "play", "report"):
        assert command in proc.stdout
