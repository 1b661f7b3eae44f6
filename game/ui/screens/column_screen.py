"""A screen of stacked text and buttons in one scrolling column (start, picker, settings)."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.textcache import render_block
from game.ui.widgets.button import Button
from game.ui.widgets.column import Column
from game.ui.widgets.focus import FocusRing


class ColumnScreen(Screen):
    """Subclasses place their content in ``_place`` and react to buttons in ``on_press``."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.ring = FocusRing()
        self.column = Column()
        self.texts: list[tuple[pygame.Surface, tuple[int, int]]] = []

    def _place(self, size: tuple[int, int]) -> None:
        raise NotImplementedError

    def relayout(self) -> None:
        self._place(self.app.window.get_size())

    def stack_text(self, text: str, x: int, y: int, width: int, *, role: str = "body",
                   colour=None, bold: bool = False, gap: int | None = None) -> int:
        """Render ``text`` at (x, y) wrapped to ``width``; returns the y below it."""
        look = self.look
        img = render_block(look.book.font(role, bold), text, width,
                           look.pal.text if colour is None else colour)
        self.texts.append((img, (x, y)))
        return y + img.get_height() + (look.pad // 2 if gap is None else gap)

    def on_press(self, button: Button) -> None:
        """A button of the focus ring was pressed (click, Enter or Space)."""

    def process_event(self, event: pygame.event.Event) -> None:
        if self.column.process_event(event):
            self.relayout()
            return
        pressed = self.ring.process_event(event)
        if pressed is not None:
            self.on_press(pressed)
        elif self.ring.focused is not None and self.column.reveal(self.ring.focused.rect):
            self.relayout()

    def draw(self, surface: pygame.Surface) -> None:
        self.column.draw_bar(surface, self.look)
        for img, pos in self.texts:
            surface.blit(img, pos)
        focused = self.ring.focused
        height = surface.get_height()
        for button in self.ring.buttons:
            if button.rect.bottom >= 0 and button.rect.top <= height:
                button.draw(surface, self.look, focused is button)
