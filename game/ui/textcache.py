"""Render wrapped text once and reuse the surface: frames only blit.

Rendering Noto Sans costs milliseconds per paragraph, so every widget asks this
module for a surface keyed by (text, width, font, colour) and keeps it until the
node, the window size or a text setting changes.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Iterator

import pygame
import pygame.freetype

from game.ui.fonts import extent, fallback, line_step, missing_glyphs, text_width
from game.ui.textlayout import ellipsize, wrap

_CACHE: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_LIMIT = 768
_DIGITS: dict[tuple, Digits] = {}

#: Layout checks measure with the real fonts but skip drawing the glyphs: surfaces come
#: back blank, at the size the text would take (see ``game.ui.boxes``).
MEASURE_ONLY = False
#: Texts that had to be cut with an ellipsis to fit (a layout check counts them as clipped).
CUTS: list[tuple[str, int]] = []
_WAS_CUT: set[tuple] = set()


@contextlib.contextmanager
def measuring() -> Iterator[None]:
    """Lay out without drawing text: every size is real, every surface blank."""
    global MEASURE_ONLY
    before, MEASURE_ONLY = MEASURE_ONLY, True
    try:
        yield
    finally:
        MEASURE_ONLY = before


def runs(font: pygame.freetype.Font, text: str,
         missing: frozenset[str]) -> list[tuple[str, pygame.freetype.Font]]:
    """``text`` cut into pieces drawn by ``font`` or, for its missing glyphs, the fallback."""
    if not missing:
        return [(text, font)]
    other = fallback(font)
    out: list[tuple[str, pygame.freetype.Font]] = []
    for char in text:
        use = other if char in missing else font
        if out and out[-1][1] is use:
            out[-1] = (out[-1][0] + char, use)
        else:
            out.append((char, use))
    return out


def measure_with(font: pygame.freetype.Font, missing: frozenset[str] = frozenset()):
    """The measuring function ``textlayout.wrap`` needs, for one font."""
    if not missing:
        return lambda s: text_width(font, s)
    return lambda s: sum(text_width(f, piece) for piece, f in runs(font, s, missing))


def draw_text(surface: pygame.Surface, pos: tuple[int, int], font: pygame.freetype.Font,
              text: str, colour, missing: frozenset[str] = frozenset()) -> int:
    """Draw one line straight onto ``surface`` with its baseline at ``pos[1]``; its width."""
    x, baseline = pos
    if MEASURE_ONLY:
        return measure_with(font, missing)(text)
    for piece, f in runs(font, text, missing):
        f.origin = True  # position the baseline, so mixed fonts line up
        try:
            f.render_to(surface, (x, baseline), piece, colour)
        finally:
            f.origin = False
        x += text_width(f, piece)
    return x - pos[0]


def baseline_in(font: pygame.freetype.Font, step: int) -> int:
    """Where the baseline sits inside a line of height ``step``, text centred."""
    ascent, height = extent(font)
    return round(ascent + (step - height) / 2)


def render_text(font: pygame.freetype.Font, text: str, colour,
                missing: frozenset[str] = frozenset()) -> pygame.Surface:
    """One line as its own surface, emoji and other missing glyphs from the fallback."""
    pieces = runs(font, text, missing)
    width = sum(text_width(f, piece) for piece, f in pieces)
    step = line_step(font)
    line = pygame.Surface((max(width, 1), step), pygame.SRCALPHA)
    draw_text(line, (0, baseline_in(font, step)), font, text, colour, missing)
    return line


def line_height(font: pygame.freetype.Font) -> int:
    return line_step(font)


def _remember(key: tuple, surface: pygame.Surface) -> pygame.Surface:
    _CACHE[key] = surface
    if len(_CACHE) > _LIMIT:
        _CACHE.popitem(last=False)
    return surface


def render_block(font: pygame.freetype.Font, text: str, width: int, colour,
                 align: str = "left") -> pygame.Surface:
    """``text`` wrapped to ``width`` as one transparent surface (cached)."""
    key = ("block", font.path, font.size, text, width, tuple(colour), align, MEASURE_ONLY)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    missing = missing_glyphs(font, text)
    lines = wrap(text, max(width, 1), measure_with(font, missing))
    step = line_height(font)
    surface = pygame.Surface((max(width, 1), max(step * len(lines), 1)), pygame.SRCALPHA)
    measure = measure_with(font, missing)
    baseline = baseline_in(font, step)
    for row, line in enumerate(lines):
        if not line:
            continue
        x = 0 if align == "left" else width - measure(line)
        if align == "center":
            x //= 2
        draw_text(surface, (x, row * step + baseline), font, line, colour, missing)
    return _remember(key, surface)


def render_line(font: pygame.freetype.Font, text: str, colour,
                max_width: int | None = None) -> pygame.Surface:
    """One line (cut with an ellipsis past ``max_width``; used for short labels only)."""
    key = ("line", font.path, font.size, text, max_width, tuple(colour), MEASURE_ONLY)
    hit = _CACHE.get(key)
    if hit is not None:
        if key in _WAS_CUT:
            CUTS.append((text, max_width or 0))
        return hit
    missing = missing_glyphs(font, text)
    if max_width is not None:
        cut = ellipsize(text, max_width, measure_with(font, missing))
        if cut != text:
            CUTS.append((text, max_width))
            _WAS_CUT.add(key)
        text = cut
    return _remember(key, render_text(font, text or " ", colour, missing))


def clear() -> None:
    """Forget every surface (after a font or theme change)."""
    _CACHE.clear()
    _DIGITS.clear()


def digits(font: pygame.freetype.Font, colour) -> Digits:
    """Pre-rendered digits for one font and colour (shared by every counter using them)."""
    key = (font.path, font.size, tuple(colour))
    found = _DIGITS.get(key)
    if found is None:
        found = _DIGITS[key] = Digits(font, colour)
    return found


class Digits:
    """Numbers drawn from pre-rendered glyphs: live counters change every frame."""

    CHARS = "0123456789:.,%+- "

    def __init__(self, font: pygame.freetype.Font, colour) -> None:
        self.glyphs = {c: font.render(c, colour)[0] for c in self.CHARS}
        self.height = max(g.get_height() for g in self.glyphs.values())

    def width(self, text: str) -> int:
        return sum(self.glyphs[c].get_width() for c in text if c in self.glyphs)

    def draw(self, surface: pygame.Surface, text: str, pos: tuple[int, int],
             align: str = "left") -> None:
        x, y = pos
        if align == "right":
            x -= self.width(text)
        elif align == "center":
            x -= self.width(text) // 2
        for c in text:
            glyph = self.glyphs.get(c)
            if glyph is not None:
                surface.blit(glyph, (x, y + self.height - glyph.get_height()))
                x += glyph.get_width()
