"""Keyboard focus over a list of buttons: arrows/Tab move, Enter/Space press, 1-9 pick."""

from __future__ import annotations

import pygame

from game.ui.widgets.button import Button

_NEXT = (pygame.K_DOWN, pygame.K_RIGHT, pygame.K_TAB)
_PREV = (pygame.K_UP, pygame.K_LEFT)
_PRESS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class FocusRing:
    """Which button has focus; ``process_event`` returns the button pressed, if any."""

    def __init__(self, buttons: list[Button] | None = None, numbers: bool = False) -> None:
        self.buttons: list[Button] = buttons or []
        self.index = 0
        self.numbers = numbers  # keys 1-9 press the n-th button (choices)
        self.keyboard_used = False  # focus is drawn only once the keyboard is used

    def set(self, buttons: list[Button]) -> None:
        self.buttons = buttons
        self.index = min(self.index, max(len(buttons) - 1, 0))

    @property
    def focused(self) -> Button | None:
        return self.buttons[self.index] if self.buttons and self.keyboard_used else None

    def process_event(self, event: pygame.event.Event) -> Button | None:
        for button in self.buttons:
            if button.process_event(event):
                return button
        if event.type != pygame.KEYDOWN or not self.buttons:
            return None
        return self._key(event)

    def _key(self, event: pygame.event.Event) -> Button | None:
        key = event.key
        if self.numbers and pygame.K_1 <= key <= pygame.K_9:
            n = key - pygame.K_1
            return self.buttons[n] if n < len(self.buttons) else None
        if self.numbers and pygame.K_KP1 <= key <= pygame.K_KP9:
            n = key - pygame.K_KP1
            return self.buttons[n] if n < len(self.buttons) else None
        backwards = key in _PREV or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
        if key in _NEXT or backwards:
            if self.keyboard_used:
                step = -1 if backwards else 1
                self.index = (self.index + step) % len(self.buttons)
            self.keyboard_used = True
            return None
        if key in _PRESS and self.keyboard_used:
            button = self.buttons[self.index]
            return button if button.enabled else None
        return None
