"""Reading the player's answers from standard input, with a deadline.

A timed decision must really time out, so answers are read with ``select()`` on
the raw file descriptor rather than through Python's buffered ``readline`` (whose
buffer ``select`` cannot see). Piped input is honoured the same way: scripted
answers are already waiting, so they arrive instantly; a pipe that stays silent
past the deadline times out like a hesitant player.
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable
from typing import IO

__all__ = ["TIMED_OUT", "InputClosed", "LineReader"]


class InputClosed(Exception):
    """Standard input ended (end of a scripted run, or Ctrl-D)."""


class _TimedOut:
    def __repr__(self) -> str:
        return "TIMED_OUT"


#: Returned by :meth:`LineReader.read_line` when the deadline passes first.
TIMED_OUT = _TimedOut()

TICK = 1.0  # seconds between live updates while waiting for an answer


def _select(fd: int, remaining: float | None) -> bool:
    try:
        ready, _, _ = select.select([fd], [], [], remaining)
    except (OSError, ValueError):
        return True  # no select() on this descriptor: fall back to a blocking read
    return bool(ready)


class LineReader:
    """Line-at-a-time reader over a file descriptor, with optional deadlines."""

    def __init__(self, stream: IO[str] | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 wait: Callable[[int, float | None], bool] | None = None) -> None:
        # Keep the stream object: dropping it would close the descriptor under us.
        self._stream = stream if stream is not None else sys.stdin
        # The clock and the wait are injectable so tests of deadlines and ticks do not
        # depend on how busy the machine is (the defaults: monotonic time, select()).
        self._clock = clock
        self._wait_for = wait or _select
        self._buffer = b""
        self._eof = False
        try:
            self._fd = self._stream.fileno()
            self.is_tty = os.isatty(self._fd)
        except (AttributeError, OSError, ValueError):  # stdin closed (`<&-`): no input at all
            self._fd, self._eof, self.is_tty = -1, True, False

    def read_line(self, deadline: float | None = None,
                  tick: Callable[[], None] | None = None) -> str | _TimedOut:
        """The next line (without its newline), or TIMED_OUT once ``deadline`` passes.

        ``deadline`` is a ``time.monotonic()`` value; None waits for ever. ``tick``,
        when given, is called about once a second while waiting (a live countdown).
        Raises InputClosed at end of input with no pending text.
        """
        next_tick = self._clock() + TICK if tick else None
        while b"\n" not in self._buffer:
            if self._eof:
                return self._last_line()
            now = self._clock()
            remaining = None if deadline is None else deadline - now
            if remaining is not None and remaining <= 0:
                self._discard_typing()
                return TIMED_OUT
            if next_tick is not None and now >= next_tick:
                tick()  # type: ignore[misc]
                next_tick += TICK
                continue
            wait = remaining if next_tick is None else \
                min(next_tick - now, remaining if remaining is not None else TICK)
            if not self._wait(wait):
                continue
            try:
                chunk = os.read(self._fd, 4096)
            except OSError:  # a closed or vanished descriptor ends the input like EOF
                chunk = b""
            if chunk:
                self._buffer += chunk
            else:
                self._eof = True
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8", errors="replace").rstrip("\r")

    def _last_line(self) -> str:
        # Text after the last newline still counts as an answer (printf '2' | ...).
        if not self._buffer:
            raise InputClosed
        line, self._buffer = self._buffer, b""
        return line.decode("utf-8", errors="replace").rstrip("\r")

    def _wait(self, remaining: float | None) -> bool:
        """True when the descriptor is readable before ``remaining`` seconds pass."""
        return self._wait_for(self._fd, remaining)

    def _discard_typing(self) -> None:
        # Half-typed text at a terminal belongs to the decision that just timed out.
        if not self.is_tty:
            return
        try:
            import termios

            termios.tcflush(self._fd, termios.TCIFLUSH)
        except (ImportError, OSError):
            pass
