"""The report's campaign view, from a run the real runtime played and the real store
recorded: trust by episode, where it was lost, the promise broken, the ending.

By hand (no shared rules; see test_campaign_runtime.py): offer_report takes trust
50 -> 60 and makes the promise; 5 is lost between the episodes (55); forgot costs 20:
35 at the end, a drop of 25 since the first episode's 60, in tiny_due; the promise
broken there; trust 35 < 40: the campaign ends `lost`."""

from __future__ import annotations

from pathlib import Path

from game.core.campaign import CampaignSession, load_campaign, load_episodes
from game.core.loader import load_catalogue
from game.reports import Filters, build_report
from game.reports.names import Names
from game.scorelog import ScoreLog

FIXTURE = Path(__file__).parent / "fixtures" / "campaigns" / "tiny.yaml"


def test_the_campaign_view_shows_trust_by_episode_the_drop_and_the_broken_promise(tmp_path):
    campaign = load_campaign(FIXTURE)
    catalogue = load_catalogue()
    run = CampaignSession(campaign, load_episodes(campaign, catalogue), catalogue, (),
                          seed=3, run="run9", trainee="north/anna")
    with ScoreLog.open(tmp_path / "log.db") as log:
        for answers in (["offer_report"], ["greet", "forgot"]):
            session = run.start_episode()
            for choice_id in answers:
                ids = [c.id for c in session.view().choices]
                session.choose(ids.index(choice_id), 3.0)
            for event in session.events:
                log.append(run.session_id, event)
            run.finish_episode()
        for event in run.events:
            log.append(run.run, event)
        report = build_report(log.conn, "campaigns", Filters(), Names("en"))
        (section,) = report.sections
        assert section.rows == (("north/anna", "tiny", "lost (failure)", 2, "50 → 60 → 35",
                                 "tiny_due (-25)", "tiny_due: weekly_report", "run9"),)
        other = build_report(log.conn, "campaigns", Filters(trainee="south/bo"), Names("en"))
        assert other.sections[0].rows == ()


def test_xapi_groups_the_episodes_under_the_campaign_activity(tmp_path):
    from game.reports.xapi import log_statements

    campaign = load_campaign(FIXTURE)
    catalogue = load_catalogue()
    run = CampaignSession(campaign, load_episodes(campaign, catalogue), catalogue, (),
                          seed=3, run="run7", trainee="north/anna")
    with ScoreLog.open(tmp_path / "log.db") as log:
        for event in run.events:
            log.append(run.run, event)
        session = run.start_episode()
        session.choose([c.id for c in session.view().choices].index("offer_report"), 3.0)
        for event in session.events:
            log.append(run.session_id, event)
        statements = [s for _, s in log_statements(log.conn)]
    campaign_id = "https://client-relations-trainer.example/xapi/campaigns/tiny"
    by_verb = {s["verb"]["display"]["en-US"]: s["context"]["contextActivities"]
               for s in statements}
    assert by_verb["initialized"]["parent"] == [{"id": campaign_id, "objectType": "Activity"}]
    assert by_verb["completed"]["parent"][0]["id"] == campaign_id
    # a decision's parent stays its scenario; the campaign groups it
    assert by_verb["answered"]["parent"][0]["id"].endswith("/xapi/scenarios/tiny_first")
    assert by_verb["answered"]["grouping"][0]["id"] == campaign_id
