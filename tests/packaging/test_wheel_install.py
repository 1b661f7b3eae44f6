"""Installed the way an application is installed (`pip install` of the wheel into a fresh
virtualenv, which is what pipx does), the product works from any folder: the library,
fonts, theme and UI strings travel inside the package, and a trainer's own scenarios
live in their own folder, never in site-packages."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from pkgenv import (
    ANSWERS,
    ROOT,
    SHIPPED,
    checkout,
    png_size,
    private_env,
    run,
    shipped_files,
    snapshot,
    summary_line,
    without_log_line,
)

from game.core.loader import scenario_paths

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="paths below are POSIX venvs")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, crtrainer executable, site-packages/game, an env, a folder to stand in)."""
    base = tmp_path_factory.mktemp("wheel")
    env = private_env(base / "home")
    # Built from a copy of what a clone holds, so the build writes nothing into the checkout
    # (setuptools leaves an egg-info beside pyproject.toml) and the library, which may be
    # edited meanwhile, can be compared with what the wheel carries.
    source = base / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("game", "packaging", *SHIPPED):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "MANIFEST.in", "main.py"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(source / "scenarios", base / "snapshot")
    built = run([sys.executable, "-m", "build", "--outdir", str(base / "dist"), str(source)],
                base, env, timeout=600)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    wheel = next((base / "dist").glob("*.whl"))
    venv = base / "venv"
    made = run([sys.executable, "-m", "venv", str(venv)], base, env, timeout=300)
    assert made.returncode == 0, made.stderr
    pip = run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
              base, env, timeout=600)
    assert pip.returncode == 0, pip.stdout[-2000:] + pip.stderr[-2000:]
    game = run([str(venv / "bin" / "python"), "-c",
                "import game, pathlib; print(pathlib.Path(game.__file__).parent)"],
               base, env)
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    env["CRT_SCENARIOS"] = str(base / "own")
    return wheel, venv / "bin" / "crtrainer", Path(game.stdout.strip()), env, elsewhere


def snapshot_of(installed) -> Path:
    return installed[4].parent / "snapshot"


def test_the_wheel_carries_every_shipped_file_under_game_data(installed):
    wheel = installed[0]
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"game/_data/{name}" for name in shipped_files(installed[4].parent / "source")}
    assert expected - names == set()
    assert not any(n.startswith(("scenarios/", "assets/", "schema/")) for n in names)


def test_lint_from_another_folder_checks_the_shipped_library(installed, tmp_path):
    _, crtrainer, game, env, elsewhere = installed
    got = run([str(crtrainer), "lint"], elsewhere, env)
    want = checkout("lint", str(snapshot_of(installed)), env=env, cwd=ROOT)
    assert (got.returncode, got.stderr) == (want.returncode, "")
    assert summary_line(got.stdout) == summary_line(want.stdout)  # same files, same problems
    checked = int(summary_line(got.stdout).split("(")[1].split()[0])
    assert checked >= len(scenario_paths(snapshot_of(installed))) > 0  # lint is recursive
    problem_paths = [line.split(":", 1)[0] for line in got.stdout.splitlines()[:-1]]
    assert all(p.startswith(str(game / "_data" / "scenarios")) for p in problem_paths)


def test_a_scripted_text_session_plays_and_is_recorded_and_reported(installed, tmp_path):
    _, crtrainer, _, env, elsewhere = installed
    db = tmp_path / "room.sqlite3"
    args = ["play", "phone_complaint", "--text", "--seed", "11", "--trainee", "north/anna"]
    got = run([str(crtrainer), *args, "--db", str(db)], elsewhere, env, stdin=ANSWERS)
    want = checkout("play", str(snapshot_of(installed) / "phone_complaint.yaml"), *args[2:],
                    "--db", str(tmp_path / "checkout.sqlite3"), env=env, cwd=ROOT,
                    stdin=ANSWERS)
    assert got.returncode == 0, got.stderr
    assert "== The line has stopped again ==" in got.stdout  # the shipped scenario's title
    assert "Overall score:" in got.stdout
    assert got.stdout.rstrip().endswith(f"Scores recorded in {db}.")
    assert without_log_line(got.stdout) == without_log_line(want.stdout)  # same play, same score

    report = run([str(crtrainer), "report", "--db", str(db), "--format", "csv",
                  "--view", "trainees"], elsewhere, env)
    assert report.returncode == 0, report.stderr
    lines = report.stdout.splitlines()
    header = lines.index("trainee,n,ended (n),passed,abandoned,average,overridden,last played")
    row = dict(zip(lines[header].split(","), lines[header + 1].split(","), strict=True))
    assert (row["trainee"], row["n"], row["ended (n)"]) == ("north/anna", "1", "1")
    shown = got.stdout.split("Overall score: ")[1].split(" / 100")[0]  # e.g. 45.8
    assert f"{float(row['average']):.1f}" == shown  # the log holds the score play showed


def test_the_window_finds_its_fonts_theme_and_strings(installed, tmp_path):
    _, crtrainer, _, env, elsewhere = installed
    out = tmp_path / "shot.png"
    shot = run([str(crtrainer), "screenshot", "phone_complaint", "--choices", "2", "--lang",
                "pl", "--size", "1024x640", "--out", str(out)], elsewhere, env)
    assert shot.returncode == 0, shot.stderr
    assert png_size(out) == (1024, 640)


def test_a_trainers_own_scenarios_live_beside_the_library_not_in_site_packages(installed):
    _, crtrainer, game, env, elsewhere = installed
    before = snapshot(game)
    own = Path(env["CRT_SCENARIOS"])
    made = run([str(crtrainer), "new", "late_invoice", "--encounter", "delivery_failure"],
               elsewhere, env)
    assert made.returncode == 0, made.stderr
    assert (own / "late_invoice.yaml").is_file()

    shipped = summary_line(run([str(crtrainer), "lint", str(game / "_data" / "scenarios")],
                               elsewhere, env).stdout)
    both = run([str(crtrainer), "lint"], elsewhere, env)
    count = int(shipped.split("(")[1].split()[0])
    assert f"({count + 1} scenarios)" in both.stdout  # the shipped ones and the new one

    played = run([str(crtrainer), "play", "late_invoice", "--text", "--no-log"], elsewhere,
                 env, stdin="")
    assert played.returncode == 0, played.stderr
    assert "TODO" in played.stdout  # the skeleton's own text

    other = elsewhere / "room_b"
    moved = run([str(crtrainer), "new", "b_case", "--encounter", "sabotage", "--scenarios",
                 str(other)], elsewhere, env)
    assert moved.returncode == 0, moved.stderr
    assert (other / "b_case.yaml").is_file() and not (own / "b_case.yaml").exists()

    refused = run([str(crtrainer), "schema", "--write"], elsewhere, env)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert snapshot(game) == before  # nothing written into site-packages


def test_config_names_the_shipped_library_inside_the_package(installed):
    _, crtrainer, game, env, elsewhere = installed
    shown = run([str(crtrainer), "config"], elsewhere, env)
    assert shown.returncode == 0, shown.stderr
    assert f"Shipped library: {game / '_data' / 'scenarios'}" in shown.stdout
    assert f"scenarios            {env['CRT_SCENARIOS']}" in shown.stdout
    usage = run([str(crtrainer), "lint", "--bogus"], elsewhere, env)
    assert (usage.returncode, usage.stderr) == (
        2, "crtrainer: error: unrecognized arguments: --bogus\n")  # the command they typed
