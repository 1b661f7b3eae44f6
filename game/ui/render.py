"""Render a screen of a scripted playthrough to a PNG (the `screenshot` command)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.core.errors import UserError
from game.ui.settings import Settings


def build_app(settings: Settings, size: tuple[int, int], record: bool = False):
    from game.ui.app import App

    return App(size, settings, persist=False, record=record)


def open_encounter(app, scenario_arg: str, seed: int):
    """The encounter screen of a scenario given by id or path (loader errors: one line)."""
    from game.core.loader import resolve_scenario
    from game.ui.screens.encounter import EncounterScreen

    path = resolve_scenario(scenario_arg, app.content.folder)
    scenario, problems = app.content.load(path)
    if scenario is None:
        raise UserError(problems[0] if problems else f"{path}: cannot be loaded")
    screen = EncounterScreen(app, scenario, seed=seed)
    app.switch(screen)
    return screen


def screenshot(scenario_arg: str, numbers: list[int], which: str, settings: Settings,
               size: tuple[int, int], out: str, seed: int = 7,
               keep_feedback: bool = False, seconds: float = 0.0) -> Path:
    from game.ui.scripted import play_through, settle

    app = build_app(settings, size)
    encounter = open_encounter(app, scenario_arg, seed)
    play_through(encounter, numbers, keep_last_feedback=keep_feedback, seconds=seconds)
    if which == "debrief":
        if not encounter.play.ended:
            raise UserError("the choices run out before an ending; the debrief needs one "
                            "(add choices to --choices)")
        while encounter.phase != "ended":
            encounter.proceed()  # past a feedback panel to the ending
        encounter.proceed()
    settle(app)
    from game.core.outfile import output_file

    path = Path(out)
    try:  # the one output-file helper: temp file + rename, no folders created, no links
        with output_file(path, binary=True) as stream:
            pygame.image.save(app.window, stream, path.name)
    except pygame.error as err:
        raise UserError(f"cannot write {path}: {err}") from None
    return path
