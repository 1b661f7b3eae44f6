"""Every screen the game shows, in en/it/pl, at 100/150/200 % text and at 1024x600,
1280x720 and 1920x1080: no text box clipped, overlapping another or outside the window.

Each node of each shipped scenario is laid out as the trainee meets it (previous
answer and the node's line, every authored answer offered), then with each answer's
practice feedback, then each ending; plus start, picker, settings, the dialogs and
every scenario's debrief. Text is measured with the real fonts, not drawn.
"""

from __future__ import annotations

import pygame
import pytest

from game.ui import textcache
from game.ui.boxes import Boxes, problems
from game.ui.content import Content
from game.ui.screens.campaign_flow import campaigns_of
from ui.layout_walk import Tally, walk_campaign, walk_scenario, walk_screens

SCALES = (100, 150, 200)
SIZES = ((1024, 600), (1280, 720), (1920, 1080))


@pytest.fixture(scope="module")
def content():
    return Content.default()


def campaign_episodes(content) -> list:
    """The episode scenarios of every campaign shipped in scenarios/campaigns/."""
    folder = content.folder / "campaigns"
    if not folder.is_dir():
        return []
    from game.core.campaign import load_campaign, load_episodes
    from game.core.errors import ScenarioError

    episodes = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            episodes += list(load_episodes(load_campaign(path), content.catalogue).values())
        except ScenarioError as err:  # lint's and the content tests' to report, not ours
            print(f"\nlayout: campaign {path.name} does not load, not walked: {err}")
    return episodes


@pytest.mark.parametrize("lang", ["en", "it", "pl"])
def test_no_box_is_clipped_overlapping_or_outside(make_app, content, lang, capsys):
    tally = Tally()
    episodes = campaign_episodes(content)
    campaigns = campaigns_of(content.folder)
    for scale in SCALES:
        for size in SIZES:
            app = make_app(size=size, text_scale=scale, lang=lang, record=False,
                           content=content)
            where = f"{lang} {scale}% {size[0]}x{size[1]}"
            with textcache.measuring():
                for scenario in (*content.scenarios, *episodes):
                    walk_scenario(app, scenario, tally, where)
                walk_screens(app, tally, where, content.scenarios)
                for campaign in campaigns:
                    walk_campaign(app, campaign, tally, where)
    with capsys.disabled():
        print(f"\nlayout {lang} ({len(content.scenarios)} scenarios, {len(episodes)} "
              f"campaign episodes): {tally.states // 9} screen states x 3 text sizes x 3 "
              f"resolutions = {tally.states} layouts, {tally.boxes} boxes, "
              f"clipped {len(tally.found['clipped'])}, overlapping "
              f"{len(tally.found['overlapping'])}, outside {len(tally.found['outside'])}")
    assert len(content.scenarios) >= 13
    assert tally.states > 9 * 13 * 5  # every scenario's nodes, at every size
    assert {k: v[:5] for k, v in tally.found.items()} == \
        {"clipped": [], "overlapping": [], "outside": []}


def test_the_check_finds_what_a_reader_would_notice():
    """Hand-made layouts with one fault each: the model must name it."""
    window = (400, 300)
    model = Boxes()
    model.add("cut", pygame.Rect(10, 10, 100, 20), (100, 40))  # text 40 px tall in 20
    model.add("a", pygame.Rect(10, 50, 100, 20), (100, 20))
    model.add("b", pygame.Rect(60, 60, 100, 20), (100, 20))  # on top of "a"
    model.add("off", pygame.Rect(350, 100, 100, 20), (100, 20))  # past the right edge
    model.view("pane", pygame.Rect(10, 200, 200, 50), scrolls=True)
    model.add("tall", pygame.Rect(10, 200, 200, 80), (200, 80), "pane")  # never seen whole
    model.add("below", pygame.Rect(10, 290, 200, 40), (200, 40), "pane")  # scrolls: fine
    found = problems(model, window, cuts=1)
    assert [line.split(":")[0] for line in found["clipped"]] == \
        ["1 line(s) cut with an ellipsis", "cut",
         "tall Rect(10, 200, 200, 80) can never be seen whole in pane Rect(10, 200, 200, 50)"]
    assert len(found["overlapping"]) == 1 and found["overlapping"][0].startswith("a ")
    assert [line.split(" ")[0] for line in found["outside"]] == ["off"]


def test_enlarged_text_reflows_instead_of_squeezing(make_app, content):
    """At 200 % on 1024x600 the encounter stacks into one column that starts at the
    newest line; at 100 % on 1280x720 it is side by side with every answer in view."""
    from game.ui.screens.encounter import EncounterScreen

    small = make_app(size=(1024, 600), text_scale=200, record=False, content=content)
    screen = EncounterScreen(small, content.by_id("phone_complaint"), seed=1)
    small.switch(screen)
    assert screen.stacked and screen.max_scroll > 0
    newest = screen.transcript.pane.rect.y  # the only line so far, the client's opening
    assert screen.column_view.top - 40 <= newest <= screen.column_view.top + 40
    big = make_app(size=(1280, 720), record=False, content=content)
    screen = EncounterScreen(big, content.by_id("phone_complaint"), seed=1)
    big.switch(screen)
    assert not screen.stacked
    window = big.window.get_rect()
    assert all(window.contains(b.rect) for b in screen.choices.buttons)
    assert screen.choices.column.max_scroll == 0
