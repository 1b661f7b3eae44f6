"""A trainee plays through the window with real key presses and clicks, from the start
screen to the debrief, and the runtime and the score log record what they did."""

from __future__ import annotations

import pygame

from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.encounter import EncounterScreen
from game.ui.screens.picker import PickerScreen
from game.ui.screens.start import StartScreen


def sign_in(app, drive, name="Anna Rossi"):
    d = drive(app)
    d.frame()
    assert isinstance(app.screen, StartScreen)
    d.type(name)
    d.click_button(app.screen.go)
    assert isinstance(app.screen, PickerScreen), "Continue should open the picker"
    return d


def open_card(app, d, scenario_id):
    card = next(c for c in app.screen.cards if c.action == scenario_id)
    if not app.window.get_rect().contains(card.rect):
        app.screen.column.scroll = card.rect.y - 10
        app.screen._place(app.window.get_size())
        card = next(c for c in app.screen.cards if c.action == scenario_id)
    d.click_button(card)
    assert isinstance(app.screen, EncounterScreen)
    return app.screen


def play_to_end(app, d, use_mouse_every=2):
    """Answer with key 1, then a click on the second button, alternately; Enter past
    feedback. Returns the choice ids the player picked, in order."""
    picked = []
    turn = 0
    while isinstance(app.screen, EncounterScreen) and not app.screen.play.ended:
        screen = app.screen
        if screen.phase == "feedback":
            d.key(pygame.K_RETURN)
            continue
        view = screen.play.view()
        if turn % use_mouse_every == 1 and len(screen.choices.buttons) > 1:
            picked.append(view.choices[1].id)
            d.click_button(screen.choices.buttons[1])
        else:
            picked.append(view.choices[0].id)
            d.key(pygame.K_1)
        turn += 1
        assert turn < 40, "the encounter should end"
    return picked


def test_start_to_debrief_records_every_choice(make_app, drive):
    app = make_app()
    d = sign_in(app, drive)
    assert app.settings.trainee == "Anna Rossi"
    encounter = open_card(app, d, "phone_complaint")
    play = encounter.play
    picked = play_to_end(app, d)

    events = play.session.events
    made = [e for e in events if type(e).__name__ == "ChoiceMade"]
    assert [e.choice for e in made] == picked
    assert type(events[0]).__name__ == "SessionStarted"
    assert events[0].trainee == "Anna Rossi" and events[0].mode == "practice"
    ended = events[-1]
    assert type(ended).__name__ == "SessionEnded"

    while not isinstance(app.screen, DebriefScreen):
        d.key(pygame.K_RETURN)  # past the last feedback, then "See the debrief"
    debrief = app.screen
    result = play.result()
    assert round(debrief.data.overall) == round(result.overall) == round(ended.overall)
    assert debrief.data.passed == result.passed
    assert len(debrief.data.decisions) == len(made)
    assert [row.chose for row in debrief.data.decisions] == \
        [d_.text.get("en") for d_ in result.decisions]

    app.records.flush()
    from game.scorelog.store import ScoreLog
    with ScoreLog.open() as log:
        found = log.best_and_last("Anna Rossi", "phone_complaint")
    assert found.sessions == 1 and round(found.last) == round(result.overall)


def test_debrief_buttons_replay_and_pick_another(make_app, drive):
    app = make_app()
    d = sign_in(app, drive)
    open_card(app, d, "over_familiar_client")
    play_to_end(app, d)
    while not isinstance(app.screen, DebriefScreen):
        d.key(pygame.K_RETURN)
    replay = next(b for b in app.screen.buttons if b.action == "replay")
    d.click_button(replay)
    assert isinstance(app.screen, EncounterScreen)
    assert app.screen.scenario.id == "over_familiar_client"
    assert app.screen.play.session.events[-1].__class__.__name__ == "SessionStarted"


def test_assessment_mode_shows_no_feedback(make_app, drive):
    app = make_app(mode="assessment")
    d = sign_in(app, drive)
    encounter = open_card(app, d, "phone_complaint")
    d.key(pygame.K_1)
    assert encounter.phase != "feedback"
    assert encounter.feedback is None


def test_practice_feedback_names_the_traits_shown(make_app, drive):
    app = make_app(mode="practice")
    d = sign_in(app, drive)
    encounter = open_card(app, d, "phone_complaint")
    d.key(pygame.K_2)
    assert encounter.phase == "feedback"
    outcome_traits = [name for name, _ in encounter.steps[-1].traits]
    assert outcome_traits, "the answer showed traits"
    panel = encounter.feedback
    assert all(any(name in label for label, _ in panel.traits) for name in outcome_traits)


