"""`play CAMPAIGN --text` as a trainee uses it: a real process, killed with SIGKILL
between episodes, then run again: the run resumes from the score log and nothing
played is lost; and the log replays the whole campaign exactly."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from game.core.campaign import CampaignSession, load_campaign, load_episodes
from game.core.loader import load_catalogue, load_shared_rules

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "campaigns" / "tiny.yaml"


def start(db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "CRT_DB": str(db)}
    return subprocess.Popen(
        [sys.executable, "main.py", "play", str(FIXTURE), "--text", "--trainee", "north/anna",
         "--seed", "5"], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, bufsize=1)


def answer(proc: subprocess.Popen, wanted: str, seen: list[str]) -> None:
    """Read until both choices of the node are shown; answer the one starting with
    ``wanted`` by its number, as a trainee would."""
    choices: dict[str, int] = {}
    while len(choices) < 2:
        line = proc.stdout.readline()
        assert line, "the game stopped before showing the choices:\n" + "".join(seen)
        seen.append(line)
        text = line.strip()
        if text[:2] in ("1)", "2)"):
            choices[text[3:]] = int(text[0])
    number = next(n for t, n in choices.items() if t.startswith(wanted))
    proc.stdin.write(f"{number}\n")
    proc.stdin.flush()


def read_until(proc: subprocess.Popen, marker: str, seen: list[str]) -> None:
    while True:
        line = proc.stdout.readline()
        assert line, f"no line with {marker!r}:\n" + "".join(seen)
        seen.append(line)
        if marker in line:
            return


def events(db: Path) -> list[tuple[str, dict]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT session_id, data FROM events ORDER BY seq").fetchall()
    return [(sid, json.loads(data)) for sid, data in rows]


def test_kill_9_between_episodes_loses_nothing_and_the_log_replays_the_campaign(tmp_path):
    db = tmp_path / "log.db"
    first, seen = start(db), []
    answer(first, "I will send you a report", seen)
    read_until(first, "Episode 1 ended: A good start (100, passed)", seen)
    read_until(first, "Due today: You promised a report every Friday.", seen)
    assert "Promise made: You promised a report every Friday. It comes due in episode 2, " \
        "“Next Friday”.\n" in seen  # the episode that made it says so
    first.send_signal(signal.SIGKILL)  # between episodes: no chance to clean up
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    before = events(db)
    kinds = [e["type"] for _, e in before if e["type"].startswith(("Campaign", "Episode"))]
    # episode 1 is over and recorded; episode 2 may or may not have been started (the
    # kill can land either side of its first event): both must resume the same way
    assert kinds[:3] == ["CampaignStarted", "EpisodeStarted", "EpisodeEnded"]
    assert kinds[3:] in ([], ["EpisodeStarted"])

    second, seen2 = start(db), []
    read_until(second, "Resuming your campaign from the score log: 1 of 2 episodes played.",
               seen2)
    answer(second, "Good morning", seen2)
    answer(second, "Here it is", seen2)
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    text = "".join(seen2) + out
    assert "1. First Friday: A good start, 100" in text
    assert "Promise kept: You promised a report every Friday. It was scored here, where it " \
        "came due." in text  # and the episode where it came due
    assert "kept: You promised a report every Friday. (made in “First Friday”" in text
    after = events(db)
    assert after[:len(before)] == before  # the first process's events are all still there
    run_events = [e for sid, e in after if e["type"].startswith(("Campaign", "Episode"))]
    assert [e["type"] for e in run_events] == [
        "CampaignStarted", "EpisodeStarted", "EpisodeEnded", "EpisodeStarted",
        "EpisodeEnded", "CampaignEnded"]
    assert sum(1 for _, e in after if e["type"] == "SessionStarted") == 2

    # replay from the log reproduces the campaign exactly
    campaign = load_campaign(FIXTURE)
    catalogue = load_catalogue()
    rules = load_shared_rules(catalogue=catalogue)
    by_session: dict[str, list] = {}
    for sid, e in after:
        by_session.setdefault(sid, []).append(e)
    run_id = run_events[0]["run"]
    replayed = CampaignSession.replay(campaign, load_episodes(campaign, catalogue), catalogue,
                                      rules, by_session[run_id], by_session)
    assert [e.to_dict() for e in replayed.events] == by_session[run_id]
    ended = run_events[-1]
    result = replayed.result()
    assert (result.ending.id, round(result.score, 4), result.passed) == (
        ended["ending"], ended["score"], ended["passed"])

    verify = subprocess.run([sys.executable, "main.py", "verify-log", "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0, verify.stdout + verify.stderr
