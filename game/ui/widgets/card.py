"""A scenario card in the picker: a button whose face is several lines of text."""

from __future__ import annotations

import pygame

from game.ui.look import Look
from game.ui.textcache import render_block
from game.ui.widgets.button import Button


class Card(Button):
    def __init__(self, title: str, lines: list[str], action: str, footer: str = "",
                 tone: str = "muted") -> None:
        super().__init__(title, action)
        self.lines = lines
        self.footer = footer
        self.tone = tone  # palette role of the footer: good (passed), bad, muted
        self._parts: list[tuple[pygame.Surface, int]] = []

    def layout(self, look: Look, x: int, y: int, width: int, role: str = "body",
               center: bool = False) -> int:
        pad, pal = look.pad, look.pal
        inner = width - pad * 2
        parts = [render_block(look.book.font("heading", bold=True), self.label, inner, pal.text)]
        parts += [render_block(look.book.font("small"), line, inner, pal.muted)
                  for line in self.lines]
        if self.footer:
            parts.append(render_block(look.book.font("small", bold=True), self.footer, inner,
                                      getattr(pal, self.tone)))
        self._parts, top = [], pad
        for img in parts:
            self._parts.append((img, top))
            top += img.get_height() + pad // 3
        self.rect = pygame.Rect(x, y, width, top + pad)
        self.need = (max(img.get_width() for img in parts) + pad * 2, self.rect.height)
        self._label_img = None
        return self.rect.height

    def draw(self, surface: pygame.Surface, look: Look, focused: bool = False,
             offset: int = 0) -> None:
        super().draw(surface, look, focused, offset)
        for img, top in self._parts:
            surface.blit(img, (self.rect.x + look.pad, self.rect.y + top - offset))
