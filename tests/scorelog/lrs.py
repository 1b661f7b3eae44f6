"""A real Ralph LRS on 127.0.0.1 for the tests, from the virtualenv .ci/lrs/install makes."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LRS_DIR = ROOT / ".ci" / "lrs"
VENV_BIN = LRS_DIR / ".venv" / "bin"
USER, PASSWORD = "trainer", "secret-password"
SKIP_REASON = ("the Ralph LRS is not installed here: run .ci/lrs/install "
               "(CI runs it before the tests)")


def available() -> bool:
    return (VENV_BIN / "ralph").exists() and (VENV_BIN / "python").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lrs:
    """Start, stop and restart Ralph on one port with one data folder."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.data = workdir / "data"
        self.env = {**os.environ, "RALPH_APP_DIR": str(workdir / "app"),
                    "RALPH_RUNSERVER_BACKEND": "fs",
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.data),
                    "PYTHONPATH": str(LRS_DIR)}
        self.proc: subprocess.Popen | None = None
        subprocess.run([str(VENV_BIN / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s",
                        "all", "-M", "mailto:trainer@example.org", "-w"], env=self.env,
                       check=True, capture_output=True, timeout=60)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "uvicorn", "ralph_app:app", "--host",
             "127.0.0.1", "--port", str(self.port)], env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__",
                                            timeout=1):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("the Ralph LRS exited at start") from None
                time.sleep(0.1)
        raise RuntimeError("the Ralph LRS did not answer within 90 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=15)
        self.proc = None

    def stored_ids(self) -> list[str]:
        import json

        path = self.data / "fs_lrs.jsonl"
        if not path.exists():
            return []
        return [json.loads(line)["id"] for line in path.read_text().splitlines() if line]

    def statements(self) -> list[dict]:
        """Every statement the LRS stored, as it stored it."""
        import json

        path = self.data / "fs_lrs.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line]
