"""Play an encounter by script, without a window: for screenshots, tests and benchmarks.

Choices are numbered in authored order (1 = the first choice written in the
scenario file for that node), whatever order the session shuffled them into.
"""

from __future__ import annotations

import os

from game.core.errors import UsageError, UserError


def headless() -> None:
    """Make SDL draw nowhere and play no sound (must run before pygame opens a window)."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def parse_choices(text: str) -> list[int]:
    """``"1,2,3"`` -> [1, 2, 3]; empty means no choices."""
    if not text.strip():
        return []
    try:
        numbers = [int(part) for part in text.split(",")]
    except ValueError:
        raise UsageError(f"--choices expects numbers separated by commas, got '{text}'") \
            from None
    if any(n < 1 for n in numbers):
        raise UsageError(f"--choices numbers start at 1, got '{text}'")
    return numbers


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size expects WIDTHxHEIGHT such as 1280x720, got '{text}'") \
            from None
    if not (1024 <= w <= 7680 and 600 <= h <= 4320):
        raise UsageError(f"--size must be between 1024x600 and 7680x4320, got '{text}'")
    return w, h


def view_index(encounter, number: int) -> int:
    """Where the ``number``-th authored choice of the current node is on screen."""
    play = encounter.play
    view = play.view()
    node = play.scenario.nodes[view.node]
    if number > len(node.choices):
        raise UserError(f"node '{view.node}' has {len(node.choices)} choices; "
                        f"there is no choice {number}")
    wanted = node.choices[number - 1].id
    for i, shown in enumerate(view.choices):
        if shown.id == wanted:
            return i
    raise UserError(f"choice {number} ('{wanted}') of node '{view.node}' is not offered "
                    "at this point (its condition does not hold)")


def think(encounter, seconds: float, step: float = 0.1) -> None:
    """Let time pass on the current node as a reading trainee would (never to a timeout)."""
    limit = encounter.play.time_limit()
    if limit is not None:
        seconds = min(seconds, limit * 0.4)
    for _ in range(round(seconds / step)):
        encounter.update(step)


def play_through(encounter, numbers: list[int], keep_last_feedback: bool = False,
                 seconds: float = 0.0) -> int:
    """Answer with ``numbers`` until they run out or the encounter ends, each after
    ``seconds`` of thinking; returns how many numbers were used."""
    used = 0
    for number in numbers:
        if encounter.play.ended:
            break
        if seconds:
            think(encounter, seconds)
        encounter.answer(view_index(encounter, number))
        used += 1
        last = used == len(numbers)
        if encounter.phase == "feedback" and not (last and keep_last_feedback):
            encounter.proceed()
    return used


def settle(app, seconds: float = 1.5, step: float = 0.05) -> None:
    """Run frames so meters finish animating and live counters have moved."""
    for _ in range(round(seconds / step)):
        app.update(step)
    app.draw()
