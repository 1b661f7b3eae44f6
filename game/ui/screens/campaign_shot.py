"""`screenshot CAMPAIGN --screen picker|recap|debrief`: a campaign's screens rendered
by the product, without a window (docs/screenshots/).

The campaign is played in the core with ``--choices`` per episode, episodes separated
by "/" (numbers in authored order, as for a scenario; an episode given none takes
each node's first authored answer). ``recap`` stops before episode ``--episode``;
``picker`` shows the picker with the run so far in a private score log, so its card
shows the progress; ``debrief`` plays to the campaign's end.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from game.core.errors import UsageError


def parse_episodes(text: str) -> list[list[int]]:
    from game.ui.scripted import parse_choices

    return [parse_choices(part) for part in text.split("/")] if text.strip() else []


def campaign_screen(app, campaign_arg: str, which: str, per_episode: list[list[int]],
                    episode: int, seed: int = 7) -> None:
    """Put ``app`` on the wanted campaign screen."""
    from game.core.campaign import load_campaign
    from game.ui.screens.campaign_flow import CampaignFlow
    from game.ui.screens.picker import PickerScreen

    campaign = load_campaign(campaign_arg)
    if not 1 <= episode <= len(campaign.episodes):
        raise UsageError(f"--episode runs from 1 to {len(campaign.episodes)}, got {episode}")
    flow = CampaignFlow.open(app, campaign, seed)
    stop = episode if which in ("recap", "picker") else len(campaign.episodes) + 1
    while flow.run.status == "ready" and flow.run.progress().episode < stop:
        numbers = per_episode[len(flow.run.records)] if len(flow.run.records) < \
            len(per_episode) else []
        session = flow.run.start_episode()
        flow.sync()
        nodes = session.scenario.nodes
        while session.status == "awaiting_choice":
            view = session.view()
            n = numbers.pop(0) if numbers else 1
            authored = nodes[view.node].choices
            want = authored[min(n, len(authored)) - 1].id
            session.choose(next(c.index for c in view.choices if c.id == want))
        app.records.record(flow.run.session_id, list(session.events))
        flow.episode_ended()
    if which == "picker":  # focused on the campaign's card, scrolled into view
        picker = PickerScreen(app)
        app.switch(picker)
        card = next(c for c in picker.campaign_cards if c.action == f"campaign:{campaign.id}")
        picker.ring.index, picker.ring.keyboard_used = picker.ring.buttons.index(card), True
        if picker.column.reveal(card.rect):
            picker.relayout()
    else:
        flow.show_next()


def private_log() -> None:
    """A score log of its own, so the picker's card has a run to show and the user's
    log is never touched."""
    os.environ["CRT_DB"] = str(Path(tempfile.mkdtemp(prefix="crt-shot-")) / "scores.sqlite3")


def save_window(app, out: str) -> Path:
    """The window as a PNG through the one output-file helper (as render.screenshot)."""
    import pygame

    from game.core.errors import UserError
    from game.core.outfile import output_file

    path = Path(out)
    try:
        with output_file(path, binary=True) as stream:
            pygame.image.save(app.window, stream, path.name)
    except pygame.error as err:
        raise UserError(f"cannot write {path}: {err}") from None
    return path
