"""The bundled fonts, sized for the window and the player's text-size setting.

Noto Sans (OFL) is the default; OpenDyslexic (CC-BY-3.0 / Bitstream) is the
dyslexia-friendly option. Both cover every Italian and Polish letter.
``pygame.freetype`` is used because it reports missing glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pygame.freetype

from game.core.resources import assets_dir

FONT_DIR = assets_dir() / "fonts"  # inside the package when installed
REGULAR = FONT_DIR / "NotoSans-Regular.ttf"
BOLD = FONT_DIR / "NotoSans-Bold.ttf"
DYSLEXIC = FONT_DIR / "OpenDyslexic-Regular.otf"
DYSLEXIC_BOLD = FONT_DIR / "OpenDyslexic-Bold.otf"
EMOJI = FONT_DIR / "NotoEmoji-Regular.ttf"  # fallback for what the text fonts lack

#: Relative sizes of the text roles, times the body size.
ROLES: dict[str, float] = {"small": 0.8, "body": 1.0, "heading": 1.3, "title": 1.9, "huge": 3.0}


def font_paths(dyslexic: bool) -> tuple[Path, Path]:
    return (DYSLEXIC, DYSLEXIC_BOLD) if dyslexic else (REGULAR, BOLD)


@cache
def _load(path: str, size: int) -> pygame.freetype.Font:
    if not pygame.freetype.get_init():
        pygame.freetype.init()
    font = pygame.freetype.Font(path, size)
    font.pad = True  # consistent line boxes: descenders never touch the next line
    return font


def fallback(font: pygame.freetype.Font) -> pygame.freetype.Font:
    """The emoji font at the same size, for characters ``font`` has no glyph for."""
    return _load(str(EMOJI), int(font.size))


_COVERED: dict[str, dict[str, bool]] = {}  # font file -> char -> has a glyph


def missing_glyphs(font: pygame.freetype.Font, text: str) -> frozenset[str]:
    """Characters of ``text`` that ``font`` cannot draw (freetype reports None).

    Asking freetype costs about as much as rendering, so the answer is kept per font
    file and character: after the first node almost every character is known.
    """
    known = _COVERED.setdefault(font.path, {})
    new = [c for c in set(text) if c not in known]
    if new:
        for char, metrics in zip(new, font.get_metrics("".join(new)), strict=False):
            known[char] = metrics is not None or char.isspace()
    return frozenset(c for c in set(text) if not known.get(c, True))


_ADVANCES: dict[tuple[str, float], dict[str, float]] = {}


def text_width(font: pygame.freetype.Font, text: str) -> int:
    """Width of one line, summed from per-character advances cached per font and size.

    Word wrapping measures hundreds of candidate lines per node; freetype's
    ``get_rect`` lays each one out again (milliseconds on a cold cache), while the
    advances of the ~100 characters a language uses are looked up once. Kerning is
    off in pygame.freetype by default, so the sum is the rendered width.
    """
    table = _ADVANCES.setdefault((font.path, float(font.size)), {})
    new = [c for c in set(text) if c not in table]
    if new:
        for char, metrics in zip(new, font.get_metrics("".join(new)), strict=False):
            table[char] = metrics[4] if metrics is not None else 0.0
    return int(sum(table[c] for c in text) + 0.999)


#: Body text in pixels at 100 %. Text size is the player's choice alone: a bigger
#: window shows more of the conversation, not bigger letters (and a small one reflows).
BODY_PX = 20


def body_size(text_scale: float) -> int:
    """Body text in pixels: ``BODY_PX`` times the text-size setting."""
    return max(12, round(BODY_PX * text_scale))


@dataclass(frozen=True)
class FontBook:
    """Fonts for one window size and one set of text settings."""

    body_px: int
    dyslexic: bool = False

    @classmethod
    def for_scale(cls, text_scale: float, dyslexic: bool) -> FontBook:
        # OpenDyslexic's letters are wide; a slightly smaller size keeps lines comparable.
        size = body_size(text_scale)
        return cls(round(size * 0.9) if dyslexic else size, dyslexic)

    def font(self, role: str = "body", bold: bool = False) -> pygame.freetype.Font:
        regular, heavy = font_paths(self.dyslexic)
        path = heavy if bold else regular
        return _load(str(path), max(8, round(self.body_px * ROLES[role])))

    def line_height(self, role: str = "body") -> int:
        return line_step(self.font(role))


#: Tallest and deepest letters the three languages use: their box sets the line height.
EXTENT_SAMPLE = "ÀÉŻĄĘÓŚjgpqy|"
_EXTENTS: dict[tuple[str, float], tuple[int, int]] = {}


def extent(font: pygame.freetype.Font) -> tuple[int, int]:
    """(ascent above the baseline, total height) of the sample letters, cached."""
    key = (font.path, float(font.size))
    if key not in _EXTENTS:
        rect = font.get_rect(EXTENT_SAMPLE)
        _EXTENTS[key] = (rect.y, rect.height)
    return _EXTENTS[key]


def line_step(font: pygame.freetype.Font) -> int:
    """Distance between baselines: 1.15 x the height of the tallest letters in use.

    Not the font's declared ascender/descender: OpenDyslexic's are so large that
    its paragraphs would look double-spaced."""
    return round(extent(font)[1] * 1.15)
