"""The shipped library on disk (``scenarios/``): finding a scenario by id or path,
and loading the catalogue, the shared rules, the scenarios and the curriculum.

Which kind a file is follows from its path (docs/design.md, "The library on disk").
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path

from game.core.errors import ScenarioError, UsageError
from game.core.loader.files import (
    read_catalogue,
    read_curriculum,
    read_data,
    read_rule_pack,
    read_scenario,
)
from game.core.loader.problems import did_you_mean, has_errors, summary_message
from game.core.loader.sources import SOURCES_NAME, sources_for
from game.core.model import Curriculum, Rule, RulePack, Scenario, TraitCatalogue
from game.core.resources import shipped_scenarios_dir, trainer_scenarios_dir

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = shipped_scenarios_dir()  # inside the package when installed (game.core.resources)
CATALOGUE_NAME = "traits.yaml"
CURRICULUM_NAME = "curriculum.yaml"
RULES_FOLDER = "rules"
YAML_SUFFIXES = (".yaml", ".yml")


class FileKind(StrEnum):
    SCENARIO = "scenario"
    CATALOGUE = "catalogue"
    CURRICULUM = "curriculum"
    RULE_PACK = "rule pack"
    TEST_PLAN = "test plan"
    SOURCES = "article list"  # sources.yaml: the articles scenarios may cite
    CAMPAIGN = "campaign"  # campaigns/<id>.yaml: episodes in campaigns/<id>/


def file_kind(path: Path) -> FileKind:
    name = path.name
    if name.endswith((".test.yaml", ".test.yml")):
        return FileKind.TEST_PLAN
    if name == CATALOGUE_NAME:
        return FileKind.CATALOGUE
    if name == CURRICULUM_NAME:
        return FileKind.CURRICULUM
    if name == SOURCES_NAME:
        return FileKind.SOURCES
    if path.parent.name == RULES_FOLDER:
        return FileKind.RULE_PACK
    if path.parent.name == "campaigns":  # game.core.loader.campaign
        return FileKind.CAMPAIGN
    return FileKind.SCENARIO


def _raise_on_errors(path: Path, result: object, problems: tuple) -> object:
    if result is None or has_errors(problems):
        raise ScenarioError(summary_message(str(path), problems), problems)
    return result


def load_yaml_data(path: str | Path) -> object:
    """Any YAML file as plain data, safely (no tags, duplicate keys refused, limits)."""
    path = Path(path)
    data, problems = read_data(path)
    if has_errors(problems):
        raise ScenarioError(summary_message(str(path), problems), problems)
    return data


def load_catalogue(path: str | Path | None = None) -> TraitCatalogue:
    path = Path(path) if path is not None else SCENARIOS / CATALOGUE_NAME
    return _raise_on_errors(path, *read_catalogue(path))  # type: ignore[return-value]


def catalogue_for(path: Path) -> TraitCatalogue | None:
    """The catalogue a file is checked against: ``traits.yaml`` beside it, else the
    shipped one; None when it does not load (trait ids are then left unchecked:
    lint reports the catalogue's own problems)."""
    for candidate in (path.parent / CATALOGUE_NAME, SCENARIOS / CATALOGUE_NAME):
        if candidate.is_file():
            return _catalogue_at(candidate.resolve(), candidate.stat().st_mtime_ns)
    return None


@lru_cache(maxsize=8)
def _catalogue_at(path: Path, mtime: int) -> TraitCatalogue | None:
    """One read per catalogue version: loading scenario after scenario reuses it."""
    return read_catalogue(path)[0]


def shared_flags_for(path: Path) -> frozenset[str]:
    """Flags the shared rules a scenario plays with can set (``rules/`` beside it,
    else the shipped pack); conditions may read them."""
    for folder in (path.parent / RULES_FOLDER, SCENARIOS / RULES_FOLDER):
        if folder.is_dir():
            return _pack_flags(tuple((p, p.stat().st_mtime_ns) for p in rule_pack_paths(folder)))
    return frozenset()


def shared_reads_for(path: Path) -> frozenset[str]:
    """Flags the shared rules' conditions read (a scenario's flag may be set for them)."""
    for folder in (path.parent / RULES_FOLDER, SCENARIOS / RULES_FOLDER):
        if folder.is_dir():
            return _pack_flags(tuple((p, p.stat().st_mtime_ns) for p in rule_pack_paths(folder)),
                               reads=True)
    return frozenset()


@lru_cache(maxsize=16)
def _pack_flags(packs: tuple[tuple[Path, int], ...], reads: bool = False) -> frozenset[str]:
    flags: set[str] = set()
    for path, _ in packs:
        pack, _ = read_rule_pack(path)
        for rule in pack.rules if pack else ():
            if reads:
                flags.update(getattr(rule.when.compiled, "flags", ()))
            else:
                flags.update(rule.effects.set_flags)
    return frozenset(flags)


def load_scenario(path: str | Path, catalogue: TraitCatalogue | None = None) -> Scenario:
    path = Path(path)
    catalogue = catalogue if catalogue is not None else catalogue_for(path)
    traits = frozenset(catalogue.by_id) if catalogue is not None else None
    result = read_scenario(path, traits, shared_flags_for(path), shared_reads_for(path),
                           sources_for(path, SCENARIOS))
    return _raise_on_errors(path, *result)  # type: ignore[return-value]


def load_rule_pack(path: str | Path, catalogue: TraitCatalogue | None = None) -> RulePack:
    path = Path(path)
    catalogue = catalogue if catalogue is not None else catalogue_for(path.parent)
    traits = frozenset(catalogue.by_id) if catalogue is not None else None
    return _raise_on_errors(path, *read_rule_pack(path, traits))  # type: ignore[return-value]


def rule_pack_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file()) \
        if folder.is_dir() else []


