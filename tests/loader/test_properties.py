"""Whatever bytes a file holds, the loader answers with a Scenario or a
ScenarioError listing well-formed problems: never another exception, never a hang."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.errors import ScenarioError
from game.core.loader import (
    load_catalogue,
    load_curriculum,
    load_rule_pack,
    load_scenario,
    load_yaml_data,
)
from game.core.loader.problems import CODES
from game.core.model import Scenario

from .conftest import CATALOGUE, LIBRARY

MINIMAL = (LIBRARY / "minimal.yaml").read_text(encoding="utf-8")
LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .+ \[[EW]\d{3}\]$")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("loader-props")
    (path / "traits.yaml").write_bytes(CATALOGUE.read_bytes())
    return path


def check_loads_cleanly(folder: Path, data: bytes) -> None:
    path = folder / "minimal.yaml"
    path.write_bytes(data)
    lines = len(data.splitlines()) + 1
    for load in (load_scenario, load_yaml_data, load_catalogue, load_rule_pack, load_curriculum):
        try:
            result = load(path)
        except ScenarioError as err:
            assert err.problems, "a ScenarioError lists its problems"
            assert "\n" not in str(err)
            for problem in err.problems:
                assert problem.code in CODES
                assert LINE.match(str(problem)), str(problem)
                assert 1 <= problem.line <= lines and problem.column >= 1
        else:
            if load is load_scenario:
                assert isinstance(result, Scenario)


@SETTINGS
@given(st.binary(max_size=600))
def test_random_bytes(folder: Path, data: bytes):
    check_loads_cleanly(folder, data)


YAMLISH = st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#%@`,? \n\tab01é\r<=\\.")),
                  max_size=200)


@SETTINGS
@given(YAMLISH)
def test_random_yaml_punctuation(folder: Path, text: str):
    check_loads_cleanly(folder, text.encode("utf-8"))


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=20))
KEYS = st.one_of(st.sampled_from(["id", "nodes", "choices", "next", "say", "en", "it", "pl",
                                  "evidence", "courtesy", "start", "endings", "outcome", "traits",
                                  "rules", "when", "polarity", "scenarios", "title"]),
                 st.text(max_size=8))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


@SETTINGS
@given(DATA)
def test_random_yaml_documents(folder: Path, data: object):
    # yaml.safe_dump only writes the inputs: reading goes through the loader alone
    check_loads_cleanly(folder, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@SETTINGS
@given(st.data())
def test_mutated_scenarios(folder: Path, draw: st.DataObject):
    lines = MINIMAL.splitlines(keepends=True)
    for _ in range(draw.draw(st.integers(1, 3))):
        at = draw.draw(st.integers(0, len(lines) - 1))
        action = draw.draw(st.sampled_from(["drop", "repeat", "splice", "indent"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "indent":
            lines[at] = "  " + lines[at]
        else:
            cut = draw.draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw.draw(YAMLISH) + lines[at][cut:]
        if not lines:
            break
    check_loads_cleanly(folder, "".join(lines).encode("utf-8"))
