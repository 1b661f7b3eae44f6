"""Linting files and folders: each file checked as its kind (by path), every problem
collected, plus the checks that need the whole set (scenario ids used twice, a
curriculum naming a missing scenario). No printing: ``game.cli.lint`` does that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core.errors import UsageError
from game.core.loader.files import (
    display_path,
    read_catalogue,
    read_curriculum,
    read_data,
    read_rule_pack,
    read_scenario,
)
from game.core.loader.held import held_text
from game.core.loader.library import (
    SCENARIOS,
    YAML_SUFFIXES,
    FileKind,
    catalogue_for,
    file_kind,
    scenario_paths,
    shared_flags_for,
    shared_reads_for,
)
from game.core.loader.problems import ERROR, WARNING, Problem, make, sort_problems
from game.core.loader.sources import read_sources, sources_for


@dataclass(frozen=True)
class LintReport:
    files: int
    scenarios: int  # scenario files checked
    scenario_ids: tuple[str, ...]  # ids of the scenarios that load (no errors)
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == WARNING)

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "scenarios": self.scenarios,
                "scenario_ids": list(self.scenario_ids),
                "errors": [p.to_dict() for p in self.errors],
                "warnings": [p.to_dict() for p in self.warnings]}


def collect_files(paths: Sequence[str | Path]) -> list[Path]:
    """The YAML files named or found (recursively) under the folders named."""
    files: list[Path] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES
                                and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"no such file or folder: {arg}")
    unique: dict[Path, Path] = {}  # a file named twice (a folder and a file in it) once
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def lint_paths(paths: Sequence[str | Path] = (SCENARIOS,)) -> LintReport:
    files = collect_files(paths)
    problems: list[Problem] = []
    scenario_ids: dict[str, Path] = {}
    for path in files:
        kind = file_kind(path)
        if kind is FileKind.SCENARIO:
            scenario, found = read_scenario(path, _traits_for(path),
                                            shared_flags_for(path), shared_reads_for(path),
                                            sources_for(path, SCENARIOS))
            scenario_id = scenario.id if scenario else None
            if scenario_id and scenario_id in scenario_ids:
                found += (make(display_path(path), 1, 1, "E501", f"scenario id '{scenario_id}' "
                               f"is also used by {display_path(scenario_ids[scenario_id])}"),)
            elif scenario_id:
                scenario_ids[scenario_id] = path
        elif kind is FileKind.CATALOGUE:
            found = read_catalogue(path)[1]
        elif kind is FileKind.RULE_PACK:
            found = read_rule_pack(path, _traits_for(path.parent))[1]
        elif kind is FileKind.SOURCES:
            found = read_sources(path, display_path(path))[1]
        elif kind is FileKind.CAMPAIGN:
            from game.core.loader.campaign import read_campaign

            found = read_campaign(path)[1]
        elif kind is FileKind.CURRICULUM:
            known = {p.stem for p in scenario_paths(path.parent)}
            found = read_curriculum(path, known)[1]
        else:
            found = read_data(path)[1]
        problems.extend(found)
    scenarios = sum(file_kind(path) is FileKind.SCENARIO for path in files)
    return LintReport(len(files), scenarios, tuple(sorted(scenario_ids)),
                      sort_problems(problems))


def lint_text(path: str | Path, text: str) -> LintReport:
    """Lint ``path`` as if it held ``text`` (an editor's unsaved buffer): exactly
    what ``lint PATH`` would say once the text is saved."""
    path = Path(path)
    with held_text(path, text.encode("utf-8")):
        return lint_paths([path])


def _traits_for(path: Path) -> frozenset[str] | None:
    catalogue = catalogue_for(path)
    return frozenset(catalogue.by_id) if catalogue is not None else None
