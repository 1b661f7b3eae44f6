"""Settings: text size, high contrast, reduced motion, time limits, dyslexia-friendly
font, sound, full screen. Each row is a button that moves to the next value; the
change shows at once and is saved for the next run."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.textcache import render_block
from game.ui.widgets.button import Button
from game.ui.widgets.column import Column, button_row
from game.ui.widgets.focus import FocusRing

ROWS = ("text_scale", "high_contrast", "reduced_motion", "time_limits", "dyslexic_font",
        "sound", "fullscreen")
LABEL_KEYS = {"text_scale": "settings.text_size"}


class SettingsScreen(Screen):
    def __init__(self, app, back: Screen) -> None:
        super().__init__(app)
        self.back_to = back
        self.ring = FocusRing()
        self.column = Column()
        self.texts: list[tuple[pygame.Surface, tuple[int, int]]] = []

    def label(self, name: str) -> str:
        t, value = self.t, getattr(self.app.settings, name)
        if isinstance(value, bool):
            shown = t("settings.on") if value else t("settings.off")
        elif name == "time_limits":
            shown = t(f"timing.{value}")
        else:
            shown = value
        return t(LABEL_KEYS.get(name, f"settings.{name}"), value=shown)

    def layout(self, size: tuple[int, int]) -> None:
        self.rows = [Button(self.label(name), name) for name in ROWS]
        self.back = Button(self.t("settings.back"), "back")
        self.ring.set([*self.rows, self.back])
        self._place(size)

    def _place(self, size: tuple[int, int]) -> None:
        look, pal, pad = self.look, self.look.pal, self.look.pad
        w, h = size
        width = min(w - pad * 8, look.book.body_px * 34)
        x = (w - width) // 2
        y = self.column.start(pad * 4)
        self.texts = []
        for text, role, colour in ((self.t("settings.title"), "title", pal.accent),
                                   (self.t("settings.hint"), "small", pal.muted)):
            img = render_block(look.book.font(role, role == "title"), text, width, colour)
            self.texts.append((img, (x, y)))
            y += img.get_height() + pad
        for row in self.rows:
            y += row.layout(look, x, y, width) + pad // 2
        y += pad
        y += button_row([self.back], look, x, y, min(width, look.book.body_px * 12))
        self.column.finish(y + pad * 2, h)

    def process_event(self, event: pygame.event.Event) -> None:
        if self.column.process_event(event):
            self._place(self.app.window.get_size())
            return
        pressed = self.ring.process_event(event)
        if pressed is self.back:
            self.escape()
        elif pressed is not None:
            self.app.apply_settings(self.app.settings.cycled(pressed.action))
        elif self.ring.focused is not None and self.column.reveal(self.ring.focused.rect):
            self._place(self.app.window.get_size())

    def escape(self) -> None:
        self.app.switch(self.back_to)

    def draw(self, surface: pygame.Surface) -> None:
        self.column.draw_bar(surface, self.look)
        for img, pos in self.texts:
            surface.blit(img, pos)
        for button in self.ring.buttons:
            button.draw(surface, self.look, self.ring.focused is button)
