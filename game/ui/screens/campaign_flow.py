"""A campaign in the game window: one client relationship, episode after episode,
resumed from the score log, mirroring `play CAMPAIGN --text` (game/terminal/campaign.py).

The core's ``CampaignSession`` decides everything (which episode comes, skips and
replacements, the carried state, the ending); this module only moves between the
screens and writes the run's events to the log. Episode events go under the
episode's own session id (``run.session_id``), the run's under the run id, both
through the app's ``Records`` so they share its one writer thread and its order.
Opening a campaign again finds this trainee's unfinished run in the log and goes on
through ``CampaignSession.replay``, never by replaying an episode on its own.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core.campaign import (
    Campaign,
    CampaignSession,
    CampaignStatus,
    load_campaign,
    load_episodes,
)
from game.core.errors import ScenarioError, UserError

#: Campaign outcome -> palette role (the same colours as an encounter's endings).
TONES = {"success": "good", "mixed": "warn", "failure": "bad"}


def campaigns_of(folder: Path) -> list[Campaign]:
    """The campaigns shipped beside the scenarios (``scenarios/campaigns/*.yaml``);
    one that does not load is left to lint to report."""
    out = []
    for path in sorted((folder / "campaigns").glob("*.yaml")):
        with contextlib.suppress(ScenarioError, UserError):
            out.append(load_campaign(path))
    return out


def new_seed() -> int:
    """A new run's seed (the episodes' seeds follow from it)."""
    return random.SystemRandom().randrange(2**31)


def _open_log(app) -> Any:
    if not app.records.enabled:
        return None
    app.records.flush()  # what this window wrote is in the log before it is read
    try:
        from game.scorelog.store import ScoreLog

        return ScoreLog.open()
    except Exception:  # no log module or an unreadable log: nothing to resume
        return None


def newest_run(log: Any, trainee: str, campaign_id: str) -> tuple[str, list[dict]] | None:
    """(run id, its events) of this trainee's newest run of the campaign, or None."""
    import json

    rows = log.conn.execute("SELECT session_id, data FROM events WHERE type = "
                            "'CampaignStarted' ORDER BY seq DESC").fetchall()
    for run_id, data in rows:
        start = json.loads(data)
        if start.get("trainee") == trainee and start.get("campaign") == campaign_id:
            return run_id, log.session_events(run_id)
    return None


@dataclass(frozen=True)
class RunSummary:
    """What the picker says about a campaign for this trainee."""

    finished: bool
    episode: int  # 1-based, the next (or current) episode
    total: int
    trust: float
    ending: str = ""  # id of the campaign ending, when finished
    outcome: str = ""


def summary_of(events: list[dict], total: int) -> RunSummary:
    """Progress read straight from a run's events (no replay: the picker lists them all)."""
    carried = events[0].get("start", {})
    done = -1
    end = None
    for e in events:
        kind = e.get("type")
        if kind in ("EpisodeEnded", "EpisodeSkipped"):
            done = max(done, int(e["index"]))
            if kind == "EpisodeEnded":
                carried = e.get("carried", carried)
        elif kind == "CampaignEnded":
            end = e
    trust = float(carried.get("meters", {}).get("trust", 0.0))
    number = min(done + 2, total)
    if end is not None:
        return RunSummary(True, number, total, trust, end["ending"], end["outcome"])
    return RunSummary(False, number, total, trust)


def run_summaries(app, campaigns: list[Campaign]) -> dict[str, RunSummary]:
    log = _open_log(app)
    if log is None or not app.settings.trainee:
        return {}
    out = {}
    try:
        for c in campaigns:
            hit = newest_run(log, app.settings.trainee, c.id)
            if hit is not None:
                out[c.id] = summary_of(hit[1], len(c.episodes))
    except Exception:  # a locked or damaged log only hides the progress
        return {}
    finally:
        log.close()
    return out


class CampaignFlow:
    """One campaign run being played in the window."""

    def __init__(self, app, campaign: Campaign, episodes: dict, run: CampaignSession,
                 written: int, resumed: bool) -> None:
        self.app, self.campaign, self.episodes, self.run = app, campaign, episodes, run
        self.written = written  # run events already in the log
        self.resumed = resumed
        self.last = None  # the EpisodeRecord of the episode just finished
        self.skipped: list[Any] = []  # EpisodeSkipped events after it
        self.last_play: Any = None  # its Play, for the episode's own debrief

    @classmethod
    def open(cls, app, campaign: Campaign, seed: int | None = None) -> CampaignFlow:
        """The trainee's unfinished run from the log, else a new one (``seed``: its seed)."""
        content = app.content
        episodes = load_episodes(campaign, content.catalogue)
        log = _open_log(app)
        if log is not None:
            try:
                try:
                    found = newest_run(log, app.settings.trainee, campaign.id)
                except UserError:  # the server went away while reading: nothing known
                    found = None
                if found is not None and not any(e.get("type") == "CampaignEnded"
                                                 for e in found[1]):
                    events = found[1]
                    runs = {e["session"]: log.runtime_events(e["session"])
                            for e in events if e.get("type") == "EpisodeStarted"}
                    run = CampaignSession.replay(campaign, episodes, content.catalogue,
                                                 content.rules, events, runs)
                    return cls(app, campaign, episodes, run, len(events), True)
            finally:
                log.close()
        s = app.settings
        timing = {"off": "off", "extended": "extended"}.get(s.time_limits, "normal")
        if timing == "normal" and s.text_scale > 100:
            timing = "extended"  # enlarged text reads slower (as in game.ui.play)
        run = CampaignSession(campaign, episodes, content.catalogue, content.rules,
                              seed=new_seed() if seed is None else seed,
                              mode=s.mode,
                              timing=timing, trainee=s.trainee, lang=s.lang,
                              run=uuid.uuid4().hex, form=s.form)
        flow = cls(app, campaign, episodes, run, 0, False)
        flow.sync()
        return flow

    def sync(self) -> None:
        """The run's new events to the log."""
        events = list(self.run.events)
        key = self.run.run if self.app.records.enabled else None
        self.app.records.record(key, events[self.written:])
        self.written = len(events)

    def title(self, scenario_id: str) -> str:
        sc = self.episodes.get(scenario_id)
        return sc.title.get(self.app.settings.lang) if sc is not None else scenario_id

    # -- where the run goes next ------------------------------------------------------

    def show_next(self) -> None:
        """The recap before the next episode, the open episode, or the campaign debrief."""
        from game.ui.screens.campaign_debrief import CampaignDebriefScreen
        from game.ui.screens.campaign_screens import RecapScreen

        status = self.run.status
        if status == CampaignStatus.ENDED:
            self.app.switch(CampaignDebriefScreen(self.app, self))
        elif status == CampaignStatus.READY:
            self.app.switch(RecapScreen(self.app, self))
        else:
            session = self.run.session
            self._encounter(session, logged=len(session.events))

    def start_episode(self) -> None:
        session = self.run.start_episode()
        self.sync()
        self._encounter(session, logged=0)

    def _encounter(self, session: Any, logged: int) -> None:
        from game.ui.play import Play
        from game.ui.screens.campaign_screens import CampaignEncounterScreen

        app = self.app
        play = Play(session.scenario, app.content, app.settings, app.records,
                    session=session, key=self.run.session_id, logged=logged)
        app.switch(CampaignEncounterScreen(app, self, play))

    def episode_ended(self, play: Any = None) -> None:
        """The episode reached its ending: carry it on, show what it changed
        (``play``: the window's Play of it, for the episode's own debrief)."""
        from game.ui.screens.campaign_screens import EpisodeDoneScreen

        self.last_play = play
        before = len(self.run.events)
        self.last = self.run.finish_episode()
        self.skipped = [e for e in self.run.events[before:]
                        if type(e).__name__ == "EpisodeSkipped"]
        self.sync()
        self.app.switch(EpisodeDoneScreen(self.app, self))

    def leave_episode(self) -> None:
        """Left mid-episode: it is played again afresh when the campaign resumes."""
        if self.run.status == CampaignStatus.PLAYING:
            self.run.abandon_episode()
            self.sync()
