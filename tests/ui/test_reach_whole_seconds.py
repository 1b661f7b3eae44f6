"""The social feed's reach grows by whole seconds of hesitation, and what the header
showed is what the answer commits, however the frame times add up in floating point."""

from __future__ import annotations

import pygame

from game.ui.screens.encounter import EncounterScreen


def test_thirty_frames_of_a_tenth_after_reading_are_three_ticks(make_app, drive):
    # Italian: the opening post and its answers take 29.8 s to read (1 s to take the
    # screen in + the words at 200 a minute), and the window rounds the answer time to
    # 0.01 s: 29.8 + thirty 0.1 s frames is 32.8, and 32.8 - 29.8 is 2.9999999999999964
    # in floating point, which int() would make two seconds.
    app = make_app(mode="assessment", lang="it")
    d = drive(app)
    app.switch(EncounterScreen(app, app.content.by_id("social_flare_up"), seed=3))
    encounter = app.screen
    reading = encounter.play.view().reading
    assert reading == 29.8
    d.frame(reading)
    assert encounter.header.reach == 600  # nothing spreads while the post is read
    for _ in range(30):
        d.frame(0.1)
    assert round(encounter.play.node_time, 2) - reading < 3  # the hostile sum
    # By hand: social_flare_up starts at reach 600 and spreads 40 a second while nobody
    # has answered: three seconds after the reading time, 600 + 3 x 40 = 720 on screen
    assert encounter.header.reach == 720
    d.key(pygame.K_1, wait=False)  # answer now: the same three seconds are committed
    state = encounter.play.state
    assert (state.ticks, state.reach, state.elapsed) == (3, 720, 3.0)
    assert encounter.play.session.steps[-1].ticks == 3
