"""The log keeps the scenario file each session was played with, wherever it came from: a
trainer's own file played by path, or a folder of their own (``--scenarios``). Once the
file is gone, ``verify-log --replay`` still re-scores those sessions from the kept bytes."""

from __future__ import annotations

import shutil
import sqlite3

from cli_run import ROOT, run_cli
from played import own_scenario


def kept(db) -> list[bytes]:
    with sqlite3.connect(db) as conn:
        return [bytes(r[0]) for r in conn.execute("SELECT content FROM scenario_content")]


def test_a_file_played_by_path_is_kept_and_replays_once_it_is_gone(tmp_path):
    db = tmp_path / "log.sqlite3"
    content = own_scenario(tmp_path / "own", "line_stopped")
    played = run_cli("play", str(tmp_path / "own" / "line_stopped.yaml"), "--text", "--db",
                     str(db), "--trainee", "gus", "--seed", "3", "--timing", "off",
                     answers="1\n" * 12)
    assert played.returncode == 0, played.stderr
    assert kept(db) == [content]
    shutil.rmtree(tmp_path / "own")
    check = run_cli("verify-log", "--db", str(db), "--replay")
    assert check.returncode == 0, check.stderr
    assert ", 1 sessions re-scored as recorded, receipt" in check.stdout  # none skipped


def test_a_folder_of_the_trainers_own_is_kept_too(tmp_path):
    db = tmp_path / "log.sqlite3"
    folder = tmp_path / "library"
    shutil.copytree(ROOT / "scenarios", folder, ignore=shutil.ignore_patterns("*.test.yaml"))
    content = own_scenario(folder, "line_stopped")
    for scenario in ("line_stopped", "phone_complaint"):
        played = run_cli("play", scenario, "--scenarios", str(folder), "--text", "--db",
                         str(db), "--trainee", "gus", "--seed", "3", "--timing", "off",
                         answers="2\n" * 12)
        assert played.returncode == 0, played.stderr
    shipped = (ROOT / "scenarios" / "phone_complaint.yaml").read_bytes()
    assert sorted(kept(db)) == sorted([content, shipped])
    shutil.rmtree(folder)
    check = run_cli("verify-log", "--db", str(db), "--replay")
    assert check.returncode == 0, check.stderr
    assert ", 2 sessions re-scored as recorded, receipt" in check.stdout


def test_a_campaign_played_in_the_terminal_verifies_and_says_its_episodes_are_not_replayed(
        tmp_path):
    """An episode starts from the state its run carried into it: replayed on its own it
    would come out different and look edited, so --replay names it as not replayed."""
    db = tmp_path / "log.sqlite3"
    campaign = ROOT / "scenarios" / "campaigns" / "nowicki_account.yaml"
    played = run_cli("play", str(campaign), "--text", "--db", str(db), "--trainee", "gus",
                     "--seed", "5", "--timing", "off", answers="1\n" * 60)
    assert played.returncode == 0, played.stderr
    with sqlite3.connect(db) as conn:
        episodes = conn.execute("SELECT count(*) FROM events WHERE type = 'EpisodeStarted'"
                                ).fetchone()[0]
    assert episodes >= 2 and len(kept(db)) >= 2  # the episodes' files are kept too
    check = run_cli("verify-log", "--db", str(db), "--replay")
    assert check.returncode == 0, check.stderr
    assert (f", 0 sessions re-scored as recorded ({episodes} campaign episodes not replayed "
            "on their own), receipt") in check.stdout
