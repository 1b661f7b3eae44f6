"""A report as one self-contained HTML page: inline CSS and SVG, printable, no network.

Printed, the page keeps the summary, the charts and the short tables; the long
per-trainee tables (``Section.detail``) are on screen only, so a class of 20 fits a
few pages. Every text goes through ``safe.html_text``.
"""

from __future__ import annotations

from game.reports import safe, svg
from game.reports.model import Report, Section
from game.reports.render_text import shown

_CSS = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#1f2328}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.5em;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5em 0 1em}th,td{padding:2px 6px;
border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f6f8fa}
tr.few td{color:#8c959f}
.note,.meta{color:#57606a;font-size:.9em}.charts{display:flex;flex-wrap:wrap;gap:1em}
.charts.small{gap:.4em}
svg{font-size:11px;fill:#1f2328}svg .ct{font-weight:600;font-size:12px}
svg .grid{stroke:#d0d7de;stroke-width:1}
@media print{body{margin:0;font-size:10px}h1{font-size:15px;margin:0 0 4px}
h2{font-size:12px;margin:10px 0 4px;break-after:avoid}th,td{padding:0 4px}
.detail table,.detail .charts.small,.detail p.note,tr.more{display:none}
table,svg{break-inside:avoid}section.summary{break-after:page}
.charts{gap:.3em}}
"""


def _cell(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="n">{safe.html_text(shown(value))}</td>'
    return f"<td>{safe.html_text(shown(value), safe.CLIP)}</td>"  # type: ignore[arg-type]


def _row(faint: bool, more: bool) -> str:
    classes = " ".join(c for c, on in (("few", faint), ("more", more)) if on)
    return f'<tr class="{classes}">' if classes else "<tr>"


def _section(section: Section, nothing: str) -> str:
    css = " ".join(c for c in ("summary" if section.key == "summary" else "",
                               "detail" if section.detail else "") if c)
    parts = [f'<section class="{css}">' if css else "<section>",
             f"<h2>{safe.html_text(section.title)}</h2>"]
    if section.note:
        parts.append(f'<p class="note">{safe.html_text(section.note)}</p>')
    if section.charts:
        small = all(c.small for c in section.charts)
        parts.append(f'<div class="charts{" small" if small else ""}">'
                     + "".join(svg.render(c) for c in section.charts) + "</div>")
    if not section.columns:
        parts.append("</section>")
        return "\n".join(parts)
    if not section.rows:
        parts.append(f'<p class="note">{safe.html_text(nothing)}</p></section>')
        return "\n".join(parts)
    head = "".join(f"<th>{safe.html_text(c)}</th>" for c in section.columns)
    faint, more = set(section.faint), set(section.unprinted)
    body = "".join(_row(i in faint, i in more) + "".join(_cell(v) for v in row) + "</tr>"
                   for i, row in enumerate(section.rows))
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def to_html(report: Report) -> str:
    from game.core.i18n import Translator

    t = Translator("reports", report.lang)
    filters = ", ".join(f"{k}: {v}" for k, v in report.filters.items()) or t("everything")
    return (
        f'<!DOCTYPE html>\n<html lang="{safe.html_text(report.lang)}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><title>{safe.html_text(report.title)}</title>'
        f"<style>{_CSS}</style></head><body>"
        f"<h1>{safe.html_text(report.title)}</h1>"
        f'<p class="meta">{safe.html_text(t("generated", at=report.generated, shown=filters))}'
        "</p>\n"
        + "\n".join(_section(s, t("nothing")) for s in report.sections)
        + "\n</body></html>\n")
