"""Faithful to the articles, and endings that follow from what was done: checked from
the scenario files, the trait catalogue, the rule packs and scenarios/sources.yaml."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from game.core.loader import SCENARIOS, Library, load_yaml_data
from game.core.model import PICK_ENDING, Scenario

from .tells import decisions, merit

IDS = Library().scenario_ids()
KNOWN = {a["id"] for a in load_yaml_data(SCENARIOS / "sources.yaml")["articles"]}
DESIGN = "design"  # a mechanic of the game, not a claim of an article (its reason is given)


def test_the_five_seed_articles_are_known() -> None:
    assert len(KNOWN) == 5 and all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", a) for a in KNOWN)


@pytest.mark.parametrize("sid", IDS)
def test_every_source_is_a_known_article(scenarios, sid) -> None:
    s = scenarios[sid]
    assert s.sources and set(s.sources) <= KNOWN


def test_every_trait_names_a_known_article(library) -> None:
    assert {t.id: t.source for t in library.catalogue.traits if t.source not in KNOWN} == {}


def test_every_rule_names_an_article_or_says_it_is_a_design_choice(library, scenarios) -> None:
    rules = [("core", r) for r in library.rules]
    rules += [(s.id, r) for s in scenarios.values() for r in s.rules]
    bad = [f"{where}:{r.id} ({r.source})" for where, r in rules
           if r.source not in KNOWN and r.source != DESIGN]
    assert bad == []


ARTICLE = re.compile(r"(?:article|articolo|artykuł|artykule|artykułu)\s+(\d{3})", re.IGNORECASE)


@pytest.mark.parametrize("sid", IDS)
def test_feedback_cites_only_articles_the_scenario_lists(scenarios, sid) -> None:
    """'Article 003 says...' in any language must be backed by the scenario's sources."""
    s = scenarios[sid]
    listed = {src[:3] for src in s.sources}
    cited: Counter[str] = Counter()
    for node in s.nodes.values():
        lines = [c.feedback for c in node.choices if c.feedback]
        if node.timeout and node.timeout.feedback:
            lines.append(node.timeout.feedback)
        for text in lines:
            for lang in ("en", "it", "pl"):
                cited.update(ARTICLE.findall(text.get(lang)))
    assert set(cited) - listed == set()


# --- endings that follow from what was done ---------------------------------------

def _flags_set(s: Scenario) -> set[str]:
    found = set(s.initial.flags) if hasattr(s.initial, "flags") else set()
    for node in s.nodes.values():
        for c in node.choices:
            found |= set(c.effects.set_flags)
        if node.timeout:
            found |= set(node.timeout.effects.set_flags)
    return found


def _routing_to_endings(s: Scenario) -> list[str]:
    """The conditions that pick an ending: endings' own `when` (for `next: ending`)
    and conditional-next branches that lead to an ending."""
    conds = [e.when.source for e in s.endings.values() if e.when is not None]
    for node in s.nodes.values():
        moves = list(node.choices) + ([node.timeout] if node.timeout else [])
        for m in moves:
            branches = getattr(m, "branches", ())
            if any(s.is_ending(b.next) or b.next == PICK_ENDING for b in branches) \
                    or (m.next in s.endings and branches):
                conds += [b.when.source for b in branches]
    return conds


@pytest.mark.parametrize("sid", IDS)
def test_endings_read_what_was_done(scenarios, sid) -> None:
    """Where a scenario records facts in flags (a secret deal, a cover-up, a promise
    broken...), the choice of ending reads them: some ending-picking condition names a
    flag. And every flag that is set is read by some condition or rule somewhere."""
    s = scenarios[sid]
    flags = _flags_set(s)
    if not flags:
        pytest.skip("this scenario records no flags")
    routing = " ".join(_routing_to_endings(s))
    assert "flags." in routing, "no ending depends on a flag"


@pytest.mark.parametrize("sid", IDS)
def test_every_promise_made_comes_due(scenarios, sid) -> None:
    s = scenarios[sid]
    tags = [t for n in s.nodes.values() for c in n.choices for t in c.tags]
    tags += [t for n in s.nodes.values() if n.timeout for t in n.timeout.tags]
    made = {t.split(":", 1)[1] for t in tags if t.startswith("promise:")}
    due = {t.split(":", 1)[1] for t in tags if t.startswith(("keep:", "break:"))}
    assert made - due == set()


@pytest.mark.parametrize("sid", IDS)
def test_no_verdict_nodes_and_no_twin_choices(library, scenarios, sid) -> None:
    """Routing is done by conditional `next`, not by a node whose answers are all worth
    the same ("verdict" nodes) nor by twin choices that copy a text to change `next`."""
    s = scenarios[sid]
    real = {d.node.id for d in decisions(s, library.catalogue)}
    verdicts = [n.id for n in s.nodes.values()
                if len(n.choices) > 1 and n.id not in real
                and len({merit(s, library.catalogue, c) for c in n.choices}) == 1]
    twins = [f"{n.id}: {t}" for n in s.nodes.values()
             for t, k in Counter(c.text.en for c in n.choices).items() if k > 1]
    assert (verdicts, twins) == ([], [])
