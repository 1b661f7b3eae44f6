"""What the window says is true: who speaks each line, no feedback in assessment, an
anonymous account has no face, the ending and the scores read as what they are."""

from __future__ import annotations

import os

import pygame

from game.core.i18n import Translator
from game.ui.screens.encounter import EncounterScreen
from game.ui.speech import present
from game.ui.widgets.sidebar import Sidebar

T = Translator("ui", "en")


def test_each_line_is_headed_by_its_real_speaker():
    # the internal IT colleague's email is not from the client (issue 13's first example)
    said = present("colleague", "(Dario, IT) Oh, the CSV export? It's been broken.", "email",
                   "Katarzyna Nowak", "Nordbud S.A.", T)
    assert (said.who, said.header, said.text) == (
        "Colleague: Dario, IT", "From: Dario, IT (internal)",
        "Oh, the CSV export? It's been broken.")
    # narration in a social scene is not a post by anyone
    said = present("narrator", "The certifier offers an unannounced audit.", "social",
                   "Irena Kaczmarek", "Piekarnia pod Lipą", T)
    assert said.narration and said.who == "" and said.header == ""
    # a post is by the handle that wrote it, not the scenario's persona
    said = present("feed", "@LeQuerceAgriturismo: «Bookings up 30%!» [photos]", "social",
                   "Elena Rinaldi", "Agriturismo Le Querce", T)
    assert (said.header, said.text, said.attachments) == (
        "Post by @LeQuerceAgriturismo", "«Bookings up 30%!»", ("photos",))
    # a comment by another client is the feed's, not headed with Elena's name
    said = present("feed", "Under her post, Pietro Gallo (another client) writes: «Nice.»",
                   "social", "Elena Rinaldi", "Agriturismo Le Querce", T)
    assert said.who == "Social feed" and "Elena" not in said.header
    # a stage direction is a caption, never inside the bubble
    said = present("manager", "(Red-faced) «Three weeks?!»", "in_person", "Francesca Galli",
                   "Galli Cosmetici S.p.A.", T)
    assert (said.who, said.direction, said.text) == ("Your manager", "Red-faced",
                                                     "«Three weeks?!»")
    said = present("client", "(Mail) «Dziękuję za rozmowę.»", "email", "Katarzyna Nowak",
                   "Nordbud S.A.", Translator("ui", "pl"))
    assert said.text == "«Dziękuję za rozmowę.»" and said.direction == "Mail"
    # five stars are a rating drawn filled, not emoji outlines left in the text
    said = present("feed", "@x: «Grazie ragazzi! ⭐⭐⭐⭐⭐»", "social", "E", "A", T)
    assert said.stars == 5 and "⭐" not in said.text and said.text.endswith("ragazzi!»")


def test_assessment_mode_changes_nothing_on_screen_until_the_debrief(make_app, drive):
    app = make_app(mode="assessment", record=False)
    d = drive(app)
    screen = EncounterScreen(app, app.content.by_id("phone_complaint"), seed=3)
    app.switch(screen)
    mood = screen.sidebar.portrait.mood
    assert screen.sidebar.meters == {}, "no meters in assessment"
    assert "no feedback or meters until the debrief" in screen.sidebar.note
    d.key(pygame.K_2)
    d.frame(1.0)
    assert len(screen.steps) == 1 and screen.feedback is None and screen.phase == "choose"
    assert screen.sidebar.portrait.mood == mood, "the face does not react either"


def test_an_anonymous_account_has_no_face_and_no_trust_meter():
    troll = Sidebar("@prawda_o_mlynach", ["Anonymous account"], {"trust": 50, "mood": 20},
                    str.title)
    person = Sidebar("Irena Kaczmarek", ["Bakery owner"], {"trust": 50, "mood": 20},
                     str.title)
    assert troll.portrait is None and "trust" not in troll.meters
    assert person.portrait is not None and list(person.meters) == [
        "trust", "commitment", "mood", "reputation"]


def test_the_ending_is_a_banner_in_its_outcome_colour(make_app):
    app = make_app(mode="assessment", record=False)
    screen = EncounterScreen(app, app.content.by_id("phone_complaint"), seed=3)
    app.switch(screen)
    while not screen.play.ended:
        screen.answer(0)
    outcome = str(screen.play.result().ending.outcome)
    banner = next(line for line in screen.transcript.lines if line.kind == "banner")
    assert banner.tone == {"success": "good", "mixed": "warn", "failure": "bad"}[outcome]
    assert banner.text.startswith("The encounter is over: ")


def test_the_window_has_the_trainers_own_icon(make_app, monkeypatch):
    shown = []
    monkeypatch.setattr(pygame.display, "set_icon", shown.append)
    make_app(record=False)
    assert len(shown) == 1 and shown[0].get_size() == (64, 64)
    # two speech bubbles, blue and green, on the app's dark tile: not SDL's default
    assert shown[0].get_at((20, 18))[:3] == (122, 184, 255)
    assert shown[0].get_at((40, 48))[:3] == (110, 214, 140)


def test_the_window_fits_a_small_screen_with_its_title_bar(monkeypatch):
    from game.ui import app as app_module

    monkeypatch.setenv("SDL_VIDEO_WINDOW_POS", "")  # restored (unset) after the test
    monkeypatch.delenv("SDL_VIDEO_WINDOW_POS")
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1024, 600)])
    assert app_module.fitted_size() == (1024, 552)
    assert os.environ["SDL_VIDEO_WINDOW_POS"] == "0,48"  # the title bar's 48 px stay visible
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1920, 1080)])
    assert app_module.fitted_size() == (1280, 720)
