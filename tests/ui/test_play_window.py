"""`play SCENARIO` without --text opens the game window straight on that encounter."""

from __future__ import annotations

import pytest

from game.cli import main
from game.core.runtime import Mode, Timing
from game.ui import app as app_module
from game.ui.screens.encounter import EncounterScreen


@pytest.fixture
def window(monkeypatch):
    """A display that exists, and a loop that records what it would have shown."""
    opened = {}

    def run(self) -> None:
        opened["app"] = self

    monkeypatch.setattr(app_module, "display_available", lambda: True)
    monkeypatch.setattr(app_module.App, "run", run)
    return opened


def test_the_window_opens_on_the_named_encounter_with_the_given_options(window):
    code = main(["play", "social_flare_up", "--lang", "pl", "--mode", "assessment",
                 "--trainee", "north/anna", "--seed", "5", "--timing", "extended", "--no-log"])
    assert code == 0
    screen = window["app"].screen
    assert isinstance(screen, EncounterScreen)
    session = screen.play.session
    assert session.scenario.id == "social_flare_up"
    assert (session.trainee, session.lang, session.mode) == ("north/anna", "pl", Mode.ASSESSMENT)
    assert session.timing == Timing.EXTENDED
    assert window["app"].settings.lang == "pl"
    content = window["app"].content
    # only the chosen scenario was read before the first frame; the library waits
    assert content.partial and [s.id for s in content.scenarios] == ["social_flare_up"]
    assert len(content.full().scenarios) >= 13


def test_an_unknown_scenario_is_one_line_and_no_window(window, capsys):
    assert main(["play", "phone_complaint_x"]) == 2
    assert "no scenario 'phone_complaint_x'" in capsys.readouterr().err
    assert "app" not in window


def test_without_a_display_it_points_to_terminal_play(monkeypatch, capsys):
    monkeypatch.setattr(app_module, "display_available", lambda: False)
    assert main(["play", "phone_complaint"]) == 1
    err = capsys.readouterr().err
    assert "python main.py play SCENARIO --text" in err
