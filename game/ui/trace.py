"""What is on screen, written to a file for tests that drive the real window.

With ``CRT_UI_TRACE=path`` the game rewrites ``path`` (JSON) whenever the screen, its
phase, the open dialog or its layout changes: the screen's name, phase, dialog title,
text size and each button's label and rectangle. A test driving the window with
xdotool reads it to know where to click and what the trainee would see; without the
variable nothing is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ENV_VAR = "CRT_UI_TRACE"


class Trace:
    def __init__(self) -> None:
        path = os.environ.get(ENV_VAR, "").strip()
        self.path = Path(path) if path else None
        self._last: tuple | None = None

    def frame(self, app) -> None:
        if self.path is None:
            return
        screen, dialog = app.screen, app.dialog
        key = (id(screen), getattr(screen, "phase", ""), id(dialog),
               getattr(screen, "layout_gen", 0), app.settings.text_scale,
               getattr(getattr(screen, "ring", None), "index", 0))
        if key == self._last:
            return
        self._last = key
        if dialog is not None:
            buttons = dialog.buttons
        elif hasattr(screen, "choices") and getattr(screen, "phase", "") == "choose":
            buttons = screen.choices.buttons
        else:
            buttons = getattr(getattr(screen, "ring", None), "buttons", [])
        state = {"screen": type(screen).__name__, "phase": getattr(screen, "phase", ""),
                 "dialog": dialog.title if dialog is not None else "",
                 "text_scale": app.settings.text_scale, "size": list(app.window.get_size()),
                 "buttons": [[b.label, *b.rect] for b in buttons]}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        tmp.replace(self.path)
