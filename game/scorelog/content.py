"""The scenario file a session was played with, found by its content hash.

The log keeps each played scenario's bytes once (``scenario_content``) so a session can be
replayed and shown with the text the trainee saw. The bytes are looked for where this
process may know them, and kept only when their sha256 is the one the session recorded:
a file edited since, or found nowhere, is not kept (replay then says so).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def scenario_bytes(digest: str, path: Path | None, scenario_id: Any) -> bytes | None:
    """The bytes of the file whose sha256 is ``digest``: the registered ``path``, else the
    file this process loaded that content from (a trainer's own file or folder), else the
    shipped scenario of that id; None when none matches."""
    from game.core.loader import SCENARIOS, loaded_path

    candidates = [path] if path is not None else []
    loaded = loaded_path(digest)
    if loaded is not None and loaded != path:
        candidates.append(loaded)
    if isinstance(scenario_id, str) and scenario_id.isidentifier():
        candidates.append(SCENARIOS / f"{scenario_id}.yaml")
    for candidate in candidates:
        try:
            content = candidate.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(content).hexdigest() == digest:
            return content
    return None
