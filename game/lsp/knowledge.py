"""What the server knows beyond the open buffer: the trait catalogue and the shared
rules beside the file (else the shipped ones), the words a condition may use, and
the lint codes. Read through the core's loader, kept while the files are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.core.errors import ScenarioError
from game.core.loader import CODES, SCENARIOS, load_catalogue, load_rule_pack, load_yaml_data
from game.core.model import Rule, TraitCatalogue
from game.core.rules import FIXED_NAMES, FUNCTIONS, OPEN_NAMES

#: Condition functions whose argument is a node, a 'node.choice', a promise, a trait.
ARGUMENT = {name: kind for name, (_, kind, _) in FUNCTIONS.items()}


@dataclass(frozen=True)
class RuleAt:
    rule: Rule
    path: Path  # the pack's file
    line: int  # 0-based


@dataclass(frozen=True)
class Knowledge:
    catalogue: TraitCatalogue | None
    rules: tuple[RuleAt, ...]
    articles: tuple[tuple[str, str, str], ...] = ()  # (id, lang, title), sources.yaml

    def article_doc(self, article_id: str) -> str | None:
        for found, lang, title in self.articles:
            if found == article_id:
                return f"**{title}** (article `{found}`, in {lang})"
        return None

    def trait_doc(self, trait_id: str, lang: str) -> str | None:
        """Markdown: the trait's name, polarity, definition and source, in ``lang``."""
        trait = self.catalogue.by_id.get(trait_id) if self.catalogue else None
        if trait is None:
            return None
        return (f"**{trait.name.get(lang)}** ({trait.polarity.value} trait `{trait.id}`)\n\n"
                f"{trait.definition.get(lang)}\n\nsource: {trait.source}")

    def rule(self, rule_id: str) -> RuleAt | None:
        return next((r for r in self.rules if r.rule.id == rule_id), None)

    def flags(self) -> dict[str, RuleAt]:
        """Flags the shared rules set, with the rule that sets each."""
        found: dict[str, RuleAt] = {}
        for at in self.rules:
            for flag in at.rule.effects.set_flags:
                found.setdefault(flag, at)
        return found


def rule_doc(at: RuleAt, lang: str) -> str:
    rule = at.rule
    source = f"\n\nsource: {rule.source}" if rule.source else ""
    return (f"**rule `{rule.id}`** ({rule.scope.value}, {at.path.name}:{at.line + 1})\n\n"
            f"when: `{rule.when.source}`\n\n{rule.explain.get(lang)}{source}")


def code_doc(code: str) -> str | None:
    meaning = CODES.get(code)
    return f"**{code}**: {meaning} (docs/lint-codes.md)" if meaning else None


def condition_words() -> list[tuple[str, str]]:
    """(text to insert, what it is) for the fixed names and the functions."""
    words = [(name, f"{kind}") for name, (kind, _) in FIXED_NAMES.items()]
    words += [(f"{prefix}.", f"{kind} of a {part}") for prefix, (kind, part, _)
              in OPEN_NAMES.items()]
    words += [(f"{name}(", f"{kind} function") for name, (kind, _, _) in FUNCTIONS.items()]
    return words


def knowledge_for(path: Path) -> Knowledge:
    """The catalogue and shared rules a file is checked against."""
    folder = path.parent if (path.parent / "traits.yaml").is_file() else SCENARIOS
    if path.parent.name == "rules" and (path.parent.parent / "traits.yaml").is_file():
        folder = path.parent.parent
    traits = folder / "traits.yaml"
    rules = folder / "rules"
    packs = tuple(sorted((p, p.stat().st_mtime_ns) for p in rules.glob("*.yaml"))) \
        if rules.is_dir() else ()
    stamp = traits.stat().st_mtime_ns if traits.is_file() else 0
    sources = folder / "sources.yaml"
    if not sources.is_file():
        sources = SCENARIOS / "sources.yaml"
    seen = sources.stat().st_mtime_ns if sources.is_file() else 0
    return _knowledge(traits, stamp, packs, sources, seen)


def _articles(path: Path) -> tuple[tuple[str, str, str], ...]:
    try:
        data = load_yaml_data(path)
    except ScenarioError:
        return ()
    items = data.get("articles") if isinstance(data, dict) else None
    return tuple((str(a["id"]), str(a.get("lang", "")), str(a.get("title", "")))
                 for a in items or () if isinstance(a, dict) and "id" in a)


@lru_cache(maxsize=8)
def _knowledge(traits: Path, stamp: int, packs: tuple[tuple[Path, int], ...],
               sources: Path, seen: int) -> Knowledge:
    try:
        catalogue = load_catalogue(traits) if stamp else None
    except ScenarioError:
        catalogue = None
    rules: list[RuleAt] = []
    for pack_path, _ in packs:
        try:
            pack = load_rule_pack(pack_path, catalogue)
        except ScenarioError:
            continue
        rules.extend(RuleAt(rule, pack_path, rule.pos.line - 1) for rule in pack.rules)
    return Knowledge(catalogue, tuple(rules), _articles(sources) if seen else ())
