"""`play --text` through pipes: what the player reads, and what the score log keeps."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from conftest import ROOT, TIMED_CALL, context_for, logged, numbers_for, run_main

SEED = 4


def play(answers: list[int | str], *extra: str, db=None, seed: int = SEED):
    """A scripted run. Time limits are off unless the test asks for them, so a stalled
    machine cannot turn an instant scripted answer into a timeout."""
    script = "".join(f"{a}\n" for a in answers)
    log = ["--db", str(db)] if db else ["--no-log"]
    if "--timing" not in extra:
        extra = (*extra, "--timing", "off")
    return run_main("play", str(TIMED_CALL), "--text", "--seed", str(seed), *log, *extra,
                    input=script)


def expected_result(choice_ids: list[str], seed: int = SEED):
    """What the runtime itself scores for these answers."""
    from game.core.runtime import Session

    context = context_for()
    session = Session(context.scenario, context.catalogue, context.rules, seed=seed)
    for choice_id in choice_ids:
        session.choose([c.id for c in session.view().choices].index(choice_id))
    return session.result()


def test_a_scripted_run_shows_the_encounter_and_the_full_debrief(db):
    proc = play(numbers_for(["polite", "promise"], SEED), "--timing", "extended", db=db)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "== A quick call ==" in out
    assert "Anna Rossi, Buyer at Rossi Srl" in out
    assert "Anna Rossi: Where is my order?" in out
    assert "[Relationship] trust 50 | commitment 50 | mood 40 | reputation 70" in out
    assert "Time limits are extended (x2)." in out
    # 1 s extended to 2 s, after the screen could be read: "Where is my order?" and the
    # two answers are 14 words, 1 + 14 × 60 / 230 = 4.65 s, so 6.65 s: "7 s left".
    assert "Your answer (1-2, 7 s left): " in out
    assert "Feedback: Courteous and quick." in out
    assert "Traits shown: Courtesy +4.0" in out
    assert "[Relationship] trust 50 | commitment 50 | mood 50 | reputation 70" in out
    assert "Why: A dated promise builds trust." in out
    # the debrief: ending, overall, verdict, traits, each decision
    assert "Ending: Client kept (success)" in out
    assert "Overall score: 100 / 100" in out
    assert "PASSED (pass score 60)" in out
    assert "  Courtesy: 100" in out and "  Keeping promises: 100" in out
    assert "  1. opening: I am sorry, let me check now. (merit +4); best choice" in out
    assert f"Scores recorded in {db}." in out


def test_the_logged_scores_are_the_runtimes_scores(db):
    choices = ["rude", "vague"]
    proc = play(numbers_for(choices, SEED), db=db)
    assert proc.returncode == 0, proc.stderr
    expected = expected_result(choices)
    events = logged(db)
    assert [e["type"] for e in events] == ["SessionStarted", "ChoiceMade", "ChoiceMade",
                                           "SessionEnded"]
    assert [e["choice"] for e in events[1:3]] == choices
    ended = events[-1]
    assert ended["ending"] == "wary"
    assert ended["overall"] == pytest.approx(expected.overall)
    assert ended["passed"] is False
    shown = f"{expected.overall:.0f}" if abs(expected.overall - round(expected.overall)) < 0.05 \
        else f"{expected.overall:.1f}"
    assert f"Overall score: {shown} / 100" in proc.stdout
    assert "NOT PASSED (pass score 60)" in proc.stdout
    # the worse answer is shown with the best alternative the player missed
    assert ("1. opening: Not my department. (merit -2); best: I am sorry, let me check now. "
            "(merit +4)") in proc.stdout
    assert "why the best answer works: Courteous and quick." in proc.stdout


def test_the_trainee_and_the_settings_are_recorded(db):
    play(numbers_for(["polite", "promise"], SEED), "--trainee", "anna", "--mode",
         "assessment", "--timing", "extended", db=db)
    started = logged(db)[0]
    assert (started["trainee"], started["mode"], started["timing"], started["seed"]) == \
        ("anna", "assessment", "extended", SEED)


def test_invalid_answers_are_asked_again(db):
    first, second = numbers_for(["polite", "promise"], SEED)
    proc = play(["x", "0", "3", "", " ", "-1", first, second], db=db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("Please type a number from 1 to 2.") == 6
    assert "Ending: Client kept (success)" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_end_of_input_mid_session_is_recorded_as_abandoned(db):
    proc = play(numbers_for(["polite"], SEED), db=db)
    assert proc.returncode == 0
    assert ("Input ended before the encounter finished: the session is recorded as "
            "abandoned.") in proc.stdout
    assert "Debrief" not in proc.stdout
    assert [e["type"] for e in logged(db)] == ["SessionStarted", "ChoiceMade",
                                               "SessionAbandoned"]


def test_empty_input_abandons_at_the_first_question(db):
    proc = play([], db=db)
    assert proc.returncode == 0
    assert "recorded as abandoned" in proc.stdout
    assert [e["type"] for e in logged(db)] == ["SessionStarted", "SessionAbandoned"]


def test_a_timed_decision_really_times_out(db):
    """Nothing is typed at the 1-second question: the timeout path is taken."""
    proc = subprocess.Popen(
        [sys.executable, "main.py", "play", str(TIMED_CALL), "--text", "--seed", str(SEED),
         "--db", str(db)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    line = ""
    while "Time is up" not in line:  # blocks until the runtime's deadline has passed
        line = proc.stdout.readline()
        assert line, "play ended before the time ran out"
    assert time.monotonic() - started >= 1.0
    promise = numbers_for(["timeout", "promise"], SEED)[1]
    proc.stdin.write(f"{promise}\n")
    proc.stdin.close()
    out = proc.stdout.read()  # the same buffered reader: nothing read ahead is lost
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    assert "Feedback: Silence loses her." in out
    assert "1. opening: no answer in time" in out
    events = logged(db)
    assert [e["type"] for e in events] == ["SessionStarted", "TimedOut", "ChoiceMade",
                                           "SessionEnded"]
    assert events[1]["node"] == "opening"


def test_timing_off_never_times_out(db):
    """With time limits off the prompt shows no countdown and nothing expires."""
    proc = play(numbers_for(["polite", "promise"], SEED), "--timing", "off", db=db)
    assert "Time limits are off." in proc.stdout
    assert "s left" not in proc.stdout
    assert "Ending: Client kept (success)" in proc.stdout


def test_a_choice_opens_only_when_its_condition_holds():
    rude_first = play([*numbers_for(["rude"], SEED), 9])
    assert "Please type a number from 1 to 3." in rude_first.stdout  # hang_up is open
    polite_first = play([*numbers_for(["polite"], SEED), 9])
    assert "Please type a number from 1 to 2." in polite_first.stdout


def test_assessment_mode_holds_feedback_back_until_the_debrief():
    proc = play(numbers_for(["polite", "promise"], SEED), "--mode", "assessment")
    before, _, debrief = proc.stdout.partition("== Debrief ==")
    assert "Assessment mode: no feedback until the debrief." in before
    assert "Feedback:" not in before and "Traits shown" not in before
    assert "why: Courteous and quick." in debrief


def test_italian(db):
    proc = play(numbers_for(["polite", "promise"], SEED), "--lang", "it", db=db)
    assert "Anna Rossi: Dov'è il mio ordine?" in proc.stdout
    assert "La tua risposta (1-2): " in proc.stdout
    assert "Finale: Cliente mantenuto (successo)" in proc.stdout
    assert logged(db)[0]["lang"] == "it"


def test_polish():
    proc = play(numbers_for(["polite", "promise"], SEED), "--lang", "pl")
    assert "Anna Rossi: Gdzie jest moje zamówienie?" in proc.stdout
    assert "Zakończenie: Klient zatrzymany (sukces)" in proc.stdout


def test_an_unknown_scenario_is_one_line_and_exit_2():
    proc = run_main("play", "phone_complain", "--text", "--no-log")
    assert proc.returncode == 2
    assert proc.stderr == "error: no scenario 'phone_complain' (did you mean " \
                          "'phone_complaint'?)\n"


def test_a_damaged_score_log_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "log.sqlite3"
    bad.write_text("this is not a database, " * 100)
    proc = play([1, 1], db=bad)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"error: the score log {bad} is damaged")
    assert len(proc.stderr.splitlines()) == 1


def test_the_score_log_can_come_from_the_environment(tmp_path):
    db = tmp_path / "env.sqlite3"
    answers = "".join(f"{n}\n" for n in numbers_for(["polite", "promise"], SEED))
    proc = run_main("play", str(TIMED_CALL), "--text", "--seed", str(SEED), "--timing", "off",
                    input=answers, env={"CRT_DB": str(db)})
    assert proc.returncode == 0, proc.stderr
    assert logged(db)[-1]["type"] == "SessionEnded"
