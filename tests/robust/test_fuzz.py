"""Fuzzing the whole product from the outside (issue 16, "Done means").

Hostile values are planted in every kind of file a trainer or a room edits
(scenario, rule pack, trait catalogue, curriculum, test plan, settings) and in the
command line; then the commands a user would run on them are run in process:
lint, play --text, analyze, graph, test-scenarios, report, export-xapi... Every run
must end in a documented exit code with no traceback and no "internal error", within
its time budget, and write nothing but the output it was told to write.

Deterministic, so CI cannot flake: ``derandomize=True`` and no example database, so
the same inputs are tried on every run. The budget is about a minute in CI;
``CRT_FUZZ_SCALE=10`` tries ten times as many inputs (the figures in the closing
note of issue 16 were measured that way).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import TIMED_CALL

SCALE = max(1, int(os.environ.get("CRT_FUZZ_SCALE", "1")))


def fuzz(examples: int) -> settings:
    return settings(derandomize=True, database=None, deadline=None, print_blob=True,
                    max_examples=examples * SCALE, suppress_health_check=list(HealthCheck))
CPU_BUDGET = 20.0  # seconds of CPU for one command on one tiny file: a hang is far beyond
LIBRARY = Path(__file__).resolve().parents[1] / "loader" / "fixtures" / "library"

# Values that broke something once (issue 16's minimised cases) or nearly did.
HOSTILE_SCALARS = [
    "0x" + "f" * 300, "9" * 4301, "1" + "0" * 399, "!!int ''", "!!int 'abc'", "!!float 'abc'",
    "0b" + "1" * 1100, "!!bool maybe", "1.0e+400", "-1.0e+400", ".nan", ".inf", "-.inf",
    "1" + ":0" * 2000, "0o777777777777777777777", "1e15", "-1e15", "999999999999", "-0",
    '"kept\\n"', '"opening\\n"', '"\\e]52;c;SGVsbG8=\\a\\e[2J"', '"\\x9b31m"', '"\\r"',
    '"\\0"', "!!python/object/apply:os.system ['echo pwned']", "!include other.yaml",
    "~", "[]", "{}", "''", "'\u0663'", "'\uff11'", "&a [*a, *a]", "*undefined",
    "'state.trust * 999999999999 * 999999999999 > 1'", "'state.reach / 0.0000000001 > 1'",
    "'state.trust > \u0663'", "'999999999999 * 999999999999 > 1'", "\u202egnp.exe",
    "'x' # comment", "2026-11-01", "!!timestamp 2026-13-45", "{en: a, it: b}",
    "{en: a, it: b, pl: c, en: d}", "[1, [2, [3, [4]]]]", "!!binary aGVsbG8=",
]
SCALAR = st.one_of(st.sampled_from(HOSTILE_SCALARS),
                   st.integers().map(str),
                   st.floats(allow_nan=True, allow_infinity=True).map(repr),
                   st.text(max_size=12).map(json.dumps))


def plant(text: str, draw: st.DataObject, label: str) -> str:
    """``text`` with one to three values replaced by hostile ones, or lines added."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw.draw(st.integers(1, 3), label=f"{label} edits")):
        at = draw.draw(st.integers(0, len(lines) - 1), label=f"{label} line")
        line = lines[at]
        value = draw.draw(SCALAR, label=f"{label} value")
        if ": " in line and draw.draw(st.booleans(), label=f"{label} replace"):
            head = line[:line.index(": ") + 2]
            lines[at] = head + value + "\n"
        else:
            indent = line[:len(line) - len(line.lstrip(" -"))].replace("-", " ")
            key = draw.draw(st.sampled_from(["when", "next", "time_limit", "version", "once",
                                             "trust", "reach", "id", "seed", "overall",
                                             "choices", "say", "en"]), label=f"{label} key")
            lines.insert(at + 1, f"{indent}{key}: {value}\n")
    return "".join(lines)


class Outcome:
    def __init__(self, code: int, out: str, err: str, cpu: float) -> None:
        self.code, self.out, self.err, self.cpu = code, out, err, cpu


