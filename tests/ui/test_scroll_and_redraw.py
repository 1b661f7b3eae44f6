"""Scrolling follows the pointer and resets with the layout; settings stay under the
pointer; an idle window draws nothing."""

from __future__ import annotations

import pygame

from game.ui.screens.encounter import EncounterScreen
from game.ui.screens.settings_screen import SettingsScreen


def wheel(d, pos, y=-1):
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
    d.frame()


def finished_debrief(app):
    screen = EncounterScreen(app, app.content.by_id("over_familiar_client"), seed=1)
    app.switch(screen)
    while not screen.play.ended:
        screen.answer(0)
        if screen.phase == "feedback":
            screen.proceed()
    while screen.phase != "ended":
        screen.proceed()
    screen.proceed()
    return app.screen


def test_the_wheel_scrolls_the_pane_under_the_pointer(make_app, drive):
    app = make_app(size=(1280, 720), record=False)
    d = drive(app)
    debrief = finished_debrief(app)
    assert not debrief.stacked and debrief.timeline.max_offset > 0
    wheel(d, debrief.timeline.rect.center)
    assert debrief.timeline.offset > 0 and debrief.traits_pane.offset == 0
    if debrief.traits_pane.max_offset:
        wheel(d, debrief.traits_pane.rect.center)
        assert debrief.traits_pane.offset > 0
    before = (debrief.timeline.offset, debrief.traits_pane.offset)
    wheel(d, (5, 5))  # over neither pane: nothing moves
    assert (debrief.timeline.offset, debrief.traits_pane.offset) == before


def test_back_to_normal_text_every_answer_is_in_view_again(make_app, drive):
    app = make_app(size=(1280, 720), text_scale=200, record=False)
    d = drive(app)
    screen = EncounterScreen(app, app.content.by_id("phone_complaint"), seed=1)
    app.switch(screen)
    assert screen.stacked
    wheel(d, screen.column_view.center, y=-5)  # scroll the column down, as a reader does
    assert screen.scroll > 0
    for _ in range(5):  # 200 -> 100 % (the setting wraps round)
        app.apply_settings(app.settings.cycled("text_scale"))
        if app.settings.text_scale == 100:
            break
    assert not screen.stacked and screen.scroll == 0
    window = app.window.get_rect()
    assert all(window.contains(b.rect) for b in screen.choices.buttons)


def test_quick_clicks_on_text_size_keep_hitting_it(make_app, drive):
    """Each click grows the text and re-lays the page out; the row stays under the
    pointer, so four clicks at the same spot make four changes (issue: 1 of 4)."""
    app = make_app(size=(1280, 720), record=False)
    d = drive(app)
    app.switch(SettingsScreen(app, back=app.screen))
    row = next(r for r in app.screen.rows if r.action == "text_scale")
    spot = row.rect.center
    for expected in (125, 150, 175, 200):
        d.click(spot)
        assert app.settings.text_scale == expected
        row = next(r for r in app.screen.rows if r.action == "text_scale")
        assert row.rect.collidepoint(spot)


def test_an_idle_window_draws_nothing(make_app, drive):
    app = make_app(record=False, time_limits="off")
    d = drive(app)
    d.frame()
    drawn = app.frames_drawn
    for _ in range(120):
        d.frame()
    assert app.frames_drawn == drawn, "the start screen did not change: no frame drawn"
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0,
                                         unicode="\t", scancode=0))
    d.frame()
    assert app.frames_drawn == drawn + 1  # input: drawn once
    screen = EncounterScreen(app, app.content.by_id("email_escalation"), seed=1)
    app.switch(screen)
    for _ in range(60):  # let the meters settle
        d.frame()
    drawn = app.frames_drawn
    for _ in range(120):  # two seconds, no timer, an email: nothing moves
        d.frame()
    assert app.frames_drawn == drawn
    phone = EncounterScreen(app, app.content.by_id("phone_complaint"), seed=1)
    app.switch(phone)
    for _ in range(60):
        d.frame()
    drawn = app.frames_drawn
    for _ in range(180):  # the call clock ticks once a second: 3 s, about 3 frames
        d.frame()
    assert app.frames_drawn - drawn in (2, 3, 4)
