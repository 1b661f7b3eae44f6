"""A campaign addresses the trainee in the form they asked for, in every episode, and a
resumed run keeps it (Italian and Polish lines by form)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.campaign import CampaignSession, load_campaign, load_episodes
from game.core.loader import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "scenarios" / "campaigns"


@pytest.mark.parametrize("form", ["f", "m", "n"])
def test_every_episode_session_is_in_the_trainees_form(form):
    campaign = load_campaign(SHIPPED / "kowalczyk_inherited.yaml")
    catalogue = load_catalogue()
    episodes = load_episodes(campaign, catalogue)
    run = CampaignSession(campaign, episodes, catalogue, (), seed=3, run="r", lang="pl",
                          trainee="north/anna", form=form)
    session = run.start_episode()
    assert session.form == form
    assert run.events[0].form == form
    resumed = CampaignSession.replay(campaign, episodes, catalogue, (),
                                     [e.to_dict() for e in run.events], {})
    assert resumed.form == form
