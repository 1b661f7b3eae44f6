"""Reports as CSV (spreadsheet-friendly), JSON and rich tables for the terminal.

Every text reaches rich as a ``Text`` (never markup) and goes through ``safe`` first,
the one place each format's escaping lives.
"""

from __future__ import annotations

import csv
import io
import json
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


def _text(value: Cell, style: str = "", clip: bool = True) -> object:
    from rich.text import Text

    return Text(safe.terminal(shown(value), safe.CLIP if clip else None), style=style)


def print_table(report: Report, file: IO[str] | None = None, width: int | None = None,
                page: int | None = PAGE) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=file, width=width, highlight=False, markup=False, emoji=False)
    console.print(Text(safe.terminal(report.title, None), style="bold"))
    for section in report.sections:
        if not section.columns:
            if section.note and not section.charts:  # a closing line: what else to ask for
                console.print(Text(safe.terminal(section.note, None), style="italic"))
            continue
        if section.records and section.rows:
            _print_records(console, section)
            continue
        if not section.rows:
            console.print(Text(f"{safe.terminal(section.title)}: –"))
            continue
        limit = page if section.paged and page else None
        rows = section.rows if limit is None else section.rows[:limit]
        note = safe.terminal(section.note, None) if section.note else ""
        if len(rows) < len(section.rows):
            note = (note + " " if note else "") + (
                f"[{len(rows)} of {len(section.rows)} rows; --format csv, json or html has "
                "all, or narrow with --trainee, --team, --scenario, --since]")
        table = Table(title=Text(safe.terminal(section.title, None)), title_justify="left",
                      caption=Text(note) if note else None, caption_justify="left")
        for i, column in enumerate(section.columns):
            values = [r[i] for r in rows[:50]]
            numeric = any(isinstance(v, int | float) for v in values) and all(
                v is None or isinstance(v, int | float) for v in values)
            table.add_column(Text(safe.terminal(column)), justify="right" if numeric
                             else "left", overflow="fold")
        faint = set(section.faint)
        for index, row in enumerate(rows):
            style = "dim" if index in faint else ""
            table.add_row(*(_text(v, style, section.clip) for v in row))
        console.print(table)


def _print_records(console: object, section: Section) -> None:
    """Each row as a titled block of ``column: value`` lines (for long texts)."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(safe.terminal(section.title, None), style="italic"))  # type: ignore
    for row in section.rows:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for column, value in zip(section.columns, row, strict=True):
            if value not in (None, ""):
                grid.add_row(Text(column), Text(safe.terminal(shown(value), None)))
        console.print(grid)  # type: ignore[attr-defined]
        console.print()  # type: ignore[attr-defined]
