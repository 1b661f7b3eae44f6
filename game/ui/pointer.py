"""Where the mouse pointer was last seen, so the wheel scrolls the pane under it.

SDL's wheel events carry no position; the app records every motion and click here
(``seen``), and panes ask ``pos()``. Before any mouse event, SDL's own idea is used.
"""

from __future__ import annotations

import pygame

_POS: tuple[int, int] | None = None


def seen(event: pygame.event.Event) -> None:
    global _POS
    if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        _POS = tuple(event.pos)


def pos() -> tuple[int, int]:
    return _POS if _POS is not None else pygame.mouse.get_pos()


def forget() -> None:
    global _POS
    _POS = None
