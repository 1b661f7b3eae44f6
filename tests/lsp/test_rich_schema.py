"""The richer JSON Schema, for editors without the language server (issue 17): what
it knows of the library accepts every shipped file and refuses the mistakes it can
see (a typo'd trait id, a time limit without a timeout, an unknown article)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.loader import load_catalogue, load_yaml_data
from game.core.loader.jsonschema import json_schema

from .mistakes import MISTAKES, with_mistakes

jsonschema = pytest.importorskip("jsonschema")
ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def validator(kind: str):
    return jsonschema.Draft202012Validator(json_schema(kind))


@pytest.mark.parametrize(("kind", "paths"), [
    ("rule-pack", sorted((SCENARIOS / "rules").glob("*.yaml"))),
    ("catalogue", [SCENARIOS / "traits.yaml"]),
    ("curriculum", [SCENARIOS / "curriculum.yaml"]),
])
def test_every_shipped_file_fits_its_schema(kind: str, paths: list[Path]):
    check = validator(kind)
    for path in paths:
        assert [e.message for e in check.iter_errors(load_yaml_data(path))] == [], path


def test_trait_ids_are_the_keys_of_evidence_with_their_definition():
    evidence = json_schema("scenario")["$defs"]["choice"]["properties"]["evidence"]
    courtesy = load_catalogue().by_id["courtesy"]
    assert evidence["additionalProperties"] is False
    assert sorted(evidence["properties"]) == sorted(load_catalogue().by_id)
    assert evidence["properties"]["courtesy"]["description"] == (
        f"{courtesy.name.get('en')} (good trait): {courtesy.definition.get('en')}")


def errors_for(what: str, tmp_path: Path) -> list[str]:
    mistake = next(m for m in MISTAKES if m[0] == what)
    path = tmp_path / "late_payment.yaml"
    path.write_text(with_mistakes(mistake), encoding="utf-8")
    return [e.message for e in validator("scenario").iter_errors(load_yaml_data(path))]


def test_the_schema_refuses_what_it_can_know(tmp_path: Path):
    assert errors_for("typo'd trait id", tmp_path) == [
        "Additional properties are not allowed ('courtsey' was unexpected)"]
    assert errors_for("time limit without timeout", tmp_path) == [
        "'timeout' is a dependency of 'time_limit'"]
    assert errors_for("source naming no article", tmp_path)[0].startswith(
        "'004_3c4903abc408d5f8' is not one of ['000_effb286c784c81bf.txt'")


def test_a_rule_may_say_it_is_the_games_own_choice():
    source = json_schema("rule-pack")["$defs"]["rule"]["properties"]["source"]
    assert source["enum"][-1] == "design"
