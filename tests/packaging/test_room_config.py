"""The training room's configuration: one TOML file, machine-wide and per-user, with
`config` showing what is in force and where each value came from."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pkgenv import ROOT, private_env, run, without_log_line

from game.core import roomconfig
from game.core.roomconfig import ConfigError, load


def files(tmp_path: Path, machine: str | None, user: str | None):
    where = []
    for label, text in (("machine-wide", machine), ("per-user", user)):
        path = tmp_path / label / "config.toml"
        if text is not None:
            path.parent.mkdir(parents=True)
            path.write_text(text, encoding="utf-8")
        where.append((label, path))
    return tuple(where)


def test_nothing_configured_is_every_default(tmp_path):
    config = load({}, files(tmp_path, None, None))
    assert config.modes == ("practice", "assessment")
    assert config.time_limits_allowed == ("normal", "extended", "off")
    assert (config.language, config.time_limits) == ("en", "normal")
    assert set(config.origin.values()) == {"default"}
    assert config.env() == {}
    assert [s.found for s in config.sources] == [False, False]


def test_per_user_beats_machine_wide_and_the_environment_beats_both(tmp_path):
    where = files(tmp_path, 'language = "it"\nscore_log = "/srv/room.sqlite3"\n'
                            'lrs_url = "https://lrs.example/xapi"\n',
                  'language = "pl"\n')
    config = load({"CRT_LRS_URL": "http://localhost:8100/xAPI"}, where)
    assert (config.language, config.origin["language"]) == ("pl", "per-user file")
    assert config.origin["score_log"] == "machine-wide file"
    assert (config.values["lrs_url"], config.origin["lrs_url"]) == (
        "http://localhost:8100/xAPI", "$CRT_LRS_URL")
    # only what the files set is handed on as environment (the environment already has its own)
    assert config.env() == {"CRT_DB": "/srv/room.sqlite3"}


def test_the_room_policy_is_narrowed_by_a_user_never_widened(tmp_path):
    where = files(tmp_path,
                  'modes = ["assessment"]\ntime_limits_allowed = ["normal", "extended"]\n',
                  'modes = ["practice", "assessment"]\ntime_limits_allowed = ["extended"]\n')
    config = load({}, where)
    assert (config.modes, config.origin["modes"]) == (("assessment",), "machine-wide file")
    assert config.time_limits_allowed == ("extended",)
    assert config.origin["time_limits_allowed"] == "per-user file"
    # "normal" is no longer allowed, so the default becomes the first allowed setting
    assert config.time_limits == "extended"


def test_a_user_who_allows_nothing_the_room_allows_is_told_so(tmp_path):
    where = files(tmp_path, 'modes = ["assessment"]\n', 'modes = ["practice"]\n')
    with pytest.raises(ConfigError, match=r"per-user/config.toml: 'modes' allows nothing the "
                                          r"machine-wide file allows \(assessment\)"):
        load({}, where)


@pytest.mark.parametrize(("text", "message"), [
    ('langauge = "it"\n', "unknown key 'langauge'; did you mean 'language'?"),
    ('language = "de"\n', "'language' must be one of 'en', 'it', 'pl', not 'de'"),
    ('modes = "practice"\n', "'modes' must be a non-empty list of 'practice', 'assessment'"),
    ('time_limits = "off"\ntime_limits_allowed = ["normal"]\n',
     "time_limits 'off' is not in time_limits_allowed (normal)"),
    ('language = "it\n', "not valid TOML"),
])
def test_a_broken_file_is_one_message_naming_the_file(tmp_path, text, message):
    where = files(tmp_path, None, text)
    with pytest.raises(ConfigError) as err:
        load({}, where)
    assert str(err.value).startswith(str(where[1][1]))
    assert message in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(("value", "path"), [
    ("/srv/room.sqlite3", "/srv/room.sqlite3"),
    ("file:///srv/training%20room/log.sqlite3", "/srv/training room/log.sqlite3"),
    ("sqlite:///srv/log.sqlite3", "/srv/log.sqlite3"),
    ("file:///C:/Training/log.sqlite3", "C:/Training/log.sqlite3"),
    ("file://fileserver/training/log.sqlite3", "//fileserver/training/log.sqlite3"),
])
def test_the_score_log_is_a_path_or_a_file_url(value, path):
    assert roomconfig.score_log_path(value) == path


@pytest.fixture
def room(tmp_path):
    """A machine-wide file for the training room, seen by a subprocess through XDG dirs."""
    env = private_env(tmp_path)
    machine = tmp_path / "etc" / roomconfig.APP_NAME / "config.toml"
    machine.parent.mkdir(parents=True)
    machine.write_text('language = "it"\nmodes = ["assessment"]\n'
                       'time_limits_allowed = ["normal", "extended"]\n'
                       f'score_log = "{(tmp_path / "room.sqlite3").as_uri()}"\n', "utf-8")
    return env, machine


def main_py(*args: str, env, stdin: str | None = None):
    return run([sys.executable, str(ROOT / "main.py"), *args], ROOT, env, stdin)


def test_config_shows_each_value_and_where_it_came_from(room, tmp_path):
    env, machine = room
    env["CRT_LRS_PASSWORD"] = "s3cret"
    shown = main_py("config", env=env)
    assert shown.returncode == 0, shown.stderr
    lines = {line.split()[0]: line for line in shown.stdout.splitlines()[4:-1]}
    assert f"machine-wide  {machine}  (read)" in shown.stdout
    assert lines["language"].split()[1:] == ["it", "from", "machine-wide", "file"]
    assert lines["modes"].split()[1:] == ["assessment", "from", "machine-wide", "file"]
    assert lines["time_limits"].split()[1:] == ["normal", "from", "default"]
    assert lines["lrs_password"].split()[1:] == ["(set)", "from", "$CRT_LRS_PASSWORD"]
    assert "s3cret" not in shown.stdout


def test_play_follows_the_room_and_refuses_what_it_does_not_allow(room, tmp_path):
    env, _ = room
    args = ("play", "phone_complaint", "--text", "--trainee", "north/anna", "--seed", "5")
    played = main_py(*args, env=env, stdin="1\n")
    assert played.returncode == 0, played.stderr
    assert (tmp_path / "room.sqlite3").is_file()  # the room's score log, from the file URL
    # the room's defaults are Italian and assessment: as if the trainee had asked for them
    plain = private_env(tmp_path / "elsewhere")
    asked = main_py(*args, "--lang", "it", "--mode", "assessment", "--no-log", env=plain,
                    stdin="1\n")
    assert without_log_line(played.stdout) == without_log_line(asked.stdout)
    assert "Practice mode" not in played.stdout
    refused = main_py("play", "phone_complaint", "--text", "--mode", "practice", env=env,
                      stdin="")
    assert refused.returncode == 2
    assert refused.stderr == ("error: mode practice is not allowed in this training room "
                              "(allowed: assessment; set by the machine-wide file, see "
                              "`python main.py config`)\n")
    timing = main_py("play", "phone_complaint", "--text", "--timing", "off", env=env, stdin="")
    assert (timing.returncode, timing.stderr.count("\n")) == (2, 1)
    assert "--timing off is not allowed" in timing.stderr
