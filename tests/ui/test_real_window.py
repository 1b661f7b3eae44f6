"""The real game window on a virtual X display, driven like a trainee would: keys typed
and pressed, a mouse click, all through the X server (xdotool's XTEST events), then
the score log checked for the session.

Starts its own Xvfb at 1024x600 (a netbook screen), runs `python main.py` with SDL's
x11 driver, a private score log and settings file, and reads where the buttons are
from the game's own screen trace (CRT_UI_TRACE). Skipped only off CI when Xvfb or
xdotool is missing; on CI (.ci/run installs both) a missing tool fails it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool")
DEADLINE = 60.0  # seconds for the whole session
SCREEN = (1024, 600)

missing = [tool for tool in TOOLS if shutil.which(tool) is None]
if missing and os.environ.get("CI", "").lower() != "true":
    pytest.skip(f"needs {', '.join(missing)} (installed by .ci/run)", allow_module_level=True)


class Window:
    """The game process, its display and what its screen trace says."""

    def __init__(self, tmp: Path) -> None:
        assert not missing, f"CI must provide {', '.join(missing)}"
        self.start = time.monotonic()
        # Xvfb picks a free display itself and writes its number to our pipe, so this
        # never collides with another X server on the machine
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                                      f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     pass_fds=(write,))
        os.close(write)
        with os.fdopen(read) as numbers:
            self.display = f":{numbers.readline().strip()}"
        self.trace = tmp / "screen.json"
        self.db = tmp / "scores.sqlite3"
        settings = tmp / "settings.json"
        settings.write_text(json.dumps({"sound": False}), encoding="utf-8")
        self.env = {**os.environ, "DISPLAY": self.display, "SDL_VIDEODRIVER": "x11",
                    "SDL_AUDIODRIVER": "dummy", "CRT_DB": str(self.db),
                    "CRT_SETTINGS": str(settings), "CRT_UI_TRACE": str(self.trace),
                    "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
        self._wait_for_display()
        self.output = tmp / "game.log"  # a file, not a pipe: a chatty library cannot block it
        with open(self.output, "wb") as log:
            self.game = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=self.env,
                                         stdout=log, stderr=subprocess.STDOUT)

    def _wait_for_display(self) -> None:
        while subprocess.run(["xdotool", "getmouselocation"], env=self.env,
                             capture_output=True, timeout=10).returncode != 0:
            self._check_time("Xvfb to start")
            time.sleep(0.1)

    def _check_time(self, what: str) -> None:
        if time.monotonic() - self.start > DEADLINE:
            raise AssertionError(f"timed out waiting for {what}")

    def state(self) -> dict:
        try:
            return json.loads(self.trace.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def wait(self, what: str, test) -> dict:
        while True:
            state = self.state()
            if state and test(state):
                return state
            if self.game.poll() is not None:
                raise AssertionError(f"the game exited waiting for {what}: "
                                     f"{self.output.read_text(errors='replace')[-2000:]}")
            self._check_time(what)
            time.sleep(0.05)

    def xdo(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, capture_output=True,
                       timeout=10)

    def key(self, *names: str) -> None:
        for name in names:
            self.xdo("key", name)
            time.sleep(0.08)

    def click(self, x: int, y: int) -> None:
        """A left click at (x, y) inside the game's window (it has the focus: no WM)."""
        wid = subprocess.run(["xdotool", "getwindowfocus"], env=self.env, check=True,
                             capture_output=True, text=True, timeout=10).stdout.strip()
        self.xdo("mousemove", "--window", wid, str(x), str(y))
        time.sleep(0.1)
        self.xdo("click", "1")

    def close(self) -> None:
        for proc in (self.game, self.xvfb):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


@pytest.fixture
def window(tmp_path):
    w = Window(tmp_path)
    yield w
    w.close()


def on(screen: str, phase: str | None = None, dialog: str = ""):
    return lambda s: s["screen"] == screen and s["dialog"] == dialog and \
        (phase is None or s["phase"] == phase)


def test_a_trainee_plays_in_the_real_window_with_keys_and_a_click(window):
    start = window.wait("the start screen", on("StartScreen"))
    assert start["size"][0] <= SCREEN[0] and start["size"][1] <= SCREEN[1] - 40, \
        "the window leaves room for its title bar on a 1024x600 screen"
    window.xdo("type", "--delay", "30", "north/xavi")
    window.key("Return")  # Enter in the name field continues
    window.wait("the picker", on("PickerScreen"))
    window.key("Down", "Return")  # the first card: the curriculum's first encounter
    window.wait("the encounter", on("EncounterScreen", "choose"))
    time.sleep(0.5)  # a new question takes answers after a short moment
    window.key("1")
    state = window.wait("the first feedback or question",
                        lambda s: s["screen"] == "EncounterScreen" and s["phase"] != "")
    if state["phase"] == "feedback":
        window.key("Return")
    state = window.wait("the second question", on("EncounterScreen", "choose"))
    time.sleep(0.5)
    label, x, y, w, h = state["buttons"][0]
    window.click(x + w // 2, y + h // 2)  # the first answer, with the mouse
    window.wait("the click's effect", lambda s: s["screen"] != "EncounterScreen"
                or s["phase"] != "choose" or (s["buttons"] and s["buttons"][0][0] != label))
    # mid-encounter: pause, settings, a larger text size, back to the encounter
    window.key("Escape")
    window.wait("the pause menu", on("EncounterScreen", dialog="Paused"))
    window.key("Down", "Return")
    window.wait("the settings", on("SettingsScreen"))
    window.key("Return")  # the focused first row: text size 100 -> 125 %
    window.wait("the larger text", lambda s: s["text_scale"] == 125)
    window.key("Escape")
    window.wait("the encounter again", lambda s: s["screen"] == "EncounterScreen")
    for _ in range(60):
        state = window.wait("a question, feedback or the end",
                            lambda s: s["screen"] in ("EncounterScreen", "DebriefScreen"))
        if state["screen"] == "DebriefScreen":
            break
        if state["phase"] == "choose":
            time.sleep(0.5)
            window.key("1")
        else:
            window.key("Return")
        time.sleep(0.2)
    window.wait("the debrief", on("DebriefScreen"))
    window.key("Tab", "Tab", "Tab", "Return")  # Play again, Pick another, Quit
    assert window.game.wait(20) == 0

    import sqlite3

    from game.core.loader import Library

    first = Library().curriculum.scenarios[0]  # the picker's first card
    with sqlite3.connect(window.db) as conn:
        rows = conn.execute("SELECT type, scenario, data FROM events WHERE trainee = ? "
                            "ORDER BY seq", ("north/xavi",)).fetchall()
    kinds = [kind for kind, _, _ in rows]
    assert kinds[0] == "SessionStarted" and kinds[-1] == "SessionEnded", kinds
    assert {scenario for _, scenario, _ in rows} == {first}
    assert kinds.count("ChoiceMade") >= 3  # by key, by click, then by keys to the end
    started = json.loads(rows[0][2])
    assert (started["timing"], started["mode"]) == ("normal", "practice")  # 100 % at start
