"""The report's campaign view over several runs the real campaign runtime played and the
real store recorded: finished and in progress, their order, and each filter. With
test_query_mutants.py these kill the mutants mutmut left alive in views_campaigns.py.

By hand (the fixture campaign tests/campaign/fixtures/campaigns/tiny.yaml: trust 50 at
the start, -5 between the episodes; ending kept at trust >= 40, else lost):
    run9 north/anna, day 1:  offer_report +10 (60, promise made); -5 (55); forgot -20
                             (35, promise broken): lost; the biggest drop 60 -> 35 = -25
    runA south/bo,   day 5:  offer_report (60); -5 (55); send_report +10 (65, kept): kept;
                             trust never fell from one episode to the next
    runB north/cy,   day 10: wait_and_see -5 (45), then left for later: in progress, one
                             episode played; the drop 50 -> 45 = -5 in tiny_first
    runC west/di,    day 11: offer_report (60), in progress; trust never fell
    runZ north/anna, day 12: as runA: kept (listed after run9: by run, not by ending)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from game.core.campaign import CampaignSession, load_campaign, load_episodes
from game.core.loader import load_catalogue
from game.reports import Filters, build_report
from game.reports.names import Names
from game.scorelog import ScoreLog

FIXTURE = Path(__file__).resolve().parents[1] / "campaign" / "fixtures" / "campaigns" / "tiny.yaml"

RUN9 = ("north/anna", "tiny", "lost (failure)", 2, "50 → 60 → 35", "tiny_due (-25)",
        "tiny_due: weekly_report", "run9")
RUNA = ("south/bo", "tiny", "kept (mixed)", 2, "50 → 60 → 65", "", "", "runA")
RUNB = ("north/cy", "tiny", "in progress (1 episodes played)", 1, "50 → 45",
        "tiny_first (-5)", "", "runB")
RUNZ = ("north/anna", "tiny", "kept (mixed)", 2, "50 → 60 → 65", "", "", "runZ")
RUNC = ("west/di", "tiny", "in progress (1 episodes played)", 1, "50 → 60", "", "", "runC")


class Recorder:
    """Appends events a minute apart from 09:00 on ``day``, as the game writes them."""

    def __init__(self, log: ScoreLog, day: int) -> None:
        self.log, self.moment, self.done = log, datetime(2026, 11, day, 9, 0), 0

    def append(self, session_id: str, event: object) -> None:
        self.log.append(session_id, event,
                        self.moment.isoformat(timespec="microseconds") + "Z")
        self.moment += timedelta(minutes=1)

    def run_events(self, run: CampaignSession) -> None:
        for event in run.events[self.done:]:
            self.append(run.run, event)
        self.done = len(run.events)


@pytest.fixture(scope="module")
def runs_db(tmp_path_factory):
    campaign = load_campaign(FIXTURE)
    catalogue = load_catalogue()
    episodes = load_episodes(campaign, catalogue)
    db = tmp_path_factory.mktemp("campaigns") / "log.db"
    plays = (("runB", "north/cy", 10, (["wait_and_see"],)),  # recorded first, listed last
             ("runA", "south/bo", 5, (["offer_report"], ["greet", "send_report"])),
             ("run9", "north/anna", 1, (["offer_report"], ["greet", "forgot"])),
             ("runC", "west/di", 11, (["offer_report"],)),
             ("runZ", "north/anna", 12, (["offer_report"], ["greet", "send_report"])))
    with ScoreLog.open(db) as log:
        for run_id, trainee, day, episode_answers in plays:
            out = Recorder(log, day)
            run = CampaignSession(campaign, episodes, catalogue, (), seed=3, run=run_id,
                                  trainee=trainee)
            for answers in episode_answers:
                session = run.start_episode()
                out.run_events(run)  # CampaignStarted first, at 09:00, then EpisodeStarted
                for choice_id in answers:
                    ids = [c.id for c in session.view().choices]
                    session.choose(ids.index(choice_id), 3.0)
                for event in session.events:
                    out.append(run.session_id, event)
                run.finish_episode()
                out.run_events(run)
    return db


def rows(db, **filters):
    with ScoreLog.open(db) as log:
        (section,) = build_report(log.conn, "campaigns", Filters(**filters),
                                  Names("en")).sections
    return section


def test_every_run_by_trainee_with_its_ending_or_progress(runs_db):
    section = rows(runs_db)
    assert section.rows == (RUN9, RUNZ, RUNB, RUNA, RUNC)  # by trainee, campaign, run
    assert (section.title, section.key) == ("Campaign runs", "campaign_runs")
    assert section.columns == ("trainee", "campaign", "ending", "episodes",
                               "trust by episode", "trust lost most in", "promises broken",
                               "run")
    assert section.note.startswith("One row per run: trust at the start and after each")


def test_the_campaign_view_filters_by_trainee_team_and_time(runs_db):
    assert rows(runs_db, trainee="south/bo").rows == (RUNA,)
    assert rows(runs_db, team="north").rows == (RUN9, RUNZ, RUNB)
    assert rows(runs_db, team="nor").rows == ()  # a team is the whole part before '/'
    # a run is shown when it started in the window: run9 on day 1, runA on day 5
    assert rows(runs_db, since="2026-11-05T00:00:00Z").rows == (RUNZ, RUNB, RUNA, RUNC)
    assert rows(runs_db, until="2026-11-05T00:00:00Z").rows == (RUN9,)
    assert rows(runs_db, since="2026-11-02T00:00:00Z",
                until="2026-11-06T00:00:00Z").rows == (RUNA,)
    assert rows(runs_db, trainee="north/nobody").rows == ()
    # to the microsecond: runA started at 09:00 on day 5
    assert rows(runs_db, since="2026-11-05T09:00:00.000000Z").rows == (RUNZ, RUNB, RUNA,
                                                                      RUNC)
    assert rows(runs_db, until="2026-11-05T09:00:00.000000Z").rows == (RUN9,)
    assert rows(runs_db, since="2026-11-05T09:00:00.000001Z").rows == (RUNZ, RUNB, RUNC)
    # runB started at 09:00 on day 10, before this window: left out, runC still shown
    assert rows(runs_db, since="2026-11-10T09:01:00.000000Z").rows == (RUNZ, RUNC)
