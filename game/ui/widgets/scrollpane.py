"""A vertical list of pre-rendered surfaces in a viewport: long text scrolls, never clips.

Entries are rendered once by their owner (transcript lines, debrief rows) and only
blitted here. The wheel, PageUp/PageDown and Home/End scroll; new entries scroll
the pane to the bottom so the latest line is always in view.
"""

from __future__ import annotations

import pygame

from game.ui import pointer
from game.ui.look import Look


class ScrollPane:
    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.entries: list[tuple[pygame.Surface, int]] = []  # (surface, x indent)
        self.gap = 8
        self.offset = 0
        self._height = 0
        self.keys = True  # PageUp/PageDown reach this pane

    def layout(self, rect: pygame.Rect, gap: int) -> None:
        self.rect = pygame.Rect(rect)
        self.gap = gap
        self._clamp()

    def clear(self) -> None:
        self.entries = []
        self._height = 0
        self.offset = 0

    def add(self, surface: pygame.Surface, indent: int = 0, follow: bool = True) -> None:
        self.entries.append((surface, indent))
        self._height += surface.get_height() + (self.gap if len(self.entries) > 1 else 0)
        if follow:
            self.scroll_to_end()

    @property
    def content_height(self) -> int:
        return self._height

    @property
    def max_offset(self) -> int:
        return max(0, self._height - self.rect.height)

    def scroll_to_end(self) -> None:
        self.offset = self.max_offset

    def scroll(self, pixels: int) -> None:
        self.offset += pixels
        self._clamp()

    def _clamp(self) -> None:
        self.offset = max(0, min(self.offset, self.max_offset))

    def process_event(self, event: pygame.event.Event) -> bool:
        """True when the event scrolled the pane."""
        step = max(24, self.rect.height // 8)
        if event.type == pygame.MOUSEWHEEL:
            if self.rect.collidepoint(pointer.pos()) and self.max_offset:
                self.scroll(-event.y * step)
                return True
        elif event.type == pygame.KEYDOWN and self.keys:
            moves = {pygame.K_PAGEUP: -self.rect.height * 3 // 4,
                     pygame.K_PAGEDOWN: self.rect.height * 3 // 4,
                     pygame.K_HOME: -self._height, pygame.K_END: self._height}
            if event.key in moves:
                self.scroll(moves[event.key])
                return True
        return False

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip) if clip else self.rect)
        y = self.rect.y - self.offset
        for img, indent in self.entries:
            h = img.get_height()
            # an entry cut at the top edge is left out (it would read as hidden under
            # whatever is above the pane); one cut at the bottom shows there is more
            whole_top = y >= self.rect.y or h > self.rect.height
            if whole_top and y + h >= self.rect.y and y <= self.rect.bottom:
                surface.blit(img, (self.rect.x + indent, y))
            y += h + self.gap
        surface.set_clip(clip)
        if self.max_offset:
            self._draw_bar(surface, look)

    def _draw_bar(self, surface: pygame.Surface, look: Look) -> None:
        track = pygame.Rect(self.rect.right + 2, self.rect.y, 5, self.rect.height)
        pygame.draw.rect(surface, look.pal.meter_track, track, border_radius=2)
        share = self.rect.height / self._height
        thumb_h = max(20, round(track.height * share))
        thumb_y = track.y + round((track.height - thumb_h) * self.offset / self.max_offset)
        pygame.draw.rect(surface, look.pal.accent, (track.x, thumb_y, 5, thumb_h),
                         border_radius=2)
