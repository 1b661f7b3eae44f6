"""The text an editor holds for a file, read in place of the file on disk.

The language server lints what the trainer is typing, before it is saved; with
the buffer held here, the very same ``lint_paths`` runs on it (same codes,
positions, messages), and the catalogue, rules and curriculum beside the file are
still read from disk. A context variable, so a held text never leaks into
another thread or request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_HELD: ContextVar[tuple[Path, bytes] | None] = ContextVar("held_text", default=None)


@contextmanager
def held_text(path: Path, data: bytes) -> Iterator[None]:
    """While inside, reading ``path`` gives ``data``."""
    token = _HELD.set((path.resolve(), data))
    try:
        yield
    finally:
        _HELD.reset(token)


def held_bytes(path: Path) -> bytes | None:
    held = _HELD.get()
    if held is None or path.resolve() != held[0]:
        return None
    return held[1]
