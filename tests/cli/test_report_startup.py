"""`report` in a terminal, the default view, is read many times a day: its process loads
no module that only another format or a rare case needs (each costs milliseconds of a
report that takes a tenth of a second; they are loaded where those cases are met)."""

import os
import subprocess
import sys
from pathlib import Path

from game.scorelog import ScoreLog

ROOT = Path(__file__).resolve().parents[2]
NOT_NEEDED = {
    "tomllib": "the configuration file's parser, with no configuration file",
    "difflib": "the 'did you mean' hint, with no --trainee or --scenario",
    "csv": "the CSV format",
    "html": "the HTML page's escaping",
}


def modules_loaded(*args: str, home: Path) -> set[str]:
    """What `python main.py ...` imports itself (`-X importtime`, after Python's start-up)."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"),  # no configuration file
           "XDG_CONFIG_DIRS": str(home / "etc"), "CRT_CACHE": str(home / "cache")}
    proc = subprocess.run([sys.executable, "-X", "importtime", "main.py", *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    names = [line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
             if line.startswith("import time:") and "|" in line]
    return set(names[names.index("site") + 1:])  # not what the interpreter's site loads


def test_the_default_report_loads_only_what_it_shows(tmp_path):
    db = tmp_path / "log.sqlite3"
    with ScoreLog.open(db):
        pass
    modules_loaded("report", "--db", str(db), home=tmp_path)  # makes the names index once
    loaded = modules_loaded("report", "--db", str(db), home=tmp_path)
    assert "game.reports.render_text" in loaded  # the report itself was measured
    assert {name: why for name, why in NOT_NEEDED.items() if name in loaded} == {}


def test_the_other_formats_load_what_they_need(tmp_path):
    db = tmp_path / "log.sqlite3"
    with ScoreLog.open(db):
        pass
    assert "csv" in modules_loaded("report", "--db", str(db), "--format", "csv", home=tmp_path)
    assert "html" in modules_loaded("report", "--db", str(db), "--format", "html",
                                    "--out", str(tmp_path / "r.html"), home=tmp_path)
