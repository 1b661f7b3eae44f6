"""Tokens of the condition language.

Deliberately small: numbers without exponents, quoted strings without escapes
other than the quote itself and backslash, identifiers, and the operators the
grammar uses. Anything else is refused with a message that says what to write
instead, at the offending character.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LENGTH = 500  # a condition is one line of logic, not a program
MAX_NUMBER_DIGITS = 12

# Only ASCII digits are numbers: str.isdigit() (and int()) accept Arabic-Indic,
# full-width and mathematical digits, which would read as numbers nobody sees typed.
_DIGITS = frozenset("0123456789")

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
_TWO_CHAR = ("==", "!=", "<=", ">=")
_ONE_CHAR = "()[],.<>+-*/"
# Common habits from other languages, refused with the spelling this one uses.
_HINTS = {
    "**": "'**': powers are not supported",
    "&&": "'&&': write 'and'",
    "||": "'||': write 'or'",
    "=": "'=': write '==' to compare",
    "!": "'!': write 'not'",
    "&": "'&': write 'and'",
    "|": "'|': write 'or'",
    "`": "'`': put text between ' or \"",
    ";": "';': a condition is a single expression",
}


class ConditionError(ValueError):
    """A condition that does not compile: ``message`` says why, ``offset`` where
    (0-based character index into the source)."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(f"{message} (at character {offset + 1})")
        self.message = message
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "num", "str", "name", "op", "kw", "end"
    value: str | float
    offset: int


def tokenize(source: str) -> list[Token]:
    if len(source) > MAX_LENGTH:
        raise ConditionError(
            f"condition is {len(source)} characters long; the limit is {MAX_LENGTH}", MAX_LENGTH)
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch.isspace():
            i += 1
        elif ch in _DIGITS or (ch == "." and i + 1 < n and source[i + 1] in _DIGITS):
            i = _number(source, i, tokens)
        elif ch in "'\"":
            i = _string(source, i, tokens)
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            i = _name(source, i, tokens)
        elif source.startswith(_TWO_CHAR, i) and source[i:i + 2] in _TWO_CHAR:
            tokens.append(Token("op", source[i:i + 2], i))
            i += 2
        elif source[i:i + 2] in _HINTS:
            raise ConditionError(_HINTS[source[i:i + 2]], i)
        elif ch in _ONE_CHAR:
            tokens.append(Token("op", ch, i))
            i += 1
        elif ch in _HINTS:
            raise ConditionError(_HINTS[ch], i)
        else:
            raise ConditionError(f"'{ch}' is not part of the condition language", i)
    tokens.append(Token("end", "", n))
    return tokens


def _number(source: str, start: int, tokens: list[Token]) -> int:
    i = start
    while i < len(source) and (source[i] in _DIGITS or source[i] == "."):
        i += 1
    text = source[start:i]
    if i < len(source) and (source[i].isalnum() or source[i] == "_"):  # also '١' after '1'
        raise ConditionError(f"a number cannot run into letters: {source[start:i + 1]!r}", start)
    if text.count(".") > 1 or text.endswith("."):
        raise ConditionError(f"malformed number {text!r}", start)
    if len(text.replace(".", "")) > MAX_NUMBER_DIGITS:
        raise ConditionError(f"number {text!r} has more than {MAX_NUMBER_DIGITS} digits", start)
    tokens.append(Token("num", float(text) if "." in text else int(text), start))
    return i


def _string(source: str, start: int, tokens: list[Token]) -> int:
    quote = source[start]
    chars: list[str] = []
    i = start + 1
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source) and source[i + 1] in (quote, "\\"):
            chars.append(source[i + 1])
            i += 2
        elif ch == quote:
            tokens.append(Token("str", "".join(chars), start))
            return i + 1
        else:
            chars.append(ch)
            i += 1
    raise ConditionError(f"text starting with {quote} is never closed", start)


def _name(source: str, start: int, tokens: list[Token]) -> int:
    i = start
    while i < len(source) and source[i].isascii() and (source[i].isalnum() or source[i] == "_"):
        i += 1
    word = source[start:i]
    if word.startswith("_"):
        raise ConditionError(f"names starting with '_' are not allowed: {word!r}", start)
    tokens.append(Token("kw" if word in KEYWORDS else "name", word, start))
    return i
