"""The client panel beside the conversation: portrait, who they are, and the meters."""

from __future__ import annotations

import pygame

from game.ui.look import Look
from game.ui.textcache import render_block
from game.ui.widgets.meter import Meter
from game.ui.widgets.portrait import Portrait

METERS = ("trust", "commitment", "mood", "reputation")


class Sidebar:
    def __init__(self, name: str, about: list[str], meters: dict[str, float], labels,
                 big_portrait: bool = False) -> None:
        self.name = name
        self.about = about  # role, company, temperament
        self.portrait = Portrait(name, meters.get("mood", 50.0))
        self.meters = {m: Meter(labels(m), meters.get(m, 0.0)) for m in METERS}
        self.big_portrait = big_portrait  # in-person meetings show the face larger
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._texts: list[tuple[pygame.Surface, tuple[int, int]]] = []

    def layout(self, look: Look, rect: pygame.Rect) -> None:
        """Meters and name always fit; the portrait shrinks, then the details go (last
        first: temperament, company, role) until everything fits the window height."""
        self.rect = pygame.Rect(rect)
        pad, pal = look.pad, look.pal
        x, width = rect.x + pad, rect.width - pad * 2
        meter_h = look.book.line_height("small") + max(6, look.book.body_px // 2) + pad
        meters_h = (meter_h + pad // 2) * len(self.meters)
        name = render_block(look.book.font("heading", True), self.name, width, pal.text)
        about = [render_block(look.book.font("small"), s, width, pal.muted) for s in self.about]
        share = 0.95 if self.big_portrait else 0.7
        while True:
            text_h = name.get_height() + sum(a.get_height() for a in about)
            room = rect.height - meters_h - text_h - pad * 4
            if room >= 64 or not about:
                break
            about.pop()
        size = min(int(width * share), room) if room >= 48 else 0
        y = rect.y + pad
        self.portrait.layout(rect.x + (rect.width - size) // 2, y, size)
        y += size + pad if size else 0
        self._texts = [(name, (x, y))]
        y += name.get_height()
        for img in about:
            self._texts.append((img, (x, y)))
            y += img.get_height()
        y += pad
        for meter in self.meters.values():
            y += meter.layout(look, x, y, width) + pad // 2

    def set_values(self, values: dict[str, float], reduced_motion: bool) -> None:
        for name, meter in self.meters.items():
            if name in values:
                meter.set(values[name], reduced_motion)

    def update(self, dt: float) -> None:
        for meter in self.meters.values():
            meter.update(dt)
        self.portrait.mood = self.meters["mood"].shown

    def draw_static(self, surface: pygame.Surface, look: Look) -> None:
        pygame.draw.rect(surface, look.pal.panel, self.rect, border_radius=look.radius)
        for img, pos in self._texts:
            surface.blit(img, pos)
        for meter in self.meters.values():
            meter.draw_static(surface, look)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        self.portrait.draw(surface, look)
        for meter in self.meters.values():
            meter.draw(surface, look)
