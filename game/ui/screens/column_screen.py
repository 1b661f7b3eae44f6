"""A screen of stacked text and buttons in one scrolling column (start, picker, settings)."""

from __future__ import annotations

import pygame

from game.ui.boxes import Boxes
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
        self.boxes = Boxes()  # the layout model, at scroll 0 (checked by the layout test)

    def _place(self, size: tuple[int, int]) -> None:
        raise NotImplementedError

    def finish(self, bottom_y: int, size: tuple[int, int]) -> None:
        """End a placement: the column's height, and every text and button recorded."""
        self.column.finish(bottom_y, size[1])
        boxes, scroll = self.boxes, self.column.scroll
        boxes.clear()
        boxes.view("column", pygame.Rect((0, 0), size), scrolls=True, reading=True)
        for i, (img, pos) in enumerate(self.texts):
            boxes.add(f"text.{i}", pygame.Rect(pos, img.get_size()).move(0, scroll), img,
                      "column")
        for button in self.ring.buttons:
            boxes.add(f"button.{button.action}", button.rect.move(0, scroll), button.need,
                      "column")
        self.record_more(boxes, scroll)

    def record_more(self, boxes: Boxes, scroll: int) -> None:
        """Anything else a screen placed (the name field)."""

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
