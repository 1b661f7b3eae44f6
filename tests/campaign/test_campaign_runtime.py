"""The campaign runtime on a two-episode fixture whose expected values are worked out
by hand (tests/campaign/fixtures/campaigns/tiny.yaml and tiny/).

No shared rules are used, so every number follows from the fixture alone:

- Episode 1 (tiny_first), one decision: offer_report shows proactivity +2 (merit +2),
  wait_and_see proactivity -1 (merit -1); span 3. offer_report: trust 50 + 10 = 60,
  sets offered_report, score 100, ending `close`. wait_and_see: trust 45, score 0,
  ending `wary`. The campaign carries trust, the flag, and makes the promise
  weekly_report when offered_report is set (its made_when).
- Between the episodes the trust falls by 5 (the episode's effects).
- Episode 2 (tiny_due) opens with the carried trust. hello: greet courtesy +1 (+1),
  curt bad_etiquette +1 (-1), span 2. With the promise open the conversation goes to
  report_due ("You said a report every Friday"): send_report keeping_promises +2
  (+2) and trust +10, forgot broken_promises +2 (-2) and trust -20, span 4. Without
  it, no_report ("Nothing new, then."): check_in +1 and trust +5, nothing -1, span 2.
  Endings: loyal when passing and trust >= 65, steady when passing, else cooling.
- The campaign score is 100 x the sum of earned over the sum at stake; endings:
  advocate (passing, trust >= 70, promise kept), kept (trust >= 40), lost.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from game.core.campaign import CampaignSession, CampaignStatus, load_campaign, load_episodes
from game.core.errors import SessionError
from game.core.loader import load_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "campaigns" / "tiny.yaml"


@pytest.fixture(scope="module")
def world():
    campaign = load_campaign(FIXTURE)
    catalogue = load_catalogue()
    return campaign, load_episodes(campaign, catalogue), catalogue


def new_run(world, seed=11, campaign=None):
    c, episodes, catalogue = world
    return CampaignSession(campaign or c, episodes, catalogue, (), seed=seed, run="run1",
                           trainee="north/anna")


LOGGED: dict[str, list] = {}  # session id -> its events, as the score log keeps them


def play(run, answers):
    """Play the next episode choosing by id; returns its record."""
    session = run.start_episode()
    LOGGED[run.session_id] = session.events
    texts = []
    for choice_id in answers:
        view = session.view()
        texts.append(view.text.en)
        ids = [c.id for c in view.choices]
        session.choose(ids.index(choice_id), 3.0)
    LOGGED[run.session_id] = session.events
    record = run.finish_episode()
    return record, texts


def test_a_promise_made_and_kept_carries_trust_text_choices_scores_and_ending(world):
    run = new_run(world)
    first, _ = play(run, ["offer_report"])
    assert (first.ending, first.score, first.after.meters["trust"]) == ("close", 100.0, 60)
    assert first.promises == (("weekly_report", "made"),)
    recap = run.recap()
    assert recap.trust == 55  # 60 carried, -5 between the episodes
    assert recap.promises_due[0].en == "You promised a report every Friday."
    assert run.progress().episode == 2 and run.progress().total == 2
    second, texts = play(run, ["greet", "send_report"])
    assert texts[1] == "You said a report every Friday. Where is it?"
    # earned 1-(-1)=2 of 2, then 2-(-2)=4 of 4: 100; trust 55 + 10 = 65: loyal
    assert (second.ending, second.score, second.before.meters["trust"],
            second.after.meters["trust"]) == ("loyal", 100.0, 55, 65)
    assert second.promises == (("weekly_report", "kept"),)
    result = run.result()
    # 3 + 6 earned of 3 + 6: 100, passing; trust 65 < 70, so not advocate but kept
    assert (result.ending.id, result.score, result.passed) == ("kept", 100.0, True)
    assert result.trust_line() == (50, 60, 65)
    line = result.promises[0]
    assert (line.made_in, line.due, line.status) == ("tiny_first", "tiny_due", "kept")
    moves = second.moves
    assert [(m.choice, m.trust) for m in moves] == [("send_report", 10)]


def test_without_the_promise_the_episode_shows_other_text_choices_and_scores(world):
    run = new_run(world)
    first, _ = play(run, ["wait_and_see"])
    assert (first.ending, first.score, first.after.meters["trust"]) == ("wary", 0.0, 45)
    assert first.promises == ()
    assert run.recap().promises_due == ()
    session = run.start_episode()
    assert session.state.meters["trust"] == 40  # 45 carried, -5 between
    session.choose([c.id for c in session.view().choices].index("greet"), 3.0)
    view = session.view()
    assert view.text.en == "Nothing new, then."
    assert sorted(c.id for c in view.choices) == ["check_in", "nothing"]
    session.choose([c.id for c in view.choices].index("check_in"), 3.0)
    second = run.finish_episode()
    # earned 2 of 2 and 2 of 2: 100 again, but trust 40 + 5 = 45 < 65: steady, not loyal
    assert (second.ending, second.score, second.after.meters["trust"]) == ("steady", 100.0, 45)
    result = run.result()
    # earned 0 + 4 of 3 + 4 = 57.14: not passing; trust 45 >= 40: kept
    assert result.ending.id == "kept"
    assert result.score == pytest.approx(400 / 7)
    assert result.passed is False
    assert result.promises[0].status == ""  # never made


def test_a_broken_promise_costs_the_episode_and_the_relationship(world):
    run = new_run(world)
    play(run, ["offer_report"])
    second, _ = play(run, ["greet", "forgot"])
    # earned 2 of 2 and 0 of 4: 33.33; trust 55 - 20 = 35: cooling
    assert second.ending == "cooling"
    assert second.score == pytest.approx(100 * 2 / 6)
    assert second.promises == (("weekly_report", "broken"),)
    result = run.result()
    # 3 + 2 earned of 9: 55.56; trust 35 < 40: lost
    assert result.ending.id == "lost"
    assert result.score == pytest.approx(500 / 9)
    assert "broke_weekly_report" in result.episodes[-1].after.flags


def test_an_episode_whose_condition_fails_is_skipped(world):
    c, _, _ = world
    strict = replace(c, episodes=(c.episodes[0], replace(c.episodes[1], when=_cond(
        "state.trust >= 50"))))
    run = new_run(world, campaign=strict)
    play(run, ["wait_and_see"])  # trust 45, -5 between: 40 < 50
    assert run.status == CampaignStatus.ENDED
    kinds = [type(e).__name__ for e in run.events]
    assert kinds == ["CampaignStarted", "EpisodeStarted", "EpisodeEnded", "EpisodeSkipped",
                     "CampaignEnded"]
    assert run.result().ending.id == "kept"  # trust 45 >= 40


def _cond(source):
    from game.core.model import Condition
    from game.core.rules.conditions import compile_condition

    return Condition(source, compiled=compile_condition(source))


def test_the_same_seed_gives_the_same_run_and_the_events_replay_it_exactly(world):
    c, episodes, catalogue = world
    runs = []
    for _ in range(2):
        run = new_run(world, seed=42)
        sessions = {}
        for answers in (["offer_report"], ["curt", "send_report"]):
            session = run.start_episode()
            sessions[run.session_id] = session
            for choice_id in answers:
                ids = [ch.id for ch in session.view().choices]
                session.choose(ids.index(choice_id), 4.5)
            run.finish_episode()
        runs.append((run, sessions))
    (a, a_sessions), (b, _) = runs
    assert [e.to_dict() for e in a.events] == [e.to_dict() for e in b.events]
    logged = [e.to_dict() for e in a.events]
    episode_events = {sid: [e.to_dict() for e in s.events] for sid, s in a_sessions.items()}
    again = CampaignSession.replay(c, episodes, catalogue, (), logged, episode_events)
    assert [e.to_dict() for e in again.events] == logged
    assert again.result() == a.result()


def test_a_run_cut_short_mid_episode_resumes_where_it_stopped(world):
    c, episodes, catalogue = world
    run = new_run(world)
    play(run, ["offer_report"])
    session = run.start_episode()
    session.choose([ch.id for ch in session.view().choices].index("greet"), 2.0)
    logged = [e.to_dict() for e in run.events]
    episode_events = {"run1.1": [e.to_dict() for e in LOGGED["run1.1"]],
                      run.session_id: [e.to_dict() for e in session.events]}
    resumed = CampaignSession.replay(c, episodes, catalogue, (), logged, episode_events)
    assert resumed.status == CampaignStatus.PLAYING
    assert resumed.session.state.node == "report_due"
    with pytest.raises(SessionError):
        resumed.finish_episode()  # the episode has not ended yet


def test_an_abandoned_episode_is_played_again_with_a_new_session(world):
    c, episodes, catalogue = world
    run = new_run(world)
    play(run, ["offer_report"])
    session = run.start_episode()
    first_id = run.session_id
    run.abandon_episode()
    assert run.status == CampaignStatus.READY
    logged = [e.to_dict() for e in run.events]
    resumed = CampaignSession.replay(c, episodes, catalogue, (), logged,
                                     {"run1.1": [e.to_dict() for e in LOGGED["run1.1"]],
                                      first_id: [e.to_dict() for e in session.events]})
    assert resumed.status == CampaignStatus.READY
    resumed.start_episode()
    assert resumed.session_id == "run1.2.1" and first_id == "run1.2"


def test_an_episode_is_replaced_when_its_replacement_holds(world):
    from game.core.campaign import Replacement

    c, _, _ = world
    # a client who was never offered the report gets the first conversation again
    again = replace(c.episodes[1], replace=(Replacement(_cond("not flags.offered_report"),
                                                        "tiny_first"),))
    branching = replace(c, episodes=(c.episodes[0], again))
    run = new_run(world, campaign=branching)
    play(run, ["wait_and_see"])
    assert run.next_scenario().id == "tiny_first"
    second, texts = play(run, ["offer_report"])
    assert (second.scenario, second.index) == ("tiny_first", 1)
    assert texts == ["How will I know where my orders are?"]
    # trust 45 carried, -5 between, +10: 50; the promise is made, but its due episode
    # was replaced: it never comes due
    assert second.after.meters["trust"] == 50
    assert run.result().promises[0].status == "made"
