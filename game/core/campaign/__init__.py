"""Campaigns: one client relationship played over several episodes, with trust,
commitment, flags and promises carried from one encounter to the next.

The model (``model``), the headless runtime (``runtime``: a campaign session,
deterministic from its seed and rebuilt from its events) and the campaign debrief.
The file format is ``game.core.loader.campaign``; see docs/authoring.md, "Campaigns".
"""

from game.core.campaign.debrief import CampaignResult, EpisodeRecord, Move, PromiseLine
from game.core.campaign.events import (
    CAMPAIGN_EVENT_TYPES,
    CampaignEnded,
    CampaignStarted,
    EpisodeEnded,
    EpisodeSkipped,
    EpisodeStarted,
    campaign_event,
)
from game.core.campaign.model import (
    CARRIABLE,
    Campaign,
    CampaignEnding,
    CarriedPromise,
    Episode,
    Replacement,
)
from game.core.campaign.runtime import (
    CampaignSession,
    CampaignStatus,
    Progress,
    Recap,
    episode_seed,
)
from game.core.campaign.state import Carried, episode_scenario


# The file format lives in the loader, which imports this package's model: these
# import it on first use so either side can be imported first.
def load_campaign(arg: object) -> Campaign:
    """A campaign by id (``scenarios/campaigns/<id>.yaml``) or path (ScenarioError
    if it or an episode does not lint, UsageError if there is none)."""
    from game.core.loader.campaign import load_campaign as load

    return load(arg)  # type: ignore[arg-type]


def load_episodes(campaign: Campaign, catalogue: object = None) -> dict:
    """The campaign's episode scenarios by id."""
    from game.core.loader.campaign import load_campaign_episodes

    return load_campaign_episodes(campaign, catalogue)


def is_campaign(arg: object) -> bool:
    """Whether a command's SCENARIO argument names a campaign."""
    from game.core.loader.campaign import is_campaign as check

    return check(arg)  # type: ignore[arg-type]


__all__ = ["CAMPAIGN_EVENT_TYPES", "CARRIABLE", "Campaign", "CampaignEnded", "CampaignEnding",
           "CampaignResult", "CampaignSession", "CampaignStarted", "CampaignStatus", "Carried",
           "CarriedPromise", "Episode", "EpisodeEnded", "EpisodeRecord", "EpisodeSkipped",
           "EpisodeStarted", "Move", "Progress", "PromiseLine", "Recap", "Replacement",
           "campaign_event", "episode_scenario", "episode_seed", "is_campaign", "load_campaign",
           "load_episodes"]
