"""`play CAMPAIGN --text`: a whole client relationship, episode after episode, in a
terminal, resumed from the score log.

Each episode is played by the same loop as `play SCENARIO --text` (``play_session``)
on the ``Session`` the core's ``CampaignSession`` starts from the carried state.
Every event is written as it happens: the run's own events under the run id, each
episode's under its session id. Running the command again finds the unfinished run
of this trainee and campaign in the log and replays it, so a run cut short (end of
input, Ctrl-C, even kill -9) goes on where it stopped.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import uuid
from typing import IO

from game.core.campaign import CampaignSession, CampaignStatus, is_campaign, load_campaign
from game.core.campaign import load_episodes as _load_episodes
from game.core.i18n import Translator
from game.core.runtime import Status
from game.terminal.campaign_log import CampaignLog, NullCampaignLog
from game.terminal.campaign_view import (
    debrief_lines,
    episode_line,
    progress_line,
    promise_lines,
    recap_lines,
)
from game.terminal.inputs import LineReader
from game.terminal.play import _signals_end_the_session, play_session
from game.terminal.screen import make_screen
from game.terminal.tools import Context

__all__ = ["is_campaign", "play_campaign_text"]


def play_campaign_text(args: argparse.Namespace, stdin: IO[str] | None = None,
                       stdout: IO[str] | None = None) -> int:
    from game.core.loader import load_catalogue, load_shared_rules

    out = stdout or sys.stdout
    t = Translator("terminal", args.lang)
    tc = Translator("campaign", args.lang)
    campaign = load_campaign(args.scenario)
    catalogue = load_catalogue()
    rules = load_shared_rules(None, catalogue)
    episodes = _load_episodes(campaign, catalogue)
    reader = LineReader(stdin)
    screen = make_screen(out, t, echo=not reader.is_tty)
    log = NullCampaignLog() if getattr(args, "no_log", False) else CampaignLog.open(args.db)
    try:
        run = _resume_or_start(log, campaign, episodes, catalogue, rules, args)
        screen.line(tc("campaign.title", title=campaign.title.get(tc.lang),
                       client=campaign.client))
        if len(run.events) > 1:
            screen.notice(tc("campaign.resumed", done=len(run.records),
                             total=len(campaign.episodes)))
        log.sync_run(run)
        with _signals_end_the_session():
            _play(run, episodes, catalogue, rules, screen, reader, t, tc, log)
    finally:
        with contextlib.suppress(BrokenPipeError):
            log.close(screen, t)
    return 0


def _resume_or_start(log, campaign, episodes, catalogue, rules, args) -> CampaignSession:
    found = log.open_run(args.trainee, campaign.id)
    if found is not None:
        events, episode_events = found
        return CampaignSession.replay(campaign, episodes, catalogue, rules, events,
                                      episode_events)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    return CampaignSession(campaign, episodes, catalogue, rules, seed=seed, mode=args.mode,
                           timing=args.timing, trainee=args.trainee, lang=args.lang,
                           run=uuid.uuid4().hex, form=getattr(args, "form", None) or "n")


def _play(run: CampaignSession, episodes, catalogue, rules, screen, reader, t, tc,
          log) -> None:
    lang = tc.lang
    while run.status != CampaignStatus.ENDED:
        if run.status == CampaignStatus.READY:
            screen.line()
            screen.line(progress_line(tc, run.progress()))
            for line in recap_lines(tc, run.recap()):
                screen.line(line)
            run.start_episode()
            log.sync_run(run)
        session = run.session
        assert session is not None
        recorder = log.episode(run.session_id)
        if session.status == Status.AWAITING_CHOICE:
            play_session(session, Context(session.scenario, catalogue, rules), screen, reader,
                         t, recorder)
        recorder.sync(session)
        if session.status != Status.ENDED:  # input ran out: the episode is played again later
            run.abandon_episode()
            log.sync_run(run)
            screen.notice(tc("campaign.paused"))
            return
        before = len(run.events)
        record = run.finish_episode()
        log.sync_run(run)
        screen.line(episode_line(tc, record))
        for line in promise_lines(tc, run.campaign, record, episodes):
            screen.line(line)
        for event in run.events[before:]:
            if type(event).__name__ == "EpisodeSkipped":
                screen.line(tc("campaign.skipped", number=event.index + 1,
                               title=episodes[event.scenario].title.get(lang)))
    titles = {sid: s.title.get(lang) for sid, s in episodes.items()}
    screen.line()
    for line in debrief_lines(tc, run.result(), titles):
        screen.line(line)
