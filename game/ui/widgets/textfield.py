"""The trainee name field: pygame_gui's text entry (cursor, selection, clipboard, IME).

Its theme comes from ``assets/theme/theme.json``, whose ``$role`` placeholders are
filled from the current palette and font so the field follows the high-contrast,
text-size and dyslexia settings like everything else.
"""

from __future__ import annotations

import json

import pygame
import pygame_gui

from game.core.resources import assets_dir
from game.ui.fonts import font_paths
from game.ui.look import Look

THEME_FILE = assets_dir() / "theme" / "theme.json"  # inside the package when installed


def _hex(colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour[:3])


def theme_for(look: Look) -> dict:
    """The JSON theme with its placeholders replaced (fonts, sizes, colours)."""
    regular, bold = font_paths(look.book.dyslexic)
    values = {f"${role}": _hex(getattr(look.pal, role))
              for role in ("bg", "panel", "text", "border", "accent")}
    values.update({"$font_name": "dyslexic" if look.book.dyslexic else "noto",
                   "$font_size": str(look.book.body_px), "$font_path": str(regular),
                   "$font_bold_path": str(bold), "$padding": f"{look.pad},{look.pad // 2}"})

    def fill(node):
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        return values.get(node, node)

    return fill(json.loads(THEME_FILE.read_text(encoding="utf-8")))


class TextField:
    def __init__(self, text: str = "", max_length: int = 64) -> None:
        self.text = text
        self.max_length = max_length
        self.manager: pygame_gui.UIManager | None = None
        self.entry: pygame_gui.elements.UITextEntryLine | None = None
        self.rect = pygame.Rect(0, 0, 0, 0)

    def layout(self, look: Look, rect: pygame.Rect) -> None:
        focused, cursor = True, len(self.text)
        if self.entry is not None:
            self.text = self.entry.get_text()
            focused, cursor = self.entry.is_focused, self.entry.edit_position
        self.manager = pygame_gui.UIManager(look.size, theme_for(look),
                                            enable_live_theme_updates=False)
        self.rect = pygame.Rect(rect)
        self.entry = pygame_gui.elements.UITextEntryLine(self.rect, self.manager,
                                                         initial_text=self.text)
        self.entry.set_text_length_limit(self.max_length)
        # a rebuilt field (F11, text size) keeps its focus and where the cursor was
        self.entry.edit_position = min(cursor, len(self.text))
        if focused:
            self.focus()

    @property
    def focused(self) -> bool:
        return self.entry is not None and self.entry.is_focused

    def focus(self) -> None:
        if self.manager is not None and self.entry is not None:
            self.manager.set_focus_set(self.entry)
            self.entry.edit_position = len(self.entry.get_text())

    def blur(self) -> None:
        """Let go of the keyboard (Tab): Space and Enter reach the buttons again."""
        if self.manager is not None:
            self.manager.set_focus_set(None)

    def value(self) -> str:
        return (self.entry.get_text() if self.entry is not None else self.text).strip()

    def process_event(self, event: pygame.event.Event) -> bool:
        """True when the field used the event (typing must not trigger shortcuts)."""
        if self.manager is None:
            return False
        if not self.focused and event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING,
                                               pygame.KEYDOWN, pygame.KEYUP):
            return False  # the keyboard belongs to the buttons now
        used = self.manager.process_events(event)
        typing = event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING) or (
            event.type == pygame.KEYDOWN and self.focused
            and event.key not in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB,
                                  pygame.K_UP, pygame.K_DOWN, pygame.K_ESCAPE))
        return used or typing

    def update(self, dt: float) -> None:
        if self.manager is not None:
            self.manager.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        if self.manager is not None:
            self.manager.draw_ui(surface)
