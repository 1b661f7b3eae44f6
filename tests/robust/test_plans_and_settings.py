"""Issue 16, classes 1 and 4: hostile test plans and settings files. A test plan's
mistake is one line (exit 1); a settings file that is not a small JSON object gives
the defaults at once, never a hang or a traceback."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from .conftest import TIMED_CALL, assert_one_line_error, run_main


def plan_folder(tmp_path: Path, plan: str) -> Path:
    scenario = tmp_path / "timed_call.yaml"
    scenario.write_bytes(TIMED_CALL.read_bytes())
    (tmp_path / "timed_call.test.yaml").write_text(plan, encoding="utf-8")
    return scenario


@pytest.mark.parametrize("plan, message", [
    ("cases:\n  - name: x\n    choices: [1]\n    seed: " + "7" * 5000 + "\n",
     "is a number written with 5000 characters; the limit is 32 [E210]"),
    ("cases:\n  - name: x\n    choices: [1]\n    expect: {overall: " + "9" * 3000 + "}\n",
     "is a number written with 3000 characters; the limit is 32 [E210]"),
    ("cases:\n  - name: x\n    choices: [1]\n    expect: {overall: '>= " + "9" * 3000 + "'}\n",
     "expect.overall: expected a number or a comparison like '>= 80'"),
    ("cases:\n  - name: x\n    choices: [1]\n    1: one\n    null: two\n    true: three\n",
     "unknown key"),  # mixed-type keys: sorted() used to raise TypeError
    ("cases:\n  - name: x\n    choices: [1]\n    expect: {overall: '>= \u0668\u0660'}\n",
     "expected a number or a comparison"),  # Arabic-Indic 80
])
def test_a_hostile_test_plan_is_one_line(tmp_path: Path, plan: str, message: str):
    scenario = plan_folder(tmp_path, plan)
    proc = run_main("test-scenarios", str(scenario))
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert message in proc.stdout + proc.stderr, (proc.stdout, proc.stderr)


@pytest.mark.parametrize("content", ["[1, 2]", '"settings"', "null", "3", "1e999",
                                     "[" * 10_000 + "]" * 10_000, '{"text_scale": true}',
                                     '{"text_scale": "200", "lang": ["en"]}', "\xff\xfe"])
def test_a_settings_file_that_is_not_an_object_gives_the_defaults(tmp_path: Path, content):
    from game.ui.settings import Settings, load_settings

    path = tmp_path / "settings.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape") if content != "\xff\xfe"
                     else b"\xff\xfe{")
    assert load_settings(path) == Settings()


def test_settings_that_are_an_object_still_load(tmp_path: Path):
    from game.ui.settings import load_settings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"text_scale": 150, "lang": "pl", "unknown": 1}))
    settings = load_settings(path)
    assert (settings.text_scale, settings.lang) == (150, "pl")


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder", "huge"])
def test_crt_settings_at_a_fifo_or_an_endless_device_does_not_hang(tmp_path: Path, kind: str,
                                                                  monkeypatch):
    from game.ui.settings import Settings, load_settings

    if kind == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    elif kind == "folder":
        path = tmp_path
    elif kind == "huge":
        path = tmp_path / "settings.json"
        path.write_text('{"lang": "it", "pad": "' + "x" * 100_000 + '"}')
    else:
        path = Path(kind)
        if not path.exists():
            pytest.skip("no /dev/zero here")
    monkeypatch.setenv("CRT_SETTINGS", str(path))
    started = time.monotonic()
    assert load_settings() == Settings()
    assert time.monotonic() - started < 5  # a hang would block for ever; this is ~1 ms


def test_crt_settings_under_an_unknown_users_home(monkeypatch):
    from game.ui.settings import Settings, load_settings, save_settings

    monkeypatch.setenv("CRT_SETTINGS", "~nosuchuser/settings.json")
    assert load_settings() == Settings()
    assert save_settings(Settings()) is False  # not worth stopping the game for


def test_a_hostile_trainee_setting_never_reaches_a_terminal_raw(tmp_path: Path):
    proc = run_main("play", str(TIMED_CALL), "--text", "--no-log", "--trainee",
                    "eve\x1b]52;c;SGVsbG8=\x07", input="")
    assert "\x1b]52" not in proc.stdout + proc.stderr
    if proc.returncode != 0:  # trainee ids are checked where they are typed
        assert_one_line_error(proc, 2)
