"""What a trainee id, a reviewer's name or a reason may contain, checked where typed.

Names end up in terminal tables, spreadsheets, web pages and an LRS; control
characters, escape sequences and bidi overrides in them are how output gets forged.
They are refused at entry with one clear line (and every renderer still shows any
that are already in a log escaped: see ``game.reports.safe``).
"""

from __future__ import annotations

import unicodedata

from game.core.errors import UsageError

TRAINEE_MAX = 64


def bad_character(text: str) -> str | None:
    """The first control, format (bidi, zero-width) or separator character, or None."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return char
    return None


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def check_text(what: str, text: str, limit: int) -> str:
    """``text`` unchanged, or UsageError naming what is wrong with it."""
    if len(text) > limit:
        raise UsageError(f"{what}: at most {limit} characters, got {len(text)}")
    char = bad_character(text)
    if char is not None:
        raise UsageError(f"{what}: contains the invisible or control character "
                         f"{_describe(char)}; type it without")
    return text


def check_trainee(text: str, what: str = "trainee") -> str:
    """A trainee id as typed: 1-64 visible characters, no surrounding spaces."""
    if not text.strip():
        raise UsageError(f"{what}: enter a name or id")
    if text != text.strip():
        raise UsageError(f"{what}: no spaces at the start or end, got {text!r}")
    return check_text(what, text, TRAINEE_MAX)


def trainee_problem(text: str) -> str:
    """'' for a good trainee id, else the one line to show where it was typed."""
    try:
        check_trainee(text, "name or ID")
    except UsageError as err:
        return str(err)
    return ""
