"""A campaign in the game window, at the keyboard: pick it in the picker, play episode 1,
see the "previously" recap of episode 2, quit, open the window again and resume at
episode 2 from the score log, play on to the campaign debrief. The log then holds one
campaign run whose episodes are ordinary sessions.

The answers are each episode's first case in its test plan
(scenarios/campaigns/nowicki_account/*.test.yaml: the best path), picked by id
whatever order the seed shows them in. Episode 1's meters, worked out by hand from
nowicki_onboarding.yaml (starts at trust 50, commitment 50): kickoff.three_commitments
+8/+5, forecast.offer_review +8/+5 (sets promised_review, which makes the campaign's
quarterly_review promise), samples.fifty_now +5/+5, portal.train_buyers +5/+5,
contacts.call_me +5/+0, wrap_up.one_page +5/+5 -> trust 86, commitment 75.
"""

from __future__ import annotations

import json

import pygame
import pytest

from game.scorelog.store import ScoreLog
from game.ui.screens.campaign_debrief import CampaignDebriefScreen, EpisodeDebriefScreen
from game.ui.screens.campaign_screens import (
    CampaignEncounterScreen,
    EpisodeDoneScreen,
    RecapScreen,
)
from game.ui.screens.picker import PickerScreen

BEST = {
    "nowicki_onboarding": ["three_commitments", "offer_review", "fifty_now", "train_buyers",
                           "call_me", "one_page"],
}


