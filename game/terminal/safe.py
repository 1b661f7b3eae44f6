"""The one escaping function for text written to a terminal.

Scenario lines, ids, file names and error messages reach the trainee's terminal, and
a terminal obeys control characters: ``ESC ] 52 ;`` writes the clipboard, ``ESC [ 2 J``
clears the screen, a bare ``CR`` overwrites what was shown. Lint refuses them in
content (E108), and everything written to a terminal goes through ``safe_text`` as
well, so a file that was never linted cannot drive the terminal either. The screens'
own colours and cursor moves are added after escaping, by code, never by content.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 block (U+0080-U+009F: CSI, OSC,
# NEL... which some terminals obey as 8-bit escape sequences).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def safe_text(text: str) -> str:
    """``text`` with every control character shown as ``\\xNN`` instead of obeyed."""
    return _CONTROL.sub(_visible, text) if _CONTROL.search(text) else text


def safe_line(text: str) -> str:
    """One line of terminal text: newlines and tabs become spaces as well."""
    return safe_text(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))
