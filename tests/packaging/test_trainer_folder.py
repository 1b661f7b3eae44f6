"""A trainer's own scenarios live in a folder of their own (``--scenarios DIR``,
``CRT_SCENARIOS``, else per-user) and are offered beside the shipped library."""

from __future__ import annotations

import shutil

import pytest

from game.cli import main
from game.core.loader import SCENARIOS, resolve_scenario, scenario_paths


@pytest.fixture
def own(tmp_path, monkeypatch):
    folder = tmp_path / "own"
    monkeypatch.setenv("CRT_SCENARIOS", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))
    return folder


def test_new_writes_there_and_the_game_and_play_find_it(own, capsys):
    assert main(["new", "late_invoice", "--encounter", "delivery_failure", "--out",
                 str(own)]) == 2  # --out must exist: the trainer's folder is made only by default
    own.mkdir()
    assert main(["new", "late_invoice", "--encounter", "delivery_failure", "--out",
                 str(own)]) == 0
    assert resolve_scenario("late_invoice") == own / "late_invoice.yaml"

    from game.ui.content import Content

    offered = [s.id for s in Content.default().scenarios]
    shipped = [p.stem for p in scenario_paths(SCENARIOS)]
    assert sorted(offered) == sorted([*shipped, "late_invoice"])


def test_a_shipped_id_wins_over_a_copy_in_the_trainers_folder(own):
    own.mkdir()
    shutil.copy(SCENARIOS / "phone_complaint.yaml", own)
    assert resolve_scenario("phone_complaint") == SCENARIOS / "phone_complaint.yaml"
    from game.ui.content import Content

    assert [s.id for s in Content.default().scenarios].count("phone_complaint") == 1


def test_lint_checks_the_trainers_folder_beside_the_library(own, capsys):
    assert main(["lint"]) in (0, 1)
    before = capsys.readouterr().out.strip().splitlines()[-1]
    own.mkdir()
    assert main(["new", "b_case", "--encounter", "sabotage"]) == 0
    capsys.readouterr()
    main(["lint"])
    after = capsys.readouterr().out.strip().splitlines()[-1]
    count = int(before.split("(")[1].split()[0])
    assert f"({count + 1} scenarios)" in after


def test_the_scenarios_option_beats_the_environment(own, tmp_path, capsys):
    other = tmp_path / "room_b"
    other.mkdir()
    assert main(["new", "c_case", "--encounter", "sabotage", "--out", str(other)]) == 0
    capsys.readouterr()
    assert main(["play", "c_case", "--text", "--no-log"]) == 2  # only in room_b
    assert "no scenario 'c_case'" in capsys.readouterr().err
    assert main(["play", "c_case", "--text", "--no-log", "--scenarios", str(other)]) == 0
    assert "== TODO title ==" in capsys.readouterr().out
