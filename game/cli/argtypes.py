"""Argument types shared by the subcommands: what argparse's ``float`` lets through
(``nan``, ``inf``, ``-5``, ``1e400``) would hang a retry loop or a timer, so these
refuse it as a usage error (exit 2) with one line."""

from __future__ import annotations

import argparse
import math

MAX_SECONDS = 24 * 3600.0  # a day: longer than any wait or think time anyone means


def seconds(text: str) -> float:
    """A finite number of seconds, 0 to a day."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"expected seconds between 0 and {MAX_SECONDS:.0f}, got {text!r}")
    return value
