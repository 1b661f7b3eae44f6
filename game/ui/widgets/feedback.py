"""Practice mode's feedback after each answer: what it did and which traits it showed."""

from __future__ import annotations

import pygame

from game.ui.look import Look
from game.ui.textcache import render_block
from game.ui.widgets.scrollpane import ScrollPane


class FeedbackPanel:
    def __init__(self, heading: str, lines: list[str], traits: list[tuple[str, bool]],
                 traits_label) -> None:
        self.heading = heading
        self.lines = lines
        self.traits = traits  # (trait name, good?) in the order shown
        self.traits_label = traits_label  # callable: names -> "Traits shown: ..."
        self.pane = ScrollPane()
        self.rect = pygame.Rect(0, 0, 0, 0)

    def measure(self, look: Look, width: int) -> int:
        return sum(img.get_height() + look.pad // 2 for img in self._images(look, width)) \
            + look.pad * 2

    def _images(self, look: Look, width: int) -> list[pygame.Surface]:
        pal, inner = look.pal, width - look.pad * 2 - 8
        images = [render_block(look.book.font("body", True), self.heading, inner, pal.accent)]
        images += [render_block(look.book.font("body"), s, inner, pal.text) for s in self.lines]
        if self.traits:
            good = [n for n, ok in self.traits if ok]
            bad = [n for n, ok in self.traits if not ok]
            if good:
                images.append(render_block(look.book.font("small", True),
                                           self.traits_label(good), inner, pal.good))
            if bad:
                images.append(render_block(look.book.font("small", True),
                                           self.traits_label(bad), inner, pal.bad))
        return images

    def layout(self, look: Look, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        inner = self.rect.inflate(-look.pad * 2, -look.pad * 2)
        self.pane.layout(inner, look.pad // 2)
        self.pane.clear()
        for img in self._images(look, rect.width):
            self.pane.add(img, follow=False)

    def record(self, boxes, view: str) -> None:
        """Each text of the panel where it sits (scrolled to the top)."""
        y = self.pane.rect.y
        for i, (img, indent) in enumerate(self.pane.entries):
            boxes.add(f"feedback.{i}", pygame.Rect((self.pane.rect.x + indent, y),
                                                   img.get_size()), img, view)
            y += img.get_height() + self.pane.gap

    def process_event(self, event: pygame.event.Event) -> bool:
        return self.pane.process_event(event)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        pygame.draw.rect(surface, look.pal.panel, self.rect, border_radius=look.radius)
        pygame.draw.rect(surface, look.pal.accent, self.rect, 2, border_radius=look.radius)
        self.pane.draw(surface, look)
