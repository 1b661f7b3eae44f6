"""Running `python main.py ...` as a user would, for the score log tests."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env: dict | None = None,
            answers: str | None = None) -> subprocess.CompletedProcess:
    """``answers``: what the user types (standard input), for play --text."""
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env, input=answers)