def load_shared_rules(folder: str | Path | None = None,
                      catalogue: TraitCatalogue | None = None) -> tuple[Rule, ...]:
    """Every rule of every pack in ``scenarios/rules/`` (or ``folder``), in file order."""
    folder = Path(folder) if folder is not None else SCENARIOS / RULES_FOLDER
    rules: list[Rule] = []
    for path in rule_pack_paths(folder):
        rules.extend(load_rule_pack(path, catalogue).rules)
    return tuple(rules)


def load_curriculum(path: str | Path, scenario_ids: Collection[str] | None = None
                    ) -> Curriculum:
    """The curriculum; with ``scenario_ids``, each scenario it lists must be one."""
    path = Path(path)
    return _raise_on_errors(path, *read_curriculum(path, scenario_ids))  # type: ignore[return-value]


def scenario_paths(folder: Path = SCENARIOS) -> list[Path]:
    """The scenario files directly in ``folder`` (not the catalogue, curriculum, test plans)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES
                  and file_kind(p) is FileKind.SCENARIO)


def _shown(folder: Path) -> Path:
    """A folder as the user would type it: relative to where they stand, when inside it."""
    try:
        return folder.resolve().relative_to(Path.cwd())
    except ValueError:
        return folder


def resolve_scenario(arg: str | Path, folder: Path = SCENARIOS) -> Path:
    """A scenario's file from its id (``phone_complaint``) or a path to it."""
    text = str(arg)
    path = Path(text)
    if path.is_file():
        return path
    by_id = folder / f"{text}.yaml"
    if by_id.is_file() and "/" not in text and file_kind(by_id) is FileKind.SCENARIO:
        return by_id
    own = trainer_scenarios_dir() / f"{text}.yaml"  # beside the shipped library, after it
    if folder == SCENARIOS and own.is_file() and "/" not in text \
            and file_kind(own) is FileKind.SCENARIO:
        return own
    if path.suffix in YAML_SUFFIXES or "/" in text or "\\" in text:
        raise UsageError(f"no scenario file '{text}'")
    ids = [p.stem for p in scenario_paths(folder)]
    hint = did_you_mean(text, ids) or (
        f" (no such file, and no scenario with that id in {_shown(folder)}/)")
    raise UsageError(f"no scenario '{text}'{hint}")


class Library:
    """The scenario library in one folder; each part is loaded on first use and kept."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else SCENARIOS
        self._scenarios: dict[Path, Scenario] = {}

    @cached_property
    def catalogue(self) -> TraitCatalogue:
        return load_catalogue(self.folder / CATALOGUE_NAME)

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        """The shared rules (``rules/*.yaml``)."""
        return load_shared_rules(self.folder / RULES_FOLDER, self.catalogue)

    @cached_property
    def curriculum(self) -> Curriculum | None:
        path = self.folder / CURRICULUM_NAME
        return load_curriculum(path, self.scenario_ids()) if path.is_file() else None

    def scenario(self, arg: str | Path) -> Scenario:
        """A scenario by id or path (ScenarioError if it does not load)."""
        path = resolve_scenario(arg, self.folder).resolve()
        if path not in self._scenarios:
            self._scenarios[path] = load_scenario(path, self.catalogue)
        return self._scenarios[path]

    def scenario_ids(self) -> tuple[str, ...]:
        return tuple(p.stem for p in scenario_paths(self.folder))

    def scenarios(self) -> tuple[Scenario, ...]:
        """Every scenario of the library, by id (ScenarioError on the first bad one)."""
        return tuple(self.scenario(p) for p in scenario_paths(self.folder))
