"""Each scenario is a complete, playable, trilingual encounter that teaches: checked
from the data, scenario by scenario."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.core.loader import SCENARIOS, Library
from game.core.loader.lint import lint_paths
from game.core.model import Outcome

from .walk import decisions_to_success, texts

IDS = Library().scenario_ids()


def test_library_lints_clean_without_warnings() -> None:
    report = lint_paths([SCENARIOS])
    assert [str(p) for p in report.problems] == []
    # the thirteen encounters of the library (campaign episodes may add more)
    assert len(report.scenario_ids) >= 13


@pytest.mark.parametrize("sid", IDS)
def test_file_starts_with_the_schema_comment(library, sid) -> None:
    text = Path(library.scenario(sid).path).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/scenario.schema.json"


@pytest.mark.parametrize("sid", IDS)
def test_three_distinct_outcomes(scenarios, sid) -> None:
    outcomes = {e.outcome for e in scenarios[sid].endings.values()}
    assert outcomes == set(Outcome)


@pytest.mark.parametrize("sid", IDS)
def test_at_least_one_timed_decision(scenarios, sid) -> None:
    timed = [n for n in scenarios[sid].nodes.values() if n.time_limit]
    assert timed and all(n.timeout is not None for n in timed)


@pytest.mark.parametrize("sid", IDS)
def test_six_decisions_on_every_path_to_success(library, scenarios, sid) -> None:
    lengths = decisions_to_success(scenarios[sid], library.catalogue, library.rules)
    assert lengths and min(lengths) >= 6


@pytest.mark.parametrize("sid", IDS)
def test_every_line_is_written_in_all_three_languages(scenarios, sid) -> None:
    """Present, and actually translated (not the English copied over)."""
    for text in texts(scenarios[sid]):
        assert text.en.strip() and text.it.strip() and text.pl.strip(), text.id
        assert text.it != text.en and text.pl != text.en, text.id


@pytest.mark.parametrize("sid", IDS)
def test_every_answer_shows_evidence_and_explains_it(scenarios, sid) -> None:
    for node in scenarios[sid].nodes.values():
        assert len(node.choices) >= 3, node.id
        for c in node.choices:
            assert c.evidence, f"{node.id}.{c.id}"
            assert c.feedback is not None, f"{node.id}.{c.id}"
        if node.timeout:
            assert node.timeout.evidence and node.timeout.feedback, node.id


def _stems(name: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", name.lower()) if len(w) >= 5}


@pytest.mark.parametrize("sid", IDS)
def test_feedback_names_a_trait_it_scores(library, scenarios, sid) -> None:
    """The English feedback names (a stem of) one of the traits the answer shows."""
    cat = library.catalogue
    for node in scenarios[sid].nodes.values():
        answers = [(c.id, c.evidence, c.feedback) for c in node.choices]
        if node.timeout:
            answers.append(("timeout", node.timeout.evidence, node.timeout.feedback))
        for cid, ev, fb in answers:
            stems = set().union(*(_stems(cat[e.trait].name.en) for e in ev))
            said = fb.en.lower()
            assert any(st in said for st in stems), f"{node.id}.{cid}: {fb.en}"


# Where the best answer shows by its length, wording or register: test_content_tells.py.


def test_clients_differ_from_one_another(scenarios) -> None:
    personas = [s.persona for s in scenarios.values()]
    assert len({p.name for p in personas}) == len(personas)
    assert len({p.company for p in personas}) == len(personas)
    weights = [tuple(sorted(p.weights.items())) for p in personas]
    assert all(weights) and len(set(weights)) == len(weights)
