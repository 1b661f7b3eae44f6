"""YAML syntax errors in the trainer's words instead of the parser's.

PyYAML says "found character that cannot start any token" for a tab, reports an
unclosed quote where the file ends (or on the next line as "did not find expected
key"), and "mapping values are not allowed here" for an unquoted colon. The three
mistakes a trainer really makes are recognised here from the file's text around the
parser's marks, and explained with the fix at the line that needs it. Only called
once the parser has refused the file, so a heuristic can never flag a valid file.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"][^:#]*?):(?:\s|$)")


def explain(data: bytes, problem: str, problem_line: int, problem_column: int,
            context_line: int | None) -> tuple[int, int, str] | None:
    """(line, column, message), 1-based, for a syntax error worth explaining, or None.

    ``problem_line``/``context_line`` are the parser's 1-based marks."""
    lines = data.decode("utf-8", "replace").removeprefix("\ufeff").splitlines()
    first = min(context_line or problem_line, problem_line)
    tab = _tab_indented(lines, first, problem_line)
    if tab is not None:
        return tab, 1, ("this line is indented with a tab; YAML indentation must be spaces: "
                        "replace the tab with spaces (two per level, like the lines around it)")
    quote = _unclosed_quote(lines, problem_line)
    if quote is not None:
        line, column, mark = quote
        return line, column, (f"the quote {mark} opened here is not closed on this line, so "
                              f"YAML reads on into the lines below (it fails at line "
                              f"{problem_line}); add the closing {mark} at the end of the text")
    if "mapping values are not allowed" in problem and 0 < problem_line <= len(lines):
        return _colon(lines, problem_line, problem_column)
    return None


def _tab_indented(lines: list[str], first: int, last: int) -> int | None:
    """The last line in first..last (1-based) whose indentation holds a tab."""
    for number in range(min(last, len(lines)), max(first, 1) - 1, -1):
        text = lines[number - 1]
        if "\t" in text[: len(text) - len(text.lstrip(" \t"))]:
            return number
    return None


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int, str] | None:
    """The quoted text that ran away: opened on or before line ``upto``, and closed
    only on a later line near ``upto`` (where its stray closing quote broke the
    parse) or never. A quoted text legitimately spread over lines, with the error
    somewhere else, is left alone."""
    opened: tuple[int, int, str] | None = None
    for number, text in enumerate(lines[:upto], 1):
        i = 0
        if opened is None and text.lstrip().startswith("#"):
            continue
        while i < len(text):
            ch = text[i]
            if opened is not None:
                mark = opened[2]
                if ch == "\\" and mark == '"':
                    i += 2
                    continue
                if ch == mark:
                    if mark == "'" and text[i + 1:i + 2] == "'":
                        i += 2
                        continue
                    if opened[0] != number and upto - number <= 1:
                        return opened
                    opened = None
            elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
                break
            elif ch in "\"'" and _starts_token(text, i):
                opened = (number, i + 1, ch)
            i += 1
    return opened


def _starts_token(text: str, i: int) -> bool:
    before = text[:i].rstrip(" \t")
    return not before or before[-1] in ":-[{,?"


def _colon(lines: list[str], line: int, column: int) -> tuple[int, int, str] | None:
    text = lines[line - 1]
    key = _KEY.match(text)
    if key and key.end() < column:
        value = text[key.end():].strip()
        name = key.group(2).strip()
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return line, key.end() + 1, (f"the text after '{name}:' contains ': ' (a colon and a "
                                     "space), which YAML reads as the start of a new key; put "
                                     f"the text in quotes: {name}: \"{quoted}\"")
    if key:
        above = next((lines[n] for n in range(line - 2, -1, -1) if lines[n].strip()
                      and not lines[n].lstrip().startswith("#")), "")
        indent = len(text) - len(text.lstrip(" "))
        above_indent = len(above) - len(above.lstrip(" "))
        if indent > above_indent and _KEY.match(above):
            name, other = key.group(2).strip(), _KEY.match(above).group(2).strip()  # type: ignore[union-attr]
            return line, indent + 1, (
                f"'{name}:' is indented by {indent} spaces, more than '{other}:' above it "
                f"({above_indent}), so YAML reads it as more of that line's text; line the "
                f"keys of one mapping up at the same indentation")
    return None
