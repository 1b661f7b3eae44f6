"""What a manager reads instead of ids: trait, scenario and choice names in the report's
language, each scenario's own pass mark, and the report's UI strings.

Names come from the scenario library (the shipped one, or ``--scenarios FOLDER``);
scenarios are loaded only when a report mentions them. Anything the library does not
know (a scenario since removed, a library that does not load) is shown by its id.

``report`` asks for an *index* (``Names(..., index=True)``): the same names, read once
from the library and kept in the per-user cache folder as one small JSON file per
library and language, under the hash of every file they come from (the library's YAML
files, its shared rules, the report strings). A later report reads that file instead
of parsing the scenarios (and never imports the loader): an edited file changes the
hash, and the index is made again.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any

DEFAULT_PASS = 60.0  # the loader's default pass_score, for scenarios the library lacks
INDEX_VERSION = 1  # what an index holds and how: a new one replaces older files
_YAML = (".yaml", ".yml")  # the loader's YAML_SUFFIXES
KEEP = 24  # index files kept in the cache folder (one per library and language)


class Names:
    def __init__(self, lang: str = "en", folder: str | Path | None = None,
                 index: bool = False) -> None:
        self.lang = lang
        self.folder = folder
        self.t = _Strings(self)
        self._scenarios: dict[str, Any] = {}
        self._use_index = index
        self._found: dict[str | None, tuple[bool, dict[str, Any] | None]] = {}

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

    @cached_property
    def index(self) -> dict[str, Any] | None:
        """The names of this library in this language (see the module's docstring), or
        None when not asked for or when the cache folder cannot be used."""
        return _index(self) if self._use_index else None

    def scenario_model(self, scenario_id: str | None) -> Any:
        if not scenario_id:
            return None
        if scenario_id not in self._scenarios:
            try:
                self._scenarios[scenario_id] = self.library.scenario(scenario_id)
            except Exception:  # removed, renamed or broken since it was played
                self._scenarios[scenario_id] = None
        return self._scenarios[scenario_id]

    def _indexed(self, scenario_id: str | None) -> tuple[bool, dict[str, Any] | None]:
        """(found, entry): the index's entry for a scenario the loader would find by id in
        the library folder (not a path, no file of that name where the report runs)."""
        found = self._found.get(scenario_id)  # asked once per row: the answer kept
        if found is None:
            index = self.index
            found = self._found[scenario_id] = (False, None) if index is None \
                or not scenario_id or scenario_id not in index["scenarios"] \
                or "/" in scenario_id or "\\" in scenario_id or Path(scenario_id).is_file() \
                else (True, index["scenarios"][scenario_id])
        return found

    def trait(self, trait_id: str | None) -> str:
        """``Courtesy``, or ``Avoiding: Bad etiquette`` for a bad trait (higher is better)."""
        if trait_id is None:
            return ""
        if self.index is not None:
            traits = self.index["traits"]
            if traits is None:
                return trait_id
            name, bad = traits.get(trait_id, (trait_id, False))
        else:
            catalogue = self.catalogue
            if catalogue is None:
                return trait_id
            name, bad = catalogue.name(trait_id, self.lang), catalogue.is_bad(trait_id)
        return self.t("avoiding", name=name) if bad else name

    def scenario(self, scenario_id: str | None) -> str:
        found, entry = self._indexed(scenario_id)
        if found:
            return entry["title"] if entry is not None else scenario_id or ""
        model = self.scenario_model(scenario_id)
        return model.title.get(self.lang) if model is not None else (scenario_id or "")

    def pass_mark(self, scenario_id: str | None) -> float:
        found, entry = self._indexed(scenario_id)
        if found:
            return float(entry["pass"]) if entry is not None else DEFAULT_PASS
        model = self.scenario_model(scenario_id)
        return float(model.pass_score) if model is not None else DEFAULT_PASS

    def node_text(self, scenario_id: str | None, node_id: str | None) -> str:
        found, entry = self._indexed(scenario_id)
        if found:
            node = entry["nodes"].get(node_id) if entry is not None and node_id else None
            return node[0] if node is not None else (node_id or "")
        model = self.scenario_model(scenario_id)
        node = model.nodes.get(node_id) if model is not None and node_id else None
        return node.text.get(self.lang) if node is not None else (node_id or "")

    def choice(self, scenario_id: str | None, node_id: str | None,
               choice_id: str | None) -> str:
        """The choice's text (shortened to its first words), else its id."""
        if choice_id in (None, "(timeout)"):
            return self.t("timed_out")
        found, entry = self._indexed(scenario_id)
        if found:
            node = entry["nodes"].get(node_id) if entry is not None and node_id else None
            return node[1].get(choice_id, choice_id) if node is not None else choice_id
        model = self.scenario_model(scenario_id)
        node = model.nodes.get(node_id) if model is not None and node_id else None
        for choice in getattr(node, "choices", ()):
            if choice.id == choice_id:
                return choice.text.get(self.lang)
        return choice_id


class _Strings:
    """``names.t("key", n=3)``: the report's UI strings in its language, as
    ``game.core.i18n.Translator`` gives them (English for a missing key, else the key),
    read from the index when there is one."""

    def __init__(self, names: Names) -> None:
        self._names = names

    @cached_property
    def _tables(self) -> tuple[dict[str, str], dict[str, str]]:
        index = self._names.index
        if index is not None:
            return index["ui"], index["ui_en"]
        return _ui(self._names.lang)

    def __call__(self, key: str, /, **values: object) -> str:
        mine, english = self._tables
        text = mine.get(key)
        if text is None:
            text = english.get(key, key)
        return text.format(**values) if values else text


def _ui(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    from game.core.i18n import catalogue

    return catalogue("reports", lang), catalogue("reports", "en")


def _sources(folder: Path, assets: Path, lang: str) -> list[Path]:
    """Every file the names come from: the library's YAML files and shared rules (and
    the shipped ones it falls back to), the report strings in this language and English."""
    from game.core.resources import shipped_scenarios_dir

    def yaml_in(where: Path) -> list[Path]:
        try:
            return sorted(p for p in where.iterdir() if p.suffix in _YAML and p.is_file())
        except OSError:
            return []

    shipped = shipped_scenarios_dir()
    found = yaml_in(folder) + yaml_in(folder / "rules")
    if folder.resolve() != shipped.resolve():
        found += yaml_in(shipped) + yaml_in(shipped / "rules")
    return found + [assets / "i18n" / "reports" / f"{name}.yaml" for name in sorted({lang, "en"})]


def _fingerprint(sources: list[Path], key: str) -> str:
    digest = hashlib.sha256(key.encode("utf-8"))
    for path in sources:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing\0")
    return digest.hexdigest()


def _index(names: Names) -> dict[str, Any] | None:
    """The index from the cache folder when its fingerprint still matches, else made
    from the library now and kept there (best effort: a cache that cannot be written
    only means the next report makes it again)."""
    from game import __version__
    from game.core.resources import APP_NAME, assets_dir, shipped_scenarios_dir

    folder = Path(names.folder) if names.folder is not None else shipped_scenarios_dir()
    try:
        key = f"{INDEX_VERSION}|{__version__}|{names.lang}|{folder.resolve()}"
        fingerprint = _fingerprint(_sources(folder, assets_dir(), names.lang), key)
        cache = _cache_folder(APP_NAME)
        path = cache / f"names-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
    except (OSError, RuntimeError):
        return None
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("fingerprint") == fingerprint and _well_formed(kept):
            return kept
    except (OSError, ValueError, AttributeError):
        pass
    try:
        made = _made(names, folder, fingerprint)
    except Exception:  # a library that does not load: each name asked of it (shown by id)
        return None
    try:
        from game.core.outfile import write_text

        cache.mkdir(parents=True, exist_ok=True)
        write_text(path, json.dumps(made, ensure_ascii=False))
        kept_files = sorted(cache.glob("names-*.json"), key=lambda p: p.stat().st_mtime)
        for old in kept_files[:-KEEP]:  # libraries and languages not reported on lately
            old.unlink()
    except Exception:  # a read-only or full cache folder: the report goes on without it
        pass
    return made


def _well_formed(kept: dict[str, Any]) -> bool:
    return kept.get("version") == INDEX_VERSION and isinstance(kept.get("scenarios"), dict) \
        and isinstance(kept.get("ui"), dict) and isinstance(kept.get("ui_en"), dict) \
        and isinstance(kept.get("traits"), dict | None) \
        and all(v is None or (isinstance(v, dict) and isinstance(v.get("nodes"), dict)
                              and isinstance(v.get("title"), str)
                              and isinstance(v.get("pass"), float))
                for v in kept["scenarios"].values())


def _cache_folder(app: str) -> Path:
    """``$CRT_CACHE`` when set (tests), else the per-user cache folder."""
    env = os.environ.get("CRT_CACHE", "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(app, appauthor=False)


def _made(names: Names, folder: Path, fingerprint: str) -> dict[str, Any]:
    """The index read from the library: each scenario found by id in ``folder`` (None
    for one that does not load), every trait of the catalogue, the UI strings."""
    from game.core.loader import scenario_paths

    lang = names.lang
    catalogue = names.catalogue
    traits = None if catalogue is None else {
        t.id: (catalogue.name(t.id, lang), catalogue.is_bad(t.id)) for t in catalogue.traits}
    scenarios: dict[str, Any] = {}
    for path in scenario_paths(folder):
        try:
            model = names.library.scenario(path)
        except Exception:  # a scenario that does not load is shown by its id
            scenarios[path.stem] = None
            continue
        try:
            scenarios[path.stem] = {
                "title": model.title.get(lang), "pass": float(model.pass_score),
                "nodes": {node_id: (node.text.get(lang), {
                    c.id: c.text.get(lang) for c in getattr(node, "choices", ())})
                    for node_id, node in model.nodes.items()}}
        except Exception:  # a shape this index does not know: asked of the model itself
            continue
    mine, english = _ui(lang)
    return {"version": INDEX_VERSION, "fingerprint": fingerprint, "lang": lang,
            "traits": traits, "scenarios": scenarios, "ui": mine, "ui_en": english}
