"""What a report is, independent of how it is shown: titled tables plus optional charts.

Views (``views_*.py``) build :class:`Report` objects from SQL; renderers (``render_*.py``)
turn any report into a rich table, CSV, JSON or a self-contained HTML page. Cells hold
raw values (numbers unrounded) so CSV and JSON carry exactly what the log says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    points: tuple[tuple[str, float], ...]  # (label on the x axis, value)
    marks: tuple[float, ...] = ()  # bars: each bar's own pass mark (colour), if any
    faint: tuple[bool, ...] = ()  # bars: figures from fewer than 3 sessions


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart drawn in HTML: ``bars`` (one series, values 0-100) or ``lines``."""

    kind: Literal["bars", "lines"]
    title: str
    series: tuple[Series, ...]
    y_max: float = 100.0
    small: bool = False  # one of many small multiples (every trainee, none left out)


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    charts: tuple[Chart, ...] = ()
    note: str = ""
    records: bool = False  # in a terminal, one block per row (long texts) instead of a table
    faint: tuple[int, ...] = ()  # rows whose figures rest on fewer than 3 sessions (greyed)
    paged: bool = True  # in a terminal, long tables show their first rows and say how many
    clip: bool = True  # in a terminal and HTML, long texts shortened (CSV/JSON keep them)
    detail: bool = False  # table and small charts left out of the printed page
    unprinted: tuple[int, ...] = ()  # rows left out of the printed page (on screen only)
    key: str = ""  # a stable id for the section (JSON), whatever the language

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    sections: tuple[Section, ...]
    filters: dict[str, str] = field(default_factory=dict)
    generated: str = ""
    lang: str = "en"
