"""The debrief's buttons stay on screen, resizing re-wraps the conversation, and the
settings screen changes what is drawn at once (every box of every screen at every
size is checked by test_layout_model)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.encounter import EncounterScreen
from game.ui.screens.settings_screen import SettingsScreen
from game.ui.scripted import play_through


def no_overlap(rects):
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.colliderect(b), f"{a} overlaps {b}"


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
def test_debrief_buttons_stay_visible(make_app, size):
    app = make_app(size=size, text_scale=200, record=False)
    screen = EncounterScreen(app, app.content.by_id("phone_complaint"), seed=1)
    app.switch(screen)
    play_through(screen, [1] * 20)
    while screen.phase != "ended":
        screen.proceed()
    screen.proceed()
    assert isinstance(app.screen, DebriefScreen)
    app.draw()
    window = app.window.get_rect()
    for b in app.screen.buttons:
        assert window.contains(b.rect)
    no_overlap([b.rect for b in app.screen.buttons] + [app.screen.timeline.rect])


def test_resizing_rewraps_the_conversation(make_app, drive):
    app = make_app(size=(1920, 1080), record=False)
    screen = EncounterScreen(app, app.content.by_id("phone_complaint"), seed=1)
    app.switch(screen)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=600, size=(1024, 600)))
    drive(app).frame()
    assert app.window.get_size() == (1024, 600)
    pane = screen.transcript.pane
    assert pane.rect.right <= 1024
    assert pane.entries and all(img.get_width() + indent <= pane.rect.width
                                for img, indent in pane.entries)


def test_settings_screen_changes_theme_text_size_and_font(make_app, drive):
    app = make_app(record=False)
    start = app.screen
    app.switch(SettingsScreen(app, back=start))
    d = drive(app)
    body = app.look.book.body_px
    row = next(b for b in app.screen.rows if b.action == "text_scale")
    d.click_button(row)
    assert app.settings.text_scale == 125 and app.look.book.body_px > body
    d.click_button(next(b for b in app.screen.rows if b.action == "high_contrast"))
    assert app.look.pal.name == "high_contrast"
    assert app.window.get_at((2, 2))[:3] == app.look.pal.bg
    d.click_button(next(b for b in app.screen.rows if b.action == "dyslexic_font"))
    assert app.look.book.font().path.endswith("OpenDyslexic-Regular.otf")
    d.click_button(next(b for b in app.screen.rows if b.action == "time_limits"))
    assert app.settings.time_limits == "extended"
    d.key(pygame.K_ESCAPE)
    assert app.screen is start


def test_reduced_motion_moves_meters_at_once(make_app):
    app = make_app(reduced_motion=True, record=False)
    screen = EncounterScreen(app, app.content.by_id("phone_complaint"), seed=1)
    app.switch(screen)
    meter = screen.sidebar.meters["trust"]
    meter.set(90, reduced_motion=True)
    assert meter.shown == 90 and not meter.animating
    slow = screen.sidebar.meters["mood"]
    slow.set(95, reduced_motion=False)
    slow.update(1 / 60)
    assert slow.shown < 95 and slow.animating


def test_f11_toggles_full_screen_and_back_to_the_same_window(make_app, drive):
    app = make_app(size=(1600, 900), record=False)
    d = drive(app)
    d.key(pygame.K_F11)
    assert app.settings.fullscreen
    assert pygame.display.get_surface().get_flags() & pygame.FULLSCREEN
    d.key(pygame.K_F11)
    assert not app.settings.fullscreen and app.window.get_size() == (1600, 900)
