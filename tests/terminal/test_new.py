"""`new`: a skeleton that lints clean, plays, and never overwrites."""

from __future__ import annotations

import pytest
from conftest import run_main

from game.core.loader import load_scenario
from game.core.loader.lint import lint_paths
from game.core.model import Encounter


@pytest.mark.parametrize("encounter", [e.value for e in Encounter])
def test_every_encounter_gets_a_lint_clean_skeleton(encounter, tmp_path):
    proc = run_main("new", "my_scene", "--encounter", encounter, "--out", str(tmp_path))
    path = tmp_path / "my_scene.yaml"
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (f"Created {path}. Next: edit the TODO texts, then run "
                           f"`python main.py lint {path}`.\n")
    report = lint_paths([path])
    assert report.problems == ()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    scenario = load_scenario(path)
    assert scenario.encounter == encounter
    say = scenario.nodes["opening"].text
    assert (say.en, say.it, say.pl) == ("TODO: the client's first line.",
                                       "TODO: la prima battuta del cliente.",
                                       "TODO: pierwsza kwestia klienta.")


def test_the_schema_comment_points_at_the_schema_from_the_library(tmp_path):
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    run_main("new", "x", "--encounter", "phone_complaint", "--out", str(scenarios))
    first = (scenarios / "x.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.endswith("/schema/scenario.schema.json")


def test_a_social_skeleton_has_an_escalation_the_reply_stops(tmp_path):
    run_main("new", "flare", "--encounter", "social_flare_up", "--out", str(tmp_path))
    scenario = load_scenario(tmp_path / "flare.yaml")
    assert scenario.channel == "social"
    assert scenario.escalation is not None
    assert scenario.escalation.stop_when.source == "flags.responded"
    listen = next(c for c in scenario.nodes["opening"].choices if c.id == "listen")
    assert listen.effects.set_flags == ("responded",)


def test_the_channel_can_be_chosen(tmp_path):
    run_main("new", "chat_one", "--encounter", "phone_complaint", "--channel", "chat",
             "--out", str(tmp_path))
    assert load_scenario(tmp_path / "chat_one.yaml").channel == "chat"


def test_the_skeleton_plays_to_an_ending(tmp_path):
    run_main("new", "draft", "--encounter", "delivery_failure", "--out", str(tmp_path))
    proc = run_main("play", str(tmp_path / "draft.yaml"), "--text", "--no-log", "--seed", "1",
                    "--timing", "off", input="1\n1\n1\n")
    assert proc.returncode == 0, proc.stderr
    assert "== Debrief ==" in proc.stdout


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my work\n", encoding="utf-8")
    proc = run_main("new", "mine", "--encounter", "phone_complaint", "--out", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stderr == (f"error: {path} already exists; choose another id or remove the "
                           "file first\n")
    assert path.read_text(encoding="utf-8") == "my work\n"


@pytest.mark.parametrize(("args", "message"), [
    (["x", "--encounter", "phone_complain"],
     "error: unknown encounter 'phone_complain'; did you mean 'phone_complaint'?"),
    (["x", "--encounter", "zzz"],
     "error: unknown encounter 'zzz' (one of: phone_complaint, email_escalation, "
     "over_familiar_client, social_flare_up, false_rumour, public_praise, legal_threat, "
     "sabotage, delivery_failure, hidden_bad_news, discount_request, technology_change, "
     "souring_account)"),
    (["x", "--encounter", "legal_threat", "--channel", "mail"],
     "error: unknown channel 'mail'; did you mean 'email'?"),
    (["Bad-Id", "--encounter", "legal_threat"],
     "error: scenario id 'Bad-Id' must match [a-z][a-z0-9_]* (lower-case letters, digits "
     "and _, starting with a letter)"),
])
def test_bad_arguments_are_usage_errors(args, message, tmp_path):
    proc = run_main("new", *args, "--out", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr == message + "\n"
    assert list(tmp_path.iterdir()) == []


def test_a_missing_output_folder_is_a_usage_error(tmp_path):
    proc = run_main("new", "x", "--encounter", "sabotage", "--out", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert proc.stderr == f"error: {tmp_path / 'nope'} is not a folder\n"


def test_the_skeleton_gives_analyze_nothing_to_warn_about(tmp_path):
    """The template does not teach a pattern naive strategies could beat."""
    run_main("new", "careful", "--encounter", "phone_complaint", "--out", str(tmp_path))
    proc = run_main("analyze", "--strict", str(tmp_path / "careful.yaml"))
    assert proc.returncode == 0, proc.stdout
    assert "warning" not in proc.stdout


def test_the_file_names_no_folder_of_this_machine(tmp_path):
    """The skeleton is shared between trainers: its comments and schema line must not
    spell out where it was made (issue 17)."""
    out = tmp_path / "elsewhere"
    out.mkdir()
    assert run_main("new", "x", "--encounter", "phone_complaint", "--out", str(out)) \
        .returncode == 0
    text = (out / "x.yaml").read_text(encoding="utf-8")
    from conftest import ROOT

    assert str(tmp_path) not in text and str(ROOT) not in text and "../../" not in text
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/scenario.schema.json"
    assert "#   python main.py lint x.yaml " in text
