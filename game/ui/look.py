"""What every widget needs to draw: fonts, palette, motion preference, spacing."""

from __future__ import annotations

from dataclasses import dataclass

from game.ui.fonts import FontBook
from game.ui.settings import Settings
from game.ui.theme import Palette, palette


@dataclass(frozen=True)
class Look:
    book: FontBook
    pal: Palette
    reduced_motion: bool
    size: tuple[int, int]

    @classmethod
    def make(cls, size: tuple[int, int], settings: Settings) -> Look:
        # The text size depends on the setting only; screens reflow to the window.
        book = FontBook.for_scale(settings.text_scale / 100, settings.dyslexic_font)
        return cls(book, palette(settings.high_contrast), settings.reduced_motion, size)

    @property
    def pad(self) -> int:
        """The standard gap between elements, proportional to the text size."""
        return max(6, self.book.body_px // 2)

    @property
    def radius(self) -> int:
        return max(4, self.book.body_px // 3)
