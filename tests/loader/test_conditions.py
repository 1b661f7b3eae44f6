"""Conditions are compiled by the rules engine when a file loads: a typo or an
unknown name is a lint error at the character where it happens."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.loader import load_scenario
from game.core.loader.lint import lint_paths

pytest.importorskip("game.core.rules.conditions")


def lint_scenario(text: str) -> list[str]:
    Path("minimal.yaml").write_text(text, encoding="utf-8")
    return [str(p) for p in lint_paths(["minimal.yaml"]).problems]


def test_unknown_name_points_at_its_character(workdir: Path, minimal_text: str):
    text = minimal_text.replace("        next: kept\n",
                                "        next: kept\n        when: state.trust > 1 and stat.mood\n")
    assert lint_scenario(text) == [
        "minimal.yaml:23:35: error: condition 'state.trust > 1 and stat.mood': unknown name "
        "'stat.mood' (did you mean 'state.mood'?) [E303]"]


def test_quoted_condition_and_unknown_trait(workdir: Path, minimal_text: str):
    text = minimal_text.replace("        next: kept\n",
                                '        next: kept\n        when: "event.evidence.curtesy > 0"\n')
    assert lint_scenario(text) == [
        "minimal.yaml:23:31: error: condition 'event.evidence.curtesy > 0': unknown trait "
        "'curtesy' (did you mean 'courtesy'?) [E303]"]


def test_block_condition(workdir: Path, minimal_text: str):
    text = minimal_text.replace("        next: kept\n", "        next: kept\n        when: |\n"
                                "          state.trust > 1 and\n            state.mood <\n")
    assert lint_scenario(text) == [
        "minimal.yaml:25:25: error: condition 'state.trust > 1 and state.mood <': expected a "
        "value, found the end of the condition [E303]"]


def test_compiled_conditions_are_kept(workdir: Path, minimal_text: str):
    text = minimal_text.replace("        next: kept\n",
                                "        next: kept\n        when: state.trust >= 40\n")
    Path("minimal.yaml").write_text(text, encoding="utf-8")
    when = load_scenario("minimal.yaml").nodes["opening"].choices[0].when
    assert when is not None and when.source == "state.trust >= 40"
    assert (when.pos.line, when.pos.column) == (23, 15)
    assert when.compiled is not None


def test_names_of_this_scenario_are_checked(workdir: Path, minimal_text: str):
    text = minimal_text.replace(
        "        next: kept\n",
        "        next: kept\n        when: \"visited('openin') or chose('opening.gret')\"\n"
    ).replace("        next: lost\n", "        next: lost\n        when: flags.apologised\n", 1)
    assert lint_scenario(text) == [
        "minimal.yaml:16:3: warning: every choice of node 'opening' has a condition; the "
        "player may be left with nothing to choose [W404]",
        "minimal.yaml:23:25: error: condition 'visited('openin') or chose('opening.gret')': "
        "no node 'openin' (did you mean 'opening'?) [E306]",
        "minimal.yaml:23:44: error: condition 'visited('openin') or chose('opening.gret')': "
        "node 'opening' has no choice 'gret' (did you mean 'greet'?) [E306]",
        # A choice hidden behind a flag nothing sets would silently vanish: an error.
        "minimal.yaml:28:21: error: condition 'flags.apologised': flag 'apologised' is never "
        "set by this scenario, its 'initial:' or its shared rules; this choice or branch "
        "depends on it [E317]",
    ]
    set_flag = text.replace("evidence: {courtesy: -2}",
                            "evidence: {courtesy: -2}\n        effects: {set: [apologised]}")
    assert [line[-6:] for line in lint_scenario(set_flag)] == ["[W404]", "[E306]", "[E306]"]
