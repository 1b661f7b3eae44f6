"""The one place report text is made safe, per output format.

A name, reason or scenario line is data: it never becomes rich markup, a spreadsheet
formula, HTML or a terminal escape sequence. Control, format (bidi overrides,
zero-width) and separator characters are shown escaped (``\\x1b``, ``\\u202e``) in
the table, CSV and HTML; JSON writes them as JSON ``\\u`` escapes (the value is kept,
no raw byte reaches a terminal). Long values are clipped in the table and HTML (the
HTML keeps the full value in a tooltip; CSV and JSON always carry it whole).
"""

from __future__ import annotations

import re
import unicodedata

CLIP = 60  # characters of a name or text shown in a table cell
_BAD = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _is_bad(char: str) -> bool:
    return unicodedata.category(char) in _BAD and char not in "\n"


def visible(text: str, keep_newlines: bool = False) -> str:
    """Every control/format character spelled out; plain text passes unchanged."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char == "\n" and keep_newlines:
            out.append(char)
        elif unicodedata.category(char) in _BAD or char == "\n":
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
                       if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def clip(text: str, limit: int = CLIP) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def terminal(text: str, limit: int | None = CLIP) -> str:
    """For a rich ``Text`` (never markup): escaped, clipped."""
    shown = visible(text)
    return clip(shown, limit) if limit else shown


def csv_cell(value: object) -> object:
    """Numbers as numbers; text escaped, and a leading = + - @ tab or CR neutralised with
    a quote (OWASP: a spreadsheet would otherwise run it as a formula)."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA):
        return "'" + visible(value)
    return visible(value)


# compiled on first use (re keeps it): the terminal's tables never need it
_JSON_BAD = ("[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
             "\u2060-\u2069\ufeff\ufff9-\ufffb]")


def json_text(dumped: str) -> str:
    """A ``json.dumps(ensure_ascii=False)`` result with the invisible characters it leaves
    raw (DEL, C1, bidi, zero-width, line separators) written as ``\\uXXXX`` escapes."""
    return re.sub(_JSON_BAD, lambda m: f"\\u{ord(m.group()):04x}", dumped)


def html_text(text: str, limit: int | None = None) -> str:
    """Escaped for HTML; clipped with the whole value in a tooltip when ``limit``."""
    import html  # here: only the HTML page escapes for HTML

    shown = visible(text)
    if limit and len(shown) > limit:
        return f'<span title="{html.escape(shown)}">{html.escape(clip(shown, limit))}</span>'
    return html.escape(shown)
