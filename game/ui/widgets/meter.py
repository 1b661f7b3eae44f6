"""A labelled 0-100 bar that eases toward its new value when the runtime changes it."""

from __future__ import annotations

import pygame

from game.ui.look import Look
from game.ui.textcache import Digits, digits, render_block

#: Seconds to close most of the gap to a new value (skipped with reduced motion).
EASE_SECONDS = 0.6


class Meter:
    def __init__(self, label: str, value: float) -> None:
        self.label = label
        self.shown = float(value)
        self.target = float(value)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.flash = 0.0  # seconds left of the change highlight
        self.rising = True
        self._label_img: pygame.Surface | None = None
        self._digits: Digits | None = None
        self.need = (0, 0)

    def set(self, value: float, reduced_motion: bool) -> None:
        if round(value) != round(self.target):
            self.rising = value > self.target
            self.flash = 0.0 if reduced_motion else 1.0
        self.target = float(value)
        if reduced_motion:
            self.shown = self.target

    @property
    def animating(self) -> bool:
        return abs(self.shown - self.target) > 0.05 or self.flash > 0

    def layout(self, look: Look, x: int, y: int, width: int) -> int:
        font = look.book.font("small")
        self._digits = digits(look.book.font("small", bold=True), look.pal.text)
        room = width - self._digits.width("100") - look.pad // 2
        self._label_img = render_block(font, self.label, room, look.pal.muted)  # wraps, never cut
        bar_h = max(6, look.book.body_px // 2)
        height = self._label_img.get_height() + bar_h + look.pad // 2
        self.rect = pygame.Rect(x, y, width, height)
        self._bar_h = bar_h
        # what the label and the widest number need side by side (the layout check)
        self.need = (self._label_img.get_width() + self._digits.width("100") + look.pad // 2,
                     height)
        return height

    def update(self, dt: float) -> None:
        gap = self.target - self.shown
        if abs(gap) <= 0.05:
            self.shown = self.target
        else:
            # exponential ease: frame-rate independent, settles in about EASE_SECONDS
            self.shown += gap * min(1.0, dt * 5 / EASE_SECONDS)
        self.flash = max(0.0, self.flash - dt)

    def _bar(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.bottom - self._bar_h, self.rect.width,
                           self._bar_h)

    def draw_static(self, surface: pygame.Surface, look: Look) -> None:
        """Label and empty track: drawn once into the screen's background layer."""
        if self._label_img is None:
            return
        surface.blit(self._label_img, self.rect.topleft)
        pygame.draw.rect(surface, look.pal.meter_track, self._bar(),
                         border_radius=self._bar_h // 2)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        """The moving parts: the fill and the number."""
        if self._digits is None:
            return
        self._digits.draw(surface, str(round(self.shown)), (self.rect.right, self.rect.y),
                          align="right")
        fill = self._bar()
        fill.width = round(fill.width * max(0.0, min(self.shown, 100.0)) / 100)
        colour = look.pal.meter_fill
        if self.flash > 0:
            colour = look.pal.good if self.rising else look.pal.bad
        if fill.width > 0:
            pygame.draw.rect(surface, colour, fill, border_radius=self._bar_h // 2)
