"""What every screen implements; the app calls these and nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.app import App


class Screen:
    """A full-window screen. ``layout`` runs on every resize or text-setting change and
    is where text gets rendered; ``draw`` only blits."""

    #: True while leaving would lose an encounter in progress (the app asks first).
    in_progress = False
    #: True when ``draw`` paints every pixel, so the app need not clear the window first.
    covers_window = False

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def t(self):
        return self.app.t

    @property
    def look(self):
        return self.app.look

    def layout(self, size: tuple[int, int]) -> None:
        """Place widgets and render text for this window size."""

    def process_event(self, event: pygame.event.Event) -> None:
        """Handle one input event."""

    def update(self, dt: float) -> None:
        """Advance timers and animations by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the screen (no text rendering here)."""

    def frame_key(self) -> object:
        """What changes on screen without input (timers, animations); None if nothing."""
        return None

    def escape(self) -> None:
        """Esc was pressed: go back (encounters pause instead)."""

    def reload(self) -> None:
        """F5: reload the scenario file, when this screen has one."""
        self.app.toast(self.t("reload.none"))
