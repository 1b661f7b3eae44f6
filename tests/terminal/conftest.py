"""Helpers for the terminal tests: run main.py as a user would, and know which number
the seeded shuffle gives each choice."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TIMED_CALL = FIXTURES / "timed_call.yaml"


def run_main(*args: str, input: str | None = "", env: dict | None = None,
             timeout: float = 60) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "COLUMNS": "100", **(env or {})}
    full_env.pop("CRT_DB", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, input=input,
                          capture_output=True, text=True, timeout=timeout, env=full_env)


@functools.cache
def context_for(path: Path = TIMED_CALL):
    from game.terminal.tools import load_context

    return load_context(path)


def numbers_for(choice_ids: list[str], seed: int, path: Path = TIMED_CALL) -> list[int]:
    """The 1-based numbers the terminal shows for ``choice_ids`` with this seed."""
    from game.core.runtime import Session

    context = context_for(path)
    session = Session(context.scenario, context.catalogue, context.rules, seed=seed)
    numbers = []
    for choice_id in choice_ids:
        if choice_id == "timeout":
            session.timeout()
            numbers.append(0)
            continue
        ids = [c.id for c in session.view().choices]
        numbers.append(ids.index(choice_id) + 1)
        session.choose(ids.index(choice_id))
    return numbers


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "log.sqlite3"


def logged(db_path: Path) -> list[dict]:
    """The events recorded in a score log, oldest first."""
    from game.scorelog.store import ScoreLog

    with ScoreLog.open(db_path, create=False) as log:
        ids = [row[0] for row in log.conn.execute(
            "SELECT DISTINCT session_id FROM events ORDER BY seq")]
        return [event for sid in ids for event in log.session_events(sid)]
