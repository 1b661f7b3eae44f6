"""docs/authoring.md stays true: its example scenario, test plan, transcripts and every
"common mistake" error line are what the product really does."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

DOC = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
MAIN = str(ROOT / "main.py")


def block_after(marker: str, lang: str = "text") -> str:
    """The first fenced block of ``lang`` after ``marker``, without its fence and indent."""
    start = DOC.index(marker)
    match = re.compile(rf"^( *)```{lang}\n(.*?)^\1```", re.S | re.M).search(DOC, start)
    indent = len(match.group(1))
    return "".join(line[indent:] + "\n" for line in match.group(2).splitlines())


def run(cwd, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("CRT_DB", None)
    return subprocess.run([sys.executable, MAIN, *args], cwd=cwd, input=stdin, text=True,
                          capture_output=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("library")
    scenarios = folder / "scenarios"
    scenarios.mkdir()
    (scenarios / "late_invoice.yaml").write_text(
        block_after("## The file, field by field", "yaml"), encoding="utf-8")
    (scenarios / "late_invoice.test.yaml").write_text(
        block_after("## Test plans", "yaml"), encoding="utf-8")
    return folder


def test_the_example_scenario_lints_clean(library):
    proc = run(library, "lint", "scenarios/late_invoice.yaml")
    assert proc.stdout == "checked 1 file (1 scenario): no problems\n", proc.stdout


def test_the_analyze_output_shown_is_the_real_one(library):
    proc = run(library, "analyze", "--strict", "scenarios/late_invoice.yaml")
    assert proc.returncode == 0
    assert proc.stdout == block_after("**`python main.py analyze scenarios/late_invoice.yaml`**")


def test_the_play_transcript_shown_is_the_real_one(library):
    shown = block_after("a run can be scripted:")
    command, _, transcript = shown.partition("\n")
    assert command == "$ printf '3\\n' | python main.py play late_invoice --text --seed 1 --no-log"
    proc = run(library, "play", "scenarios/late_invoice.yaml", "--text", "--seed", "1",
               "--no-log", stdin="3\n")
    assert proc.stdout == transcript


def test_the_test_plan_output_shown_is_the_real_one(library):
    shown = block_after("```text\n$ python main.py test-scenarios")
    proc = run(library, "test-scenarios", "scenarios/late_invoice.test.yaml")
    assert proc.returncode == 1  # the last case fails on purpose
    assert "$ python main.py test-scenarios scenarios/late_invoice.test.yaml\n" + proc.stdout \
        == shown


#: (what the skeleton says, what the mistake makes of it) for each documented mistake.
MISTAKES = [
    ('title: {en: "TODO title", it: "TODO titolo", pl: "TODO tytuł"}',
     'title: {en: "TODO title", it: "TODO titolo"}'),
    ("        next: follow_up        # a node id or an ending id", "        nxt: follow_up"),
    ("        next: follow_up        # a node id or an ending id", "        next: folow_up"),
    ("evidence: {courtesy: 2, de_escalation: 1}", "evidence: {courtsey: 2, de_escalation: 1}"),
    ("evidence: {courtesy: 2, de_escalation: 1}", "evidence: {courtesy: 5, de_escalation: 1}"),
    ("weights: {courtesy: 1.5}", "weights: {courtesy: 5}"),
    ("    timeout:                   # ... and then what happens when time runs out\n"
     "      next: client_lost\n"
     "      evidence: {responsiveness: -2}        # trait id -> strength -3..3 (never 0)\n"
     "      effects: {mood: -15, trust: -10}\n"
     "      feedback:\n"
     '        en: "TODO: why silence hurt here."\n'
     '        it: "TODO: perché il silenzio ha fatto danno."\n'
     '        pl: "TODO: dlaczego milczenie zaszkodziło."\n', ""),
    ('when: "state.mood < 40"', 'when: "state.moood < 40"'),
    ('when: "state.mood < 40"', 'when: "state.mood <"'),
    ('when: "state.mood < 40"', 'when: "state.mood"'),
    ("id: demo ", "id: demo2 "),
    ("minutes: 5 ", "minutes: 5\nminutes: 6 "),
    ("      - id: argue", "      - id: listen"),
    ("minutes: 5 ", "minutes: five "),
    ("difficulty: introductory ", "difficulty: easy "),
    ("start: opening                 # the first node\n", ""),
    ('      en: "TODO: the client\'s first line."', "      en: TODO: the client's first line."),
    ("  company: TODO Company Srl", "\tcompany: TODO Company Srl"),
    ("  company: TODO Company Srl", "   company: TODO Company Srl"),
]


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory):
    folder = tmp_path_factory.mktemp("skeleton")
    (folder / "scenarios").mkdir()
    proc = run(folder, "new", "demo", "--encounter", "phone_complaint", "--out", "scenarios")
    assert proc.returncode == 0
    return folder, (folder / "scenarios" / "demo.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new"), MISTAKES)
def test_each_documented_mistake_gives_the_documented_error(skeleton, old, new):
    folder, text = skeleton
    assert old in text
    (folder / "scenarios" / "demo.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = run(folder, "lint", "scenarios/demo.yaml")
    problems = [line for line in proc.stdout.splitlines() if line.startswith("scenarios/")]
    assert proc.returncode == 1 and problems
    section = DOC[DOC.index("## Common mistakes"):]
    for line in problems:
        if "[E203]" in line and "nxt" in new:
            continue  # the consequence of the typo, shown in the doc with it
        assert line in section, line


def test_the_unreachable_example_gives_the_documented_errors(skeleton):
    folder, text = skeleton
    broken = text.replace("next: follow_up", "next: client_wary")
    (folder / "scenarios" / "demo.yaml").write_text(broken, encoding="utf-8")
    proc = run(folder, "lint", "scenarios/demo.yaml")
    section = DOC[DOC.index("## Common mistakes"):]
    lines = [line for line in proc.stdout.splitlines() if line.startswith("scenarios/")]
    assert len(lines) == 2
    assert all(line in section for line in lines), lines


def test_the_doc_links_the_lint_codes_page():
    assert "[lint-codes.md](lint-codes.md)" in DOC
    assert (ROOT / "docs" / "lint-codes.md").is_file()
