"""The countdown bar of a timed node: shrinks, turns amber then red, shows seconds left."""

from __future__ import annotations

import math

import pygame

from game.ui.look import Look
from game.ui.textcache import Digits, digits, render_block


class Countdown:
    def __init__(self, label: str) -> None:
        self.label = label
        self.limit: float | None = None
        self.left = 0.0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._label_img: pygame.Surface | None = None
        self._digits: Digits | None = None
        self.need = (0, 0)

    def start(self, limit: float | None) -> None:
        self.limit = limit
        self.left = limit or 0.0

    def set_left(self, seconds: float) -> None:
        self.left = max(0.0, seconds)

    def layout(self, look: Look, x: int, y: int, width: int) -> int:
        self._digits = digits(look.book.font("small", bold=True), look.pal.text)
        room = width - self._digits.width("000") - look.pad
        self._label_img = render_block(look.book.font("small"), self.label, room,
                                       look.pal.muted)
        height = max(self._label_img.get_height(), self._digits.height) + \
            max(6, look.book.body_px // 3) + 4
        self.rect = pygame.Rect(x, y, width, height)
        self.need = (self._label_img.get_width() + self._digits.width("000") + look.pad,
                     height)
        return height

    def draw_static(self, surface: pygame.Surface, look: Look) -> None:
        if self.limit and self._label_img is not None:
            surface.blit(self._label_img, self.rect.topleft)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        if not self.limit or self._label_img is None or self._digits is None:
            return
        pal = look.pal
        self._digits.draw(surface, f"{math.ceil(self.left)}", (self.rect.right, self.rect.y),
                          align="right")
        bar_h = max(6, look.book.body_px // 3)
        bar = pygame.Rect(self.rect.x, self.rect.bottom - bar_h, self.rect.width, bar_h)
        pygame.draw.rect(surface, pal.meter_track, bar)
        share = self.left / self.limit
        colour = pal.meter_fill if share > 0.5 else pal.warn if share > 0.2 else pal.bad
        fill = bar.copy()
        fill.width = round(bar.width * share)
        if fill.width:
            pygame.draw.rect(surface, colour, fill)
