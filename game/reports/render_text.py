"""Reports as CSV (spreadsheet-friendly), JSON and rich tables for the terminal."""

from __future__ import annotations

import csv
import io
import json
from typing import IO

from game.reports.model import Cell, Report


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
    for index, section in enumerate(report.sections):
        if len(report.sections) > 1:
            if index:
                writer.writerow([])
            writer.writerow([section.title])
        writer.writerow(section.columns)
        writer.writerows(["" if v is None else v for v in row] for row in section.rows)
    return "\ufeff" + out.getvalue()


def to_json(report: Report) -> str:
    return json.dumps({
        "title": report.title, "generated": report.generated, "filters": report.filters,
        "sections": [{"title": s.title, "columns": list(s.columns), "rows": s.as_dicts(),
                      **({"note": s.note} if s.note else {})} for s in report.sections],
    }, ensure_ascii=False, indent=2) + "\n"


def print_table(report: Report, file: IO[str] | None = None, width: int | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file, width=width, highlight=False)
    console.print(f"[bold]{report.title}[/bold]")
    for section in report.sections:
        if section.records and section.rows:
            _print_records(console, section)
            continue
        table = Table(title=section.title, title_justify="left", caption=section.note or None,
                      caption_justify="left", show_lines=False)
        for column in section.columns:
            values = [r[section.columns.index(column)] for r in section.rows[:50]]
            numeric = any(isinstance(v, int | float) for v in values) and all(
                v is None or isinstance(v, int | float) for v in values)
            table.add_column(column, justify="right" if numeric else "left",
                             overflow="fold")
        for row in section.rows:
            table.add_row(*(shown(v) for v in row))
        if not section.rows:
            console.print(f"{section.title}: nothing recorded yet")
            continue
        console.print(table)


def _print_records(console: object, section: object) -> None:
    """Each row as a titled block of ``column: value`` lines (for long texts)."""
    from rich.table import Table

    console.print(f"[italic]{section.title}[/italic]")  # type: ignore[attr-defined]
    for row in section.rows:  # type: ignore[attr-defined]
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for column, value in zip(section.columns, row, strict=True):  # type: ignore
            if value not in (None, ""):
                grid.add_row(column, shown(value))
        console.print(grid)  # type: ignore[attr-defined]
        console.print()  # type: ignore[attr-defined]
