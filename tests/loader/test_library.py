"""The library API other parts build on: finding scenarios by id or path, loading
the catalogue, shared rules and curriculum, and the stable line ids."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.core.errors import ScenarioError, UsageError
from game.core.loader import (
    Library,
    load_catalogue,
    load_rule_pack,
    load_scenario,
    load_shared_rules,
    resolve_scenario,
)
from game.core.loader.lint import lint_paths
from game.core.model import Outcome, Polarity, RuleScope, Speaker

from .conftest import CATALOGUE, LIBRARY


def test_resolve_scenario_by_id_or_path():
    assert resolve_scenario("minimal", LIBRARY) == LIBRARY / "minimal.yaml"
    assert resolve_scenario(str(LIBRARY / "minimal.yaml"), LIBRARY) == LIBRARY / "minimal.yaml"


def test_resolve_scenario_suggests_a_close_id():
    with pytest.raises(UsageError) as caught:
        resolve_scenario("minimla", LIBRARY)
    assert str(caught.value) == "no scenario 'minimla' (did you mean 'minimal'?)"
    with pytest.raises(UsageError) as caught:
        resolve_scenario("traits", LIBRARY)  # a file of the library, but no scenario
    assert str(caught.value) == ("no scenario 'traits' (no such file, and no scenario with "
                                 f"that id in {LIBRARY.resolve().relative_to(Path.cwd())}/)")
    with pytest.raises(UsageError) as caught:
        resolve_scenario("nowhere/else.yaml", LIBRARY)
    assert str(caught.value) == "no scenario file 'nowhere/else.yaml'"


def test_library_loads_every_part():
    library = Library(LIBRARY)
    assert library.scenario_ids() == ("minimal",)
    scenario = library.scenario("minimal")
    assert library.scenarios() == (scenario,)
    assert library.scenario(LIBRARY / "minimal.yaml") is scenario  # loaded once
    assert library.catalogue["courtesy"].polarity is Polarity.GOOD
    assert [rule.id for rule in library.rules] == ["calm_with_furious", "final_trust"]
    assert library.curriculum is not None
    assert library.curriculum.scenarios == ("minimal",)
    assert library.curriculum.title.it == "Prima settimana"


def test_scenario_model_carries_what_was_written():
    scenario = load_scenario(LIBRARY / "minimal.yaml")
    opening = scenario.nodes["opening"]
    assert opening.speaker is Speaker.CLIENT  # the default
    assert [c.id for c in opening.choices] == ["greet", "rude"]
    assert opening.choices[0].evidence[0].trait == "courtesy"
    assert opening.choices[0].evidence[0].strength == 2
    assert (opening.pos.line, opening.choices[1].pos.line) == (16, 23)
    assert scenario.persona.weight("courtesy") == 1.5
    assert scenario.persona.weight("honesty") == 1.0
    assert scenario.initial.trust == 45 and scenario.initial.reputation == 70
    assert scenario.endings["lost"].outcome is Outcome.FAILURE
    assert scenario.target("kept") is scenario.endings["kept"]
    assert len(scenario.content_hash) == 64


def test_line_ids_come_from_the_authored_ids():
    scenario = load_scenario(LIBRARY / "minimal.yaml")
    opening = scenario.nodes["opening"]
    assert [scenario.title.id, scenario.persona.role.id, opening.text.id,
            opening.choices[0].text.id, scenario.endings["kept"].title.id] == [
        "minimal.title", "minimal.persona.role", "minimal.opening.say",
        "minimal.opening.greet.text", "minimal.end.kept.title"]
    rules = load_rule_pack(LIBRARY / "rules" / "basic.yaml")
    assert rules.rules[0].explain.id == "basic.rule.calm_with_furious"
    assert load_catalogue(CATALOGUE)["honesty"].name.id == "trait.honesty.name"


def test_shared_rules_keep_their_settings():
    rules = load_shared_rules(LIBRARY / "rules")
    final = rules[1]
    assert final.scope is RuleScope.END and final.once
    assert dict(final.effects.meters) == {"trust": 2} and final.effects.set_flags == ("loyal",)
    assert final.when.source == "state.trust >= 40"
    assert (final.when.pos.line, final.when.pos.column) == (14, 11)


def test_a_scenario_is_checked_against_the_catalogue_beside_it(tmp_path: Path):
    shutil.copy(LIBRARY / "minimal.yaml", tmp_path)
    (tmp_path / "traits.yaml").write_text(CATALOGUE.read_text().replace("courtesy", "kindness"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "minimal.yaml")
    assert {p.code for p in caught.value.problems} == {"E302"}


def test_catalogue_problems(workdir: Path):
    text = CATALOGUE.read_text()
    text = text.replace("id: honesty", "id: courtesy").replace("opposite: courtesy",
                                                              "opposite: curtesy")
    Path("traits.yaml").write_text(text)
    assert [str(p) for p in lint_paths(["traits.yaml"]).problems] == [
        "traits.yaml:11:15: error: unknown opposite trait 'curtesy' (did you mean 'courtesy'?) "
        "[E302]",
        "traits.yaml:20:5: error: duplicate trait id 'courtesy' (first at line 3) [E208]",
    ]


def test_rule_pack_problems(workdir: Path):
    rules = Path("rules")
    rules.mkdir()
    text = (LIBRARY / "rules" / "basic.yaml").read_text()
    text = text.replace("id: final_trust", "id: calm_with_furious").replace(
        "traits: {courtesy: 1}", "traits: {curtesy: 1}").replace("scope: end", "scope: ending")
    (rules / "basic.yaml").write_text(text)
    assert [str(p) for p in lint_paths(["rules"]).problems] == [
        "rules/basic.yaml:6:14: error: unknown trait 'curtesy' (did you mean 'courtesy'?) [E302]",
        "rules/basic.yaml:12:5: error: duplicate rule id 'calm_with_furious' (first at line 4) "
        "[E208]",
        "rules/basic.yaml:13:12: error: 'scope' must be one of choice, tick, end, got 'ending' "
        "(did you mean 'end'?) [E205]",
    ]
    (rules / "basic.yaml").write_text(text.replace("ending", "end").replace("curtesy",
                                                                            "courtesy"))
    assert [str(p) for p in lint_paths(["rules"]).problems] == [
        "rules/basic.yaml:12:5: error: duplicate rule id 'calm_with_furious' (first at line 4) "
        "[E208]"]


def test_curriculum_names_only_known_scenarios(workdir: Path):
    shutil.copy(LIBRARY / "minimal.yaml", ".")
    Path("curriculum.yaml").write_text(
        "id: first_week\ntitle: {en: W, it: S, pl: T}\nscenarios: [minimal, minimall, other]\n")
    assert [str(p) for p in lint_paths(["."]).problems] == [
        "curriculum.yaml:3:22: error: unknown scenario 'minimall' (did you mean 'minimal'?) "
        "[E502]",
        "curriculum.yaml:3:32: error: unknown scenario 'other' [E502]",
    ]


def test_two_files_with_one_scenario_id(workdir: Path):
    Path("a").mkdir()
    shutil.copy(LIBRARY / "minimal.yaml", ".")
    shutil.copy(LIBRARY / "minimal.yaml", "a")
    shutil.copy(CATALOGUE, "a")
    assert [str(p) for p in lint_paths(["."]).problems] == [
        "minimal.yaml:1:1: error: scenario id 'minimal' is also used by a/minimal.yaml [E501]"]


def test_the_shipped_catalogue_names_traits_in_each_language_and_knows_the_bad_ones():
    catalogue = load_catalogue()
    assert catalogue.name("over_familiarity", "pl") == catalogue["over_familiarity"].name.pl
    assert catalogue.name("no_such_trait", "it") == "no_such_trait"  # shown as written
    assert catalogue.is_bad("over_familiarity") and not catalogue.is_bad("courtesy")
    assert not catalogue.is_bad("no_such_trait")
