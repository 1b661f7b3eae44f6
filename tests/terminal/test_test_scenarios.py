"""`test-scenarios`: scripted cases pass or fail with the actual path and scores, and
coverage names what no case (and no path at all) exercises."""

from __future__ import annotations

import shutil
import textwrap

import pytest
from conftest import FIXTURES, ROOT, run_main


@pytest.fixture
def library(tmp_path):
    """A folder with the fixture scenarios and their rule pack."""
    for name in ("timed_call.yaml", "dead_branch.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    shutil.copytree(FIXTURES / "rules", tmp_path / "rules")
    return tmp_path


def write_plan(folder, name, text):
    path = folder / f"{name}.test.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD_PLAN = """\
    cases:
      - name: courteous with a dated promise keeps her
        choices: [1, 1]
        expect:
          ending: kept
          outcome: success
          path: [opening, follow_up]
          overall: 100
          passed: true
          traits: {courtesy: ">= 90", trust_building: 100, bad_etiquette: none}
          state: {trust: 60, mood: ">= 50"}
      - name: rude, then hanging up, loses her
        choices: [rude, hang_up]
        expect: {ending: lost, outcome: failure, passed: false, overall: "< 10"}
      - name: silence then vague
        choices: [timeout, 2]
        expect: {ending: wary, traits: {responsiveness: 0}}
"""


def test_passing_cases_report_path_scores_and_full_coverage(library):
    plan = write_plan(library, "timed_call", GOOD_PLAN)
    proc = run_main("test-scenarios", str(plan))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"timed_call ({plan})"
    assert lines[1] == "  PASS courteous with a dated promise keeps her"
    assert lines[2] == "       path: opening -> follow_up -> kept"
    assert lines[3] == ("       scores: kept (success), overall 100.0, passed; courtesy 100, "
                        "keeping_promises 100, trust_building 100")
    assert "  PASS rude, then hanging up, loses her" in lines
    assert "  coverage: nodes 2/2, choices 6/6, traits 5/5" in lines
    assert "    every node, choice and trait is exercised by a case" in lines
    assert lines[-1] == "3 cases: 3 passed, 0 failed."


def test_a_failing_case_says_what_differs_and_exits_1(library):
    plan = write_plan(library, "timed_call", """\
        cases:
          - name: wrong hopes
            choices: [2, 2]
            expect: {ending: kept, overall: ">= 80", passed: true,
                     traits: {courtesy: ">= 50"}, state: {mood: "> 50"}}
    """)
    proc = run_main("test-scenarios", str(plan))
    assert proc.returncode == 1
    out = proc.stdout
    assert "  FAIL wrong hopes" in out
    assert "       - expected ending 'kept', got 'wary'" in out
    # By hand, with the fixture's one rule (a dated promise: +1 trust_building): rude
    # (-2) is the worst at opening (span polite +4 .. -2 = 6): 0 of 6; at follow_up,
    # where hang_up (-2) is open after the rude answer and promise is 2 + 1 = +3, vague
    # (-1) earns 1 of 5. 1 / 11 = 9.1.
    assert "       - expected overall >= 80, got 9.1" in out
    assert "       - expected passed: true, got false" in out
    assert "       - expected trait courtesy >= 50, got no score (never shown)" in out
    assert "       - expected mood > 50, got 20.0" in out
    assert "       path: opening -> follow_up -> wary" in out
    assert out.splitlines()[-1] == "1 cases: 0 passed, 1 failed."


@pytest.mark.parametrize(("choices", "failure"), [
    ("[3, 1]", "step 1: node 'opening' has 2 choices, there is no choice 3"),
    ("[polite, hang_up]", "step 2: choice 'hang_up' is not open at node 'follow_up' at this "
                          "point (when: state.mood < 30)"),
    ("[1, timeout]", "step 2: node 'follow_up' has no time limit; it cannot time out"),
    ("[1, 1, 1]", "the session ended after 2 choices; 1 left over"),
    ("[1]", "the choices ran out at node 'follow_up' after 1 choices; the session did not end"),
    ("[polit, 1]", "step 1: node 'opening' has no choice 'polit' (its choices: polite, rude)"),
])
def test_a_script_that_does_not_fit_the_scenario_fails_with_the_reason(library, choices,
                                                                        failure):
    plan = write_plan(library, "timed_call",
                      f"cases:\n  - name: off script\n    choices: {choices}\n")
    proc = run_main("test-scenarios", str(plan))
    assert proc.returncode == 1
    assert f"       - {failure}" in proc.stdout.splitlines()


def test_coverage_names_what_no_case_exercises_and_what_nothing_can(library):
    write_plan(library, "timed_call", "cases:\n  - name: one\n    choices: [1, 1]\n")
    write_plan(library, "dead_branch", "cases:\n  - name: reply\n    choices: [reply]\n")
    proc = run_main("test-scenarios", str(library))
    out = proc.stdout
    assert proc.returncode == 0, out
    assert "\n".join([
        "  coverage: nodes 2/2, choices 2/6, traits 2/5",
        "    not exercised by any case:",
        "      choices: follow_up.hang_up, follow_up.vague, opening.rude, opening.timeout",
        "      traits: bad_etiquette, responsiveness, terrible_communication",
    ]) in out
    assert "\n".join([
        "  coverage: nodes 1/2, choices 1/4, traits 1/2",
        "    not exercised by any case:",
        "      choices: inbox.ignore",
        "      traits: availability",
        "    never exercised, even by analyze:",
        "      nodes: secret",
        "      choices: inbox.miracle, secret.shrug",
    ]) in out


def test_a_scenario_without_a_plan_fails_the_run(library):
    write_plan(library, "timed_call", "cases:\n  - name: one\n    choices: [1, 1]\n")
    proc = run_main("test-scenarios", str(library))
    assert proc.returncode == 1
    assert (f"FAIL no test plan for dead_branch (expected {library / 'dead_branch.test.yaml'})"
            in proc.stdout)


def test_a_scenario_id_or_file_finds_its_plan(library):
    write_plan(library, "timed_call", GOOD_PLAN)
    proc = run_main("test-scenarios", str(library / "timed_call.yaml"))
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[-1] == "3 cases: 3 passed, 0 failed."


@pytest.mark.parametrize(("plan", "message"), [
    ("cases:\n  - name: x\n    choices: [1, 1]\n    expect: {overal: 3}\n",
     "case 'x': expect: unknown key 'overal' (expected one of ending, outcome, overall, "
     "passed, path, state, traits)"),
    ("cases:\n  - name: x\n    choices: [1, 1]\n    expect: {traits: {courtsey: 50}}\n",
     "case 'x': no trait 'courtsey' in timed_call (did you mean 'courtesy'?)"),
    ("cases:\n  - name: x\n    choices: [1, 1]\n    expect: {ending: kep}\n",
     "case 'x': no ending 'kep' in timed_call (did you mean 'kept'?)"),
    ("cases: [\n", "error: YAML syntax error"),
])
def test_a_plan_that_does_not_load_is_reported_not_a_traceback(library, plan, message):
    path = write_plan(library, "timed_call", plan)
    proc = run_main("test-scenarios", str(path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[1].startswith(f"  FAIL {path}")
    assert message in proc.stdout


def test_a_missing_plan_file_is_a_usage_error(tmp_path):
    proc = run_main("test-scenarios", str(tmp_path / "none.test.yaml"))
    assert proc.returncode == 2
    assert proc.stderr == f"error: no test plan file '{tmp_path / 'none.test.yaml'}'\n"


def test_the_shipped_library_passes_its_test_plans():
    proc = run_main("test-scenarios", timeout=300)
    assert proc.returncode == 0, proc.stdout
    assert " 0 failed." in proc.stdout.splitlines()[-1]
    assert "FAIL" not in proc.stdout
    # Every shipped plan was run, and every case of it: a plan skipped silently would
    # still print "0 failed".
    plans = sorted((ROOT / "scenarios").rglob("*.test.yaml"))  # campaign episodes too
    assert len(plans) >= 13
    for plan in plans:
        assert f"{plan.name.removesuffix('.test.yaml')} ({plan})" in proc.stdout, plan.name
    from game.core.loader import load_yaml_data

    cases = sum(len(load_yaml_data(p)["cases"]) for p in plans)
    assert proc.stdout.splitlines()[-1] == f"{cases} cases: {cases} passed, 0 failed."


def test_a_drafted_plan_passes_and_covers_every_answer(library):
    proc = run_main("test-scenarios", "--draft", str(library / "timed_call.yaml"))
    plan = library / "timed_call.test.yaml"
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Drafted {plan}: 3 cases.")
    text = plan.read_text(encoding="utf-8")
    assert "  - name: the best answer every time reaches kept with full marks\n" \
           "    choices: [polite, promise]\n" in text
    assert "  - name: the worst answers end in lost\n    choices: [rude, hang_up]\n" in text
    run = run_main("test-scenarios", str(plan))
    assert run.returncode == 0, run.stdout
    assert "    every node, choice and trait is exercised by a case" in run.stdout
    assert run.stdout.splitlines()[-1] == "3 cases: 3 passed, 0 failed."


def test_a_draft_never_overwrites_a_plan(library):
    plan = write_plan(library, "timed_call", GOOD_PLAN)
    proc = run_main("test-scenarios", "--draft", str(library / "timed_call.yaml"))
    assert proc.returncode == 1
    assert proc.stderr == f"error: {plan} already exists; remove it first to draft a new plan\n"
    assert plan.read_text(encoding="utf-8") == textwrap.dedent(GOOD_PLAN)


def test_a_draft_needs_a_scenario():
    proc = run_main("test-scenarios", "--draft")
    assert proc.returncode == 2
    assert proc.stderr == "error: --draft needs the scenarios to draft plans for (ids or files)\n"
