"""Running the product as it is shipped: a wheel in a fresh virtualenv, or the frozen app,
always from a folder that is not the checkout, with private log, settings and config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("scenarios", "assets", "schema")  # game.core.resources.SHIPPED
#: answers for phone_complaint: a mix of good and bad ones, to the ending
ANSWERS = "1\n2\n1\n1\n1\n1\n1\n1\n"


def private_env(home: Path) -> dict[str, str]:
    """An environment that reads no file of the developer's and writes only under home."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CRT_", "PYTHON", "VIRTUAL_ENV", "XDG_"))}
    env.update(
        HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_DIRS=str(home / "etc"), CRT_SETTINGS=str(home / "settings.json"),
        SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def run(command: list[str], cwd: Path, env: dict[str, str], stdin: str | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def checkout(*args: str, env: dict[str, str], cwd: Path, stdin: str | None = None
             ) -> subprocess.CompletedProcess[str]:
    """The same command from the source checkout, for comparison."""
    return run([sys.executable, str(ROOT / "main.py"), *args], cwd, env, stdin)


def shipped_files(root: Path = ROOT) -> set[str]:
    """Every file of the shipped folders, relative to the repository."""
    return {p.relative_to(root).as_posix() for name in SHIPPED
            for p in (root / name).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")}


def summary_line(lint_output: str) -> str:
    return lint_output.strip().splitlines()[-1]


def without_log_line(play_output: str) -> str:
    """Play's output minus the line naming the log file (each run has its own; the tests
    name every log ``*.sqlite3``)."""
    return "\n".join(line for line in play_output.splitlines() if ".sqlite3" not in line)


def snapshot(folder: Path) -> dict[str, int]:
    """Files under folder with their sizes and times: to prove nothing was written there."""
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
