"""The commands that reach the campaign screens: `play CAMPAIGN` without --text opens
the window on the campaign (resuming from the log), `screenshot CAMPAIGN` renders its
picker card, recap and debrief."""

from __future__ import annotations

import pygame

from game.cli import main


def test_play_campaign_opens_the_window_on_its_recap(monkeypatch, tmp_path):
    from game.ui import app as app_module
    from game.ui.screens.campaign_screens import RecapScreen

    shown = []
    monkeypatch.setattr(app_module, "display_available", lambda: True)
    monkeypatch.setattr(app_module.App, "run", lambda self: shown.append(self.screen))
    db = tmp_path / "log.sqlite3"
    assert main(["play", "nowicki_account", "--trainee", "north/anna", "--seed", "5",
                 "--db", str(db)]) == 0
    screen = shown[0]
    assert isinstance(screen, RecapScreen)
    assert screen.strings[1] == "Episode 1 of 5: The kick-off meeting"
    assert screen.flow.run.seed == 5 and screen.flow.run.trainee == "north/anna"
    screen.app.records.flush()


def test_screenshot_renders_the_campaign_screens(tmp_path, capsys):
    for screen in ("picker", "recap", "debrief"):
        out = tmp_path / f"{screen}.png"
        assert main(["screenshot", "nowicki_account", "--screen", screen, "--episode", "2",
                     "--size", "1024x600", "--out", str(out)]) == 0
        img = pygame.image.load(str(out))
        assert img.get_size() == (1024, 600)
    assert capsys.readouterr().out.count("wrote ") == 3
