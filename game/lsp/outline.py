"""What an editor buffer holds, read line by line: node and ending ids, choice ids,
flags, promises and rule ids with their positions, and the keys around a cursor.

Deliberately not the YAML parser: while a trainer types, the file is broken most of
the time, and completion and navigation must keep working; indentation is enough to
know where the cursor is in this format. Lines and columns are 0-based characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?=\s|$)")
_ITEM_ID = re.compile(r"^(\s*)-\s+id:\s*([a-z][a-z0-9_]*)")
_FLOW = re.compile(r"\b(set|clear|tags|flags|promises):\s*\[([^\]]*)\]")
_WORD = re.compile(r"[A-Za-z0-9_.:'\-]")

Where = tuple[int, int]  # line, column (0-based)


@dataclass
class Outline:
    lines: list[str]
    nodes: dict[str, Where] = field(default_factory=dict)
    endings: dict[str, Where] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)  # node -> choice ids
    choice_at: dict[str, Where] = field(default_factory=dict)  # "node.choice" -> its `- id:`
    flags: dict[str, Where] = field(default_factory=dict)  # flag -> where it is first set
    promises: dict[str, Where] = field(default_factory=dict)  # promise:<name> first made
    rules: dict[str, Where] = field(default_factory=dict)  # rule id -> its `- id:` line

    @classmethod
    def of(cls, text: str) -> Outline:
        outline = cls(text.splitlines())
        outline._scan()
        return outline

    def _scan(self) -> None:
        section, child_indent, node = "", None, None
        list_key, list_indent = "", -1
        for number, line in enumerate(self.lines):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            indent = len(line) - len(line.lstrip(" "))
            key = _KEY.match(line)
            if indent == 0 and key:
                section, child_indent, node = key.group(2), None, None
            elif section in ("nodes", "endings") and key and not stripped.startswith("-"):
                if child_indent is None:
                    child_indent = indent
                if indent == child_indent:
                    where = (number, indent)
                    (self.nodes if section == "nodes" else self.endings).setdefault(
                        key.group(2), where)
                    node = key.group(2) if section == "nodes" else None
            item = _ITEM_ID.match(line)
            if item:
                if section == "nodes" and node:
                    self.choices.setdefault(node, []).append(item.group(2))
                    self.choice_at.setdefault(f"{node}.{item.group(2)}",
                                              (number, item.start(2)))
                elif section == "rules" or (section == "" and not self.nodes):
                    self.rules.setdefault(item.group(2), (number, item.start(2)))
            if key and key.group(2) in ("set", "tags", "flags", "promises"):
                list_key, list_indent = key.group(2), indent
            elif list_key and (indent <= list_indent or not stripped.startswith("-")):
                list_key = ""
            if list_key and stripped.startswith("-") and not key:
                self._fact(list_key, stripped[1:].strip(), number, line)
            for flow in _FLOW.finditer(line):
                for word in flow.group(2).split(","):
                    self._fact(flow.group(1), word.strip(), number, line)

    def _fact(self, kind: str, word: str, number: int, line: str) -> None:
        word = word.strip("'\" ")
        if not word:
            return
        where = (number, max(0, line.find(word)))
        if kind in ("set", "flags"):  # set by an answer, or from the start (initial:)
            self.flags.setdefault(word, where)
        elif kind == "promises" or (kind == "tags" and word.startswith("promise:")):
            self.promises.setdefault(word.rpartition(":")[2], where)

    # --- around a cursor ----------------------------------------------------------

    def keys_at(self, line: int) -> list[str]:
        """The keys enclosing ``line``, outermost first (its own key last)."""
        if line >= len(self.lines):
            return []
        text = self.lines[line]
        own = _KEY.match(text)
        found = [own.group(2)] if own else []
        indent = _indent(text) if text.strip() else 10**6
        for number in range(line - 1, -1, -1):
            above = self.lines[number]
            if not above.strip() or above.lstrip().startswith("#"):
                continue
            key = _KEY.match(above)
            level = _indent(above)
            if key and level < indent:
                found.append(key.group(2))
                indent = level
            elif not key and level < indent and not above.lstrip().startswith("-"):
                indent = level
            if indent == 0:
                break
        return found[::-1]

    def word_at(self, line: int, column: int) -> tuple[str, int, int]:
        """The word under the cursor (ids, dotted names, ``promise:x``) and its span."""
        if line >= len(self.lines):
            return "", column, column
        text = self.lines[line]
        start = end = min(column, len(text))
        while start > 0 and _WORD.match(text[start - 1]):
            start -= 1
        while end < len(text) and _WORD.match(text[end]):
            end += 1
        word = text[start:end]
        trimmed = word.strip("'").rstrip(":")
        offset = word.find(trimmed)
        return trimmed, start + offset, start + offset + len(trimmed)


def _indent(line: str) -> int:
    """Indentation of a line's key: a list item's dash counts as indentation."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    if stripped.startswith("- "):
        indent += 2 + len(stripped[2:]) - len(stripped[2:].lstrip(" "))
    return indent


def scenario_outline(plan: Outline, folder: Path) -> tuple[Path, Outline] | None:
    """The scenario a test plan names (``scenario: <id>``), beside it, outlined."""
    for line in plan.lines:
        found = re.match(r"^scenario:\s*([a-z][a-z0-9_]*)", line)
        if found:
            path = folder / f"{found.group(1)}.yaml"
            if path.is_file():
                return path, Outline.of(path.read_text(encoding="utf-8"))
    return None
