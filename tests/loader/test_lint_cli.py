"""`python main.py lint`: exit codes, the human output's summary line, the JSON shape."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

from .conftest import LIBRARY, MISTAKES

ROOT = Path(__file__).resolve().parents[2]


def test_clean_library_exits_0_with_a_summary(capsys: pytest.CaptureFixture[str]):
    assert main(["lint", str(LIBRARY)]) == 0
    assert capsys.readouterr().out == "checked 5 files (1 scenario): no problems\n"


def test_errors_exit_1_and_print_every_problem(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(MISTAKES)
    assert main(["lint", "bad_enum.yaml", "bad_next.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "bad_enum.yaml:7:10: error: 'channel' must be one of phone, email, chat, social, "
        "in_person, got 'fone' (did you mean 'phone'?) [E205]",
        "bad_enum.yaml:7:10: warning: 3 later checks skipped until the errors are fixed: "
        "the story graph, names in conditions, promises and flags [W009]",
        "bad_enum.yaml:34:14: error: 'outcome' must be one of success, mixed, failure, got "
        "'failed' (did you mean 'failure'?) [E205]",
        "bad_next.yaml:27:15: error: 'next' leads to 'lots', which is no node or ending "
        "(did you mean 'lost'?) [E301]",
        "checked 2 files (2 scenarios): 3 errors, 1 warning",
    ]


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(MISTAKES)
    assert main(["lint", "all_choices_conditional.yaml"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == \
        "checked 1 file (1 scenario): 0 errors, 1 warning"


def test_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                     monkeypatch: pytest.MonkeyPatch):
    shutil.copytree(LIBRARY, tmp_path / "lib")
    shutil.copy(MISTAKES / "all_choices_conditional.yaml", tmp_path / "lib")
    shutil.copy(MISTAKES / "bad_start.yaml", tmp_path / "lib")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "lib", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "files": 7,
        "scenarios": 3,
        "scenario_ids": ["all_choices_conditional", "minimal"],
        "errors": [{"path": "lib/bad_start.yaml", "line": 15, "column": 8, "severity": "error",
                    "code": "E301",
                    "message": "'start' names no node 'openin' (did you mean 'opening'?)"}],
        "warnings": [{"path": "lib/all_choices_conditional.yaml", "line": 17, "column": 3,
                      "severity": "warning", "code": "W404",
                      "message": "every choice of node 'opening' has a condition; the player "
                                 "may be left with nothing to choose"}],
    }


def test_missing_path_is_a_usage_error():
    proc = subprocess.run([sys.executable, "main.py", "lint", "no/such/place"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2, "", "error: no such file or folder: no/such/place\n")


def test_shipped_library_lints_without_errors():
    proc = subprocess.run([sys.executable, "main.py", "lint"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1].startswith("checked ")
