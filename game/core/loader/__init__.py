"""The one YAML reader of the product: files in, immutable model objects out.

    load_scenario(path)      -> Scenario        load_catalogue(path=None) -> TraitCatalogue
    load_rule_pack(path)     -> RulePack        load_shared_rules(folder=None) -> (Rule, ...)
    load_yaml_data(path)     -> plain data      resolve_scenario("phone_complaint") -> Path
    Library(folder=None)     the shipped library: .catalogue .rules .curriculum .scenario(arg)
    loaded_path(content_hash) -> Path | None: the file this process read that content from

A file with errors raises ``game.core.errors.ScenarioError`` whose ``problems`` hold
every problem found (see ``problems.Problem``); ``lint`` reports them all.
"""

from game.core.loader.files import loaded_path
from game.core.loader.library import (
    SCENARIOS,
    FileKind,
    Library,
    file_kind,
    load_catalogue,
    load_curriculum,
    load_rule_pack,
    load_scenario,
    load_shared_rules,
    load_yaml_data,
    resolve_scenario,
    scenario_paths,
)
from game.core.loader.lint import LintReport, lint_paths, lint_text
from game.core.loader.problems import CODES, ERROR, WARNING, Problem

__all__ = [
    "CODES", "ERROR", "SCENARIOS", "SCHEMAS", "WARNING", "FileKind", "Library", "LintReport",
    "Problem", "file_kind", "json_schema", "lint_paths", "lint_text", "load_catalogue",
    "load_curriculum", "load_rule_pack", "load_scenario", "load_shared_rules", "load_yaml_data",
    "loaded_path", "resolve_scenario", "scenario_paths",
]


def __getattr__(name: str) -> object:
    """SCHEMAS and json_schema on first use: the schema pulls in the campaign format,
    which a report or verify-log never needs (it keeps their start-up short)."""
    if name in ("SCHEMAS", "json_schema"):
        from game.core.loader import jsonschema

        return getattr(jsonschema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
