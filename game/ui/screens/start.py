"""Start: trainee name or ID, language, mode; then on to the scenario picker.

On a shared PC the field is never pre-filled with the last trainee's name: the last
one is offered as "Continue as north/anna" beside "Not you?", which forgets it.
Keyboard: the name field has the focus first; Tab leaves it for the buttons (and
Shift-Tab from the first button comes back), Enter in the field continues. Esc asks
before quitting.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.ui.screens.column_screen import ColumnScreen
from game.ui.settings import FORMS, LANGS, MODES
from game.ui.widgets.button import Button
from game.ui.widgets.column import button_row
from game.ui.widgets.textfield import TextField


class StartScreen(ColumnScreen):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.field = TextField("")
        self.error = ""

    def layout(self, size: tuple[int, int]) -> None:
        t = self.t
        s = self.app.settings
        self.langs = [Button(t(f"lang.{code}"), code, selected=s.lang == code) for code in LANGS]
        self.modes = [Button(t(f"mode.{m}"), m, selected=s.mode == m) for m in MODES]
        # asked once, kept with the trainee's settings: Italian and Polish lines the
        # trainee says agree with it ("Obiecałam" / "Obiecałem"), or stay neutral
        self.forms = [Button(t(f"form.{f}"), f"form:{f}", selected=s.form == f) for f in FORMS]
        self.settings_btn = Button(t("start.settings"), "settings")
        self.quit_btn = Button(t("start.quit"), "quit")
        self.go = Button(t("start.continue"), "continue")
        self.returning = []
        if s.trainee:
            self.returning = [Button(t("start.continue_as", name=s.trainee), "continue_as"),
                              Button(t("start.not_you"), "not_you")]
        self.ring.set([*self.returning, *self.langs, *self.forms, *self.modes,
                       self.settings_btn, self.quit_btn, self.go])
        self._place(size, rebuild_field=True)

    def _place(self, size: tuple[int, int], rebuild_field: bool = False) -> None:
        t, look, pal, pad = self.t, self.look, self.look.pal, self.look.pad
        w, _h = size
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
        if self.returning:
            text(t("start.returning", name=self.app.settings.trainee), colour=pal.muted)
            y += button_row(self.returning, look, x, y, width) + pad
        text(t("start.name"), bold=True)
        field_h = look.book.line_height("body") + pad * 2
        field_rect = pygame.Rect(x, y, width, field_h)
        if rebuild_field or self.field.entry is None:
            self.field.layout(look, field_rect)
        else:
            self.field.entry.set_relative_position(field_rect.topleft)
            self.field.rect = field_rect
        y += field_h + pad
        if self.error:
            text(self.error, colour=pal.bad)
        text(t("start.language"), bold=True)
        y += button_row(self.langs, look, x, y, width) + pad
        text(t("start.form"), bold=True)
        y += button_row(self.forms, look, x, y, width) + pad
        text(t("start.mode"), bold=True)
        y += button_row(self.modes, look, x, y, width) + pad // 2
        text(t(f"mode.{self.app.settings.mode}.help"), "small", pal.muted)
        y += pad * 2
        y += button_row([self.settings_btn, self.quit_btn, self.go], look, x, y, width)
        self.finish(y + pad * 2, size)

    def record_more(self, boxes, scroll: int) -> None:
        boxes.add("name field", self.field.rect.move(0, scroll),
                  (self.field.rect.width, self.look.book.line_height("body")), "column")

    def process_event(self, event: pygame.event.Event) -> None:
        keydown = event.type == pygame.KEYDOWN
        back = keydown and event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT
        if self.field.focused and keydown and event.key == pygame.K_TAB:
            self.field.blur()  # Tab leaves the field: to the first or (Shift) last button
            self.ring.keyboard_used = True
            self.ring.index = len(self.ring.buttons) - 1 if back else 0
            self._reveal()
            return
        if self.field.focused and keydown and event.key in (pygame.K_RETURN,
                                                            pygame.K_KP_ENTER):
            self._continue()
            return
        if not self.field.focused and keydown and event.key == pygame.K_TAB and \
                self.ring.keyboard_used and \
                self.ring.index == (0 if back else len(self.ring.buttons) - 1):
            self.ring.keyboard_used = False  # round the ring, back into the field
            self.field.focus()
            return
        if self.field.process_event(event):
            return
        if event.type == pygame.MOUSEBUTTONDOWN and self.ring.keyboard_used:
            self.ring.keyboard_used = False  # a click in the field takes the focus back
        super().process_event(event)

    def _reveal(self) -> None:
        focused = self.ring.focused
        if focused is not None and self.column.reveal(focused.rect):
            self.relayout()

    def on_press(self, button: Button) -> None:
        action = button.action
        s = self._with_name()
        if action in LANGS:
            self.app.apply_settings(replace(s, lang=action))
        elif action in MODES:
            self.app.apply_settings(replace(s, mode=action))
        elif action.startswith("form:"):
            self.app.apply_settings(replace(s, form=action.partition(":")[2]))
        elif action == "settings":
            from game.ui.screens.settings_screen import SettingsScreen

            self.app.switch(SettingsScreen(self.app, back=self))
        elif action == "quit":
            self.escape()
        elif action == "continue":
            self._continue()
        elif action == "continue_as":
            self._continue(self.app.settings.trainee)
        elif action == "not_you":
            self.ring.index = 0
            self.app.apply_settings(replace(self.app.settings, trainee="", form=FORMS[0]))
            self.field.focus()

    def _with_name(self):
        """The settings with the typed name, if any (the remembered one otherwise)."""
        name = self.field.value()
        return replace(self.app.settings, trainee=name) if name else self.app.settings

    def _continue(self, name: str | None = None) -> None:
        name = name or self.field.value()
        if not name:
            self.error = self.t("start.name_missing")
            self.relayout()
            return
        from game.scorelog.names import trainee_problem

        if problem := trainee_problem(name):  # control/bidi characters, over 64 long
            self.error = problem
            self.relayout()
            return
        self.error = ""
        from game.ui.screens.picker import PickerScreen

        self.app.apply_settings(replace(self.app.settings, trainee=name))
        self.app.switch(PickerScreen(self.app))

    def escape(self) -> None:
        from game.ui.screens.dialog import confirm_quit

        self.app.open_dialog(confirm_quit(self.app))

    def update(self, dt: float) -> None:
        self.field.update(dt)

    def frame_key(self):
        """The field's cursor blinks: redraw at the blink, not every frame."""
        return (self.field.focused, round(pygame.time.get_ticks() / 400) % 2
                if self.field.focused else 0)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.field.draw(surface)
