"""Helpers for the hostile-input tests: a scenario to break, the CLI in process and as
a user runs it, and the checks every hostile run must pass (one line, no traceback)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "tests" / "loader" / "fixtures" / "library"
MINIMAL = (LIBRARY / "minimal.yaml").read_text(encoding="utf-8")
CATALOGUE = LIBRARY / "traits.yaml"
TIMED_CALL = ROOT / "tests" / "terminal" / "fixtures" / "timed_call.yaml"


def run_main(*args: str, cwd: Path = ROOT, input: str | None = "", env: dict | None = None,
             timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "COLUMNS": "100", "SDL_VIDEODRIVER": "dummy",
                "SDL_AUDIODRIVER": "dummy"}
    full_env.pop("CRT_DB", None)
    full_env.pop("CRT_TRACEBACK", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          input=input, capture_output=True, text=True, timeout=timeout,
                          env=full_env, **kwargs)


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int) -> str:
    """The contract for a user's mistake: the documented exit code, one line on stderr."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "internal error" not in lines[0], lines[0]
    return lines[0]


def event_types(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT type FROM events ORDER BY seq")]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the fixture catalogue, as the working folder."""
    (tmp_path / "traits.yaml").write_bytes(CATALOGUE.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path
