"""Headless game fixtures: SDL's dummy drivers, a private score log and settings file,
and helpers that post real pygame events (keys, typing, clicks) to the app."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pytest

FRAME = 1 / 60


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Every test gets its own score log and settings file."""
    monkeypatch.setenv("CRT_DB", str(tmp_path / "scores.sqlite3"))
    monkeypatch.setenv("CRT_SETTINGS", str(tmp_path / "settings.json"))
    yield
    if pygame.display.get_init():
        pygame.event.clear()


@pytest.fixture
def make_app():
    from game.ui.app import App
    from game.ui.settings import Settings

    def make(size=(1280, 720), record=True, content=None, **settings):
        settings.setdefault("sound", False)
        return App(size, Settings(**settings), content=content, persist=False, record=record)

    return make


class Driver:
    """Posts real pygame events and runs frames, like a player at the keyboard."""

    def __init__(self, app) -> None:
        self.app = app

    def frame(self, dt: float = FRAME) -> None:
        self.app.tick(dt)

    def read(self) -> None:
        """Wait, as a reading player does, until a new question takes answers."""
        for _ in range(120):
            if getattr(self.app.screen, "guard", 0) <= 0 or self.app.dialog is not None:
                return
            self.frame()

    def key(self, key: int, mod: int = 0, wait: bool = True) -> None:
        if wait:
            self.read()
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="",
                                             scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="",
                                             scancode=0))
        self.frame()

    def type(self, text: str) -> None:
        for char in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
        self.frame()

    def click(self, pos: tuple[int, int], wait: bool = True) -> None:
        if wait:
            self.read()
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                             buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frame()

    def click_button(self, button) -> None:
        assert self.app.window.get_rect().collidepoint(button.rect.center), \
            f"button {button.label!r} is off screen at {button.rect}"
        self.click(button.rect.center)


@pytest.fixture
def drive():
    return Driver
