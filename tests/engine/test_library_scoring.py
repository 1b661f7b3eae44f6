"""The shipped library, played as a careful trainee would: every best answer, at a
normal reading pace. Perfect play must never fail on reading time or on an ending
that ignores what was done (issue "Scores that teach")."""

from __future__ import annotations

import pytest

from game.core import loader
from game.core.analysis import Explorer
from game.core.model import Outcome
from game.core.runtime import Session

CAT = loader.load_catalogue()
RULES = loader.load_shared_rules(catalogue=CAT)
SCENARIOS = {p.stem: p for p in loader.scenario_paths()}
THINK = 2.0  # seconds to decide once the screen has been read


def best_path(scenario) -> list[str]:
    """The best answer at every decision, as the engine values them."""
    ex = Explorer(scenario, CAT, RULES)
    picked: list[str] = []

    def best(shown, valued):
        top = max(range(len(shown)), key=lambda i: valued[i].merit)
        picked.append(shown[top].id)
        return shown[top]

    assert ex.play(best) is not None
    return picked


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("lang", ["en", "it", "pl"])
@pytest.mark.parametrize("timing", ["normal", "extended", "off"])
def test_every_best_answer_at_reading_pace_passes_with_success(name, lang, timing):
    scenario = loader.load_scenario(SCENARIOS[name], CAT)
    s = Session(scenario, CAT, RULES, seed=11, lang=lang, timing=timing)
    for choice_id in best_path(scenario):
        view = s.view()
        index = next(c.index for c in view.choices if c.id == choice_id)
        s.choose(index, response_time=view.reading + THINK)
    r = s.result()
    assert r.overall >= 90, f"{name} [{lang}, {timing}]: {r.overall:.1f}"
    assert r.passed and r.outcome is Outcome.SUCCESS, (name, lang, timing, r.ending.id)
    assert not any(d.slow for d in r.decisions)
