"""Keyboard only (--no-mouse): sign in, pick, play, pause, change settings, debrief;
the name field lets go of the keyboard; a double Enter never answers unseen."""

from __future__ import annotations

import pygame

from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.encounter import INPUT_GUARD, EncounterScreen
from game.ui.screens.picker import PickerScreen
from game.ui.screens.settings_screen import SettingsScreen
from game.ui.screens.start import StartScreen

SHIFT = pygame.KMOD_SHIFT


def no_mouse(monkeypatch):
    """Any mouse event reaching the app fails the test."""
    from game.ui.app import App

    real = App.handle

    def handle(self, event):
        assert event.type not in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                                  pygame.MOUSEWHEEL), "this test is keyboard only"
        real(self, event)

    monkeypatch.setattr(App, "handle", handle)


def test_sign_in_play_and_debrief_without_a_mouse(make_app, drive, monkeypatch):
    no_mouse(monkeypatch)
    app = make_app(mode="practice")
    d = drive(app)
    d.frame()
    start = app.screen
    assert start.field.focused, "the name field has the keyboard first"
    d.type("north/piotr")
    d.key(pygame.K_SPACE)  # in the field, Space is typed: the buttons do not see it
    assert app.screen is start
    d.key(pygame.K_TAB)  # leaves the field for the first button
    assert not start.field.focused and start.ring.focused is start.langs[0]
    d.key(pygame.K_TAB, SHIFT)  # Shift-Tab from the first button: back into the field
    assert start.field.focused and start.ring.focused is None
    d.key(pygame.K_TAB, SHIFT)  # Shift-Tab from the field: the last button (Continue)
    assert start.ring.focused is start.go
    d.key(pygame.K_SPACE)
    assert isinstance(app.screen, PickerScreen)
    assert app.settings.trainee == "north/piotr"

    picker = app.screen
    d.key(pygame.K_DOWN)  # focus appears on the first card
    d.key(pygame.K_RETURN)
    assert isinstance(app.screen, EncounterScreen)
    assert app.screen.scenario.id == picker.cards[0].action
    encounter = app.screen
    turns = 0
    while not isinstance(app.screen, DebriefScreen):
        if app.screen.phase == "choose":
            d.key(pygame.K_DOWN)  # shows the focus on the first answer
            d.key(pygame.K_DOWN)  # the second, if there is one
            d.key(pygame.K_RETURN)
        else:
            d.key(pygame.K_RETURN)  # past the feedback, then to the debrief
        turns += 1
        assert turns < 80
    made = [e for e in encounter.play.session.events if type(e).__name__ == "ChoiceMade"]
    assert made and encounter.play.ended
    d.key(pygame.K_TAB)
    d.key(pygame.K_TAB)  # "Pick another"
    d.key(pygame.K_RETURN)
    assert isinstance(app.screen, PickerScreen)
    d.key(pygame.K_ESCAPE)
    assert isinstance(app.screen, StartScreen)
    d.key(pygame.K_ESCAPE)  # asks before quitting
    assert app.running and app.dialog is not None
    d.key(pygame.K_ESCAPE)  # Esc is the safe answer: stay
    assert app.running and app.dialog is None


def test_enter_in_the_name_field_continues(make_app, drive):
    app = make_app()
    d = drive(app)
    d.frame()
    d.type("Anna")
    d.key(pygame.K_RETURN)
    assert isinstance(app.screen, PickerScreen)


def test_a_double_enter_does_not_answer_the_next_question(make_app, drive):
    app = make_app(mode="assessment")
    d = drive(app)
    app.switch(EncounterScreen(app, app.content.by_id("phone_complaint"), seed=3))
    encounter = app.screen
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # answers the first question
    assert len(encounter.steps) == 1
    first_node = encounter.play.view().node
    d.key(pygame.K_RETURN, wait=False)  # the bounce, 1/60 s later, at the new question
    d.frame(0.1)
    d.key(pygame.K_RETURN, wait=False)  # and again 120 ms later
    assert len(encounter.steps) == 1, "a key meant for the last question was ignored"
    assert encounter.play.view().node == first_node
    assert encounter.choices.ring.focused is None, "no answer is pre-selected"
    d.frame(INPUT_GUARD)
    d.key(pygame.K_RETURN)  # after the guard, Enter alone still picks nothing
    assert len(encounter.steps) == 1
    d.key(pygame.K_2)
    assert len(encounter.steps) == 2


def test_time_limits_off_from_the_pause_menu_apply_at_once(make_app, drive):
    app = make_app(mode="assessment")
    d = drive(app)
    app.switch(EncounterScreen(app, app.content.by_id("phone_complaint"), seed=3))
    encounter = app.screen
    assert encounter.countdown.limit
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_DOWN)  # Resume -> Settings
    d.key(pygame.K_RETURN)
    settings = app.screen
    assert isinstance(settings, SettingsScreen)
    assert settings.ring.focused is settings.rows[0]
    for _ in range(3):
        d.key(pygame.K_DOWN)  # text size, contrast, motion, time limits
    assert settings.ring.focused.action == "time_limits"
    d.key(pygame.K_RETURN)  # normal -> extended
    d.key(pygame.K_RETURN)  # extended -> off
    assert app.settings.time_limits == "off"
    d.key(pygame.K_ESCAPE)  # back to the encounter
    assert app.screen is encounter
    assert encounter.countdown.limit is None and encounter.play.time_limit() is None
    for _ in range(30):
        d.frame(5.0)  # two and a half minutes: no timeout
    assert [type(e).__name__ for e in encounter.play.session.events] == ["SessionStarted"]


def test_enlarged_text_stretches_the_time_limit(make_app, drive):
    """WCAG 2.2.1: at 200 % the trainee gets twice as long, from the first node and
    when the size is changed mid-question."""
    normal = make_app(record=False)
    screen = EncounterScreen(normal, normal.content.by_id("phone_complaint"), seed=3)
    normal.switch(screen)
    base = screen.play.time_limit()
    big = make_app(record=False, text_scale=200)
    screen = EncounterScreen(big, big.content.by_id("phone_complaint"), seed=3)
    big.switch(screen)
    started = screen.play.session.events[0]
    assert (started.timing, started.time_factor) == ("extended", 2.0)
    node = screen.scenario.nodes[screen.play.view().node]
    reading = getattr(screen.play.view(), "reading", 0.0)  # the runtime's, not stretched
    assert abs(screen.play.time_limit() - (node.time_limit * 2 + reading)) < 0.05
    assert abs(base - (node.time_limit + reading)) < 0.05
    normal.apply_settings(normal.settings.cycled("text_scale"))  # 100 -> 125 % mid-question
    assert abs(normal.screen.play.time_limit() - 1.25 * base) < 0.05  # the clock slows


def test_focus_and_selection_look_different_in_both_themes(make_app):
    from game.ui.widgets.button import Button

    for contrast in (False, True):
        app = make_app(record=False, high_contrast=contrast)
        look = app.look
        selected, focused = Button("A", selected=True), Button("B")
        for b in (selected, focused):
            b.layout(look, 10, 10, 200)
        a = pygame.Surface((220, 200))
        b = pygame.Surface((220, 200))
        selected.draw(a, look, focused=False)
        focused.draw(b, look, focused=True)
        ring = (focused.rect.x + 3, focused.rect.centery)  # inside the edge, left side
        assert b.get_at(ring)[:3] == look.pal.focus
        assert a.get_at(ring)[:3] != look.pal.focus
        assert look.pal.focus != look.pal.accent