def test_arrows_and_enter_pick_the_focused_answer(make_app, drive):
    app = make_app(mode="assessment")
    d = sign_in(app, drive)
    encounter = open_card(app, d, "phone_complaint")
    second = encounter.play.view().choices[1].id
    d.key(pygame.K_DOWN)  # shows the focus on the first answer
    d.key(pygame.K_DOWN)  # moves it to the second
    d.key(pygame.K_RETURN)
    made = [e for e in encounter.play.session.events if type(e).__name__ == "ChoiceMade"]
    assert [e.choice for e in made] == [second]


def test_name_is_required(make_app, drive):
    app = make_app()
    d = drive(app)
    d.frame()
    d.click_button(app.screen.go)
    assert isinstance(app.screen, StartScreen)
    assert app.screen.error == "Enter your name or trainee ID to continue."


def test_language_button_translates_the_screen(make_app, drive):
    app = make_app()
    d = drive(app)
    d.frame()
    polish = next(b for b in app.screen.langs if b.action == "pl")
    d.click_button(polish)
    assert app.settings.lang == "pl"
    assert app.screen.go.label == "Dalej"


def test_picker_shows_best_and_last_score_from_the_log(make_app, drive, monkeypatch):
    # both sessions shuffle the answers alike (seed 3), so key 1 and key 2 are two
    # different first answers and the two scores differ (random seeds made them equal
    # now and then)
    import game.ui.play

    monkeypatch.setattr(game.ui.play.random, "randrange", lambda *a: 3)
    app = make_app(mode="assessment")
    d = sign_in(app, drive, name="Marta")
    card = next(c for c in app.screen.cards if c.action == "phone_complaint")
    assert card.footer == "Not played yet"
    scores = []
    for first in (pygame.K_1, pygame.K_2):
        encounter = open_card(app, d, "phone_complaint")
        d.key(first)
        play_to_end(app, d)
        scores.append(round(encounter.play.result().overall))
        while isinstance(app.screen, EncounterScreen):
            d.key(pygame.K_RETURN)
        d.click_button(next(b for b in app.screen.buttons if b.action == "pick"))
        assert isinstance(app.screen, PickerScreen)
    card = next(c for c in app.screen.cards if c.action == "phone_complaint")
    # What the footer must say is read from the score log's own rows, not from the
    # runtime that wrote them (that would compare the code with itself): the two
    # SessionEnded events of this trainee, oldest first.
    import os
    import sqlite3

    with sqlite3.connect(os.environ["CRT_DB"]) as conn:
        logged = conn.execute("SELECT score, passed FROM events WHERE type = 'SessionEnded' "
                              "AND scenario = 'phone_complaint' ORDER BY seq").fetchall()
    assert [round(score) for score, _ in logged] == scores  # the log holds what was played
    assert len(set(scores)) == 2  # best and last differ: not one number read twice
    assert not any(passed for _, passed in logged)  # both under the pass mark of 65
    best, last = round(max(score for score, _ in logged)), round(logged[-1][0])
    assert card.footer == f"Not passed yet · Best {best} · Last {last} · pass mark 65"
    assert card.tone == "bad"


def test_a_shared_pc_never_signs_in_as_the_last_trainee(make_app, drive):
    """The last name is offered, never pre-filled: "Continue as" or "Not you?"."""
    app = make_app(trainee="north/anna")
    d = drive(app)
    d.frame()
    start = app.screen
    assert start.field.value() == "", "the field starts empty on a shared PC"
    assert [b.label for b in start.returning] == ["Continue as north/anna", "Not you?"]
    d.click_button(start.returning[1])  # Not you?
    assert app.settings.trainee == "" and not app.screen.returning
    d.type("south/ben")
    d.key(pygame.K_RETURN)
    assert isinstance(app.screen, PickerScreen) and app.settings.trainee == "south/ben"
    again = make_app(trainee="south/ben")
    d = drive(again)
    d.frame()
    d.click_button(again.screen.returning[0])  # Continue as south/ben
    assert isinstance(again.screen, PickerScreen) and again.settings.trainee == "south/ben"


def test_f11_keeps_the_cursor_at_the_end_of_the_name(make_app, drive):
    app = make_app()
    d = drive(app)
    d.frame()
    d.type("Anna")
    d.key(pygame.K_F11)
    field = app.screen.field
    assert field.value() == "Anna" and field.entry.edit_position == 4 and field.focused
