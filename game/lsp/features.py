"""The editor features over one buffer, as plain functions of its text: completion,
hover, go to definition, and the "did you mean" quick fixes. ``server.py`` turns
their answers into LSP messages. Positions are 0-based (line, character).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.core.loader import FileKind, file_kind, scenario_paths
from game.lsp.knowledge import ARGUMENT, Knowledge, code_doc, condition_words, rule_doc
from game.lsp.outline import Outline, scenario_outline

TRAIT_MAPS = ("evidence", "weights", "traits", "multiply")
CONDITION_KEYS = ("when", "stop_when")
_FLOW_OPEN = re.compile(r"\b([a-z_]+):\s*\{([^{}]*)$")
_CODE = re.compile(r"^[EW]\d{3}$")
_SUGGESTION = re.compile(r"'([^']*)'[^'(]*\(did you mean '([^']*)'\?\)")  # the nearest word


@dataclass(frozen=True)
class Item:
    label: str
    kind: str  # "trait", "node", "ending", "flag", "promise", "condition", "choice"
    detail: str = ""
    doc: str = ""
    insert: str | None = None


@dataclass(frozen=True)
class Target:
    path: Path
    line: int
    column: int


def completions(text: str, line: int, column: int, know: Knowledge, lang: str,
                path: Path | None = None) -> list[Item]:
    outline = Outline.of(text)
    row = outline.lines[line] if line < len(outline.lines) else ""
    before = row[:column]
    keys = outline.keys_at(line)
    own = keys[-1] if keys else ""
    kind = file_kind(path) if path is not None else FileKind.SCENARIO
    if kind in (FileKind.TEST_PLAN, FileKind.CURRICULUM):
        found = _library_items(kind, outline, path, before, keys)  # type: ignore[arg-type]
        if found is not None:
            return found
    source = _open_condition(before)
    if source is not None:
        return _condition_items(source, outline, know, lang)
    if re.search(r"\b(next|start):\s*[\w]*$", before):
        return _target_items(outline, nodes_only=before.rstrip().split(":")[0]
                             .strip(" -{") == "start")
    flow = _FLOW_OPEN.search(before)
    if flow and flow.group(1) in TRAIT_MAPS and _at_key(flow.group(2)):
        return _trait_items(know, lang)
    block_key = flow is None and ":" not in before and "{" not in before
    if block_key and any(k in TRAIT_MAPS for k in keys[-2:]):
        return _trait_items(know, lang)
    if re.search(r"\b(set|clear):\s*\[[^\]]*$", before) or (
            own in ("set", "clear") and before.lstrip().startswith("-")):
        return _flag_items(outline, know)
    if re.search(r"\b(sources:\s*\[[^\]]*|source:\s*[\w.]*)$", before) or (
            own == "sources" and before.lstrip().startswith("-")):
        return [Item(a, "article", f"{title} ({lang})") for a, lang, title in know.articles]
    if re.search(r"\btags:\s*\[[^\]]*$", before) or (
            own == "tags" and before.lstrip().startswith("-")):
        return [Item(f"{verb}:{name}", "promise", f"{verb} the promise '{name}'")
                for name in outline.promises for verb in ("keep", "break")] + \
               [Item("promise:", "promise", "make a promise (promise:<name>)")]
    return []


def _open_condition(before: str) -> str | None:
    """The condition typed so far when the cursor is inside a ``when:`` value."""
    found = [*re.finditer(r"\b(when|stop_when):[ \t]*", before)][-1:]
    if not found:
        return None
    rest = before[found[0].end():]
    if rest[:1] in ("'", '"'):
        return rest[1:] if rest[0] not in rest[1:] else None
    return None if "," in rest or "}" in rest else rest


def _at_key(inside: str) -> bool:
    """In ``{a: 1, b`` the cursor is at a key (after '{' or ',', before ':')."""
    return ":" not in inside.rpartition(",")[2]


def _target_items(outline: Outline, nodes_only: bool = False) -> list[Item]:
    items = [Item(n, "node", "node") for n in outline.nodes]
    if not nodes_only:
        items += [Item(e, "ending", "ending") for e in outline.endings]
        items.append(Item("ending", "ending", "the first ending whose 'when' holds"))
    return items


def _library_items(kind: FileKind, outline: Outline, path: Path, before: str,
                   keys: list[str]) -> list[Item] | None:
    """A test plan's scenario, choices and ending; a curriculum's scenario ids."""
    in_list = before.lstrip().startswith("-") or re.search(r"\[[^\]]*$", before)
    if kind is FileKind.CURRICULUM or re.search(r"^scenario:\s*\w*$", before):
        if kind is FileKind.CURRICULUM and not (keys[-1:] == ["scenarios"] and in_list):
            return None
        return [Item(p.stem, "node", "scenario") for p in scenario_paths(path.parent)]
    scenario = scenario_outline(outline, path.parent)
    if scenario is None:
        return None
    _, story = scenario
    if re.search(r"\bchoices:\s*\[[^\]]*$", before) or (keys[-1:] == ["choices"] and in_list):
        ids = dict.fromkeys(c for ids in story.choices.values() for c in ids)
        return [Item(c, "choice", "choice") for c in ids] + [
            Item("timeout", "choice", "let the time run out")]
    if re.search(r"\bending:\s*\w*$", before):
        return [Item(e, "ending", "ending") for e in story.endings]
    return None


def _trait_items(know: Knowledge, lang: str) -> list[Item]:
    if know.catalogue is None:
        return []
    return [Item(t.id, "trait", f"{t.name.get(lang)} ({t.polarity.value})",
                 t.definition.get(lang)) for t in know.catalogue.traits]


def _flag_items(outline: Outline, know: Knowledge) -> list[Item]:
    flags = dict.fromkeys([*outline.flags, *know.flags()])
    return [Item(flag, "flag", "flag") for flag in flags]


def _condition_items(source: str, outline: Outline, know: Knowledge, lang: str) -> list[Item]:
    """Names a condition may use at the end of ``source`` (the text typed so far)."""
    call = re.search(r"\b([a-z_]+)\(\s*'([^']*)$", source)
    if call:
        kind = ARGUMENT.get(call.group(1), "")
        if kind == "node":
            return [Item(n, "node", "node") for n in outline.nodes]
        if kind == "choice_ref":
            return [Item(f"{n}.{c}", "choice", f"choice of node {n}")
                    for n, ids in outline.choices.items() for c in ids]
        if kind == "promise":
            return [Item(p, "promise", "promise") for p in outline.promises]
        if kind.startswith("trait"):
            return _trait_items(know, lang)
        return []
    if re.search(r"\bflags\.\w*$", source):
        return _flag_items(outline, know)
    if re.search(r"\b(event\.evidence|persona\.weight)\.\w*$", source):
        return _trait_items(know, lang)
    flags = dict.fromkeys([*outline.flags, *know.flags()])
    return [Item(word, "condition", what) for word, what in condition_words()] + \
           [Item(f"flags.{flag}", "flag", "flag") for flag in flags]


def hover(text: str, line: int, column: int, know: Knowledge, lang: str,
          codes_here: list[str] | None = None) -> str | None:
    """Markdown for the trait, rule or lint code under the cursor (and the meaning of
    the codes of the problems reported there)."""
    outline = Outline.of(text)
    word, _, _ = outline.word_at(line, column)
    word = word.rpartition(".")[2] if word.startswith(("event.evidence.", "persona.weight.")) \
        else word
    parts = []
    doc = know.trait_doc(word, lang)
    if doc:
        parts.append(doc)
    rule = know.rule(word) or None
    if rule is not None:
        parts.append(rule_doc(rule, lang))
    article = know.article_doc(word)
    if article:
        parts.append(article)
    if _CODE.match(word) and code_doc(word):
        parts.append(code_doc(word) or "")
    for code in codes_here or ():
        if code != word and code_doc(code):
            parts.append(code_doc(code) or "")
    return "\n\n---\n\n".join(parts) or None


def definition(text: str, path: Path, line: int, column: int, know: Knowledge
               ) -> Target | None:
    """Where the node, ending, flag or rule under the cursor is defined."""
    outline = Outline.of(text)
    word, _, _ = outline.word_at(line, column)
    name = word.removeprefix("flags.")
    kind = file_kind(path)
    if kind in (FileKind.TEST_PLAN, FileKind.CURRICULUM):
        scenario = path.parent / f"{word}.yaml"
        if scenario.is_file() and word:
            return Target(scenario, 0, 0)
        found = scenario_outline(outline, path.parent)
        if found is not None:
            story_path, story = found
            at = story.endings.get(word) or next(
                (where for ref, where in story.choice_at.items()
                 if ref.partition(".")[2] == word), None)
            if at is not None:
                return Target(story_path, *at)
    if word in outline.choice_at:  # chose('node.choice')
        return Target(path, *outline.choice_at[word])
    for table in (outline.nodes, outline.endings):
        if word in table:
            return Target(path, *table[word])
    if name in outline.flags:
        return Target(path, *outline.flags[name])
    shared = know.flags().get(name)
    if shared is not None:
        return Target(shared.path, shared.line, 0)
    rule = know.rule(word)
    if word in outline.rules and not (rule is not None and outline.rules[word][0] == line
                                      and rule.path.resolve() != path.resolve()):
        return Target(path, *outline.rules[word])
    if rule is not None:  # a shared rule (from its override: the rule it replaces)
        return Target(rule.path, rule.line, 0)
    return None


def quick_fix(message: str, row: str, column: int) -> tuple[int, int, str] | None:
    """For a "did you mean" problem: (start, end, replacement) on its line, replacing
    the word the message quotes, searched from the problem's column."""
    found = _SUGGESTION.search(message)
    if found is None:
        return None
    wrong, right = found.groups()
    start = row.find(wrong, max(0, column))
    if start < 0:
        start = row.find(wrong)
    if start < 0:
        return None
    return start, start + len(wrong), right
