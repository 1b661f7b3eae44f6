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

__all__ = ["CAMPAIGN_EVENT_TYPES", "CARRIABLE", "Campaign", "CampaignEnded", "CampaignEnding",
           "CampaignResult", "CampaignSession", "CampaignStarted", "CampaignStatus", "Carried",
           "CarriedPromise", "Episode", "EpisodeEnded", "EpisodeRecord", "EpisodeSkipped",
           "EpisodeStarted", "Move", "Progress", "PromiseLine", "Recap", "Replacement",
           "campaign_event", "episode_scenario", "episode_seed"]
