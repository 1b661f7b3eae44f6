"""The picker's campaign cards: a card per shipped campaign with this trainee's
progress from the score log ("Episode 3 of 5, trust 62"), and opening one (a run
recorded in the log goes on where it stopped)."""

from __future__ import annotations

from game.core.errors import ScenarioError, SessionError, UserError
from game.core.i18n import Translator
from game.ui.screens.campaign_flow import TONES, CampaignFlow, campaigns_of, run_summaries
from game.ui.widgets.card import Card


def _campaigns(app) -> list:
    content = app.content
    found = getattr(content, "campaign_list", None)
    if found is None:  # read once per library, like the scenarios
        found = campaigns_of(content.folder)
        content.campaign_list = found
    return found


def campaign_cards(app) -> list[Card]:
    t, lang = app.t, app.settings.lang
    campaigns = _campaigns(app)
    summaries = run_summaries(app, campaigns) if campaigns else {}
    cards = []
    for c in campaigns:
        lines = [t("picker.campaign_about", client=c.client, count=len(c.episodes)),
                 c.summary.get(lang)]
        s = summaries.get(c.id)
        footer, tone = t("picker.campaign_new"), "muted"
        if s is not None and s.finished:
            ending = c.endings[s.ending].title.get(lang) if s.ending in c.endings else s.ending
            footer = t("picker.campaign_finished", ending=ending)
            tone = TONES.get(s.outcome, "muted")
        elif s is not None:
            footer = t("picker.campaign_progress", number=s.episode, total=s.total,
                       trust=f"{s.trust:.0f}")
            tone = "accent"
        cards.append(Card(c.title.get(lang), lines, f"campaign:{c.id}", footer, tone))
    return cards


def open_campaign(app, campaign_id: str, seed: int | None = None) -> None:
    campaign = next((c for c in _campaigns(app) if c.id == campaign_id), None)
    if campaign is None:
        return
    try:
        flow = CampaignFlow.open(app, campaign, seed)
    except (SessionError, ScenarioError, UserError) as err:  # say so, stay on the picker
        app.toast(Translator("ui", app.settings.lang)("picker.campaign_broken", error=err))
        return
    flow.show_next()
