"""A report as one self-contained HTML page: inline CSS and SVG, printable, no network."""

from __future__ import annotations

from html import escape

from game.reports import svg
from game.reports.model import Report, Section
from game.reports.render_text import shown

_CSS = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#1f2328}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5em 0 1em}th,td{padding:3px 8px;
border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f6f8fa}
.note,.meta{color:#57606a;font-size:.9em}.charts{display:flex;flex-wrap:wrap;gap:1.5em}
svg{font-size:11px;fill:#1f2328}svg .ct{font-weight:600;font-size:12px}
svg .grid{stroke:#d0d7de;stroke-width:1}
@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}
"""


def _section(section: Section) -> str:
    parts = [f"<h2>{escape(section.title)}</h2>"]
    if section.note:
        parts.append(f'<p class="note">{escape(section.note)}</p>')
    if section.charts:
        parts.append('<div class="charts">' + "".join(svg.render(c) for c in section.charts)
                     + "</div>")
    if not section.rows:
        parts.append('<p class="note">nothing recorded yet</p>')
        return "\n".join(parts)
    head = "".join(f"<th>{escape(c)}</th>" for c in section.columns)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{escape(shown(v))}</td>' if isinstance(v, int | float)
            else f"<td>{escape(shown(v))}</td>" for v in row) + "</tr>"
        for row in section.rows)
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return "\n".join(parts)


def to_html(report: Report) -> str:
    filters = ", ".join(f"{k}: {v}" for k, v in report.filters.items()) or "everything"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(report.title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(report.title)}</h1>"
        f'<p class="meta">Generated {escape(report.generated)} from the score log; '
        f"showing {escape(filters)}.</p>\n"
        + "\n".join(_section(s) for s in report.sections)
        + "\n</body></html>\n")
