"""Stacking widgets top to bottom in a centred column that scrolls when it overflows.

Screens describe their content once per layout; at 200 % text in a 1024x600 window
the column is taller than the window, and the wheel or PageUp/PageDown scroll it.
"""

from __future__ import annotations

import pygame


class Column:
    def __init__(self) -> None:
        self.scroll = 0
        self.content_height = 0
        self.view_height = 0

    def start(self, top: int) -> int:
        """The y where content begins, taking the current scroll into account."""
        return top - self.scroll

    def finish(self, bottom_y: int, view_height: int) -> None:
        """Record how tall the content was (``bottom_y`` in scrolled coordinates)."""
        self.content_height = bottom_y + self.scroll
        self.view_height = view_height
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.view_height)

    def process_event(self, event: pygame.event.Event) -> bool:
        """True when the event changed the scroll (the screen then places again)."""
        before = self.scroll
        step = max(40, self.view_height // 6)
        if event.type == pygame.MOUSEWHEEL:
            self.scroll -= event.y * step
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_PAGEDOWN:
            self.scroll += self.view_height * 3 // 4
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_PAGEUP:
            self.scroll -= self.view_height * 3 // 4
        self.scroll = max(0, min(self.scroll, self.max_scroll))
        return self.scroll != before

    def draw_bar(self, surface: pygame.Surface, look) -> None:
        """A thin scrollbar at the window's right edge while the column overflows."""
        if not self.max_scroll:
            return
        h = self.view_height
        track = pygame.Rect(surface.get_width() - 9, 4, 5, h - 8)
        pygame.draw.rect(surface, look.pal.meter_track, track, border_radius=2)
        thumb_h = max(24, track.height * h // max(self.content_height, 1))
        thumb_y = track.y + (track.height - thumb_h) * self.scroll // self.max_scroll
        pygame.draw.rect(surface, look.pal.accent, (track.x, thumb_y, 5, thumb_h),
                         border_radius=2)

    def reveal(self, rect: pygame.Rect) -> bool:
        """Scroll so a focused widget is visible; True when the scroll changed."""
        before = self.scroll
        if rect.bottom > self.view_height:
            self.scroll += rect.bottom - self.view_height + 8
        elif rect.top < 0:
            self.scroll += rect.top - 8
        self.scroll = max(0, min(self.scroll, self.max_scroll))
        return self.scroll != before


def button_row(buttons, look, x: int, y: int, width: int, center: bool = True,
               role: str = "body") -> int:
    """Lay buttons side by side in equal widths, all as tall as the tallest; the height."""
    if not buttons:
        return 0
    gap = look.pad
    each = (width - gap * (len(buttons) - 1)) // len(buttons)
    heights = [b.layout(look, x + i * (each + gap), y, each, role=role, center=center)
               for i, b in enumerate(buttons)]
    tallest = max(heights)
    for b in buttons:
        b.rect.height = tallest
    return tallest
