"""Reports as CSV (spreadsheet-friendly), JSON and plain aligned tables for the terminal.

Every text goes through ``safe`` first, the one place each format's escaping lives; the
tables are written as plain text (no markup language in between: a name is never read
as anything but text), with a few ANSI styles only on a terminal.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import unicodedata
from typing import IO

from game.reports import safe
from game.reports.model import Cell, Report, Section

PAGE = 25  # rows of a long table shown in the terminal; the rest are counted


def shown(value: Cell) -> str:
    """A cell as people read it: one decimal for fractions, blank for nothing."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def to_csv(report: Report) -> str:
    """Each section as a block: its title, the header, the rows, then a blank line.

    Numbers are written unrounded with a '.' decimal point; UTF-8 with a BOM so
    spreadsheet programs detect the encoding of Italian and Polish names.
    """
    import csv  # here: the terminal's tables (the default report) need none of it

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    tables = [s for s in report.sections if s.columns]
    for index, section in enumerate(tables):
        if len(tables) > 1:
            if index:
                writer.writerow([])
            writer.writerow([safe.csv_cell(section.title)])
        writer.writerow([safe.csv_cell(c) for c in section.columns])
        writer.writerows(["" if v is None else safe.csv_cell(v) for v in row]
                         for row in section.rows)
    return "\ufeff" + out.getvalue()


def to_json(report: Report) -> str:
    return safe.json_text(json.dumps({
        "title": report.title, "generated": report.generated, "filters": report.filters,
        "lang": report.lang,
        "sections": [{"title": s.title, "key": s.key, "columns": list(s.columns),
                      "rows": s.as_dicts(), "few": list(s.faint),
                      **({"note": s.note} if s.note else {})}
                     for s in report.sections if s.columns],
    }, ensure_ascii=False, indent=2) + "\n")


def print_table(report: Report, file: IO[str] | None = None, width: int | None = None,
                page: int | None = PAGE) -> None:
    """The report as plain aligned tables for a terminal or a text file: one line per
    row, numbers right-aligned, long cells folded within their column. Bold, dim (rows
    resting on fewer than 3 sessions) and italic only on a terminal that takes them."""
    out = file if file is not None else sys.stdout
    style = _Style(out)
    width = width or shutil.get_terminal_size((100, 24)).columns
    lines = [style.bold(safe.terminal(report.title, None))]
    for section in report.sections:
        if not section.columns:
            if section.note and not section.charts:  # a closing line: what else to ask for
                lines.append(style.italic(safe.terminal(section.note, None)))
            continue
        if section.records and section.rows:
            lines += _records(section, width, style)
            continue
        if not section.rows:
            lines.append(f"{safe.terminal(section.title)}: –")
            continue
        limit = page if section.paged and page else None
        rows = section.rows if limit is None else section.rows[:limit]
        note = safe.terminal(section.note, None) if section.note else ""
        if len(rows) < len(section.rows):
            note = (note + " " if note else "") + (
                f"[{len(rows)} of {len(section.rows)} rows; --format csv, json or html has "
                "all, or narrow with --trainee, --team, --scenario, --since]")
        lines.append("")
        lines.append(style.bold(safe.terminal(section.title, None)))
        lines += _table(section, rows, width, style)
        if note:
            lines += [style.italic(part) for part in _fold(note, width)]
    out.write("\n".join(lines) + "\n")


class _Style:
    """ANSI bold / dim / italic on a terminal (unless NO_COLOR or TERM=dumb), else none."""

    def __init__(self, out: IO[str]) -> None:
        isatty = getattr(out, "isatty", None)
        self.on = bool(isatty and isatty()) and "NO_COLOR" not in os.environ \
            and os.environ.get("TERM") != "dumb"

    def _sgr(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.on and text else text

    def bold(self, text: str) -> str:
        return self._sgr("1", text)

    def dim(self, text: str) -> str:
        return self._sgr("2", text)

    def italic(self, text: str) -> str:
        return self._sgr("3", text)


def _cells(text: str) -> int:
    """Columns a text takes in a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fold(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: at spaces where it can, else cut."""
    width = max(1, width)
    if _cells(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _cells(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while _cells(word) > width:  # a word longer than the column: cut it
            cut = width
            while _cells(word[:cut]) > width:
                cut -= 1
            lines.append(word[:max(1, cut)])
            word = word[max(1, cut):]
        line = word
    lines.append(line)
    return lines


GAP = "  "  # between columns


def _table(section: Section, rows: tuple, width: int, style: _Style) -> list[str]:
    """Header, rule and rows, each column as wide as its longest cell (its header may
    fold at spaces); when that is wider than the page the widest columns fold too."""
    texts = [[safe.terminal(shown(v), safe.CLIP if section.clip else None) for v in row]
             for row in rows]
    heads = [safe.terminal(c) for c in section.columns]
    numeric = [any(isinstance(r[i], int | float) for r in rows[:50]) and all(
        r[i] is None or isinstance(r[i], int | float) for r in rows[:50])
        for i in range(len(heads))]
    widths = [max([_cells(t[i]) for t in texts]
                  + [max(_cells(w) for w in h.split(" ")) if h else 0, 1])
              for i, h in enumerate(heads)]
    room = width - len(GAP) * (len(widths) - 1)
    while sum(widths) > room and max(widths) > 8:  # fold the widest column a bit
        widest = widths.index(max(widths))
        widths[widest] -= 1
    lines = _row(heads, widths, numeric, fold_all=True)
    lines.append(GAP.join("─" * w for w in widths).rstrip())
    faint = set(section.faint)
    for index, cells in enumerate(texts):
        for line in _row(cells, widths, numeric):
            lines.append(style.dim(line) if index in faint else line)
    return lines


def _row(cells: list[str], widths: list[int], numeric: list[bool],
         fold_all: bool = False) -> list[str]:
    """One table row as one line, or several where a cell folds (headers fold at spaces)."""
    parts = [_fold(c, w) if fold_all or _cells(c) > w else [c]
             for c, w in zip(cells, widths, strict=True)]
    height = max(len(p) for p in parts)
    lines = []
    for n in range(height):
        line = []
        for part, w, right in zip(parts, widths, numeric, strict=True):
            text = part[n] if n < len(part) else ""
            pad = " " * (w - _cells(text))
            line.append(pad + text if right else text + pad)
        lines.append(GAP.join(line).rstrip())
    return lines


def _records(section: Section, width: int, style: _Style) -> list[str]:
    """Each row as a block of ``column value`` lines (for long texts), each value folded
    under itself."""
    lines = ["", style.italic(safe.terminal(section.title, None))]
    names = [safe.terminal(c) for c in section.columns]
    pad = max(_cells(n) for n in names)
    for row in section.rows:
        for name, value in zip(names, row, strict=True):
            if value not in (None, ""):
                parts = _fold(safe.terminal(shown(value), None), max(20, width - pad - 1))
                lines.append(f"{style.bold(name)}{' ' * (pad - _cells(name))} {parts[0]}")
                lines += [" " * (pad + 1) + part for part in parts[1:]]
        lines.append("")
    return lines
