"""Modal dialogs over a screen: pause, "leave this encounter?", "quit?", F5 lint errors.

A dialog is a title, body text that scrolls when long, and a row of buttons with
callbacks. Esc picks the safe answer (resume, stay, cancel, back).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.boxes import Boxes
from game.ui.textcache import render_block
from game.ui.widgets.button import Button
from game.ui.widgets.column import button_row
from game.ui.widgets.focus import FocusRing
from game.ui.widgets.scrollpane import ScrollPane


class Dialog:
    def __init__(self, app, title: str, body: list[str],
                 buttons: list[tuple[str, Callable[[], None]]], escape: int = 0,
                 mono_body: bool = False) -> None:
        self.app = app
        self.title = title
        self.body = body
        self.actions = [action for _, action in buttons]
        self.buttons = [Button(label, str(i)) for i, (label, _) in enumerate(buttons)]
        self.ring = FocusRing(self.buttons)
        self.ring.keyboard_used = True  # a dialog always shows where Enter goes
        self.escape_index = escape
        self.pane = ScrollPane()
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.small_body = mono_body
        self.boxes = Boxes()

    def layout(self, size: tuple[int, int]) -> None:
        look = self.app.look
        pad, pal = look.pad, look.pal
        w, h = size
        width = min(w - pad * 6, look.book.body_px * 36)
        inner = width - pad * 4
        self._title = render_block(look.book.font("heading", True), self.title, inner, pal.accent)
        role = "small" if self.small_body else "body"
        body = [render_block(look.book.font(role), s, inner - 10, pal.text) for s in self.body]
        body_h = sum(b.get_height() + pad // 2 for b in body)
        btn_h = button_row(self.buttons, look, 0, 0, inner)
        room = h - pad * 8 - self._title.get_height() - btn_h - pad * 4
        body_h = min(body_h, max(room, look.book.line_height()))
        height = pad * 2 + self._title.get_height() + pad + body_h + pad + btn_h + pad * 2
        self.rect = pygame.Rect((w - width) // 2, (h - height) // 2, width, height)
        x = self.rect.x + pad * 2
        y = self.rect.y + pad * 2 + self._title.get_height() + pad
        self.pane.layout(pygame.Rect(x, y, inner, body_h), pad // 2)
        self.pane.clear()
        for img in body:
            self.pane.add(img, follow=False)
        button_row(self.buttons, look, x, y + body_h + pad, inner)
        self.boxes.clear()
        title_pos = (self.rect.x + pad * 2, self.rect.y + pad * 2)
        self.boxes.add("dialog.title", pygame.Rect(title_pos, self._title.get_size()),
                       self._title)
        self.boxes.view("dialog.body", self.pane.rect, scrolls=True)
        top = self.pane.rect.y
        for i, (img, _) in enumerate(self.pane.entries):
            self.boxes.add(f"dialog.body.{i}", pygame.Rect((x, top), img.get_size()), img,
                           "dialog.body")
            top += img.get_height() + self.pane.gap
        for b in self.buttons:
            self.boxes.add(f"dialog.{b.label}", b.rect, b.need)
            if not self.rect.contains(b.rect):
                self.boxes.add("dialog.frame", self.rect, b.rect.union(self.rect).size)
        self._veil = pygame.Surface(size, pygame.SRCALPHA)
        self._veil.fill(pal.overlay)

    def process_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self._run(self.escape_index)
            return
        if self.pane.process_event(event):
            return
        pressed = self.ring.process_event(event)
        if pressed is not None:
            self._run(self.buttons.index(pressed))

    def _run(self, index: int) -> None:
        self.app.close_dialog()
        self.actions[index]()

    def draw(self, surface: pygame.Surface) -> None:
        look = self.app.look
        surface.blit(self._veil, (0, 0))
        pygame.draw.rect(surface, look.pal.panel, self.rect, border_radius=look.radius)
        pygame.draw.rect(surface, look.pal.accent, self.rect, 2, border_radius=look.radius)
        surface.blit(self._title, (self.rect.x + look.pad * 2, self.rect.y + look.pad * 2))
        self.pane.draw(surface, look)
        for b in self.buttons:
            b.draw(surface, look, self.ring.focused is b)


def _nothing() -> None:
    """The safe answer: close the dialog and carry on."""


def pause_menu(app, encounter) -> Dialog:
    t = app.t

    def settings() -> None:
        from game.ui.screens.settings_screen import SettingsScreen

        screen = SettingsScreen(app, back=encounter)
        screen.ring.keyboard_used = True  # from a dialog: show where Enter goes
        app.switch(screen)

    def quit_encounter() -> None:
        app.open_dialog(confirm_leave(app, encounter))

    return Dialog(app, t("pause.title"), [], [(t("pause.resume"), _nothing),
                                              (t("pause.settings"), settings),
                                              (t("pause.quit"), quit_encounter)])


def confirm_leave(app, encounter) -> Dialog:
    t = app.t
    return Dialog(app, t("confirm.leave_title"), [t("confirm.leave_body")],
                  [(t("confirm.stay"), _nothing), (t("confirm.leave"), encounter.leave)])


def confirm_exit(app) -> Dialog:
    t = app.t

    def leave_and_quit() -> None:
        leave = getattr(app.screen, "leave", None)
        if callable(leave):
            leave()
        app.quit()

    return Dialog(app, t("confirm.exit_title"), [t("confirm.leave_body")],
                  [(t("confirm.cancel"), _nothing), (t("confirm.exit"), leave_and_quit)])


def confirm_quit(app) -> Dialog:
    """Esc or Quit on the start screen: a slip of the key must not close the trainer."""
    t = app.t
    return Dialog(app, t("confirm.quit_title"), [t("confirm.quit_body")],
                  [(t("confirm.cancel"), _nothing), (t("confirm.exit"), app.quit)])


def reload_errors(app, problems: tuple[str, ...]) -> Dialog:
    """F5 found lint errors: show every ``file:line:col: message`` and how to go on."""
    t = app.t
    return Dialog(app, t("reload.title"), [*problems, t("reload.hint")],
                  [(t("settings.back"), _nothing)], mono_body=True)
