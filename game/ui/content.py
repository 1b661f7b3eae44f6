"""The scenarios the game offers, loaded through the core loader, and reloaded on F5.

A scenario file that does not load is kept aside with its problems
(``file:line:col: error: message``) so the picker and the F5 reload can show them
on screen instead of stopping the game. Scenarios follow the curriculum's order
when there is one, then the rest by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.core.errors import ScenarioError, UserError
from game.core.model import Rule, Scenario, TraitCatalogue


@dataclass
class Content:
    catalogue: TraitCatalogue
    rules: tuple[Rule, ...]
    folder: Path
    scenarios: list[Scenario] = field(default_factory=list)
    broken: dict[str, tuple[str, ...]] = field(default_factory=dict)  # path -> problem lines
    order: tuple[str, ...] = ()
    partial: bool = False  # only the scenarios given so far; the rest load on ``full()``
    campaign_list: list | None = None  # scenarios/campaigns/, read when the picker opens

    @classmethod
    def for_scenario(cls, scenario: Scenario, folder: Path | None = None) -> Content:
        """`play SCENARIO`: the catalogue, the shared rules and that one scenario, so the
        first frame does not wait for the whole library (loaded if the picker opens)."""
        from game.core.loader import Library

        library = Library(folder)
        return cls(library.catalogue, library.rules, library.folder, [scenario], partial=True)

    def full(self) -> Content:
        """Every scenario of the folder (after ``for_scenario``, read now)."""
        if self.partial:
            self.partial = False
            self.scan()
        return self

    @classmethod
    def default(cls, folder: Path | None = None) -> Content:
        from game.core.loader import Library

        library = Library(folder)
        order: tuple[str, ...] = ()
        try:
            if library.curriculum is not None:
                order = library.curriculum.scenarios
        except ScenarioError:
            order = ()  # a broken curriculum only loses the ordering
        content = cls(library.catalogue, library.rules, library.folder, order=order)
        content.scan()
        return content

    def scan(self) -> None:
        """(Re)load every scenario file in the folder, keeping the broken ones aside."""
        from game.core.loader import SCENARIOS, scenario_paths
        from game.core.resources import trainer_scenarios_dir

        self.scenarios, self.broken = [], {}
        paths = scenario_paths(self.folder)
        if self.folder == SCENARIOS:  # the trainer's own, beside the library (ids shipped win)
            paths += [p for p in scenario_paths(trainer_scenarios_dir())
                      if p.stem not in {s.stem for s in paths}]
        for path in paths:
            scenario, problems = self.load(path)
            if scenario is not None:
                self.scenarios.append(scenario)
            else:
                self.broken[str(path)] = problems
        rank = {sid: i for i, sid in enumerate(self.order)}
        self.scenarios.sort(key=lambda s: (rank.get(s.id, len(rank)), s.id))

    def load(self, path: Path) -> tuple[Scenario | None, tuple[str, ...]]:
        """A scenario from its file, or its problems as display lines."""
        from game.core.loader import load_scenario

        try:
            return load_scenario(path, self.catalogue), ()
        except ScenarioError as err:
            return None, tuple(str(p) for p in err.problems) or (str(err),)
        except UserError as err:
            return None, (str(err),)

    def reload(self, scenario: Scenario) -> tuple[Scenario | None, tuple[str, ...]]:
        """The scenario read again from its file (F5), replacing the old one when it loads."""
        fresh, problems = self.load(Path(scenario.path))
        if fresh is not None:
            self.scenarios = [fresh if s.id == scenario.id else s for s in self.scenarios]
            self.broken.pop(scenario.path, None)
        return fresh, problems

    def by_id(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)
