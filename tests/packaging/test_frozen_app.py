"""The standalone one-folder app (packaging/crtrainer.spec) starts without a Python
installation: it lints the shipped library, plays a scripted session, reports it, and
opens the game window (under Xvfb when there is one).

Building takes about half a minute, so it runs only when asked: ``CRT_TEST_APP=1`` or on
CI (``CI=true``, which `.ci/run` sets after installing PyInstaller).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from pkgenv import ANSWERS, ROOT, checkout, private_env, run, summary_line, without_log_line

WANTED = os.environ.get("CRT_TEST_APP") == "1" or os.environ.get("CI") == "true"
pytestmark = [
    pytest.mark.skipif(not WANTED, reason="builds the app: set CRT_TEST_APP=1 (CI does)"),
    pytest.mark.skipif(sys.platform == "win32", reason="the Linux build is tested here"),
]
BUILD_TIMEOUT = 300  # seconds; a 2-core machine builds it in about 30


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed")
    base = tmp_path_factory.mktemp("app")
    env = private_env(base / "home")
    shutil.copytree(ROOT / "scenarios", base / "snapshot")  # what the app is built from
    built = run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                 "--distpath", str(base / "dist"), "--workpath", str(base / "work"),
                 str(ROOT / "packaging" / "crtrainer.spec")], base, env, timeout=BUILD_TIMEOUT)
    assert built.returncode == 0, built.stderr[-3000:]
    exe = base / "dist" / "crtrainer" / "crtrainer"
    assert exe.is_file()
    # No Python from here on: nothing on PATH but the app itself.
    env["PATH"] = str(exe.parent)
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return exe, env, elsewhere, base / "snapshot"


def test_the_app_lints_the_library_it_carries(app):
    exe, env, elsewhere, snapshot = app
    got = run([str(exe), "lint"], elsewhere, env)
    want = checkout("lint", str(snapshot), env=env, cwd=ROOT)
    assert (got.returncode, got.stderr) == (want.returncode, "")
    assert summary_line(got.stdout) == summary_line(want.stdout)
    assert "_internal/game/_data/scenarios" in run([str(exe), "config"], elsewhere, env).stdout


def test_the_app_plays_a_scripted_session_and_reports_it(app, tmp_path):
    exe, env, elsewhere, snapshot = app
    db = tmp_path / "app.sqlite3"
    options = ["--text", "--seed", "11", "--trainee", "north/anna", "--lang", "it"]
    got = run([str(exe), "play", "phone_complaint", *options, "--db", str(db)], elsewhere,
              env, stdin=ANSWERS)
    want = checkout("play", str(snapshot / "phone_complaint.yaml"), *options, "--db",
                    str(tmp_path / "checkout.sqlite3"), env=env, cwd=ROOT, stdin=ANSWERS)
    assert got.returncode == 0, got.stderr
    assert without_log_line(got.stdout) == without_log_line(want.stdout)
    report = run([str(exe), "report", "--db", str(db), "--view", "trainees", "--format",
                  "csv"], elsewhere, env)
    assert report.returncode == 0, report.stderr
    assert "\nnorth/anna,1,1," in report.stdout  # one session, ended


def _window_titles(display: str) -> list[str]:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, timeout=10).stdout
    return [line.split('"')[1] for line in tree.splitlines() if line.count('"') >= 2]


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xwininfo")),
                    reason="needs Xvfb and xwininfo (x11-utils)")
def test_the_app_opens_the_game_window_under_xvfb(app, tmp_path):
    exe, env, elsewhere, _ = app
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        display = f":{xvfb.stdout.readline().strip()}"
        window_env = {**env, "DISPLAY": display, "SDL_VIDEODRIVER": "x11"}
        game = subprocess.Popen([str(exe)], cwd=elsewhere, env=window_env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        titles: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and game.poll() is None:
            titles = _window_titles(display)
            if "Client Relations Trainer" in titles:
                break
            time.sleep(0.2)
        still_running = game.poll() is None
        game.send_signal(signal.SIGTERM)
        _, err = game.communicate(timeout=20)
        assert still_running, err
        assert "Client Relations Trainer" in titles, (titles, err)
        assert "Traceback" not in err and "error" not in err.lower()
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def test_the_app_needs_no_python_on_path(app):
    exe, env, elsewhere, _ = app
    assert shutil.which("python3", path=env["PATH"]) is None
    got = run([str(exe), "--version"], elsewhere, env)
    assert (got.returncode, got.stdout.split()[-1]) == (0, "0.1.0")
