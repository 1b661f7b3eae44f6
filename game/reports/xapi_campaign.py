"""xAPI statements of campaign episodes, grouped under the campaign activity.

An episode is an ordinary session whose id is ``<run>.<k>`` (``.<attempt>`` for an
episode played again), named by its run's ``EpisodeStarted``; the run's
``CampaignStarted`` names the campaign. Session-level statements (initialized,
completed, passed...) get the campaign as ``context.contextActivities.parent``;
decision statements, whose parent is the scenario, get it as ``grouping``. The
statement ids do not change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["campaign_lookup", "with_campaign"]


def campaign_lookup(conn: Any) -> Callable[[str], str | None]:
    """``find(session_id)`` -> the campaign id of an episode session (None otherwise),
    remembered per session. Only ids with a dot can be episodes: nothing is asked of
    the log for ordinary sessions."""
    found: dict[str, str | None] = {}

    def find(session_id: str) -> str | None:
        if "." not in session_id:
            return None
        if session_id not in found:
            run = session_id.split(".", 1)[0]
            row = conn.execute("SELECT data FROM events WHERE session_id = ? AND "
                               "type = 'CampaignStarted' LIMIT 1", (run,)).fetchone()
            campaign = json.loads(row[0]).get("campaign") if row else None
            found[session_id] = str(campaign) if campaign else None
        return found[session_id]
    return find


def with_campaign(statement: dict[str, Any], campaign: str | None, home: str
                  ) -> dict[str, Any]:
    if campaign is None:
        return statement
    activity = {"id": f"{home}/xapi/campaigns/{campaign}", "objectType": "Activity"}
    activities = statement.setdefault("context", {}).setdefault("contextActivities", {})
    key = "grouping" if "parent" in activities else "parent"
    activities.setdefault(key, []).append(activity)
    return statement
