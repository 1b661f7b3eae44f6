"""`python main.py schema`: the JSON Schema comes from the same declaration as the
loader, the copy in schema/ is up to date, and it accepts what lint accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.core.loader import load_yaml_data, scenario_paths
from game.core.loader.jsonschema import SCHEMAS, json_schema

from .conftest import LIBRARY, MISTAKES

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_files_are_up_to_date(kind: str):
    """Refresh with `python main.py schema --write` after changing the format."""
    file_name = SCHEMAS[kind][1]
    on_disk = json.loads((ROOT / "schema" / file_name).read_text(encoding="utf-8"))
    assert on_disk == json_schema(kind)


def test_schema_command_prints_the_scenario_schema(capsys: pytest.CaptureFixture[str]):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"][:3] == ["id", "version", "title"]
    node = schema["$defs"]["node"]
    assert node["properties"]["choices"]["minItems"] == 1
    assert schema["$defs"]["text"]["required"] == ["en", "it", "pl"]


def test_schema_agrees_with_the_loader():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema("scenario"))
    validator.check_schema(validator.schema)
    for path in [LIBRARY / "minimal.yaml", *scenario_paths(ROOT / "scenarios")]:
        assert list(validator.iter_errors(load_yaml_data(path))) == [], path
    for bad in ("unknown_key", "missing_translation", "evidence_strength", "bad_enum"):
        assert list(validator.iter_errors(load_yaml_data(MISTAKES / f"{bad}.yaml"))), bad


def test_shipped_scenarios_point_editors_at_the_schema():
    for path in scenario_paths(ROOT / "scenarios"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/scenario.schema.json", path