def run_cli(argv: list[str], stdin_text: str = "") -> Outcome:
    """``python main.py ARGV`` in process: exit code, what it printed, CPU time."""
    from game.cli import main

    read_fd, write_fd = os.pipe()
    os.write(write_fd, stdin_text.encode())
    os.close(write_fd)
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    started = time.process_time()
    try:
        sys.stdin = os.fdopen(read_fd, encoding="utf-8")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as stop:  # argparse's usage errors and --help
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        sys.stdin.close()
        sys.stdin = saved_stdin
    return Outcome(code, out.getvalue(), err.getvalue(), time.process_time() - started)


def check(result: Outcome, argv: list[str], allowed=(0, 1, 2)) -> None:
    where = f"python main.py {' '.join(argv)}"
    assert "Traceback" not in result.err + result.out, where
    assert "internal error" not in result.err, (where, result.err)
    assert result.code in allowed, (where, result.code, result.err)
    assert result.cpu < CPU_BUDGET, (where, result.cpu)
    if result.code != 0 and result.err:
        assert len(result.err.strip().splitlines()) <= 1 or result.err.startswith("usage:"), \
            (where, result.err)


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder and a home of its own, so any stray write would show."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("CRT_DB", raising=False)
    monkeypatch.delenv("CRT_TRACEBACK", raising=False)
    monkeypatch.setenv("CRT_SETTINGS", str(tmp_path / "settings.json"))
    monkeypatch.setenv("COLUMNS", "100")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


PLAN = """cases:
  - name: polite
    choices: [1, 1]
    seed: 3
    expect: {outcome: success, overall: ">= 10", traits: {courtesy: ">= 1"}}
"""


@fuzz(40)
@given(draw=st.data())
def test_hostile_scenarios_and_plans_never_crash_a_command(sandbox: Path, draw):
    work = sandbox / "work"
    scenario = work / "timed_call.yaml"
    scenario.write_text(plant(TIMED_CALL.read_text(encoding="utf-8"), draw, "scenario"),
                        encoding="utf-8")
    plan = work / "timed_call.test.yaml"
    plan.write_text(plant(PLAN, draw, "plan") if draw.draw(st.booleans(), label="bad plan")
                    else PLAN, encoding="utf-8")
    before = files_under(sandbox)
    lint = run_cli(["lint", str(scenario)])
    check(lint, ["lint", "<scenario>"])
    answers = "".join(f"{n}\n" for n in draw.draw(st.lists(st.integers(0, 4), max_size=5),
                                                  label="answers"))
    for argv in (["play", str(scenario), "--text", "--no-log", "--seed", "1"],
                 ["analyze", str(scenario)], ["graph", str(scenario)],
                 ["graph", str(scenario), "--format", "html"],
                 ["test-scenarios", str(scenario)]):
        result = run_cli(argv, answers)
        check(result, argv)
        if lint.code == 0 and argv[0] in ("analyze", "graph"):
            assert result.code == 0, (argv, result.err)  # what lints clean must work
    assert files_under(sandbox) == before  # no command here was told to write a file


KINDS = {"rules/basic.yaml": LIBRARY / "rules" / "basic.yaml",
         "traits.yaml": LIBRARY / "traits.yaml",
         "curriculum.yaml": LIBRARY / "curriculum.yaml",
         "minimal.test.yaml": LIBRARY / "minimal.test.yaml"}


@fuzz(30)
@given(draw=st.data())
def test_hostile_rule_packs_catalogues_and_curricula_are_lint_problems(sandbox: Path, draw):
    work = sandbox / "work"
    (work / "rules").mkdir(exist_ok=True)
    (work / "minimal.yaml").write_bytes((LIBRARY / "minimal.yaml").read_bytes())
    name = draw.draw(st.sampled_from(sorted(KINDS)), label="file")
    for other, source in KINDS.items():
        (work / other).write_bytes(source.read_bytes())
    (work / name).write_text(plant(KINDS[name].read_text(encoding="utf-8"), draw, name),
                             encoding="utf-8")
    before = files_under(sandbox)
    for argv in (["lint", str(work)], ["lint", "--format", "json", str(work / name)],
                 ["play", str(work / "minimal.yaml"), "--text", "--no-log"]):
        check(run_cli(argv, "1\n"), argv)
    assert files_under(sandbox) == before


JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                              st.text(max_size=10)),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.text(max_size=12), inner,
                                                            max_size=5)), max_leaves=20)
