"""A button whose label wraps to its width (never clipped), with a key hint badge."""

from __future__ import annotations

import pygame

from game.ui.look import Look
from game.ui.textcache import render_block, render_line


class Button:
    """Clicked when the mouse is pressed and released on it; keyboard goes via FocusRing."""

    def __init__(self, label: str, action: str = "", hint: str = "",
                 selected: bool = False, enabled: bool = True) -> None:
        self.label = label
        self.action = action or label
        self.hint = hint  # "1".."9" for choices, shown in a badge
        self.selected = selected
        self.enabled = enabled
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.hovered = False
        self._pressed = False
        self._label_img: pygame.Surface | None = None
        self._hint_img: pygame.Surface | None = None
        self.need = (0, 0)  # the size its text needs (the layout check)

    def layout(self, look: Look, x: int, y: int, width: int, role: str = "body",
               center: bool = False) -> int:
        """Place the button and render its label once; returns its height."""
        font = look.book.font(role)
        pad = look.pad
        hint_w = 0
        if self.hint:
            self._hint_img = render_line(look.book.font(role, bold=True), self.hint,
                                         look.pal.accent)
            hint_w = self._hint_img.get_width() + pad * 2
        text_w = max(width - hint_w - pad * 2, 20)
        colour = look.pal.button_text if self.enabled else look.pal.muted
        self._label_img = render_block(font, self.label, text_w, colour,
                                       "center" if center and not self.hint else "left")
        height = self._label_img.get_height() + pad * 2
        self.rect = pygame.Rect(x, y, width, height)
        self._hint_w = hint_w
        hint_h = self._hint_img.get_height() + pad * 2 if self._hint_img is not None else 0
        self.need = (hint_w + self._label_img.get_width() + pad * 2, max(height, hint_h))
        return height

    def process_event(self, event: pygame.event.Event) -> bool:
        """True when this event completes a click on the button."""
        if not self.enabled:
            return False
        if event.type == pygame.MOUSEMOTION:
            self.hovered = self.rect.collidepoint(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pressed = self.rect.collidepoint(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            clicked = self._pressed and self.rect.collidepoint(event.pos)
            self._pressed = False
            return clicked
        return False

    def draw(self, surface: pygame.Surface, look: Look, focused: bool = False,
             offset: int = 0) -> None:
        """Selected (the current language, mode) is a filled, accent-edged button with a
        tick; keyboard focus is a thick ring in its own colour inside the edge, so the
        two never look alike, in either theme."""
        pal = look.pal
        rect = self.rect.move(0, -offset)
        fill = pal.button_hover if self.hovered and self.enabled else pal.button
        if self.selected:
            fill = pal.panel_alt
        pygame.draw.rect(surface, fill, rect, border_radius=look.radius)
        edge = pal.accent if self.selected else pal.border
        pygame.draw.rect(surface, edge, rect, width=2 if self.selected else 1,
                         border_radius=look.radius)
        if self.selected:
            self._tick(surface, rect, look)
        if focused:
            ring = rect.inflate(-4, -4)
            pygame.draw.rect(surface, pal.focus, ring, width=3,
                             border_radius=max(2, look.radius - 2))
        pad = look.pad
        if self._hint_img is not None:
            surface.blit(self._hint_img, (rect.x + pad, rect.y + pad))
        if self._label_img is not None:
            surface.blit(self._label_img, (rect.x + self._hint_w + pad, rect.y + pad))

    @staticmethod
    def _tick(surface: pygame.Surface, rect: pygame.Rect, look: Look) -> None:
        """A check mark in the top-right corner of a selected option."""
        u = max(3, look.pad // 2)
        x, y = rect.right - u * 4, rect.y + u * 2
        pygame.draw.lines(surface, look.pal.accent, False,
                          [(x, y + u), (x + u, y + u * 2), (x + u * 3, y)], max(2, u // 2))
