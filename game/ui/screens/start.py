"""Start: trainee name or ID, language, mode; then on to the scenario picker."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.ui.screens.column_screen import ColumnScreen
from game.ui.settings import LANGS, MODES
from game.ui.widgets.button import Button
from game.ui.widgets.column import button_row
from game.ui.widgets.textfield import TextField


class StartScreen(ColumnScreen):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.field = TextField(app.settings.trainee)
        self.error = ""

    def layout(self, size: tuple[int, int]) -> None:
        t = self.t
        s = self.app.settings
        self.langs = [Button(t(f"lang.{code}"), code, selected=s.lang == code) for code in LANGS]
        self.modes = [Button(t(f"mode.{m}"), m, selected=s.mode == m) for m in MODES]
        self.settings_btn = Button(t("start.settings"), "settings")
        self.quit_btn = Button(t("start.quit"), "quit")
        self.go = Button(t("start.continue"), "continue")
        self.ring.set([*self.langs, *self.modes, self.settings_btn, self.quit_btn, self.go])
        self._place(size, rebuild_field=True)

    def _place(self, size: tuple[int, int], rebuild_field: bool = False) -> None:
        t, look, pal, pad = self.t, self.look, self.look.pal, self.look.pad
        w, h = size
        width = min(w - pad * 8, look.book.body_px * 34)
        x = (w - width) // 2
        y = self.column.start(pad * 4)
        self.texts = []

        def text(s: str, role: str = "body", colour=pal.text, bold: bool = False) -> None:
            nonlocal y
            y = self.stack_text(s, x, y, width, role=role, colour=colour, bold=bold)

        text(t("app.title"), "title", pal.accent, bold=True)
        text(t("start.tagline"), colour=pal.muted)
        y += pad
        text(t("start.name"), bold=True)
        field_h = look.book.line_height("body") + pad * 2
        field_rect = pygame.Rect(x, y, width, field_h)
        if rebuild_field or self.field.entry is None:
            self.field.layout(look, field_rect)
        else:
            self.field.entry.set_relative_position(field_rect.topleft)
        y += field_h + pad
        if self.error:
            text(self.error, colour=pal.bad)
        text(t("start.language"), bold=True)
        y += button_row(self.langs, look, x, y, width) + pad
        text(t("start.mode"), bold=True)
        y += button_row(self.modes, look, x, y, width) + pad // 2
        text(t(f"mode.{self.app.settings.mode}.help"), "small", pal.muted)
        y += pad * 2
        y += button_row([self.settings_btn, self.quit_btn, self.go], look, x, y, width)
        self.column.finish(y + pad * 2, h)

    def process_event(self, event: pygame.event.Event) -> None:
        if self.field.process_event(event):
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) \
                and self.ring.focused is None:
            self._continue()
            return
        super().process_event(event)

    def on_press(self, button: Button) -> None:
        action = button.action
        s = self._with_name()
        if action in LANGS:
            self.app.apply_settings(replace(s, lang=action))
        elif action in MODES:
            self.app.apply_settings(replace(s, mode=action))
        elif action == "settings":
            from game.ui.screens.settings_screen import SettingsScreen

            self.app.settings = s
            self.app.switch(SettingsScreen(self.app, back=self))
        elif action == "quit":
            self.app.quit()
        elif action == "continue":
            self._continue()

    def _with_name(self):
        return replace(self.app.settings, trainee=self.field.value())

    def _continue(self) -> None:
        if not self.field.value():
            self.error = self.t("start.name_missing")
            self.relayout()
            return
        self.error = ""
        from game.ui.screens.picker import PickerScreen

        self.app.apply_settings(self._with_name())
        self.app.switch(PickerScreen(self.app))

    def escape(self) -> None:
        self.app.quit()

    def update(self, dt: float) -> None:
        self.field.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.field.draw(surface)
