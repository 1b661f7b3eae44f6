"""Esc pauses, quitting mid-encounter asks and is recorded as abandoned, time runs out
on timed nodes, and F5 shows a broken scenario's lint errors instead of crashing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame

from game.ui.screens.encounter import EncounterScreen
from game.ui.screens.picker import PickerScreen

ROOT = Path(__file__).resolve().parents[2]


def start(app, scenario_id="phone_complaint"):
    scenario = app.content.by_id(scenario_id)
    app.switch(EncounterScreen(app, scenario, seed=3))
    return app.screen


def test_esc_pauses_and_the_clock_stops(make_app, drive):
    app = make_app()
    d = drive(app)
    encounter = start(app)
    d.frame(0.5)
    d.key(pygame.K_ESCAPE)
    assert app.dialog is not None and app.dialog.title == "Paused"
    before = encounter.play.node_time
    d.frame(5.0)
    assert encounter.play.node_time == before, "a paused encounter does not lose time"
    d.key(pygame.K_ESCAPE)  # Esc again resumes
    assert app.dialog is None


def test_quitting_mid_encounter_asks_then_records_abandoned(make_app, drive):
    app = make_app()
    app.settings = app.settings.__class__(trainee="Luca", sound=False)
    d = drive(app)
    encounter = start(app)
    d.key(pygame.K_1)
    d.key(pygame.K_ESCAPE)
    quit_button = app.dialog.buttons[2]
    d.click_button(quit_button)
    assert app.dialog is not None and app.dialog.title == "Leave this encounter?"
    d.click_button(app.dialog.buttons[0])  # Stay
    assert app.screen is encounter and app.dialog is None
    d.key(pygame.K_ESCAPE)
    d.click_button(app.dialog.buttons[2])
    d.click_button(app.dialog.buttons[1])  # Leave
    assert isinstance(app.screen, PickerScreen)
    kinds = [type(e).__name__ for e in encounter.play.session.events]
    assert kinds[-1] == "SessionAbandoned"

    app.records.flush()
    from game.scorelog.store import ScoreLog
    with ScoreLog.open() as log:
        recorded = [e["type"] for e in log.session_events(encounter.play.recorder)]
        assert log.resume_candidates("Luca") == ()  # abandoned is not "to resume"
    assert recorded == ["SessionStarted", "ChoiceMade", "SessionAbandoned"]


def test_closing_the_window_mid_encounter_asks_first(make_app, drive):
    app = make_app()
    d = drive(app)
    start(app)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frame()
    assert app.running and app.dialog is not None
    assert app.dialog.title == "Quit the trainer?"


def test_time_running_out_takes_the_timeout_path(make_app, drive):
    app = make_app(mode="assessment")
    d = drive(app)
    encounter = start(app)
    limit = encounter.play.view().time_limit
    assert limit, "phone_complaint opens on a timed node"
    for _ in range(int(limit / 0.25) + 2):
        d.frame(0.25)
    kinds = [type(e).__name__ for e in encounter.play.session.events]
    assert "TimedOut" in kinds


def test_extended_time_limits_reach_the_runtime(make_app, drive):
    app = make_app(time_limits="extended")
    encounter = start(app)
    node = encounter.scenario.nodes[encounter.play.view().node]
    view = encounter.play.view()
    # the runtime doubles the authored limit and adds the time the screen takes to read
    assert view.time_limit == round(node.time_limit * 2 + getattr(view, "reading", 0.0), 2)
    assert encounter.play.session.events[0].timing == "extended"


def test_time_limits_off_never_time_out(make_app, drive):
    app = make_app(time_limits="off")
    d = drive(app)
    encounter = start(app)
    for _ in range(20):
        d.frame(5.0)
    assert [type(e).__name__ for e in encounter.play.session.events] == ["SessionStarted"]


def copy_library(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "traits.yaml", folder)
    shutil.copytree(ROOT / "scenarios" / "rules", folder / "rules")
    shutil.copy(ROOT / "scenarios" / "phone_complaint.yaml", folder)
    return folder


def test_f5_shows_lint_errors_of_a_broken_file(make_app, drive, tmp_path):
    from game.ui.content import Content

    folder = copy_library(tmp_path)
    app = make_app(content=Content.default(folder))
    d = drive(app)
    encounter = start(app)
    path = folder / "phone_complaint.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("start: opening", "start: nowhere"),
                    encoding="utf-8")
    d.key(pygame.K_F5)
    assert app.dialog is not None
    assert app.dialog.title == "The scenario no longer loads"
    first = app.dialog.body[0]
    assert first.startswith(f"{path}:") and "nowhere" in first
    assert app.screen is encounter, "the encounter is still there behind the errors"
    d.key(pygame.K_ESCAPE)
    assert app.dialog is None


def test_f5_reloads_a_fixed_file(make_app, drive, tmp_path):
    from game.ui.content import Content

    folder = copy_library(tmp_path)
    app = make_app(content=Content.default(folder))
    d = drive(app)
    start(app)
    path = folder / "phone_complaint.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Bellini here.", "Bellini speaking."), encoding="utf-8")
    d.key(pygame.K_F5)
    assert app.dialog is None
    assert isinstance(app.screen, EncounterScreen)
    assert "Bellini speaking." in app.screen.transcript.lines[0].text


def test_social_counters_count_up_while_the_trainee_hesitates(make_app, drive):
    app = make_app(mode="assessment")
    d = drive(app)
    encounter = start(app, "social_flare_up")
    before = encounter.header.reach
    reading = getattr(encounter.play.view(), "reading", 0.0)  # nothing spreads while read
    d.frame(reading)  # exactly the reading time, then 25 frames of 0.1 s
    for _ in range(25):
        d.frame(0.1)
    assert encounter.header.reach > before
    assert encounter.header.spreading
    live = encounter.play.session.preview(encounter.play.node_time).reach
    assert abs(encounter.header.reach - live) <= live * 0.05 + 1  # refreshed 20 times a second
    d.key(pygame.K_1)  # answering commits the time spent: the runtime's reach moved on
    # By hand: social_flare_up starts at reach 600 and spreads 40 per whole second (a
    # tick); 2.5 s after the reading time (well clear of a whole second, whatever the
    # floating-point sum and the 0.01 s rounding of response times), so two ticks have
    # passed; no answer changes reach: 680.
    assert encounter.play.state.reach == 600 + 40 * 2
