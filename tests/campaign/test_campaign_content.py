"""Every shipped campaign's episodes meet the library's content rules (tests/content
walks only the top-level scenarios): no length rank, digits or register marks the
best answer, Polish typography, sources that exist, six decisions and three endings
each, and every campaign path starts from the articles."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from game.core.campaign import load_campaign, load_episodes
from game.core.loader import SCENARIOS, Library
from tests.content.tells import (
    decisions,
    familiarity_node,
    informal,
    length_rank,
    speaks_to_the_client,
)

LIBRARY = Library()
CAMPAIGNS = {p.stem: load_campaign(p.stem)
             for p in sorted((SCENARIOS / "campaigns").glob("*.yaml"))}
CAMPAIGN = CAMPAIGNS["nowicki_account"]
EPISODES = {sid: s for c in CAMPAIGNS.values()
            for sid, s in load_episodes(c, LIBRARY.catalogue).items()}
IDS = sorted(EPISODES)
_HANGING = re.compile(r"(?<![\w\u00a0])[wzioauWZIOAU] (?=\S)")


def test_there_are_two_campaigns():
    assert sorted(CAMPAIGNS) == ["kowalczyk_inherited", "nowicki_account"]


@pytest.mark.parametrize("cid", sorted(CAMPAIGNS))
def test_each_campaign_is_one_client(cid):
    campaign = CAMPAIGNS[cid]
    episodes = load_episodes(campaign, LIBRARY.catalogue)
    assert {s.persona.company for s in episodes.values()} == {campaign.client}


def test_five_episodes_one_client():
    assert len(CAMPAIGN.episodes) == 5
    assert [e.outcome.value for e in CAMPAIGN.endings.values()] == ["success", "failure",
                                                                    "mixed"]


@pytest.mark.parametrize("sid", IDS)
def test_six_decisions_and_three_endings(sid):
    s = EPISODES[sid]
    assert len(list(decisions(s, LIBRARY.catalogue))) >= 6
    assert sorted(e.outcome.value for e in s.endings.values()) == ["failure", "mixed",
                                                                  "success"]


@pytest.mark.parametrize("lang", ("en", "it", "pl"))
@pytest.mark.parametrize("sid", IDS)
def test_no_length_rank_holds_the_best_answer_in_more_than_half(sid, lang):
    ranks = Counter(length_rank(d, lang) for d in decisions(EPISODES[sid], LIBRARY.catalogue))
    assert max(ranks.values()) <= sum(ranks.values()) / 2, dict(ranks)


@pytest.mark.parametrize("sid", IDS)
def test_digits_do_not_mark_the_best_answer(sid):
    best = other = 0
    for d in decisions(EPISODES[sid], LIBRARY.catalogue):
        for c in d.choices:
            if re.search(r"\d", c.text.en):
                best, other = (best + 1, other) if c is d.best else (best, other + 1)
    assert best <= other / 2 + 1


@pytest.mark.parametrize("sid", IDS)
def test_answers_to_the_client_keep_the_formal_register(sid):
    slips = [f"{n.id}.{c.id} [{lang}]" for n in EPISODES[sid].nodes.values()
             if speaks_to_the_client(n) and not familiarity_node(n) for c in n.choices
             if not any(e.trait == "bad_etiquette" and e.strength > 0 for e in c.evidence)
             for lang in ("it", "pl") if informal(c.text.get(lang), lang)]
    assert slips == []


@pytest.mark.parametrize("sid", IDS)
def test_polish_typography(sid):
    s = EPISODES[sid]
    texts = [s.title, s.summary, *(t for n in s.nodes.values() for t in (
        n.text, *(c.text for c in n.choices), *(c.feedback for c in n.choices if c.feedback))),
        *(t for e in s.endings.values() for t in (e.title, e.text))]
    bad = [t.id for t in texts if _HANGING.search(t.pl) or '"' in t.pl
           or next((ch for ch in t.pl if ch in "«„"), "„") == "«"]
    assert bad == []


@pytest.mark.parametrize("sid", IDS)
def test_every_episode_cites_articles_that_exist(sid):
    from game.core.loader.sources import sources_for

    known = sources_for(SCENARIOS / "x.yaml", SCENARIOS)  # the articles of sources.yaml
    assert len(known) == 5
    sources = EPISODES[sid].sources
    assert len(sources) >= 2 and set(sources) <= known