def best_paths() -> dict[str, list[str]]:
    """Each episode's first test case (its best path), read from the shipped plans."""
    import yaml

    from game.core.loader import SCENARIOS

    out = {}
    for path in sorted((SCENARIOS / "campaigns" / "nowicki_account").glob("*.test.yaml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[plan["scenario"]] = list(plan["cases"][0]["choices"])
    return out


@pytest.fixture(autouse=True)
def fixed_seed(monkeypatch):
    """The run's seed (and so every episode's) fixed, as `play CAMPAIGN --seed` does."""
    monkeypatch.setattr("game.ui.screens.campaign_flow.new_seed", lambda: 11)


def open_picker(make_app, d_cls):
    app = make_app(trainee="north/anna", time_limits="off")
    app.switch(PickerScreen(app))
    return app, d_cls(app)


def nowicki(picker):
    return next(c for c in picker.campaign_cards if c.action == "campaign:nowicki_account")


def pick_campaign(app, d) -> None:
    picker = app.screen
    assert isinstance(picker, PickerScreen)
    card = nowicki(picker)  # after the single encounters' cards
    for _ in range(len(picker.ring.buttons)):
        d.key(pygame.K_DOWN)
        if picker.ring.focused is card:
            break
    assert picker.ring.focused is card
    assert app.window.get_rect().contains(card.rect)  # scrolled into view
    d.key(pygame.K_RETURN)


def play_episode(app, d, answers: list[str]) -> None:
    """Answer by id with Down and Enter, through feedback, to the card after it."""
    screen = app.screen
    assert isinstance(screen, CampaignEncounterScreen)
    todo = list(answers)
    for _ in range(60):
        if not isinstance(app.screen, CampaignEncounterScreen):
            break
        if screen.phase == "choose":
            want = next(c.index for c in screen.play.view().choices if c.id == todo[0])
            todo.pop(0)
            buttons = screen.choices.ring.buttons
            for _ in range(len(buttons) + 1):
                if screen.choices.ring.focused is buttons[want]:
                    break
                d.key(pygame.K_DOWN)
            d.key(pygame.K_RETURN)
        else:
            d.key(pygame.K_RETURN)
    assert todo == []
    assert isinstance(app.screen, EpisodeDoneScreen)


def press(app, d, action: str) -> None:
    ring = app.screen.ring
    for _ in range(len(ring.buttons) + 1):
        if ring.focused is not None and ring.focused.action == action:
            break
        d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)


def test_pick_play_recap_quit_resume_finish(make_app, drive, tmp_path):
    paths = best_paths()
    assert paths["nowicki_onboarding"] == BEST["nowicki_onboarding"]
    app, d = open_picker(make_app, drive)
    assert nowicki(app.screen).footer == "Not started yet"
    pick_campaign(app, d)
    assert isinstance(app.screen, RecapScreen)
    assert "Episode 1 of 5: The kick-off meeting" in app.screen.strings
    press(app, d, "start")
    play_episode(app, d, paths["nowicki_onboarding"])
    done = app.screen.strings
    assert any("Trust 50 › 86, commitment 50 › 75" in s for s in done), done
    assert any(s.startswith("Promise made: At the kick-off you promised her a capacity "
                            "review") and "episode 4" in s for s in done), done
    press(app, d, "debrief")  # the episode's own debrief, as after a single encounter
    debrief = app.screen
    assert isinstance(debrief, EpisodeDebriefScreen)
    assert debrief.data.ending_title == done[1] == "A solid start"  # as the card said
    assert [b.label for b in debrief.buttons][:2] == ["Continue", "Pick another"]
    press(app, d, "replay")  # labelled Continue: on with the campaign, never a replay
    recap = app.screen
    assert isinstance(recap, RecapScreen)
    assert "Episode 2 of 5, trust 86, commitment 75" in recap.strings
    assert "Previously" in recap.strings
    assert "Six weeks have passed since the kick-off. Nobody at Nowicki has called." \
        in recap.strings
    assert any(s.startswith("Last time, in “The kick-off meeting”:") for s in recap.strings)
    d.key(pygame.K_ESCAPE)  # back to the picker: the run waits in the log
    assert isinstance(app.screen, PickerScreen)
    assert nowicki(app.screen).footer == \
        "Episode 2 of 5, trust 86 · Enter resumes"
    app.records.flush()

    app, d = open_picker(make_app, drive)  # another day, a new window
    assert nowicki(app.screen).footer == "Episode 2 of 5, trust 86 · Enter resumes"
    pick_campaign(app, d)
    recap = app.screen
    assert isinstance(recap, RecapScreen) and recap.flow.resumed
    assert "Episode 2 of 5, trust 86, commitment 75" in recap.strings
    assert recap.flow.run.records[0].after.meters["trust"] == 86
    titles = {"nowicki_onboarding"}
    while isinstance(app.screen, RecapScreen):
        sid = app.screen.flow.run.next_scenario().id
        titles.add(sid)
        press(app, d, "start")
        play_episode(app, d, paths[sid])
        press(app, d, "next")
    debrief = app.screen
    assert isinstance(debrief, CampaignDebriefScreen)
    result = debrief.flow.run.result()
    assert len(titles) == 5 and len(result.episodes) == 5
    assert result.outcome == "success" and "An advocate" in debrief.strings
    assert len(result.trust_line()) == 6 and result.trust_line()[:2] == (50, 86)
    assert any(s.startswith("kept: At the kick-off you promised") for s in debrief.strings)
    app.records.flush()

    with ScoreLog.open() as log:
        starts = log.conn.execute("SELECT session_id FROM events WHERE type = "
                                  "'CampaignStarted'").fetchall()
        assert len(starts) == 1  # resumed, not started again
        run = log.session_events(starts[0][0])
        kinds = [e["type"] for e in run]
        assert kinds.count("EpisodeStarted") == 5 and kinds[-1] == "CampaignEnded"
        first = json.loads(log.conn.execute(
            "SELECT data FROM events WHERE session_id = ? AND type = 'SessionStarted'",
            (run[1]["session"],)).fetchone()[0])
        assert first["scenario"] == "nowicki_onboarding"  # an episode is a session
        ended = [e for e in run if e["type"] == "EpisodeEnded"]
        assert ended[0]["carried"]["meters"]["trust"] == 86


def test_leaving_mid_episode_plays_it_again_afresh(make_app, drive):
    app, d = open_picker(make_app, drive)
    pick_campaign(app, d)
    press(app, d, "start")
    encounter = app.screen
    first = encounter.play.view().choices
    want = next(c.index for c in first if c.id == "three_commitments")
    d.key(pygame.K_DOWN)
    for _ in range(want):
        d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # one answer given
    encounter.leave()  # what the pause menu's "leave" does once confirmed
    assert isinstance(app.screen, PickerScreen)
    assert nowicki(app.screen).footer == "Episode 1 of 5, trust 50 · Enter resumes"
    app.records.flush()
    app, d = open_picker(make_app, drive)
    pick_campaign(app, d)
    assert isinstance(app.screen, RecapScreen)
    press(app, d, "start")
    again = app.screen
    assert isinstance(again, CampaignEncounterScreen)
    assert again.flow.run.session_id.endswith(".1.1")  # a second attempt, a new session
    assert again.play.session.state.meters["trust"] == 50  # nothing of the first kept
