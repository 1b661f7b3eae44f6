"""`python main.py screenshot` renders a scripted playthrough to a PNG without a window;
`python main.py` without a display says so in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", **(env or {})}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=full)


def test_debrief_screenshot_in_italian_at_the_asked_size(tmp_path):
    out = tmp_path / "shots" / "debrief.png"
    out.parent.mkdir()  # the output helper writes into an existing folder only
    proc = run("screenshot", "phone_complaint", "--choices", "1,1,1,1,1,1,1,1,1,1,1,1",
               "--screen", "debrief", "--lang", "it", "--size", "1024x600", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {out}"
    image = pygame.image.load(str(out))
    assert image.get_size() == (1024, 600)


def test_encounter_screenshot_draws_something(tmp_path):
    out = tmp_path / "enc.png"
    proc = run("screenshot", "social_flare_up", "--choices", "1", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    image = pygame.image.load(str(out))
    colours = {image.get_at((x, y))[:3] for x in range(0, 1280, 37) for y in range(0, 720, 23)}
    assert len(colours) > 8, "the screenshot is not a blank window"


def test_a_choice_number_past_the_node_is_one_clear_line(tmp_path):
    proc = run("screenshot", "phone_complaint", "--choices", "9", "--out",
               str(tmp_path / "x.png"))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert lines[0].startswith("error: node 'opening' has ")
    assert lines[0].endswith(" choices; there is no choice 9")


def test_debrief_needs_an_ending(tmp_path):
    proc = run("screenshot", "phone_complaint", "--choices", "1", "--screen", "debrief",
               "--out", str(tmp_path / "x.png"))
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("error: the choices run out before an ending; the debrief "
                                   "needs one (add choices to --choices)")


def test_bad_size_and_unknown_scenario_are_usage_errors(tmp_path):
    proc = run("screenshot", "phone_complaint", "--size", "big", "--out", str(tmp_path / "x"))
    assert proc.returncode == 2
    assert "--size expects WIDTHxHEIGHT" in proc.stderr
    proc = run("screenshot", "phone_complain", "--out", str(tmp_path / "x.png"))
    assert proc.returncode == 2
    assert "did you mean 'phone_complaint'" in proc.stderr


def test_no_display_points_to_terminal_play():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("SDL_VIDEODRIVER", None)
    proc = subprocess.run([sys.executable, "main.py"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**env, "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "error: no display available for the game window; play in the terminal instead: "
        "python main.py play SCENARIO --text"]
    assert proc.stdout == ""
