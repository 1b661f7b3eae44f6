"""A one-line notice at the bottom of the window that fades after a few seconds."""

from __future__ import annotations

import pygame

from game.ui.look import Look
from game.ui.textcache import render_block

SECONDS = 4.0


class Toast:
    def __init__(self) -> None:
        self.text = ""
        self.left = 0.0
        self._img: pygame.Surface | None = None

    def show(self, text: str, look: Look) -> None:
        self.text = text
        self.left = SECONDS
        width = look.size[0] * 2 // 3
        self._img = render_block(look.book.font("body"), text, width, look.pal.text, "center")

    def update(self, dt: float) -> None:
        self.left = max(0.0, self.left - dt)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        if self.left <= 0 or self._img is None:
            return
        pad = look.pad
        w, h = surface.get_size()
        box = self._img.get_rect(midbottom=(w // 2, h - pad * 2)).inflate(pad * 2, pad * 2)
        pygame.draw.rect(surface, look.pal.panel_alt, box, border_radius=look.radius)
        pygame.draw.rect(surface, look.pal.accent, box, 2, border_radius=look.radius)
        surface.blit(self._img, (box.x + pad, box.y + pad))
