"""Word wrapping as a pure function: the caller injects how wide a string is.

Kept free of pygame so it can be tested with a fake measure (one unit per
character) and reused by any renderer. A word wider than the whole line is split
between characters, so text is re-wrapped at any width and never clipped.

``measure`` must be additive (the width of ``a + b`` is the width of ``a`` plus that
of ``b``), as summed glyph advances without kerning are: lines are then measured
word by word instead of re-measuring every growing candidate line.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """Lines of ``text`` each no wider than ``width``; hard newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
    return lines


def _wrap_paragraph(paragraph: str, width: float, measure: Measure) -> list[str]:
    # Break at plain spaces only: a no-break space (U+00A0, U+202F) holds its words
    # together, so a Polish "w" or "z" never ends a line.
    words = [w for w in paragraph.replace("\t", " ").split(" ") if w]
    if not words:
        return [""]
    lines: list[str] = []
    current, current_w = "", 0.0
    space = measure(" ")
    for word in words:
        word_w = measure(word)
        if current and current_w + space + word_w <= width:
            current, current_w = f"{current} {word}", current_w + space + word_w
            continue
        if not current and word_w <= width:
            current, current_w = word, word_w
            continue
        if current:
            lines.append(current)
        pieces = _split_long_word(word, width, measure)
        lines.extend(pieces[:-1])
        current, current_w = pieces[-1], measure(pieces[-1])
    lines.append(current)
    return lines


def _split_long_word(word: str, width: float, measure: Measure) -> list[str]:
    """A word that does not fit on a line is cut into pieces that do (at least 1 char)."""
    if measure(word) <= width:
        return [word]
    pieces: list[str] = []
    piece = ""
    for char in word:
        if piece and measure(piece + char) > width:
            pieces.append(piece)
            piece = char
        else:
            piece += char
    pieces.append(piece)
    return pieces


def ellipsize(text: str, width: float, measure: Measure, mark: str = "…") -> str:
    """``text`` cut to fit ``width`` with a trailing mark (for one-line labels only)."""
    if measure(text) <= width:
        return text
    while text and measure(text + mark) > width:
        text = text[:-1]
    return text.rstrip() + mark
