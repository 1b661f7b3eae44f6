"""Short synthesised cues (choice made, time running out); nothing is shipped as audio.

Sound is optional: no audio device, or the setting off, and every call is a no-op.
"""

from __future__ import annotations

import array
import math

import pygame

from game.ui.display import quiet_stderr

RATE = 22050


class Sounds:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._cues: dict[str, pygame.mixer.Sound] = {}
        self._ready = False

    def _init(self) -> bool:
        if self._ready:
            return True
        try:
            with quiet_stderr():
                pygame.mixer.init(RATE, -16, 1, 512)
        except pygame.error:
            self.enabled = False
            return False
        self._cues = {"choice": _tone(660, 0.08), "tick": _tone(440, 0.05),
                      "timeout": _tone(220, 0.25), "end": _tone(880, 0.2)}
        self._ready = True
        return True

    def warm(self) -> None:
        if self.enabled:
            self._init()

    def play(self, cue: str) -> None:
        if self.enabled and self._init():
            self._cues[cue].play()


def _tone(freq: float, seconds: float) -> pygame.mixer.Sound:
    count = int(RATE * seconds)
    fade = max(1, count // 5)
    samples = array.array("h", (
        int(6000 * math.sin(2 * math.pi * freq * i / RATE) * min(1.0, (count - i) / fade))
        for i in range(count)))
    return pygame.mixer.Sound(buffer=samples.tobytes())
