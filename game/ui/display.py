"""Whether a window can be opened here, asked before pygame prints anything."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

HEADLESS_DRIVERS = ("dummy", "offscreen")


def display_available() -> bool:
    """False on a server or CI shell: no X11/Wayland, or SDL told to draw nowhere."""
    driver = os.environ.get("SDL_VIDEODRIVER", "").strip().lower()
    if driver in HEADLESS_DRIVERS:
        return False
    if sys.platform.startswith("linux") and not driver and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    import pygame

    try:
        with quiet_stderr():
            pygame.display.init()
    except pygame.error:
        return False
    return True


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence C libraries (ALSA, X11) that print straight to file descriptor 2."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
