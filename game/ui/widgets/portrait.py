"""The client's face, drawn procedurally: brows, eyes and mouth follow the mood meter.

Nothing is shipped as an image. Hair style and colours come from a hash of the
persona's name, so each client looks the same every time. Faces are cached per
mood step (11 steps), so an animating mood costs a blit, not a redraw.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import pygame

from game.ui.look import Look

HAIR = ((60, 40, 30), (120, 80, 40), (30, 30, 30), (170, 130, 80), (140, 140, 150))
SKIN = ((240, 200, 170), (214, 170, 130), (170, 120, 90), (120, 84, 60), (250, 214, 190))
SHIRT = ((70, 110, 160), (150, 60, 70), (60, 120, 90), (90, 90, 110), (160, 120, 60))
MOOD_STEPS = 10


def _traits(name: str) -> tuple[int, int, int, int]:
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return digest[0] % len(HAIR), digest[1] % len(SKIN), digest[2] % len(SHIRT), digest[3] % 3


def mood_step(mood: float) -> int:
    return max(0, min(MOOD_STEPS, round(mood / 100 * MOOD_STEPS)))


@lru_cache(maxsize=64)
def face(name: str, size: int, step: int, outline: tuple[int, int, int]) -> pygame.Surface:
    """The portrait at one mood step (0 furious .. 10 delighted)."""
    hair_i, skin_i, shirt_i, style = _traits(name)
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    u = size / 100  # drawing units: the face is designed on a 100x100 grid
    mood = step / MOOD_STEPS * 2 - 1  # -1 furious .. +1 delighted

    def r(x: float, y: float, w: float, h: float) -> pygame.Rect:
        return pygame.Rect(round(x * u), round(y * u), max(1, round(w * u)), max(1, round(h * u)))

    pygame.draw.ellipse(s, SHIRT[shirt_i], r(14, 78, 72, 44))  # shoulders
    pygame.draw.rect(s, SKIN[skin_i], r(43, 64, 14, 16))  # neck
    if style == 1:  # long hair behind the head
        pygame.draw.ellipse(s, HAIR[hair_i], r(22, 14, 56, 70))
    head = r(27, 16, 46, 56)
    pygame.draw.ellipse(s, SKIN[skin_i], head)
    if mood < -0.4:  # flushed cheeks when angry
        flush = (220, 90, 80, round(120 * (-mood)))
        for cx in (34, 56):
            cheek = pygame.Surface((round(10 * u), round(6 * u)), pygame.SRCALPHA)
            pygame.draw.ellipse(cheek, flush, cheek.get_rect())
            s.blit(cheek, (round(cx * u), round(50 * u)))
    pygame.draw.ellipse(s, outline, head, max(1, round(u)))
    _hair(s, r, HAIR[hair_i], style)
    _eyes(s, r, u, mood)
    # a dark mouth vanishes on dark skin: pick the lips' colour for contrast
    dark_skin = sum(SKIN[skin_i]) < 450
    _mouth(s, u, mood, (240, 170, 160) if dark_skin else (120, 40, 40))
    return s


def _hair(s: pygame.Surface, r, colour, style: int) -> None:
    if style == 2:  # short, receding
        pygame.draw.ellipse(s, colour, r(29, 12, 42, 18))
    else:
        pygame.draw.ellipse(s, colour, r(25, 10, 50, 24))
        pygame.draw.rect(s, colour, r(26, 20, 6, 16))
        pygame.draw.rect(s, colour, r(68, 20, 6, 16))


def _eyes(s: pygame.Surface, r, u: float, mood: float) -> None:
    dark = (40, 30, 30)
    open_h = 6 if mood > -0.6 else 4  # narrowed eyes when furious
    for x in (37, 55):
        pygame.draw.ellipse(s, (250, 250, 250), r(x, 38, 9, open_h))
        pygame.draw.ellipse(s, dark, r(x + 3, 38 + open_h / 2 - 2, 4, 4))
    # brows: angry slant inward/down, worried/raised when happy
    tilt = -mood * 4
    width = max(2, round(2 * u))
    for x0, x1, inner_first in ((35, 45, False), (55, 65, True)):
        y_outer, y_inner = 33 - mood * 1.5, 33 + tilt
        y0, y1 = (y_inner, y_outer) if inner_first else (y_outer, y_inner)
        pygame.draw.line(s, dark, (round(x0 * u), round(y0 * u)),
                         (round(x1 * u), round(y1 * u)), width)


def _mouth(s: pygame.Surface, u: float, mood: float, colour: tuple[int, int, int]) -> None:
    # a parabola through the corners: smile (>0) or frown (<0)
    points = []
    for i in range(13):
        t = i / 12 * 2 - 1
        points.append((round((50 + t * 9) * u), round((58 + mood * 5 * (1 - t * t)) * u)))
    pygame.draw.lines(s, colour, False, points, max(2, round(2.2 * u)))


class Portrait:
    """The persona's face in a frame; ``mood`` eases with the meter it mirrors."""

    def __init__(self, name: str, mood: float) -> None:
        self.name = name
        self.mood = mood
        self.rect = pygame.Rect(0, 0, 0, 0)

    def layout(self, x: int, y: int, size: int) -> int:
        self.rect = pygame.Rect(x, y, size, size)
        return size

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        if self.rect.width < 8:  # no room at this window and text size
            return
        pal = look.pal
        pygame.draw.rect(surface, pal.panel_alt, self.rect, border_radius=look.radius)
        img = face(self.name, self.rect.width, mood_step(self.mood), (60, 40, 40))
        surface.blit(img, self.rect.topleft)
        pygame.draw.rect(surface, pal.border, self.rect, 1, border_radius=look.radius)
