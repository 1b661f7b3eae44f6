"""Inline SVG charts (no scripts, no network): bars for averages, lines for trends.

Bars are coloured against their own pass mark (``Series.marks``) when given; figures
from fewer than 3 sessions are drawn pale. Small multiples (``Chart.small``) are
compact: one per trainee, every trainee.
"""

from __future__ import annotations

from game.reports.model import Chart
from game.reports.safe import clip, html_text

COLOURS = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7ea4",
           "#57606a")
GREEN, AMBER, RED = "#1a7f37", "#9a6700", "#d1242f"
NEAR = 15.0  # points below the pass mark still drawn amber


def render(chart: Chart) -> str:
    return _bars(chart) if chart.kind == "bars" else _lines(chart)


def _colour(value: float, mark: float | None) -> str:
    if mark is None:
        return COLOURS[0]
    return GREEN if value >= mark else AMBER if value >= mark - NEAR else RED


def _bars(chart: Chart) -> str:
    series = chart.series[0] if chart.series else None
    points = series.points if series else ()
    row_h, label_w, bar_w = (13, 150, 110) if chart.small else (18, 220, 300)
    height = row_h * len(points) + 24
    width = label_w + bar_w + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}"'
             f' height="{height}" viewBox="0 0 {width} {height}">',
             f"<title>{html_text(chart.title)}</title>",
             f'<text x="0" y="12" class="ct">{html_text(clip(chart.title, 40))}</text>']
    for i, (label, value) in enumerate(points):
        y = 18 + i * row_h
        w = max(0.0, min(1.0, value / chart.y_max)) * bar_w
        mark = series.marks[i] if series and i < len(series.marks) else None
        faint = bool(series and i < len(series.faint) and series.faint[i])
        opacity = ' fill-opacity="0.35"' if faint else ""
        parts += [f'<text x="{label_w - 4}" y="{y + row_h - 3}" text-anchor="end">'
                  f'{html_text(clip(label, 30 if chart.small else 40))}</text>',
                  f'<rect x="{label_w}" y="{y + 1}" width="{w:.1f}" height="{row_h - 3}" '
                  f'fill="{_colour(value, mark)}"{opacity}/>',
                  f'<text x="{label_w + w + 3:.1f}" y="{y + row_h - 3}">{value:.0f}</text>']
    parts.append("</svg>")
    return "".join(parts)


def _lines(chart: Chart) -> str:
    if chart.small:
        width, height, left, top, bottom, legend = 176, 92, 22, 16, 10, 0
    else:
        width, height, left, top, bottom, legend = 540, 220, 40, 24, 40, 150
    plot_w, plot_h = width - left - legend - 6, height - top - bottom
    labels: list[str] = []
    for series in chart.series:
        for label, _ in series.points:
            if label not in labels:
                labels.append(label)
    step = plot_w / max(1, len(labels) - 1)
    x_of = {label: left + i * step for i, label in enumerate(labels)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}">',
             f"<title>{html_text(chart.title)}</title>",
             f'<text x="0" y="11" class="ct">'
             f"{html_text(clip(chart.title, 28 if chart.small else 70))}</text>"]
    for tick in ((0, 50, 100) if chart.small else (0, 25, 50, 75, 100)):
        y = top + plot_h * (1 - tick / chart.y_max)
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'class="grid"/><text x="{left - 3}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{tick}</text>')
    if not chart.small:
        every = max(1, -(-len(labels) // 5))  # at most 5 labels: dates must not overlap
        for i, label in enumerate(labels):
            if i % every == 0:
                parts.append(f'<text x="{x_of[label]:.1f}" y="{height - bottom + 16}" '
                             f'text-anchor="middle">{html_text(label)}</text>')
    for n, series in enumerate(chart.series):
        colour = COLOURS[n % len(COLOURS)]
        xy = [(x_of[label], top + plot_h * (1 - v / chart.y_max), label, v)
              for label, v in series.points]
        if len(xy) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in xy)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" '
                         f'points="{coords}"/>')
        # A marker on every point, so a trainee with one session still shows on the chart.
        radius = 2 if chart.small else 3.5
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}"><title>'
                  f'{html_text(series.name)}, {html_text(label)}: {v:.1f}</title></circle>'
                  for x, y, label, v in xy]
        if legend:
            parts.append(f'<rect x="{left + plot_w + 12}" y="{top + n * 18}" width="10" '
                         f'height="10" fill="{colour}"/><text x="{left + plot_w + 26}" '
                         f'y="{top + n * 18 + 9}">{html_text(clip(series.name, 20))}</text>')
    parts.append("</svg>")
    return "".join(parts)