SETTING_KEYS = st.sampled_from(["text_scale", "high_contrast", "reduced_motion", "time_limits",
                                "dyslexic_font", "sound", "fullscreen", "lang", "mode",
                                "trainee"])


@fuzz(150)
@given(data=st.one_of(JSON, st.dictionaries(SETTING_KEYS, JSON, max_size=6)),
       deep=st.integers(0, 3))
def test_hostile_settings_files_give_valid_settings(sandbox: Path, data, deep: int):
    from game.ui.settings import LANGS, TEXT_SCALES, load_settings

    text = json.dumps(data) if deep < 3 else "[" * 50_000 + "]" * 50_000
    path = sandbox / "settings.json"
    path.write_text(text, encoding="utf-8")
    settings_read = load_settings(path)
    assert settings_read.text_scale in TEXT_SCALES and settings_read.lang in LANGS
    assert isinstance(settings_read.trainee, str) and isinstance(settings_read.sound, bool)


VALUES = st.one_of(st.sampled_from(["", " ", "nan", "inf", "-1", "0", "1e400", "~nosuchuser/x",
                                    "/proc", "/proc/x", "/dev/full", "/dev/null", "/missing/x",
                                    "0001-01-01T00:00+01:00", "9999-12-31T23:59+14:00",
                                    "2026-02-30", "\x1b[2J", "--", "-", "x" * 5000,
                                    "north/anna", "\u0663", "'; DROP TABLE events; --"]),
                   st.text(max_size=8))
COMMANDS = {
    "lint": ["--format"], "schema": ["--kind"], "analyze": ["--lang"],
    "graph": ["--format", "--out", "--lang"], "new": ["--encounter", "--channel", "--out"],
    "test-scenarios": ["--draft"], "report": ["--db", "--since", "--until", "--trainee",
                                              "--format", "--out", "--session"],
    "verify-log": ["--db"], "export-xapi": ["--db", "--out"],
    "send-xapi": ["--db", "--wait"], "demo-data": ["--db", "--trainees", "--sessions"],
    "play": ["--db", "--seed", "--lang", "--trainee", "--timing", "--mode"],
}


@fuzz(60)
@given(draw=st.data())
def test_hostile_command_lines_are_one_line_and_write_only_their_output(sandbox: Path, draw):
    work = sandbox / "work"
    command = draw.draw(st.sampled_from(sorted(COMMANDS)), label="command")
    argv = [command]
    if command in ("analyze", "graph", "play", "test-scenarios", "new"):
        argv.append(draw.draw(st.sampled_from([str(TIMED_CALL), "timed_call", "nosuch", "",
                                               "../../etc/passwd", "x\x1b", "x" * 5000,
                                               "a/" * 3000, "/proc/self/mem"]), label="arg"))
    for option in draw.draw(st.lists(st.sampled_from(COMMANDS[command]), max_size=3,
                                     unique=True), label="options"):
        argv += [option, draw.draw(VALUES, label=option)]
    if command == "play":
        argv += ["--text"]
    if command == "send-xapi":
        argv += ["--url", "http://127.0.0.1:9/xAPI"]
        if "--wait" not in argv:
            argv += ["--wait", "0"]
    if command == "test-scenarios" and "--draft" in argv:
        argv.remove("--draft")  # --draft writes a plan beside the scenario: not here
    if command == "new" and "--out" not in argv:
        argv += ["--out", str(work)]  # the default is the library folder: not in a test
    if command == "demo-data" and "--db" not in argv:
        argv += ["--db", str(work / "demo.db")]
    named = {argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("--out", "--db")}
    before = files_under(sandbox)
    check(run_cli(argv, "1\n1\n"), argv)
    created = files_under(sandbox) - before
    allowed = set()
    for name in named:
        target = (work / name).resolve() if name.strip() and "\x00" not in name else None
        if target is not None and target.is_relative_to(sandbox.resolve()):
            allowed.add(str(target.relative_to(sandbox.resolve())))
    # the score log lives next to what was named (-wal/-shm beside a database)
    stray = {c for c in created if not any(c == a or c.startswith(a) for a in allowed)
             and not c.startswith("home/data")}
    assert stray == set(), (argv, stray)
    assert not Path("/missing").exists(), argv  # no parent folder created unasked
