"""What a manager reads instead of ids: trait, scenario and choice names in the report's
language, each scenario's own pass mark, and the report's UI strings.

Names come from the scenario library (the shipped one, or ``--scenarios FOLDER``);
scenarios are loaded only when a report mentions them. Anything the library does not
know (a scenario since removed, a library that does not load) is shown by its id.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from game.core.i18n import Translator

DEFAULT_PASS = 60.0  # the loader's default pass_score, for scenarios the library lacks


class Names:
    def __init__(self, lang: str = "en", folder: str | Path | None = None) -> None:
        self.lang = lang
        self.folder = folder
        self.t = Translator("reports", lang)
        self._scenarios: dict[str, Any] = {}

    @cached_property
    def library(self) -> Any:
        from game.core.loader import Library

        return Library(self.folder)

    @cached_property
    def catalogue(self) -> Any:
        try:
            return self.library.catalogue
        except Exception:  # a library that does not load: ids are shown instead
            return None

    def scenario_model(self, scenario_id: str | None) -> Any:
        if not scenario_id:
            return None
        if scenario_id not in self._scenarios:
            try:
                self._scenarios[scenario_id] = self.library.scenario(scenario_id)
            except Exception:  # removed, renamed or broken since it was played
                self._scenarios[scenario_id] = None
        return self._scenarios[scenario_id]

    def trait(self, trait_id: str | None) -> str:
        """``Courtesy``, or ``Avoiding: Bad etiquette`` for a bad trait (higher is better)."""
        if trait_id is None:
            return ""
        catalogue = self.catalogue
        if catalogue is None:
            return trait_id
        name = catalogue.name(trait_id, self.lang)
        return self.t("avoiding", name=name) if catalogue.is_bad(trait_id) else name

    def scenario(self, scenario_id: str | None) -> str:
        found = self.scenario_model(scenario_id)
        return found.title.get(self.lang) if found is not None else (scenario_id or "")

    def pass_mark(self, scenario_id: str | None) -> float:
        found = self.scenario_model(scenario_id)
        return float(found.pass_score) if found is not None else DEFAULT_PASS

    def node_text(self, scenario_id: str | None, node_id: str | None) -> str:
        found = self.scenario_model(scenario_id)
        node = found.nodes.get(node_id) if found is not None and node_id else None
        return node.text.get(self.lang) if node is not None else (node_id or "")

    def choice(self, scenario_id: str | None, node_id: str | None,
               choice_id: str | None) -> str:
        """The choice's text (shortened to its first words), else its id."""
        if choice_id in (None, "(timeout)"):
            return self.t("timed_out")
        found = self.scenario_model(scenario_id)
        node = found.nodes.get(node_id) if found is not None and node_id else None
        for choice in getattr(node, "choices", ()):
            if choice.id == choice_id:
                return choice.text.get(self.lang)
        return choice_id
