"""The answers of a node as numbered buttons (mouse, keys 1-9, arrows + Enter).

When the answers are taller than their area (long texts, 200 % text size) the
list scrolls inside its area; buttons are never squeezed or clipped.
"""

from __future__ import annotations

import pygame

from game.ui import pointer
from game.ui.look import Look
from game.ui.widgets.button import Button
from game.ui.widgets.column import Column
from game.ui.widgets.focus import FocusRing


class ChoiceList:
    def __init__(self) -> None:
        self.buttons: list[Button] = []
        self.ring = FocusRing(numbers=True)
        self.column = Column()
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._look: Look | None = None

    def set(self, labels: list[str], actions: list[str] | None = None) -> None:
        actions = actions or [str(i) for i in range(len(labels))]
        self.buttons = [Button(label, action, hint=str(i + 1) if i < 9 else "")
                        for i, (label, action) in enumerate(zip(labels, actions, strict=True))]
        self.ring.set(self.buttons)
        # a new question never starts with an answer focused: Enter alone picks nothing
        # until an arrow, Tab or a number key says which (see INPUT_GUARD too)
        self.ring.index = 0
        self.ring.keyboard_used = False
        self.column.scroll = 0

    def measure(self, look: Look, width: int) -> int:
        """Total height the buttons want at ``width``."""
        total = 0
        for b in self.buttons:
            total += b.layout(look, 0, 0, width) + look.pad // 2
        return max(0, total - look.pad // 2)

    def layout(self, look: Look, rect: pygame.Rect) -> None:
        self._look = look
        self.rect = pygame.Rect(rect)
        self._place()

    def _place(self) -> None:
        look = self._look
        if look is None:
            return
        y = self.column.start(self.rect.y)
        for b in self.buttons:
            y += b.layout(look, self.rect.x, y, self.rect.width - 10) + look.pad // 2
        self.column.finish(y - look.pad // 2 - self.rect.y, self.rect.height)
        if self.column.scroll:  # re-place with the clamped scroll
            y = self.column.start(self.rect.y)
            for b in self.buttons:
                b.rect.y = y
                y += b.rect.height + look.pad // 2

    def process_event(self, event: pygame.event.Event) -> int | None:
        """The index of the button pressed, if this event pressed one."""
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pointer.pos()):
            if self.column.process_event(event):
                self._place()
            return None
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and \
                not self.rect.collidepoint(event.pos):
            return None
        pressed = self.ring.process_event(event)
        if self.ring.focused is not None and self._reveal(self.ring.focused.rect):
            self._place()
        return None if pressed is None else self.buttons.index(pressed)

    def _reveal(self, rect: pygame.Rect) -> bool:
        local = rect.move(0, -self.rect.y)
        return self.column.reveal(local)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        focused = self.ring.focused
        for b in self.buttons:
            if b.rect.bottom >= self.rect.top and b.rect.top <= self.rect.bottom:
                b.draw(surface, look, focused is b)
        surface.set_clip(clip)
        if self.column.max_scroll:
            track = pygame.Rect(self.rect.right - 6, self.rect.y, 5, self.rect.height)
            pygame.draw.rect(surface, look.pal.meter_track, track, border_radius=2)
            thumb_h = max(20, track.height * self.rect.height // self.column.content_height)
            thumb_y = track.y + (track.height - thumb_h) * self.column.scroll \
                // self.column.max_scroll
            pygame.draw.rect(surface, look.pal.accent, (track.x, thumb_y, 5, thumb_h),
                             border_radius=2)
